"""Narrowing the public list to the organizations a visitor looks for.

The list's filter box does this in the browser as the visitor types (static/js/list_filter.js);
without script the box is a GET form and the page filters here, on ``?q=``. Both match the
same way: every word typed appears in the organization's name or its group's heading, ignoring
case, accents and punctuation (the words are folded like names are for sorting, see
``names.name_key``), so "texas aclu" finds "ACLU of Texas" and "accion" finds "Acción".
"""

from .grouping import SignatoryGroup
from .names import name_key

# Longer than any name; a longer query is cut, not refused, so nothing typed is an error.
MAX_QUERY_LENGTH = 100


def query_from(request):
    """The visitor's search (``?q=``), trimmed; "" when there is none."""
    if request is None:
        return ""
    return " ".join(request.GET.get("q", "")[:MAX_QUERY_LENGTH].split())


def query_words(query):
    return name_key(query).split()


def matching_groups(groups, query):
    """``groups`` with only the members matching ``query`` (all of them when it holds no
    word), leaving out groups with none."""
    words = query_words(query)
    if not words:
        return groups
    matched = []
    for group in groups:
        heading = name_key(group.label)
        members = [
            member
            for member in group.members
            if all(word in heading or word in member.sort_key for word in words)
        ]
        if members:
            matched.append(SignatoryGroup(key=group.key, label=group.label, members=members))
    return matched
