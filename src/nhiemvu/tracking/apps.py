from django.apps import AppConfig


class TrackingConfig(AppConfig):
    verbose_name = "Theo dõi nhiệm vụ"
    name = "nhiemvu.tracking"
    label = "tracking"
    default_auto_field = "django.db.models.BigAutoField"
