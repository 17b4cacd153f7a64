"""The seeded statement shows the map of who signed between the statement and the list, in
every language, once however often the seed runs."""

import pytest

from home.models import StatementPage
from home.seed import build_page_tree
from signatories.seed import read_seed

pytestmark = pytest.mark.usefixtures("seeded_module")


def block_types(page):
    return [block.block_type for block in page.body]


def test_the_seeded_statement_has_the_map_between_its_text_and_the_list(seeded_site):
    statements = StatementPage.objects.all()
    assert {s.locale.language_code for s in statements} == {"en", "es"}
    paragraphs = len(read_seed().paragraphs)
    for statement in statements:
        assert block_types(statement) == ["paragraph"] * paragraphs + [
            "state_map",
            "signatory_list",
        ], statement.locale


def test_a_second_seed_adds_no_second_map(seeded_site):
    build_page_tree(read_seed().paragraphs)
    for statement in StatementPage.objects.all():
        assert block_types(statement).count("state_map") == 1


def test_the_map_is_on_the_seeded_page_with_numbers_and_links_to_the_list(client, seeded_site):
    content = client.get("/").content.decode()
    map_at, list_at = content.index('class="state-map"'), content.index('id="signatories"')
    assert content.index("<main") < map_at < list_at
