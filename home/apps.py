from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Campaign pages"

    def ready(self):
        from . import locales, page_cache

        page_cache.connect_signals()
        locales.install()
