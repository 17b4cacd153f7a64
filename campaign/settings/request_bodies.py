"""How large a request body may be, and who may send files (campaign/request_limits.py).

docs/deploy.md gives the proxy in front the same limits.
"""

from .environment import env_int

# Django's limit on a request's form fields, files aside, and the size above which an
# editor's upload is kept in a temporary file rather than in memory: Django's defaults.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# A public form sends a few KB: 64 KB is room for every field at its longest in any script.
PUBLIC_REQUEST_MAX_BYTES = env_int("PUBLIC_REQUEST_MAX_BYTES", 64 * 1024)
# Under /admin/, where signed-in editors upload: the largest upload base.py allows (10 MB)
# besides the page editor's fields.
ADMIN_REQUEST_MAX_BYTES = env_int(
    "ADMIN_REQUEST_MAX_BYTES", 10 * 1024 * 1024 + DATA_UPLOAD_MAX_MEMORY_SIZE
)
# Only a signed-in editor in the admin sends files; anyone else's file part ends the parse
# before its content is read (a 400), instead of being spooled to disk.
FILE_UPLOAD_HANDLERS = [
    "campaign.request_limits.EditorsOnlyUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
