"""The generation file of one box: every process reads the latest generation written, and two
processes starting at once agree on one."""

import threading

from campaign.caching import generation_file


def test_a_missing_file_reads_as_no_generation(tmp_path):
    assert generation_file.read(tmp_path / "generation") is None


def test_a_replaced_generation_is_read_at_once(tmp_path):
    path = tmp_path / "cache" / "generation"
    generation_file.replace(path, "first")
    assert generation_file.read(path) == "first"
    generation_file.replace(path, "second")
    assert generation_file.read(path) == "second"
    # No draft is left behind beside it.
    assert [child.name for child in path.parent.iterdir()] == ["generation"]


def test_creating_keeps_a_generation_that_exists(tmp_path):
    path = tmp_path / "generation"
    assert generation_file.create(path, "first") == "first"
    assert generation_file.create(path, "second") == "first"
    assert generation_file.read(path) == "first"


def test_threads_creating_at_once_agree_on_one_generation(tmp_path):
    path = tmp_path / "generation"
    start = threading.Barrier(8)
    seen = []

    def create(number):
        start.wait()
        seen.append(generation_file.create(path, f"generation-{number}"))

    threads = [threading.Thread(target=create, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert len(set(seen)) == 1
    assert seen[0] == generation_file.read(path)


def test_a_reader_never_sees_a_torn_write(tmp_path):
    path = tmp_path / "generation"
    generation_file.replace(path, "a" * 16)
    values = ["a" * 16, "b" * 16]
    stop = threading.Event()
    torn = []

    def write():
        number = 0
        while not stop.is_set():
            number += 1
            generation_file.replace(path, values[number % 2])

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for _ in range(2000):
            value = generation_file.read(path)
            if value not in values:
                torn.append(value)
    finally:
        stop.set()
        writer.join()
    assert torn == []
