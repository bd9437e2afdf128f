from django.apps import AppConfig


class AuditConfig(AppConfig):
    verbose_name = "Nhật ký thay đổi"
    name = "nhiemvu.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"
