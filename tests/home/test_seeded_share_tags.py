"""Every page the seed builds describes itself, from its own text, to search engines and
share cards."""

import pytest

from .page_outline import outline

pytestmark = pytest.mark.usefixtures("seeded_module")


@pytest.mark.parametrize(
    "path",
    ["/", "/take-action/", "/join/", "/join/change/", "/about/", "/privacy/", "/es/", "/es/join/"],
)
def test_every_seeded_public_page_has_a_description_from_its_own_text(client, seeded_site, path):
    meta = outline(client.get(path)).meta

    assert 40 <= len(meta["description"]) <= 160, meta["description"]
    assert meta["og:description"]
    assert "<" not in meta["description"]


def test_seeded_statement_description_is_its_opening_words(client, seeded_site):
    description = outline(client.get("/")).meta["description"]

    assert description.startswith("Our organizations stand behind the hundreds of state")
    assert description.endswith("…")
