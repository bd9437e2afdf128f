from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "Người dùng"
    name = "nhiemvu.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
