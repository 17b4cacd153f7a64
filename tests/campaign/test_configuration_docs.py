"""docs/configuration.md is where an operator learns what the site reads from the
environment: its table has to name every variable the code reads, and nothing it no longer
reads. The code is parsed, not run, so a variable read only in production (or only by
gunicorn) counts as well."""

import ast
import re

from ..helpers import REPO_ROOT as ROOT

TABLE = ROOT / "docs" / "configuration.md"
SOURCES = [
    *sorted((ROOT / "campaign").rglob("*.py")),
    *sorted((ROOT / "home").rglob("*.py")),
    *sorted((ROOT / "signatories").rglob("*.py")),
    ROOT / "gunicorn.conf.py",
]
ENV_HELPERS = {"env_str", "env_int", "env_bool", "env_list", "env_rate"}
# gunicorn reads its own settings before Django starts; the entry points choose the settings
# module. Everything else is read in campaign/settings/, the one place to look.
READ_OUTSIDE_SETTINGS = {
    "gunicorn.conf.py": None,  # any of its own variables
    "campaign/wsgi.py": {"DJANGO_SETTINGS_MODULE"},
}


def is_environ(node):
    """os.environ, or a parameter named environ standing for it (as in web_concurrency)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def variable_read(node):
    """The name node of the variable an expression reads from the environment, else None."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ENV_HELPERS:
            return node.args[0] if node.args else None
        if isinstance(func, ast.Attribute):
            if func.attr in {"get", "setdefault"} and is_environ(func.value):
                return node.args[0] if node.args else None
            if func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os":
                return node.args[0] if node.args else None
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.ctx, ast.Load)
        and is_environ(node.value)
    ):
        return node.slice
    return None


def reads_in(path):
    """(variable, line) for each read in one file; a name the parser cannot see is an error,
    except inside the env_* helpers themselves, which read the name they are given."""
    tree = ast.parse(path.read_text(), filename=str(path))
    helper_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in ENV_HELPERS:
            helper_lines.update(range(node.lineno, node.end_lineno + 1))
    found = []
    for node in ast.walk(tree):
        name = variable_read(node)
        if name is None:
            continue
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            found.append((name.value, node.lineno))
        elif node.lineno not in helper_lines:
            raise AssertionError(
                f"{path.relative_to(ROOT)}:{node.lineno} reads a variable whose name is not "
                "written out, so docs/configuration.md cannot be checked against it"
            )
    return found


def variables_in_code():
    return {
        (variable, path.relative_to(ROOT).as_posix())
        for path in SOURCES
        for variable, _ in reads_in(path)
    }


def variables_in_table():
    """The first column of the table's rows, one variable per row."""
    rows = []
    for line in TABLE.read_text().splitlines():
        match = re.match(r"\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", line)
        if match:
            rows.append(match.group(1))
    return rows


def test_the_configuration_table_lists_every_variable_the_code_reads_and_no_other():
    in_code = {variable for variable, _ in variables_in_code()}
    rows = variables_in_table()

    assert len(rows) == len(set(rows)), "a variable has two rows"
    assert sorted(in_code - set(rows)) == [], "read by the code but missing from the table"
    assert sorted(set(rows) - in_code) == [], "in the table but no longer read by the code"


def read_where_allowed(path, variable):
    if path.startswith("campaign/settings/"):
        return True
    if path not in READ_OUTSIDE_SETTINGS:
        return False
    allowed = READ_OUTSIDE_SETTINGS[path]
    return allowed is None or variable in allowed


def test_the_site_reads_the_environment_only_in_its_settings():
    elsewhere = sorted(
        (path, variable)
        for variable, path in variables_in_code()
        if not read_where_allowed(path, variable)
    )

    assert elsewhere == []


def test_the_parser_sees_each_way_the_code_reads_a_variable(tmp_path):
    source = tmp_path / "example.py"
    source.write_text(
        "import os\n"
        'a = env_int("A_INT", 1)\n'
        'b = os.environ.get("B_GET")\n'
        'c = os.environ["C_ITEM"]\n'
        'd = os.getenv("D_GETENV")\n'
        'os.environ.setdefault("E_DEFAULT", "x")\n'
        "def workers(environ=os.environ):\n"
        '    return environ.get("F_PARAM")\n'
        'os.environ["NOT_READ"] = "written, not read"\n'
    )

    assert sorted(variable for variable, _ in reads_in(source)) == [
        "A_INT",
        "B_GET",
        "C_ITEM",
        "D_GETENV",
        "E_DEFAULT",
        "F_PARAM",
    ]
