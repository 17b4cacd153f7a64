"""The import's forms: the file to upload, then which column holds which field."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat, truncatechars
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .mapping import FIELDS, IGNORE, column_letter, mapping_errors
from .reading import EXTENSIONS, ImportFileError, read_table

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Each change is a revision and a publication; bigger files go through the command, which
# shows progress and needs no browser waiting on it.
MAX_ROWS = 5000


class SignatoryImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        validators=[FileExtensionValidator(EXTENSIONS)],
        help_text=gettext_lazy(
            "A .csv or .xlsx spreadsheet whose first row names the columns; you choose which "
            "column holds the name, state (a state code, name or abbreviation, or National), "
            "city, website, note and published (yes or no) on the next page. Or the "
            "statement's seed text file (.txt). At most 5 MB and 5,000 rows."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        try:
            self.table = read_table(upload.name, upload.read(), max_rows=MAX_ROWS)
        except ImportFileError as error:
            raise ValidationError(str(error)) from error
        if not self.table.records:
            raise ValidationError(_("The file has no signatories to import."))
        return upload


class ColumnMappingForm(forms.Form):
    """One choice per column of the file: a signatory field, or Ignore."""

    def __init__(self, *args, table, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(IGNORE, _("Ignore")), *FIELDS.items()]
        self.count = len(table.headings)
        for index, heading in enumerate(table.headings):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=heading or _("Column %(letter)s") % {"letter": column_letter(index)},
                choices=choices,
                required=False,
                initial=mapping[index],
                help_text=_example(table, index),
            )

    def mapping(self):
        return [self.cleaned_data.get(f"column_{index}", IGNORE) for index in range(self.count)]

    def clean(self):
        for error in mapping_errors(self.mapping()):
            self.add_error(None, error)
        return self.cleaned_data


def _example(table, index):
    """The column's first non-blank value, so the editor sees what the heading means."""
    for _number, cells, _notes in table.records:
        if index < len(cells) and cells[index]:
            return _("e.g. “%(value)s”") % {"value": truncatechars(cells[index], 40)}
    return _("(blank in every row)")
