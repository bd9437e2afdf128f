import contextlib
from pathlib import Path

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nhiemvu.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        # whitenoise serves from the app directories (WHITENOISE_USE_FINDERS) but warns at
        # start-up when STATIC_ROOT is missing; an empty one is enough.
        with contextlib.suppress(OSError):
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
