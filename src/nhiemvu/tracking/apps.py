from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_triggers(sender, using="default", **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table (any later
    AlterField/AddConstraint on tasks or assignments): put them back and rebuild what they keep."""
    from django.db import connections

    from nhiemvu.tracking import stats

    stats.ensure(connections[using])


class TrackingConfig(AppConfig):
    verbose_name = "Theo dõi nhiệm vụ"
    name = "nhiemvu.tracking"
    label = "tracking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_ensure_triggers, sender=self, dispatch_uid="nhiemvu-tracking-triggers")
