"""What Luoshi imports to run is installed by requirements.txt alone (scripts/demo.sh and a production
install read only that file; the test requirements may pull in more, which must not hide a missing one)."""
import ast
import re
import sys
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _installed_by_requirements() -> set[str]:
    """The distributions requirements.txt names and, transitively, what they require."""
    wanted = [_name(line) for line in (ROOT / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.startswith(("#", "-"))]
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            needs = [Requirement(r) for r in requires(name) or []]
        except PackageNotFoundError:  # named for another Python (a marker) and not installed here
            continue
        wanted += [_name(r.name) for r in needs if r.marker is None or r.marker.evaluate({"extra": ""})]
    return seen


def _imported_modules() -> set[str]:
    names = set()
    for path in (ROOT / "luoshi").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"luoshi", "__future__"}


def test_every_library_the_application_imports_is_installed_by_requirements_txt():
    installed, provides = _installed_by_requirements(), packages_distributions()
    missing = {module: provides.get(module) for module in _imported_modules()
               if not {_name(d) for d in provides.get(module, [])} & installed}
    assert missing == {}, "add to requirements.txt: " + ", ".join(f"{m} ({d})" for m, d in missing.items())
