"""The task filters shared by the list, dashboard and search pages (plan, period, unit,
status, section, words). Built on the tracking queries so counts and lists agree."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from nhiemvu.accounts.models import role_of
from nhiemvu.directory.models import Unit
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import queries
from nhiemvu.tracking.models import Assignment, Plan, Section
from nhiemvu.web.cache import cached
from nhiemvu.web.search import search_tasks


def period_range(text: str):
    """A period code ("2023", "2023-Q2", "2023-05", "2023-H1") → (start, end), or None."""
    if not text:
        return None
    try:
        from nhiemvu.rules.periods import parse_period
    except ImportError:
        return None
    try:
        p = parse_period(text.strip())
    except (ValueError, TypeError):
        return None
    if isinstance(p, tuple):
        return p[0], p[1]
    return getattr(p, "start", None), getattr(p, "end", None)


def cleaned(form) -> dict:
    return form.cleaned_data if form is not None and form.is_valid() else {}


def scoped_tasks(user, data: dict, base: QuerySet | None = None) -> tuple[QuerySet, dict]:
    """Visible tasks narrowed by every filter except status (what the counts are made of)."""
    qs = base if base is not None else perm.visible_tasks(user)
    active: dict = {}
    if data.get("plan"):
        qs = qs.filter(plan_id=data["plan"])
        active["plan"] = data["plan"]
    if data.get("section"):
        qs = qs.filter(section_id=data["section"])
        active["section"] = data["section"]
    if data.get("unit"):
        qs = qs.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit_id=data["unit"],
                                                        removed_on__isnull=True)))
        active["unit"] = data["unit"]
    span = period_range(data.get("period") or "")
    if span and span[0] and span[1]:
        # "Due in the period": the effective due date falls inside it.
        qs = qs.filter(Q(extended_due__range=span) | Q(extended_due__isnull=True, due__range=span))
        active["period"] = data["period"]
    if data.get("q"):
        qs = search_tasks(qs, data["q"])
        active["q"] = data["q"]
    return qs, active


def with_status_filter(qs: QuerySet, code: str | None) -> QuerySet:
    """Annotate `status` (and flags) and keep one status, or the stale / escalated flags."""
    qs = queries.with_status(qs, today=timezone.localdate())
    if code == "stale":
        return qs.filter(is_stale=True)
    if code == "escalated":
        return qs.filter(is_escalated=True)
    if code:
        return qs.filter(status=code)
    return qs


def filter_tasks(user, form, base: QuerySet | None = None) -> tuple[QuerySet, dict]:
    """Visible tasks narrowed by the form's filters, annotated with `status`."""
    data = cleaned(form)
    qs, active = scoped_tasks(user, data, base)
    if data.get("status"):
        active["status"] = data["status"]
    return with_status_filter(qs, data.get("status")), active


def filter_context(user, plan_id: int | None = None) -> dict:
    """Options of the filter form; sections only for the chosen plan (a province has thousands).
    Plans and units (hundreds of options on every list and dashboard page) are kept as plain
    values until the data changes, instead of being loaded as model instances each time."""

    def options() -> dict:
        plans = perm.visible_plans(user).exclude(status=Plan.Status.DRAFT)
        return {
            "plan_options": [{"pk": p["id"], "kind": p["kind"], "number": p["number"], "title": p["title"]}
                             for p in plans.values("id", "kind", "number", "title")],
            "unit_options": [{"pk": u["id"], "name": u["name"]}
                             for u in Unit.objects.filter(is_active=True).values("id", "name")],
        }

    membership = getattr(user, "membership", None)
    who = (role_of(user), getattr(membership, "jurisdiction_id", None), getattr(membership, "unit_id", None))
    sections = Section.objects.filter(plan_id=plan_id).only("id", "title") if plan_id else Section.objects.none()
    return {**cached("filter-options", who, options), "section_options": sections}
