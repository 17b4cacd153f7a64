from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Campaign pages"

    def ready(self):
        # Registers the project's own `check --deploy` checks.
        import campaign.checks  # noqa: F401

        from . import signals

        signals.connect()
