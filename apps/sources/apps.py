from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "apps.sources"
    verbose_name = "Sources"

    def ready(self) -> None:
        from apps.sources import softdelete  # noqa: F401  (what deleting a source means)
