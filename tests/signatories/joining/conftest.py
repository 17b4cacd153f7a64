"""Fixtures shared by the modules of tests/signatories/joining."""

import pytest

from signatories.models import JoinRequest

from ...factories import SignatoryFactory, UserFactory
from ...helpers import form_data
from .join_form_page import JOIN_URL
from .mail_helpers import RecordingSMTPHandler, closed_port


@pytest.fixture
def submit(client, site_pages, django_capture_on_commit_callbacks):
    def submit(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/join/", form_data(**changes))
        assert response.status_code == 302
        return JoinRequest.objects.latest("pk")

    return submit


@pytest.fixture
def smtp_server(request):
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread) for the duration of a test;
    ``@pytest.mark.parametrize("smtp_server", [True], indirect=True)`` refuses the first
    message."""
    from aiosmtpd.controller import Controller

    handler = RecordingSMTPHandler(refuse_first=getattr(request, "param", False))
    controller = Controller(handler, hostname="127.0.0.1", port=closed_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


@pytest.fixture
def join_page(site_pages):
    """The join page of the minimal site (``site_pages``)."""
    return site_pages["join"]


@pytest.fixture
def send(client, join_page, django_capture_on_commit_callbacks):
    """POST to the join form, running on-commit callbacks (the emails) as a commit would.

    Modules about another form (the change form) define a ``send`` of their own."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(JOIN_URL, data, **extra)

    return post


@pytest.fixture
def casa(site_pages):
    """A published signatory, Casa Latina (Seattle, WA), for change requests to name."""
    return SignatoryFactory(name="Casa Latina", state="WA", city="Seattle")


@pytest.fixture
def moderator(db):
    """A member of Signatory editors."""
    return UserFactory(groups=["Signatory editors"])
