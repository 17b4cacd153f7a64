from django.apps import AppConfig


class SignatoriesConfig(AppConfig):
    name = "signatories"
    verbose_name = "Signatories"

    def ready(self):
        # Connected here, not in wagtail_hooks, so a management command's changes (which
        # never load the admin) also clear the cached open data files.
        from .open_data import connect_signals

        connect_signals()
