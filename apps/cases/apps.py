from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "apps.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # Who sees what; what a record is part of; what deleting a record takes with it.
        from apps.cases import checks, permissions, softdelete, visibility  # noqa: F401
