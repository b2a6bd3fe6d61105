from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "apps.regions"
    verbose_name = "Places"

    def ready(self) -> None:
        from apps.regions import visibility  # noqa: F401  (declares who sees what)
