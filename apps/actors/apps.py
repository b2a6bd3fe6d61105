from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "apps.actors"
    verbose_name = "Officials and organizations"

    def ready(self) -> None:
        from apps.actors import permissions, visibility  # noqa: F401  (parts; who sees what)
