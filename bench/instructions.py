#!/usr/bin/env python3
"""CPU instructions per join (GET the blank form, POST it), counted by valgrind's callgrind.

Requests per second on a shared 2-core machine swing by a fifth between runs; the number of
instructions a join executes is the same from run to run, whatever else the machine does. So
this is the measure to compare two versions of the code by. It runs ``bench/inprocess.py
joins N`` under callgrind twice, with few and with more joins, on a fresh seeded SQLite
database with the benchmark's production settings, and divides the difference (start-up and
warm-up cancel out). A process under callgrind runs about 40x slower: allow a few minutes.

    python bench/instructions.py [--joins 50]      (make bench-instructions)
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from harness import ROOT, base_env, prepare_template, sqlite_copy  # noqa: E402

BASELINE_JOINS = 10


def instructions(valgrind, env, joins):
    result = subprocess.run(  # noqa: S603 - valgrind on our own script, fixed arguments
        [
            valgrind,
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            str(BENCH / "inprocess.py"),
            "joins",
            str(joins),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or match is None:
        raise SystemExit(f"bench: callgrind run failed:\n{result.stderr[-3000:]}")
    return int(match.group(1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--joins", type=int, default=50, help="joins counted (50)")
    args = parser.parse_args(argv)
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("bench: valgrind is not installed: `apt-get install valgrind`")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    try:
        with (tmp / "setup.log").open("w") as log:
            template = prepare_template(tmp, log)
        counts = []
        for joins in (BASELINE_JOINS, BASELINE_JOINS + args.joins):
            var = tmp / f"joins-{joins}"
            counts.append(instructions(valgrind, base_env(var, sqlite_copy(template, var)), joins))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_join = (counts[1] - counts[0]) / args.joins
    print(
        f"{per_join / 1e6:.2f} million instructions per join (GET the form + POST it, "
        f"in-process, SQLite; {args.joins} joins, Python {sys.version.split()[0]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
