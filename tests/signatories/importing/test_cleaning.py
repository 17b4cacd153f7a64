"""Cleaning one row: websites without a scheme get https://, what is no web address is refused
by value, placeholder and formula-like names are refused, and every problem is listed."""

import pytest

from signatories.importing.cleaning import Problem, clean_row

HEADINGS = {"name": "Org", "state": "State/Territory", "website": "Website URL"}


def cleaned(**cells):
    return clean_row({"name": "Casa Latina", "state": "WA", **cells}, HEADINGS)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org", "https://example.org"),
        ("facebook.com/x", "https://facebook.com/x"),
        ("Example.ORG/about?x=1", "https://Example.ORG/about?x=1"),
        ("//example.org", "https://example.org"),
        ("example.org:8080/x", "https://example.org:8080/x"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://example.org", "HTTPS://example.org"),
        ("  www.example.org  ", "https://www.example.org"),
    ],
)
def test_a_website_without_a_scheme_is_stored_with_https(typed, stored):
    fields, problems = cleaned(website=typed)
    assert problems == []
    assert fields["website"] == stored


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "mailto:info@example.org",
        "ftp://files.example.org",
        "www.example .org",
        "not a website",
        "localhost",
        "example",
        "https://",
    ],
)
def test_what_is_no_web_address_is_refused_naming_the_value(typed):
    fields, problems = cleaned(website=typed)
    assert fields is None
    assert problems == [
        Problem("Website URL", typed, f"“{typed.strip()}” is not a web address (http or https).")
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("N/A", "“N/A” is a placeholder, not a name."),
        ("NA", "“NA” is a placeholder, not a name."),
        ("n.a.", "“n.a.” is a placeholder, not a name."),
        ("none", "“none” is a placeholder, not a name."),
        ("None", "“None” is a placeholder, not a name."),
        ("test", "“test” is a placeholder, not a name."),
        ("TEST", "“TEST” is a placeholder, not a name."),
        ("-", "The name has no letters or digits."),
        ("...", "The name has no letters or digits."),
        (" - / . ", "The name has no letters or digits."),
        ("   ", "The name is blank."),
        ("", "The name is blank."),
    ],
)
def test_placeholder_and_punctuation_names_are_refused(name, message):
    fields, problems = cleaned(name=name)
    assert fields is None
    assert problems == [Problem("Org", name, message)]


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://evil.example","Click")', "+1 Coalition", "@everyone", "-Org", "=1+1"],
)
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_refused(name):
    fields, problems = cleaned(name=name)
    assert fields is None
    assert [(problem.column, problem.value) for problem in problems] == [("Org", name)]
    assert f"starts with “{name[0]}”, which spreadsheets run as a formula" in problems[0].message


@pytest.mark.parametrize(
    "name", ["Testing Grounds Collective", "NAACP", "None Left Behind", "Asociación Niños"]
)
def test_real_names_that_contain_a_placeholder_word_are_kept(name):
    fields, problems = cleaned(name=name)
    assert problems == []
    assert fields["name"] == name


def test_every_problem_of_a_row_is_listed_with_its_column_and_value():
    fields, problems = clean_row(
        {"name": "N/A", "state": "Kalifornia", "website": "javascript:alert(1)", "published": "?"},
        HEADINGS,
    )

    assert fields is None
    assert problems == [
        Problem("Org", "N/A", "“N/A” is a placeholder, not a name."),
        Problem(
            "Website URL",
            "javascript:alert(1)",
            "“javascript:alert(1)” is not a web address (http or https).",
        ),
        Problem(
            "State/Territory", "Kalifornia", "Unknown state “Kalifornia”: did you mean California?"
        ),
        # A field the file has no heading for is named by its field.
        Problem("published", "?", "Published must be yes or no, not “?”."),
    ]
