"""The public join and change forms: their limits, the emails they cause, and how long a
request keeps its contact details (signatories/joining/)."""

from .environment import env_int, env_list, env_rate

JOIN_NOTIFY_EMAILS = env_list("JOIN_NOTIFY_EMAILS")
JOIN_MIN_SECONDS = env_int("JOIN_MIN_SECONDS", 3)
# A form left open longer than this is re-armed with a fresh token, not rejected. Each token
# sends one request, and the used ones are remembered this long.
JOIN_FORM_MAX_AGE = env_int("JOIN_FORM_MAX_AGE", 2 * 60 * 60)
JOIN_RATE_LIMIT = env_rate("JOIN_RATE_LIMIT", "5/600")
# All clients together, per form: a ceiling sized to what editors can review (120 requests an
# hour; docs/security.md), whatever addresses a flood comes from.
JOIN_GLOBAL_RATE_LIMIT = env_rate("JOIN_GLOBAL_RATE_LIMIT", "20/600")
# Acknowledgments to one address, and to all addresses at one domain, per window. Past either
# the request is stored and flagged for the editors but not acknowledged, so the forms cannot
# be used to mail a stranger, or one organization, more than this.
JOIN_ACK_ADDRESS_LIMIT = env_rate("JOIN_ACK_ADDRESS_LIMIT", "3/86400")
JOIN_ACK_DOMAIN_LIMIT = env_rate("JOIN_ACK_DOMAIN_LIMIT", "30/3600")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Days a decided request keeps its contact details (manage.py purge_contact_details).
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 180)
# How long the emailed confirmation link works.
JOIN_CONFIRM_MAX_AGE = env_int("JOIN_CONFIRM_MAX_AGE", 7 * 24 * 60 * 60)
# Email tasks: attempts in all, and the first retry delay (doubling after each failure).
EMAIL_TASK_ATTEMPTS = env_int("EMAIL_TASK_ATTEMPTS", 5)
EMAIL_RETRY_SECONDS = env_int("EMAIL_RETRY_SECONDS", 60)
# One email sweep per this many seconds sends every request stored meanwhile: a spike of
# joins writes one task row per window, not one per join (signatories/joining/email_tasks.py).
EMAIL_SWEEP_SECONDS = env_int("EMAIL_SWEEP_SECONDS", 5)
# Editors get one digest of the new requests per this many seconds at most.
EMAIL_DIGEST_SECONDS = env_int("EMAIL_DIGEST_SECONDS", 300)
# How long a sweep's claim on an email lasts: if its worker dies mid-send, the next sweep after
# that sends the email. Longer than one email can take (EMAIL_TIMEOUT, twice).
EMAIL_CLAIM_SECONDS = env_int("EMAIL_CLAIM_SECONDS", 300)
