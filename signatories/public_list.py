"""The published list as the public sees it, built once per cache generation and shared by
what shows it on a page (the list block, the count beside the title): a page whose caches
are empty reads the list from the database once, and nothing private is even loaded."""

from typing import NamedTuple

from campaign.caching import cached

from .models import Signatory


class PublicSignatory(NamedTuple):
    """One listed organization: only what the public list shows."""

    name: str
    level: str
    state: str
    note: str
    website: str
    group_rank: int
    sort_key: str


def published_signatories():
    """Every published signatory in display order, as ``PublicSignatory`` rows."""
    return cached(
        "published-signatories",
        lambda: tuple(
            PublicSignatory(*row)
            for row in Signatory.objects.published().values_list(*PublicSignatory._fields)
        ),
    )


def published_count():
    # Kept on its own, so a page whose list is cached reads one number, not the whole list.
    return cached("published-count", lambda: len(published_signatories()))
