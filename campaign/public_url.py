"""PUBLIC_URL, the address visitors reach the site at, taken apart the way Wagtail needs it.

Wagtail builds every absolute link (emails, canonical and share tags, hreflang, the sitemap)
from the default Site's hostname and port alone: port 80 gives http://host, 443 gives
https://host, anything else http://host:port. So only addresses a Site can give back are
accepted, and the settings and the Site both read them from here. No Django app is imported:
the settings module uses this.
"""

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}
EXAMPLE = "https://statement.example.org"


@dataclass(frozen=True)
class PublicAddress:
    url: str  # scheme://host[:port], no trailing slash: what Site.root_url gives back
    hostname: str  # as a Site and ALLOWED_HOSTS spell it, an IPv6 address in brackets
    port: int

    @property
    def is_local(self):
        """Whether this names the machine itself: fine for `make run`, wrong in anyone else's
        browser or mailbox."""
        return is_local_host(self.hostname)


def is_local_host(hostname):
    name = hostname.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_public_url(value):
    """The PublicAddress of ``value``, or ImproperlyConfigured saying what is wrong with it."""

    def refuse(problem):
        raise ImproperlyConfigured(
            f"PUBLIC_URL must be the site's public address, like {EXAMPLE} "
            f"(http or https, a host name, an optional port, no path); {problem}, "
            f"got {value!r}."
        )

    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        refuse("it must start with http:// or https://")
    if not parts.hostname:
        refuse("it has no host name")
    if parts.username is not None or parts.password is not None:
        refuse("it must not carry a user name or password")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        # Wagtail serves the site at the root of its host; a prefix would be lost from links.
        refuse("it must not have a path, query or fragment")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port is None:
        port = DEFAULT_PORTS[scheme]
    elif not 0 < port < 65536:
        refuse("its port must be a number from 1 to 65535")
    if scheme == "https" and port != 443:
        refuse("Wagtail's Site writes https links only for port 443 (any other port is http)")
    if scheme == "http" and port == 443:
        refuse("Wagtail's Site writes port 443 as https")

    hostname = parts.hostname  # lower case, brackets dropped
    if ":" in hostname:
        hostname = f"[{hostname}]"
    shown_port = "" if port == DEFAULT_PORTS[scheme] else f":{port}"
    return PublicAddress(url=f"{scheme}://{hostname}{shown_port}", hostname=hostname, port=port)
