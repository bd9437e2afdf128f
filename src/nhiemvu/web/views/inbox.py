"""An agency officer's inbox: the unit's tasks as lead and as support, grouped by status."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone

from nhiemvu.accounts.decorators import role_required
from nhiemvu.accounts.models import Role, unit_of
from nhiemvu.rules import status as st
from nhiemvu.rules.periods import period_of
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import queries
from nhiemvu.tracking.models import Assignment, ProgressUpdate
from nhiemvu.web.cache import cached_part

ORDER = (st.OVERDUE, st.DUE_SOON, st.IN_PROGRESS, st.NOT_YET_DUE, st.RECURRING, st.COMPLETED_LATE,
         st.COMPLETED_ON_TIME, st.CANCELLED)
PER_GROUP = 25


@role_required(Role.AGENCY)
def inbox(request):
    # The page body is the same for every officer of the unit (and the same role filter) until
    # the data changes: kept rendered (cache.cached_part), queries and rows included.
    body = cached_part(request, "inbox-body", "web/includes/inbox_body.html", lambda: _context(request))
    return render(request, "web/inbox.html", {"body": body})


def _context(request) -> dict:
    unit = unit_of(request.user)
    today = timezone.localdate()
    role = request.GET.get("vai_tro", "")
    base = perm.visible_tasks(request.user)
    lead_q = Assignment.objects.filter(task=OuterRef("pk"), unit=unit, role=Assignment.Role.LEAD,
                                       removed_on__isnull=True)
    base = base.annotate(is_lead=Exists(lead_q))
    if role == "lead":
        base = base.filter(is_lead=True)
    elif role == "support":
        base = base.filter(is_lead=False)
    counts = queries.status_counts(base, today)
    tasks = queries.with_status(base, today).select_related("plan").prefetch_related("assignments__unit")
    groups = []
    for code in ORDER:
        if not counts.get(code):
            continue
        # Narrow by the status conditions first, then annotate only those rows.
        items = queries.with_status(queries.filter_status(tasks, code, today), today)
        items = list(items.order_by("eff_due", "pk")[:PER_GROUP])
        groups.append({"code": code, "label": st.LABELS[code], "count": counts[code], "tasks": items})
    returned = (ProgressUpdate.objects.filter(unit=unit, state=ProgressUpdate.State.RETURNED)
                .select_related("task").order_by("-reviewed_at")[:20])
    return {"unit": unit, "quarter": period_of(today, "quarter").code, "groups": groups, "counts": counts,
            "role_filter": role, "returned": returned, "total": sum(counts.values())}
