from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from apps.core.api import schema  # noqa: F401  (registers the filter bounds)
        from apps.core.sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="unicode_like")
