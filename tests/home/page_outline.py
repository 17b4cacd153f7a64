"""Reading a public page as a browser or crawler receives it: head tags, headings, ids, scripts."""

import re
from html.parser import HTMLParser


class PageOutline(HTMLParser):
    """The parts of a page these tests read: head tags, headings, elements by id, scripts."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.links = []
        self.headings = []
        self.by_id = {}
        self.scripts = []
        self.style_attributes = 0
        self._heading = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]
        if "id" in attrs:
            self.by_id[attrs["id"]] = (tag, attrs)
        if "style" in attrs:
            self.style_attributes += 1

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, self._heading[1].strip()))
            self._heading = None

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]

    def h1s(self):
        return [text for tag, text in self.headings if tag == "h1"]


def outline(response):
    return PageOutline(response.content.decode())
