"""What signatories and join requests share: who an organization is and where it works."""

import functools

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from ..choices import Level, State, group_label
from ..names import name_key, name_skeleton


class OrganizationFields(models.Model):
    """Who an organization is and where it works: shared by signatories and join requests."""

    name = models.CharField(
        _("organization name"),
        max_length=255,
        help_text=_("As it should appear in the public list."),
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=Level.choices,
        default=Level.STATE,
        help_text=_("National organizations are listed first, before the states."),
    )
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=State.choices,
        blank=True,
        help_text=_("Required for state organizations; leave empty for national ones."),
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, help_text=_("Optional; not shown in the list.")
    )
    website = models.URLField(
        _("website"),
        max_length=300,
        blank=True,
        help_text=_("Optional; the organization's name links here in the list."),
    )
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    # Equal for names a reader cannot tell apart ("Uni0n", "Union"): look-alikes are found by
    # it, always under one heading, so each model indexes it after level and state.
    skeleton = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    @property
    def group_label(self):
        return group_label(self.level, self.state)

    @property
    def state_name(self):
        """The state's full name (empty for national organizations): not get_state_display(),
        which costs the export of 10,000 rows seconds (see choices.group_label)."""
        return group_label(self.level, self.state) if self.state else ""

    def derive_fields(self):
        self.sort_key = name_key(self.name)
        self.skeleton = name_skeleton(self.name)

    def clean(self):
        super().clean()
        self.name = " ".join(self.name.split())
        if self.level == Level.NATIONAL and self.state:
            raise ValidationError({"state": _("National organizations have no state.")})
        if self.level == Level.STATE and not self.state:
            raise ValidationError({"state": _("Choose the state this organization works in.")})
        if self.name and not name_key(self.name):
            raise ValidationError({"name": _("Enter a name with at least one letter or digit.")})
        self.derive_fields()

    def validate_constraints(self, exclude=None):
        # sort_key is no form field, so a ModelForm excludes it and Django would skip the
        # unique name constraint (the save then fails with IntegrityError). clean() derives it
        # from the name, so check constraints on it whenever the name itself is validated.
        if exclude is not None and "name" not in exclude:
            exclude = set(exclude) - {"sort_key"}
        super().validate_constraints(exclude=exclude)


class OrganizationQuerySet(models.QuerySet):
    def in_group_of(self, organization):
        """Rows under the same heading as ``organization`` whose name counts as the same."""
        return self.filter(
            level=organization.level,
            state=organization.state,
            sort_key=name_key(organization.name),
        )


class OrganizationManager(models.Manager):
    """The models' manager: their querysets, and the lookup every join makes."""

    def same_or_lookalike(self, organization, **among):
        """The row with the same name under the heading, else one that looks the same, or None.

        Every join asks this of the list and of the waiting requests, and the answer is
        usually none. One query asks for both, each alternative whole so the database searches
        its own index (name key, skeleton) under the heading; ``among`` narrows the rows (the
        waiting requests of one kind) inside each. Keys are read first, and a row is loaded
        only when there is one.

        The keys are read with SQL written once per model and database (``_keys_sql``):
        Django compiles a query anew on every call, which cost ten times what running it
        does, twice a join. A manager method, so it never stands for a filtered queryset.
        """
        key, skeleton = name_key(organization.name), name_skeleton(organization.name)
        heading = {**among, "level": organization.level, "state": organization.state}
        connection = connections[self.db]
        sql = _keys_sql(self.model, connection.alias, tuple(heading))
        fields = [self.model._meta.get_field(name) for name in heading]
        values = [field.get_db_prep_value(heading[field.name], connection) for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*values, key, *values, skeleton])
            found = cursor.fetchall()
        # At most one row has the name itself (a unique constraint); look-alikes are rare.
        same = [pk for pk, sort_key in found if sort_key == key] or [pk for pk, __ in found]
        return self.filter(pk=min(same)).first() if same else None


@functools.cache
def _keys_sql(model, alias, heading):
    """``(pk, sort_key)`` of the rows under a heading whose name key or skeleton is given:
    ``(heading AND sort_key = %s) OR (heading AND skeleton = %s)``, unordered (an ORDER BY
    would have SQLite scan the heading rather than the two indexes)."""
    quote = connections[alias].ops.quote_name
    meta = model._meta

    def column(name):
        return quote(meta.get_field(name).column)

    under = " AND ".join(f"{column(name)} = %s" for name in heading)
    return (
        f"SELECT {column(meta.pk.name)}, {column('sort_key')} FROM {quote(meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE ({under} AND {column('sort_key')} = %s) OR ({under} AND {column('skeleton')} = %s)"
    )
