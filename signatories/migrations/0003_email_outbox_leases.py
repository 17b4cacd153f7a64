# The email outbox moves from one flag to a due time per email, so a sweep's claim can be a
# lease that expires. Requests whose emails were due stay due, both of them.

from django.db import migrations, models
from django.utils import timezone


def carry_due_emails(apps, schema_editor):
    JoinRequest = apps.get_model("signatories", "JoinRequest")
    now = timezone.now()
    JoinRequest.objects.filter(emails_due=True).update(
        acknowledgment_due_at=now, editors_notice_due_at=now
    )


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0002_lookalike_skeleton_and_duplicates"),
    ]

    operations = [
        migrations.AddField(
            model_name="joinrequest",
            name="acknowledgment_due_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="joinrequest",
            name="editors_notice_due_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(carry_due_emails, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(
            model_name="joinrequest",
            name="joinrequest_emails_due",
        ),
        migrations.RemoveField(
            model_name="joinrequest",
            name="emails_due",
        ),
        migrations.AddIndex(
            model_name="joinrequest",
            index=models.Index(
                condition=models.Q(("acknowledgment_due_at__isnull", False)),
                fields=["acknowledgment_due_at"],
                name="joinrequest_ack_due",
            ),
        ),
        migrations.AddIndex(
            model_name="joinrequest",
            index=models.Index(
                condition=models.Q(("editors_notice_due_at__isnull", False)),
                fields=["editors_notice_due_at"],
                name="joinrequest_notice_due",
            ),
        ),
    ]
