"""Where a page's anchors land in the PDF Chromium prints: the printed copy's layout, read
without a PDF library (Chromium names each anchor as a destination on its page)."""

import re


def page_of_each_anchor(pdf):
    """{anchor id: page number from 1} for the anchors Chromium wrote into ``pdf``."""
    kids = re.search(rb"/Type /Pages\s*/Count \d+\s*/Kids \[([^\]]*)\]", pdf)
    pages = [int(ref) for ref in re.findall(rb"(\d+) 0 R", kids.group(1))]
    destinations = re.findall(rb"/([\w-]+) \[(\d+) 0 R /XYZ", pdf)
    return {name.decode(): pages.index(int(ref)) + 1 for name, ref in destinations}


def page_count(pdf):
    return int(re.search(rb"/Type /Pages\s*/Count (\d+)", pdf).group(1))
