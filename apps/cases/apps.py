from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "apps.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # Who sees what; what deleting a record takes with it; checks.
        from apps.cases import checks, softdelete, visibility  # noqa: F401
