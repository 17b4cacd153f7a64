"""Site-wide HTTP behaviour that no single app owns."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with Wagtail's admin under its own policy.

    The public site's policy allows no inline script; the admin's editor relies on inline
    scripts and styles, so loosening the one policy for it would loosen every public page.
    Wagtail's admin views come from Wagtail's own URLs, so no decorator of ours reaches them;
    ``get_policy_parts`` is the extension point django-csp documents for choosing a policy
    per request.
    """

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY)
        return super().get_policy_parts(request, response, report_only=report_only)
