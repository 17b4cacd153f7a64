from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Campaign pages"

    def ready(self):
        # Registers the project's own `check --deploy` checks, and the task worker's.
        import campaign.checks  # noqa: F401
        import home.checks  # noqa: F401
        from campaign.cache_backends.box import create_cache_table

        # Every `migrate` (make run, deploys, the e2e stack, the load test) makes the table of
        # the cache the machine's processes share; once per run, not once per app.
        post_migrate.connect(create_cache_table, sender=self)

        from . import signals

        signals.connect()
