from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "campaign.accounts"
    label = "accounts"
    verbose_name = "Editors' accounts"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .login_limits import count_failure

        user_login_failed.connect(count_failure, dispatch_uid="accounts.count_failure")
