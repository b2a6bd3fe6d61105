from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "Partner access"

    def ready(self) -> None:
        from apps.accounts import schema  # noqa: F401  (registers the OpenAPI scheme)
