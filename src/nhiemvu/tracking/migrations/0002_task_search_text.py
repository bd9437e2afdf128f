# Added by the API helper: accent-folded search text on tasks (see Task.search_text).

from django.db import migrations, models


def backfill(apps, schema_editor):
    from nhiemvu.tracking.models import search_text_of

    Task = apps.get_model("tracking", "Task")
    batch = []
    for task in Task.objects.only("pk", "ref", "content", "product").iterator(chunk_size=2000):
        task.search_text = search_text_of(task)
        batch.append(task)
        if len(batch) >= 2000:
            Task.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Task.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('tracking', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='task',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='nội dung không dấu (tìm kiếm)'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
