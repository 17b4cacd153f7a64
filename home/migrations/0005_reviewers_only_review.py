"""Reviewers only review, and Wagtail's default groups no longer publish around the review.

Reviewers held edit, publish, lock and unlock on every page: they could edit and publish
alone, unpublish the Join page, and delete or move pages. Wagtail's group approval task already
gives its groups what review needs while a page waits for them (its editor and preview,
approving, which publishes through home.workflows, and requesting changes). Reviewers keep
admin access and the lock permission: with it they can browse the pages and compare a page's
revisions, and locking edits or publishes nothing.

Wagtail's own "Moderators" (who may publish any page, skipping review) and "Editors" are not
roles of this site. A group that has members is stripped of every permission and kept, so an
administrator sees who was in it; an empty one is deleted. The "Moderators approval" workflow
Wagtail made for them is switched off once no group can approve it and no page uses it.
"""

from django.db import migrations

REVIEWERS = "Reviewers"
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]
REVIEWER_PAGE_PERMISSIONS = ["change_page", "publish_page", "unlock_page"]


def strip(apps, group, keep=()):
    """Every permission of ``group``, its page permissions included, except those in
    ``keep``."""
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group).exclude(
        permission__codename__in=keep
    ).delete()
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group=group
    ).delete()
    group.permissions.remove(*group.permissions.exclude(codename__in=keep))


def reviewers_only_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for reviewers in Group.objects.filter(name=REVIEWERS):
        strip(apps, reviewers, keep=["access_admin", "lock_page"])
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        strip(apps, group)
        if not group.user_set.exists():
            group.delete()
    switch_off_orphaned_workflows(apps)


def switch_off_orphaned_workflows(apps):
    """Active workflows whose every task is a group approval with no group left, and that no
    page or snippet type uses: nobody but a superuser could approve them."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    for workflow in Workflow.objects.filter(active=True):
        tasks = Task.objects.filter(workflow_tasks__workflow=workflow)
        approvals = GroupApprovalTask.objects.filter(pk__in=tasks)
        if (
            not tasks.exists()
            or approvals.count() != tasks.count()
            or approvals.exclude(groups=None).exists()
            or workflow.workflow_pages.exists()
            or workflow.workflow_content_types.exists()
        ):
            continue
        workflow.active = False
        workflow.save(update_fields=["active"])
        tasks.update(active=False)


def give_reviewers_back_their_page_permissions(apps, schema_editor):
    """Undoes the Reviewers' part; Wagtail's default groups are not recreated."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    if reviewers is None:
        return
    root_page = Page.objects.get(depth=1)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=REVIEWER_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=reviewers, page=root_page, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_communications_translate_pages")]

    operations = [
        migrations.RunPython(reviewers_only_review, give_reviewers_back_their_page_permissions)
    ]
