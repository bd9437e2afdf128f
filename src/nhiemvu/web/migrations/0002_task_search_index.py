# Substring search index on tracking_task.search_text (web/search_index.py): SQLite FTS5
# trigram table kept by triggers, or a PostgreSQL pg_trgm GIN index. In the web app (which owns
# search) so it does not collide with tracking's own migrations.

from django.db import migrations


def forward(apps, schema_editor):
    from nhiemvu.web import search_index

    search_index.ensure(schema_editor.connection)


def backward(apps, schema_editor):
    from nhiemvu.web import search_index

    search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("web", "0001_initial"),
        ("tracking", "0005_covering_indexes"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
