"""Site-wide HTTP behaviour that no single app owns."""

import functools

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp's decorators set on a response to change or drop its policy.
RESPONSE_POLICY_ATTRIBUTES = tuple(
    f"_csp_{name}{suffix}"
    for name in ("exempt", "config", "update", "replace")
    for suffix in ("", "_ro")
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with Wagtail's admin under its own policy.

    The public site's policy allows no inline script; the admin's editor relies on inline
    scripts and styles, so loosening the one policy for it would loosen every public page.

    django-csp builds the header afresh for every response, a quarter of what a stored page
    or a static file costs; without a nonce or a view's own changes it is the same string each
    time, so that case is built once.
    """

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY)
        return super().get_policy_parts(request, response, report_only=report_only)

    def process_response(self, request, response):
        if not sends_site_policy(request, response):
            return super().process_response(request, response)
        response[HEADER] = site_policy()
        # As django-csp does: a nonce asked for from now on would not be in the header.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def sends_site_policy(request, response):
    """True when django-csp would send exactly the site's policy, unchanged."""
    if HEADER in response or settings.DEBUG:
        return False
    if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
        return False
    if settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES"):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # this response's own nonce goes into its header
    if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
        return False
    return not any(hasattr(response, name) for name in RESPONSE_POLICY_ATTRIBUTES)


@functools.cache
def site_policy():
    return build_policy()


@receiver(setting_changed)
def _forget_site_policy(setting, **kwargs):
    if setting == "CONTENT_SECURITY_POLICY":
        site_policy.cache_clear()
