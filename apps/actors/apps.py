from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "apps.actors"
    verbose_name = "Officials and organizations"

    def ready(self) -> None:
        from apps.actors import visibility  # noqa: F401  (declares who sees what)
