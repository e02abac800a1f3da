"""The layering of the apps, read from their imports (ast, not a run): the foundation (core, organisations)
imports no domain app, so it can be understood, tested and reused alone; domain apps reach each other
through the other app's services, selectors and the core registry. An import that still reaches into
another app's models or views must be listed as known debt (issue 17): the list is empty and may only shrink."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "luoshi"
FOUNDATION = {"core", "organisations"}
APPS = {p.parent.name for p in ROOT.glob("*/apps.py")}
DOMAIN = APPS - FOUNDATION
# Modules of another domain app that a domain app may import: its public surface.
PUBLIC = {"services", "selectors", "panels"}
# Known debt: (importer, imported app, module) that is not public yet. Remove a line when it is paid.
KNOWN: set[tuple[str, str, str]] = set()


def imports():
    """(importing app, imported app, module of it, file) for every `from luoshi.<app>…` outside migrations."""
    for path in ROOT.rglob("*.py"):
        app = path.relative_to(ROOT).parts[0]
        if app not in APPS or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("luoshi."):
                parts = node.module.split(".")
                if parts[1] in APPS and parts[1] != app:
                    for module in [parts[2]] if len(parts) > 2 else [a.name for a in node.names]:
                        yield app, parts[1], module, path.relative_to(ROOT)


def test_the_foundation_imports_no_domain_app():
    wrong = sorted({f"{file}: luoshi.{other}.{module}" for app, other, module, file in imports()
                    if app in FOUNDATION and other in DOMAIN})
    assert wrong == []


def test_domain_apps_reach_each_other_only_through_services_selectors_and_panels():
    wrong = sorted({f"{file}: luoshi.{other}.{module}" for app, other, module, file in imports()
                    if app in DOMAIN and other in DOMAIN and module not in PUBLIC
                    and (app, other, module) not in KNOWN})
    assert wrong == []


def test_the_known_debt_list_names_only_imports_that_still_exist():
    seen = {(app, other, module) for app, other, module, _file in imports()}
    assert KNOWN - seen == set()
