"""Communications editors may edit the organizer settings (the coalition's name, logo, contact
details and privacy notice link), as they edit the pages those appear on.

The permission is created here if missing: Django creates it only after all migrations.
"""

from django.db import migrations

COMMUNICATIONS = "Communications"


def change_organizer_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="home", model="organizersettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_organizersettings",
        defaults={"name": "Can change organizer"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COMMUNICATIONS).first()
    if group is not None:
        group.permissions.add(change_organizer_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=COMMUNICATIONS).first()
    permission = Permission.objects.filter(
        content_type__app_label="home", codename="change_organizersettings"
    ).first()
    if group is not None and permission is not None:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_information_page_and_organizer_settings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
