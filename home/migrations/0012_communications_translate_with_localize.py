"""Communications editors translate pages with wagtail-localize ("Translate this page", the
translation editor, "Sync translated pages"), which asks for its own "submit_translation"
permission; simple_translation's, which nothing checks any more, is taken away.

wagtail-localize's own migration creates its permission; it is looked up or created here all
the same, so this migration does not depend on what another one left behind.
"""

from django.db import migrations

COMMUNICATIONS = "Communications"


def localize_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return permission


def old_permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COMMUNICATIONS).first()
    if group is None:
        return
    group.permissions.add(localize_permission(apps))
    old = old_permission(apps)
    if old is not None:
        group.permissions.remove(old)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COMMUNICATIONS).first()
    if group is None:
        return
    group.permissions.remove(localize_permission(apps))
    old = old_permission(apps)
    if old is not None:
        group.permissions.add(old)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_share_message_optional"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
