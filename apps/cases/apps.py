from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "apps.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from apps.cases import checks, visibility  # noqa: F401  (who sees what; checks)
