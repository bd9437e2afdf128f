from django.contrib import admin

from nhiemvu.reports.models import ReportSetting


@admin.register(ReportSetting)
class ReportSettingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "mode", "cutoff_day", "send_day", "issuer_name", "signer_name")
    list_filter = ("mode",)
