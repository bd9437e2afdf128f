from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    verbose_name = "Danh bạ đơn vị"
    name = "nhiemvu.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"
