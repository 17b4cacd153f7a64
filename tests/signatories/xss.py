"""The corpus of hostile text, and the checks that it stays text wherever it is shown.

Names, notes, cities, websites and request details come from the public or from imported
files. Wherever they are shown again they must stay text: escaped in HTML, exact in JSON,
not a formula in CSV, and never a header line in an email.
"""

from django.utils.html import escape

from ..factories import JoinRequestFactory, SignatoryFactory

# (id, text): each goes into a name, a note, a city, request details and contact name.
CORPUS = [
    ("script", '<script>alert("xss")</script> Org'),
    ("attr-double", '"><img src=x onerror=alert(1)> Org'),
    ("attr-single", "'><svg onload=alert(1)> Org"),
    ("textarea", "</textarea><script>alert(1)</script> Org"),
    ("js-url", "javascript:alert(1) Org"),
    ("django-template", "{{ 7*7 }} {% debug %} Org"),
    ("bidi", "Evil \u202egnp.exe\u202c Org"),
    ("csv-formula", "=cmd|'/c calc'!A0 Org"),
    ("csv-plus", '+HYPERLINK("http://evil.example","Click") Org'),
    ("csv-at", "@SUM(1+1)*cmd|' /C calc'!A0 Org"),
    ("header-crlf", "Evil Org\r\nBcc: victim@example.org"),
    ("entity", "&lt;b&gt;Pre-escaped&lt;/b&gt; Org"),
]
PAYLOADS = [text for _, text in CORPUS]
IDS = [name for name, _ in CORPUS]

# Valid http(s) URLs (Django's URLValidator accepts them) that try to break out of href="".
HOSTILE_WEBSITES = [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/'onmouseover='alert(1)",
    "https://example.org/?q=<img/src=x/onerror=alert(1)>",
]

# Fragments that would be live markup or script if any payload escaped its context.
LIVE_FRAGMENTS = [
    "<script>alert",
    "<img src=x",
    "<img/src",
    "<svg onload",
    "</textarea><script",
    'href="javascript:',
    "href='javascript:",
    "onmouseover='alert",
]
HTML_SPECIAL = set("<>\"'&")
STATES = ["AL", "AK", "AZ", "AR", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA"]


def assert_inert(html, payload, surface):
    """``payload`` is shown, if at all, only as escaped text."""
    if HTML_SPECIAL & set(payload):
        assert payload not in html, f"{surface}: raw {payload!r}"
    for fragment in LIVE_FRAGMENTS:
        assert fragment not in html, f"{surface}: live {fragment!r} (payload {payload!r})"
    # Django renders a template once: template syntax in data is never evaluated.
    assert "sql_queries" not in html, surface


def assert_shown_escaped(html, payload, surface):
    """The payload is on the page, as escaped text (so the surface really renders it)."""
    assert escape(payload) in html, f"{surface}: {payload!r} not shown as escaped text"


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def build_hostile():
    """Published signatories, one per payload (name, note and city hostile), and requests."""
    signatories = []
    for index, payload in enumerate(PAYLOADS):
        website = HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)]
        signatory = SignatoryFactory.build(
            name=payload,
            state=STATES[index],
            note=payload,
            city=payload,
            website=website,
            live=True,
        )
        # Everything stored here is what the model accepts, websites included.
        signatory.full_clean()
        signatory.save()
        signatory.save_revision().publish()
        signatories.append(signatory)
    requests = []
    for index, payload in enumerate(PAYLOADS):
        join_request = JoinRequestFactory(
            name=payload,
            state=STATES[index],
            city=payload,
            website=HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)],
            contact_name=payload,
            contact_email=f"contact{index}@example.org",
            details=payload,
            editor_note=payload,
            review_flags=[{"code": "x", "reason": payload}],
        )
        requests.append(join_request)
    return {"signatories": signatories, "requests": requests}
