"""Stored pages compressed once, when stored, and served in the encoding a browser accepts.

A statement page is about 30 KB of HTML at 156 names and a megabyte at 10,000, and shrinks
to a fifth or less: worth compressing once per generation instead of per request, as
WhiteNoise does for static files. Only stored pages are: they hold no secret (no CSRF token,
nonce or session, see ``page_cache.storable``), so compressing them gives away nothing
(BREACH needs a secret beside text an attacker controls).
"""

import gzip

import brotli

# Brotli's quality 5 compresses a megabyte in milliseconds and about as tightly as gzip's
# best; 11, what WhiteNoise uses offline, would take a second or more at render time.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
# Below this a compressed body saves less than its headers cost.
MIN_BYTES = 512
# Preferred first.
ENCODINGS = ("br", "gzip")


def compress(content):
    """``{encoding: body}`` for each encoding that makes ``content`` smaller."""
    if len(content) < MIN_BYTES:
        return {}
    encoded = {
        "br": brotli.compress(content, quality=BROTLI_QUALITY),
        "gzip": gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0),
    }
    return {name: body for name, body in encoded.items() if len(body) < len(content)}


def accepted(accept_encoding, available):
    """The first of ``available`` encodings the Accept-Encoding header allows, or None."""
    if not accept_encoding or not available:
        return None
    allowed = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        quality = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            if float(quality) > 0:
                allowed.add(name.strip())
        except ValueError:
            continue
    for name in ENCODINGS:
        if name in available and (name in allowed or "*" in allowed):
            return name
    return None


def with_vary_accept_encoding(headers):
    """``headers`` (a dict) with Accept-Encoding named in Vary."""
    vary = next((key for key in headers if key.lower() == "vary"), None)
    if vary is None:
        return {**headers, "Vary": "Accept-Encoding"}
    names = [name.strip().lower() for name in headers[vary].split(",")]
    if "accept-encoding" in names:
        return dict(headers)
    return {**headers, vary: f"{headers[vary]}, Accept-Encoding"}
