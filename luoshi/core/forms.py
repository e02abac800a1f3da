"""Forms every app's pages share."""
from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    """One Excel workbook to be checked whole and saved all or nothing."""

    file = forms.FileField(label=_("Excel文件(.xlsx)"))
