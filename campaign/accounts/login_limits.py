"""How many failed admin logins django-axes allows, and a ceiling for all clients together.

Axes counts failures per client address and account name together (AXES_LOCKOUT_PARAMETERS),
so a guesser elsewhere cannot lock the editor out of their own account. That alone would let
someone with many addresses guess on and on; so every failure, whoever sends it, is also
counted here, and once LOGIN_GLOBAL_FAILURE_LIMIT of them fall in its window, every admin login
is refused for one window. Both counts live in the default cache, shared by every process when
it is Redis.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from campaign.rate_limits import hit

logger = logging.getLogger(__name__)

SCOPE = "admin-login-failures"
CLOSED_KEY = "accounts:admin-logins-closed"


def failure_limit(request, credentials=None):
    """Axes' failure limit (AXES_FAILURE_LIMIT): LOGIN_FAILURE_LIMIT, or none left at all
    while the ceiling is reached."""
    return 0 if logins_closed() else settings.LOGIN_FAILURE_LIMIT


def logins_closed():
    try:
        return bool(cache.get(CLOSED_KEY))
    except Exception:
        logger.warning("login ceiling cache unavailable; logins stay open", exc_info=True)
        return False


def count_failure(sender, credentials=None, request=None, **kwargs):
    """Receiver of Django's user_login_failed: one more failure of all clients together."""
    ceiling, window = settings.LOGIN_GLOBAL_FAILURE_LIMIT
    # hit() refuses the first event past its count, so the ceiling-th failure closes logins.
    if hit(SCOPE, "all", (ceiling - 1, window)):
        return
    if cache.add(CLOSED_KEY, True, timeout=window):
        logger.warning(
            "%d failed admin logins within %d s (LOGIN_GLOBAL_FAILURE_LIMIT): admin logins "
            "refused for everyone for the next %d s",
            ceiling,
            window,
            window,
        )
