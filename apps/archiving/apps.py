from django.apps import AppConfig


class ArchivingConfig(AppConfig):
    name = "apps.archiving"
    verbose_name = "Archiving"

    def ready(self) -> None:
        from apps.archiving import (
            receivers,  # noqa: F401  (connects the Source hook)
            softdelete,  # noqa: F401  (a source's captures go and come back with it)
            visibility,  # noqa: F401  (declares who sees what)
        )
