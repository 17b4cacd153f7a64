"""Pages go live through review: Communications submit, Reviewers approve and publish.

Communications lose the publish permission (so every change goes through the workflow);
a "Reviewers" group gets it and is the one group of the "Statement review" workflow's
approval task, which this migration assigns to the root page and so to every page.
"""

from django.db import migrations

REVIEWERS = "Reviewers"
WORKFLOW = "Statement review"
TASK = "Reviewer approval"


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename}"}
    )
    return perm


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    root_page = Page.objects.get(depth=1)
    publish = permission(apps, "wagtailcore", "page", "publish_page")

    GroupPagePermission.objects.filter(
        group__name="Communications", page=root_page, permission=publish
    ).delete()

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin"))
    for codename in ["change_page", "publish_page", "lock_page", "unlock_page"]:
        GroupPagePermission.objects.get_or_create(
            group=reviewers,
            page=root_page,
            permission=permission(apps, "wagtailcore", "page", codename),
        )
    GroupCollectionPermission.objects.get_or_create(
        group=reviewers,
        collection=Collection.objects.get(depth=1),
        permission=permission(apps, "wagtailimages", "image", "choose_image"),
    )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_review_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Group.objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0002_editor_groups")]

    operations = [migrations.RunPython(create_review_workflow, remove_review_workflow)]
