"""What a request may send, checked before anything reads its body.

Forms come in UTF-8, as every browser sends them; a body stays within a limit
(``ADMIN_REQUEST_MAX_BYTES`` under the admin, where editors upload, ``PUBLIC_REQUEST_MAX_BYTES``
elsewhere); and only a signed-in editor in the admin sends files. Anything else is refused
with a 4xx before Django reads it, so no form reads, or spools to disk, a file it has no use
for.
"""

import logging

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse

logger = logging.getLogger(__name__)

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def in_admin(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


def editor_in_admin(request):
    """A signed-in user on an admin page: the only sender of files."""
    user = getattr(request, "user", None)
    return in_admin(request) and bool(user and user.is_authenticated)


def body_limit(request):
    # The admin's limit whoever sends it: a page saved after the editor's session expired
    # still reaches Wagtail's login redirect. Without a session, a file is refused anyway
    # (below) and form fields stop at DATA_UPLOAD_MAX_MEMORY_SIZE.
    if in_admin(request):
        return settings.ADMIN_REQUEST_MAX_BYTES
    return settings.PUBLIC_REQUEST_MAX_BYTES


def declared_length(request):
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # Django reads such a body as empty, as it does here.


def refusal(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    """Refuses a form in another charset (400) and a body over its limit (413).

    Early in MIDDLEWARE, after the security headers: before sessions, and before any view or
    CSRF check reads the body. Django parses a form in the charset its Content-Type names: a
    codec that is not text (``rot13``) or not reversible (``idna``) raises, and for a
    urlencoded form in anything but ``utf-8`` Django's own refusal fails again while its 400
    page checks CSRF on the same body, so each of those was a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # ``request.encoding`` is the charset the Content-Type names, when Python knows it.
        if request.content_type in FORM_TYPES and request.encoding is not None:
            if request.encoding.lower() != "utf-8":
                logger.warning(
                    "refused a %s form to %s in %r", request.method, request.path, request.encoding
                )
                return refusal(400, "Forms must be sent in UTF-8.\n")
        length, limit = declared_length(request), body_limit(request)
        if length > limit:
            logger.warning(
                "refused a %s of %d bytes to %s (limit %d)",
                request.method,
                length,
                request.path,
                limit,
            )
            return refusal(413, f"The request is too large: at most {limit} bytes here.\n")
        return self.get_response(request)


class FilesNotAccepted(TooManyFilesSent):
    """A file sent where none is accepted: for this request, one is too many."""


class EditorsOnlyUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: a file part from anyone but a signed-in editor in the
    admin stops the parse at its headers, before any of its content is read.

    Raising Django's "too many files" error makes Django answer 400 and mark the body as
    unreadable, so nothing parses it again."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        if not editor_in_admin(self.request):
            logger.warning("refused a file sent to %s", self.request.path)
            raise FilesNotAccepted(f"{self.request.path} accepts no files.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # an editor's file: the next handler stores it

    def file_complete(self, file_size):
        return None
