from django.apps import AppConfig


class SearchIndexConfig(AppConfig):
    name = "nhiemvu.web.searchindex"
    label = "searchindex"
    verbose_name = "Chỉ mục tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nhiemvu.web.searchindex import signals  # noqa: F401
