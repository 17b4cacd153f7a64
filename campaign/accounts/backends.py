"""The authentication backend: Django's, minus the well-known passwords outside development."""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .passwords import WELL_KNOWN_PASSWORDS

logger = logging.getLogger(__name__)


class WellKnownPasswordRefusingBackend(ModelBackend):
    """With DEBUG off, a well-known password logs no one in, even where it is the account's
    own: a development account that reached a server opens nothing there.

    The person sees the usual wrong-password message (anything more would tell a guesser they
    were right); the log names the account so an operator can give it a real password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or settings.DEBUG or password not in WELL_KNOWN_PASSWORDS:
            return user
        logger.warning(
            "refused a login to %r with a well-known password: give the account a real one "
            "(manage.py changepassword)",
            user.get_username(),
        )
        return None
