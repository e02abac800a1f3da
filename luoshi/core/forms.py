"""Forms every app's pages share."""
from django import forms
from django.utils.translation import gettext_lazy as _

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
