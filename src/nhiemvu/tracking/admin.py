"""Read-only admin views of the tracking data. Changes go through tracking.services (which
check permissions and write the audit log), never through the admin."""

from __future__ import annotations

from django.contrib import admin

from nhiemvu.tracking.models import (
    Actual,
    Assignment,
    Extension,
    Indicator,
    Plan,
    ProgressUpdate,
    RemovalRequest,
    ReportingDuty,
    StoredFile,
    Task,
    Urge,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("role", "kind", "unit", "name_as_written", "via_group", "removed_on")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "jurisdiction", "issued_on", "status")
    list_filter = ("jurisdiction", "status", "kind")
    search_fields = ("number", "title")
    exclude = ("extraction",)


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("ref", "content", "plan", "due", "extended_due", "completed_on", "cancelled", "urge_count")
    list_filter = ("plan__jurisdiction", "plan", "recurring", "cancelled")
    search_fields = ("ref", "content")
    list_select_related = ("plan",)
    inlines = [AssignmentInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ("task", "unit", "reported_on", "percent", "completion", "state")
    list_filter = ("state", "completion")
    list_select_related = ("task", "unit")


for model in (StoredFile, Indicator, Actual, ReportingDuty, Extension, RemovalRequest, Urge):
    admin.site.register(model, ReadOnlyAdmin)
