"""Every page form that edits or withdraws an existing record must post the version it was rendered from
(as the API's schemas must, tests/api/test_edit_versions.py): a hand-made POST without it is refused
naming the field, never read as "no check". Only forms that may enter the first record of their kind keep
"left out = 0, none yet" (a conflict, never an overwrite, if one was entered meanwhile)."""
import importlib
import inspect
import pathlib
import re

from django import forms

import luoshi
from luoshi.core.forms import MISSING_VERSION, VersionField

# create-or-revise forms: the first record of its kind may be entered here (0 / left out = none yet)
FIRST_ENTRIES = {
    "luoshi.projects.forms.ReportForm", "luoshi.projects.forms.WageForm",
    "luoshi.indicators.forms.TargetForm", "luoshi.indicators.forms.ActualForm",
    "luoshi.investment.forms.TargetForm", "luoshi.notifications.forms.ChannelForm",
    "luoshi.organisations.forms.DistrictSettingsForm",
}
ROOT = pathlib.Path(luoshi.__file__).parent


def _form_classes():
    for path in sorted(ROOT.glob("*/forms.py")):
        module = importlib.import_module(f"luoshi.{path.parent.name}.forms")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", cls


def _version_fields(name, cls):
    fields = dict(cls.base_fields)
    if name == "luoshi.organisations.forms.DistrictSettingsForm":  # its fields are made in __init__
        fields = cls().fields
    return {k: f for k, f in fields.items() if k == "version" or isinstance(f, VersionField)}


def test_every_page_edit_form_requires_the_version_it_read_and_only_first_entries_may_leave_it_out():
    walked, optional, not_shared = set(), set(), set()
    for name, cls in _form_classes():
        for key, field in _version_fields(name, cls).items():
            walked.add(name)
            if not isinstance(field, VersionField):
                not_shared.add(f"{name}.{key}")
            elif not field.required:
                optional.add(name)
    assert not not_shared, f"a version field not made by core.forms.VersionField: {not_shared}"
    assert optional <= FIRST_ENTRIES, optional - FIRST_ENTRIES
    assert {"luoshi.projects.forms.WithdrawForm", "luoshi.projects.forms.ProjectForm",
            "luoshi.projects.forms.ApprovalForm", "luoshi.indicators.forms.WithdrawForm",
            "luoshi.indicators.forms.IndicatorForm", "luoshi.workplan.forms.TaskEditForm",
            "luoshi.workplan.forms.ReplyForm", "luoshi.accountability.forms.TransitionForm",
            "luoshi.ingestion.forms.FindingForm", "luoshi.organisations.forms.PersonForm",
            "luoshi.investment.forms.EditForm"} <= walked - optional


def test_a_version_less_post_of_an_edit_form_is_invalid_with_an_error_naming_the_field():
    field = VersionField()
    form = type("Edit", (forms.Form,), {"version": field})({})
    assert not form.is_valid() and form.errors["version"] == [str(MISSING_VERSION)]
    assert "（version）" in str(MISSING_VERSION)
    first = type("First", (forms.Form,), {"version": VersionField(first_entry=True)})({"version": "0"})
    assert first.is_valid() and first.cleaned_data["version"] == 0
    assert str(type("Blank", (forms.Form,), {"version": VersionField()})()["version"].value()) == "0"


def test_no_view_reads_the_posted_version_by_hand_bypassing_the_refusal():
    """Views without a form read it through core.views.posted_version, which refuses a missing one."""
    hand_read = re.compile(r"""POST\.get\(\s*["']version["']""")
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                 if p.name != "views.py" or p.parent.name != "core"
                 if hand_read.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
