"""Forms every app's pages share."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.dates import DATE_MAX, DATE_MIN, clean_date
from luoshi.core.numbers import NumberError, clean_decimal


class UploadForm(forms.Form):
    """One Excel workbook to be checked whole and saved all or nothing."""

    file = forms.FileField(label=_("Excel文件(.xlsx)"))


class ModelNumberField(forms.CharField):
    """A number bound for one model field, read by `luoshi.core.numbers` like the API's and the Excel
    upload's, so a page refuses 1e20, NaN or too many decimals with the same words (never rounds)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, model, field_name: str, *, signed: bool = False, **kwargs):
        self.model_field = model._meta.get_field(field_name)
        self.signed = signed
        kwargs.setdefault("label", self.model_field.verbose_name)
        kwargs.setdefault("required", not self.model_field.null)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return clean_decimal(self.model_field, value, label=str(self.label), signed=self.signed)
        except NumberError as exc:
            raise forms.ValidationError(exc.reason, code=exc.code) from None


class DateField(forms.DateField):
    """A date read by `luoshi.core.dates` like the API's and the Excel upload's: 2025-03-31, 2025/3/31 or
    2025年3月31日, in 2000–2100; the refusal names the field, since some pages show errors apart from it."""

    def __init__(self, **kwargs):
        attrs = {"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        kwargs.setdefault("widget", forms.DateInput(attrs=attrs, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return clean_date(value, label=str(self.label or ""))
        except NumberError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None


MISSING_VERSION = _("缺少所读到的版本（version），未作任何修改；请刷新页面后重试。")


class VersionField(forms.IntegerField):
    """The version of the record a form was rendered from, posted back hidden; the service refuses the
    write if the record has moved on since. Every edit or withdrawal must post it: a POST without it is
    refused naming the field, never taken as "no check". Only a form that may enter the first record of
    its kind (`first_entry=True`, like the API's create-or-revise writes) may leave it out, read as 0:
    none yet, which is refused too if someone has entered one meanwhile. Rendered without a record, the
    field carries 0 (none yet)."""

    widget = forms.HiddenInput

    def __init__(self, *, first_entry: bool = False, **kwargs):
        from luoshi.core.records import EXPECT_NONE

        self.first_entry = first_entry
        kwargs.setdefault("required", not first_entry)
        kwargs.setdefault("initial", EXPECT_NONE)
        kwargs["error_messages"] = {"required": MISSING_VERSION, "invalid": MISSING_VERSION,
                                    **kwargs.get("error_messages", {})}
        kwargs.setdefault("label", _("版本"))
        super().__init__(min_value=0, **kwargs)


def seen_version(form, field: str = "version") -> int:
    """The version the user saw; a form posted without one saw no record (a first entry)."""
    from luoshi.core.records import EXPECT_NONE

    return form.cleaned_data.get(field) or EXPECT_NONE


def rebased(form, current, field: str = "version"):
    """The same posted form, now carrying the newer record's version: after a refused stale edit the
    user has been shown the newer record, and submitting again is a deliberate revision of it."""
    data = form.data.copy()
    data[form.add_prefix(field)] = current.version
    bound = type(form)(data, getattr(form, "files", None))
    bound.is_valid()
    for error in form.non_field_errors():
        bound.add_error(None, error)
    return bound
