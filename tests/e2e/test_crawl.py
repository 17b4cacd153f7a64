"""Every page each role can reach, and every public page and file, loads on production.

The admin crawl starts from the sidebar menu a person sees and follows the links of each page
it lists (rows, filters, actions), one of each kind; the public crawl follows every same-site
link, stylesheet, script, image and sitemap entry from the public pages. Each finds all the
failures before it fails, so one run lists them all.
"""

import io
import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from .conftest import log_in, make_person

# Links that change state on GET or end the session: never followed.
NOT_FOLLOWED = re.compile(r"/logout/|/admin/login/|^/admin/password_reset/")
MAX_ADMIN_URLS = 400
MAX_PUBLIC_URLS = 300


def url_shape(url):
    """Links that differ only by ids or query values are one kind: one of each is visited."""
    parts = urllib.parse.urlsplit(url)
    keys = sorted({key for key, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


class Links(HTMLParser):
    """The addresses a page refers to: links, stylesheets, scripts, images, share images."""

    ATTRIBUTES = {"href", "src", "content", "srcset", "action"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name not in self.ATTRIBUTES or not value:
                continue
            if name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "content" and not value.startswith(("http", "/")):
                continue
            elif name == "action" and tag != "form":
                continue
            else:
                self.found.append(value)


def references(body, content_type):
    if "css" in content_type:
        return re.findall(r"url\(\s*['\"]?([^'\")]+)", body)
    if "xml" in content_type:
        return re.findall(r"<loc>([^<]+)</loc>", body)
    if "html" in content_type:
        parser = Links()
        parser.feed(body)
        return parser.found
    return []


def same_site(base, reference, origin):
    """``reference`` as a path on this site, or None for other sites, anchors and mailto."""
    url = urllib.parse.urljoin(base, reference.strip())
    parts = urllib.parse.urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or not parts.path:
        return None
    return urllib.parse.urlunsplit(("", "", parts.path, parts.query, ""))


@pytest.fixture(scope="module")
def every_kind_of_object(stack, people):
    """At least one row of every model a listing shows, as the site holds after some use."""
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from home.models import StatementPage
    from signatories.admin import moderation
    from signatories.importing.job import import_rows
    from signatories.importing.reading import read_rows
    from signatories.joining.email_tasks import send_due_emails
    from signatories.models import JoinRequest, Signatory

    admin = people["administrator"].user
    now = timezone.now()

    def request(name, **fields):
        defaults = {
            "level": "state",
            "state": "CA",
            "contact_name": "Crawl Contact",
            "contact_email": "crawl@example.org",
            "consented_at": now,
        }
        return JoinRequest.objects.create(name=name, **{**defaults, **fields})

    request("Crawl Pending Unconfirmed")
    request("Crawl Pending Confirmed", confirmed_at=now, sent_quickly=True)
    moderation.approve(request("Crawl Approved", confirmed_at=now), admin)
    moderation.reject(request("Crawl Rejected"), admin, note="Not an organization")
    listed = Signatory.objects.published().exclude(name__startswith="Crawl").first()
    request(
        listed.name,
        level=listed.level,
        state=listed.state,
        kind=JoinRequest.Kind.WITHDRAWAL,
        confirmed_at=now,
    )
    request(
        listed.name,
        level=listed.level,
        state=listed.state,
        kind=JoinRequest.Kind.CORRECTION,
        details="Our new name is Crawl Corrected",
    )
    csv = "name,level,state,city,website,published\nCrawl Imported,state,OR,Salem,,yes\n"
    import_rows(read_rows("crawl.csv", csv.encode()), user=admin)
    send_due_emails.enqueue()  # a task row, whatever the worker has done already

    statement = StatementPage.objects.get(locale__language_code="en")
    statement.save_revision(user=admin)  # a draft on top of the live version
    images = io.BytesIO()
    PILImage.new("RGB", (1200, 630), "teal").save(images, "PNG")
    get_image_model().objects.create(
        title="Crawl share card", file=ImageFile(images, name="crawl-share-card.png")
    )
    get_document_model().objects.create(
        title="Crawl statement PDF", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="crawl.pdf")
    )
    Redirect.objects.create(old_path="/old-statement", redirect_page=statement)
    User.objects.filter(pk=make_person("dana-departed").user.pk).update(is_active=False)


ROLES = ["signatory_editor", "communications", "reviewer", "administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_reaches_loads_without_a_server_error(
    role, browser, stack, people, every_kind_of_object
):
    context = browser.new_context(base_url=stack.url)
    page = context.new_page()
    log_in(page, people[role])
    # Nothing in the admin is fetched from another site (an avatar service, say).
    foreign_images = page.evaluate(
        """origin => [...document.images].map(image => image.src)
            .filter(src => src && !src.startsWith(origin) && !src.startsWith("data:"))""",
        stack.url,
    )
    assert not foreign_images, f"{role}'s admin loads images from elsewhere: {foreign_images}"
    props = page.locator("#wagtail-sidebar-props").text_content()
    menu = sorted(set(re.findall(r'"url":\s*"(/admin/[^"]*)"', props)))
    assert menu, "the sidebar offers this role no page at all"

    seen, failures, visited = set(), [], []
    queue = ["/admin/", *menu]
    for url in queue:
        shape = url_shape(url)
        if shape in seen or NOT_FOLLOWED.search(url) or len(visited) >= MAX_ADMIN_URLS:
            continue
        seen.add(shape)
        response = context.request.get(url, max_redirects=5)
        visited.append(url)
        if response.status >= 500:
            failures.append(f"{response.status} {url}")
            continue
        content_type = response.headers.get("content-type", "")
        # One level below the menu: the rows, filters and actions of each page it lists.
        if url in menu or url == "/admin/":
            for reference in references(response.text(), content_type):
                path = same_site(stack.url + url, reference, stack.url)
                if path and path.startswith("/admin/"):
                    queue.append(path)
    page.goto("/admin/")
    context.close()
    print(f"{role}: {len(visited)} admin URLs, {len(menu)} in the menu")  # noqa: T201
    assert not failures, f"{role} met server errors:\n" + "\n".join(failures)


def test_every_public_page_and_file_the_site_links_to_loads(stack, every_kind_of_object):
    import urllib.request

    starts = ["/", "/es/", "/join/", "/join/change/", "/sitemap.xml", "/robots.txt", "/embed/"]
    seen, failures, queue = set(), [], list(starts)
    for path in queue:
        if path in seen or path.startswith("/admin/") or len(seen) >= MAX_PUBLIC_URLS:
            continue
        seen.add(path)
        try:
            with urllib.request.urlopen(stack.url + path, timeout=30) as response:  # noqa: S310
                body = response.read().decode("utf-8", "replace")
                content_type = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            failures.append(f"{error.code} {path}")
            continue
        for reference in references(body, content_type):
            target = same_site(stack.url + path, reference, stack.url)
            if target:
                queue.append(target)
    print(f"public: {len(seen)} URLs")  # noqa: T201
    assert any(path.startswith("/static/") for path in seen), "no static file was linked"
    assert not failures, "broken public links:\n" + "\n".join(failures)
