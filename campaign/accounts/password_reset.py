"""Admin password reset: throttled per address and per client, sent by the task worker.

Wagtail's reset view saves the form named by WAGTAILADMIN_USER_PASSWORD_RESET_FORM. This one
does the same work whether or not the address belongs to an account: it counts the request
against the address's and the client's limits and queues one task with the address. The task
looks for the account and sends the link with Wagtail's own form and templates, so the request
neither waits for the mail server nor takes longer for a real account, and the page after it
says the same thing either way.
"""

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

from campaign.rate_limits import client_ip, hit

logger = logging.getLogger(__name__)


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, request=None, **kwargs):
        """Queue the reset email (Django's save() would look the address up and send it
        here). Wagtail's templates come from the view; the link's address is
        WAGTAILADMIN_BASE_URL, never the request's Host header."""
        email = self.cleaned_data["email"]
        # Both are counted, always: the work must not depend on which limit is reached.
        address_allowed = hit("password-reset", _address_key(email), _limit("RATE"))
        client_allowed = hit("password-reset-client", client_ip(request), _limit("CLIENT_RATE"))
        if not (address_allowed and client_allowed):
            which = "address" if not address_allowed else "client"
            logger.info("password reset not sent: the %s asked too often", which)
            return
        send_password_reset.enqueue(
            email,
            subject_template_name=kwargs["subject_template_name"],
            email_template_name=kwargs["email_template_name"],
            language=translation.get_language(),
        )


def _address_key(email):
    # Hashed: the cache holds no addresses, and every spelling of one address counts as one.
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]


def _limit(name):
    return getattr(settings, f"PASSWORD_RESET_{name}_LIMIT")


@task()
def send_password_reset(email, subject_template_name, email_template_name, language):
    """Send the reset link to the active accounts with this address, if there are any."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        logger.warning("password reset task got an address it cannot use")
        return
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    with translation.override(language or settings.LANGUAGE_CODE):
        # Django's own save(): it sends to each active account with a usable password, and
        # logs an email that fails (the person can ask again).
        form.save(
            domain_override=base_url.netloc,
            use_https=base_url.scheme == "https",
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
        )
