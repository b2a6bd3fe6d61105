from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "apps.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from apps.cases import visibility  # noqa: F401  (declares who sees what)
