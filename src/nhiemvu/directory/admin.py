from __future__ import annotations

from django.contrib import admin

from nhiemvu.directory.models import Alias, Jurisdiction, Unit


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ("text", "source")
    readonly_fields = ("source",)


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "level", "parent")
    search_fields = ("name", "slug")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "jurisdiction", "parent", "uncertain", "is_active")
    list_filter = ("jurisdiction", "kind", "uncertain", "is_active")
    search_fields = ("name", "short_name", "aliases__text")
    autocomplete_fields = ("parent",)
    inlines = [AliasInline]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ("text", "unit", "jurisdiction", "source")
    list_filter = ("jurisdiction", "source")
    search_fields = ("text", "unit__name")
    autocomplete_fields = ("unit",)
    readonly_fields = ("folded",)

    def save_model(self, request, obj, form, change):
        from nhiemvu.audit.services import record, snapshot
        from nhiemvu.directory.matcher import fold_key

        obj.folded = fold_key(obj.text)
        super().save_model(request, obj, form, change)
        record("directory.alias.update" if change else "directory.alias.create", obj, actor=request.user,
               after=snapshot(obj), unit=obj.unit, note="Trang quản trị")
