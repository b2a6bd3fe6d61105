from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from simple_history.signals import pre_create_historical_record

        from apps.core import history
        from apps.core.api import schema  # noqa: F401  (registers the filter bounds)
        from apps.core.append_only import grant_after_migrate, install_sqlite_function
        from apps.core.sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="unicode_like")
        connection_created.connect(install_sqlite_function, dispatch_uid="history_flush")
        post_migrate.connect(grant_after_migrate, dispatch_uid="history_grants")
        pre_create_historical_record.connect(history.stamp_actor, dispatch_uid="history_actor")
