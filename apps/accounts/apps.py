from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "Access"

    def ready(self) -> None:
        from apps.accounts import (
            receivers,  # noqa: F401  (records sign-in events)
            schema,  # noqa: F401  (registers the OpenAPI scheme)
        )
