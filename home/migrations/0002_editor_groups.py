"""The two editor roles: Communications (pages) and Signatory editors (the list).

Permissions are created here if missing, because Django and Wagtail create them only after
all migrations have run, and this migration runs on a brand-new database too.
"""

from django.db import migrations

COMMUNICATIONS = "Communications"
SIGNATORY_EDITORS = "Signatory editors"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}
SIGNATORY_PERMISSIONS = {
    ("signatories", "signatory"): [
        "add_signatory",
        "change_signatory",
        "delete_signatory",
        "view_signatory",
        "publish_signatory",
    ],
    ("signatories", "joinrequest"): ["change_joinrequest", "view_joinrequest"],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action, _, subject = codename.partition("_")
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {subject}"},
    )
    return perm


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")

    communications, _ = Group.objects.get_or_create(name=COMMUNICATIONS)
    communications.permissions.add(access_admin)
    root_page = Page.objects.get(depth=1)
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=communications,
            page=root_page,
            permission=permission(apps, "wagtailcore", "page", codename),
        )
    root_collection = Collection.objects.get(depth=1)
    for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=communications,
                collection=root_collection,
                permission=permission(apps, app_label, model, codename),
            )

    signatory_editors, _ = Group.objects.get_or_create(name=SIGNATORY_EDITORS)
    signatory_editors.permissions.add(access_admin)
    for (app_label, model), codenames in SIGNATORY_PERMISSIONS.items():
        for codename in codenames:
            signatory_editors.permissions.add(permission(apps, app_label, model, codename))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[COMMUNICATIONS, SIGNATORY_EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("signatories", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
