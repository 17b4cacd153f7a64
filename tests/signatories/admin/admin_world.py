"""One of everything an admin URL acts on, for the admin's tests."""

from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from ...factories import JoinRequestFactory, SignatoryFactory


def build_world(site_pages):
    """One of everything an admin URL acts on: signatories (one with two revisions, one a draft),
    a pending join request, the pages (the statement with two revisions) and a queued task."""
    casa = SignatoryFactory(name="Casa Latina", state="WA", city="Seattle")
    first = casa.save_revision()
    casa.note = "for identification purposes only"
    second = casa.save_revision()
    second.publish()
    statement = Page.objects.get(pk=site_pages["statement"].pk).specific
    page_first = statement.save_revision()
    statement.title = "Our statement, reworded"
    page_second = statement.save_revision()
    page_second.publish()
    task = DBTaskResult.objects.create(
        task_path="signatories.joining.email_tasks.send_acknowledgment",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
    )
    return {
        **site_pages,
        "statement": statement,
        "casa": casa,
        "casa_revisions": [first, second],
        "praxis": SignatoryFactory(name="The Praxis Project", national=True),
        "draft": SignatoryFactory(name="Draft Alliance", state="TX", live=False),
        "request": JoinRequestFactory(name="Faith Action Network", state="WA"),
        "page_revisions": [page_first, page_second],
        "task": task,
    }
