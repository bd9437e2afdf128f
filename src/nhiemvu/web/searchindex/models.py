from django.db import models


class TaskText(models.Model):
    """Folded "ref content" of a task. Filled on save (signal) and lazily for tasks created
    in bulk (imports use bulk_create, which sends no signal)."""

    task = models.OneToOneField("tracking.Task", on_delete=models.CASCADE, primary_key=True, related_name="+")
    folded = models.TextField()

    class Meta:
        verbose_name = "chỉ mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"
