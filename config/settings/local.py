"""The embedded default for a laptop: SQLite and the filesystem broker, DEBUG on."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
