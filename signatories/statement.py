"""The statement the list belongs to, found through a Wagtail hook.

The statement page is the home app's, and home builds its pages from this app's blocks, so this
app cannot import it. home registers its page model under ``STATEMENT_PAGE_HOOK`` instead.
"""

from wagtail import hooks

STATEMENT_PAGE_HOOK = "signatories_statement_page_model"


def statement_page_model():
    """The page model of the statement that shows the list."""
    registered = hooks.get_hooks(STATEMENT_PAGE_HOOK)
    if not registered:
        raise LookupError(f"No page model is registered under the {STATEMENT_PAGE_HOOK!r} hook.")
    return registered[-1]()


def live_statements():
    """The published statement pages, in every language, as a queryset."""
    return statement_page_model().objects.live()


def live_statement():
    """The published statement in its first language, or None."""
    return live_statements().first()
