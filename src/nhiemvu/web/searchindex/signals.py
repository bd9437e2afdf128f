from django.db.models.signals import post_save
from django.dispatch import receiver

from nhiemvu.tracking.models import Task
from nhiemvu.web.searchindex.index import text_of
from nhiemvu.web.searchindex.models import TaskText


@receiver(post_save, sender=Task)
def _reindex(sender, instance: Task, **kwargs):
    TaskText.objects.update_or_create(task_id=instance.pk, defaults={"folded": text_of(instance.ref, instance.content)})
