from django.contrib import admin

from nhiemvu.jobs.models import ImportJob, Job, JobRun, Notification, SentReminder


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "run_at", "enabled", "next_run_at", "last_run_at")


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ("job", "scheduled_for", "status", "worker", "started_at", "finished_at")
    list_filter = ("status", "job")
    readonly_fields = [f.name for f in JobRun._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "title", "created_at", "read_at")
    list_filter = ("kind",)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "subject", "day", "emailed_at")
    list_filter = ("kind", "day")
    readonly_fields = [f.name for f in SentReminder._meta.fields]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "state", "message", "outcome", "plan", "created_by", "created_at",
                    "finished_at")
    list_filter = ("state", "outcome", "jurisdiction")
    exclude = ("extraction", "lines")  # large; the plan keeps the extraction
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name not in ("extraction", "lines")]
