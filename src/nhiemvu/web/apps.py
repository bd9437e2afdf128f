import contextlib
from pathlib import Path

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _search_index(sender, using="default", **kwargs) -> None:
    """After every migrate: the search index and its triggers exist (see web/search_index.py)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from nhiemvu.web import search_index

    connection = connections[using]
    # Only once web 0002 is applied (a migrate to an earlier state must not create it).
    if MigrationRecorder(connection).migration_qs.filter(app="web", name="0002_task_search_index").exists():
        search_index.ensure(connection)


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
        post_migrate.connect(_search_index, sender=self, dispatch_uid="nhiemvu.web.search_index")
