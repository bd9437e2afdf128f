"""The Office and leaders' dashboard: counts by status, rates, tables by unit / section / plan,
SVG charts, and the follow-up lists (overdue with ageing, due soon, stale, escalated)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone

from nhiemvu.accounts.decorators import STAFF, role_required
from nhiemvu.rules import status as st
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import queries
from nhiemvu.tracking.models import ProgressUpdate
from nhiemvu.web import charts, forms
from nhiemvu.web.cache import cached_part
from nhiemvu.web.filters import cleaned, filter_context, scoped_tasks, with_status_filter

SORTS = {
    "overdue": (lambda r: r["overdue"], True),
    "late": (lambda r: r["late"], True),
    "rate": (lambda r: (r["rates"]["on_time_of_done"].value is None, r["rates"]["on_time_of_done"].value or 0), False),
    "due_rate": (lambda r: (r["rates"]["done_of_due"].value is None, r["rates"]["done_of_due"].value or 0), False),
    "assigned": (lambda r: r["assigned"], True),
    "name": (lambda r: (r.get("unit") or r.get("name") or "").lower(), False),
}
GROUPS = {"unit": "Theo đơn vị chủ trì", "section": "Theo lĩnh vực (mục)", "plan": "Theo kế hoạch"}
LIST_SIZE = 10
TABLE_ROWS = 25  # the rest behind "Xem tất cả": a province has hundreds of units


def _sorted(rows: list[dict], key: str) -> list[dict]:
    fn, reverse = SORTS.get(key, SORTS["overdue"])
    return sorted(rows, key=fn, reverse=reverse)


def _figures(base, data: dict, period: str | None, group: str, sort: str, today) -> dict:
    """Everything the dashboard computes from the database (cached as one piece)."""
    counts = queries.status_counts(base, today)
    rows = _sorted(queries.group_table(base, group, period, today), sort)
    code = data.get("status")
    if code:
        listed = with_status_filter(base, code)
        overdue_qs = listed.filter(status=st.OVERDUE).order_by("-days_overdue", "pk")
        soon_qs = listed.filter(status=st.DUE_SOON).order_by("eff_due", "pk")
        stale_qs = listed.filter(is_stale=True).order_by("last_activity_on", "pk")
        escalated_qs = listed.filter(is_escalated=True).order_by("-urge_count", "pk")
    else:
        # Filter on the status conditions first (indexed open-work scan), annotate the few rows after.
        overdue_qs = queries.overdue_list(base, today, limit=None)
        soon_qs = queries.with_status(queries.filter_status(base, st.DUE_SOON, today), today).order_by("eff_due", "pk")
        stale_days = int(getattr(settings, "NHIEMVU_STALE_DAYS", st.DEFAULT_STALE_DAYS))
        stale_qs = queries.with_status(base.filter(
            cancelled=False, completed_on__isnull=True,
            last_activity_on__lt=today - dt.timedelta(days=stale_days)), today).order_by("last_activity_on", "pk")
        escalated_qs = queries.with_status(queries.escalated(base, today), today).order_by("-urge_count", "pk")
    related = ("assignments__unit",)
    pending = ProgressUpdate.objects.filter(state=ProgressUpdate.State.SUBMITTED).filter(
        Exists(base.filter(pk=OuterRef("task_id")))).select_related("task", "unit").order_by("reported_on", "pk")
    return {
        "counts": counts,
        "summary": queries.totals(base, period, today),
        "ageing": queries.ageing_counts(base, today),
        "rows": rows,
        "overdue": list(overdue_qs.select_related("plan").prefetch_related(*related)[:LIST_SIZE]),
        "due_soon": list(soon_qs.select_related("plan").prefetch_related(*related)[:LIST_SIZE]),
        "stale": list(stale_qs.select_related("plan").prefetch_related(*related)[:LIST_SIZE]),
        "escalated": list(escalated_qs.select_related("plan").prefetch_related(*related)[:LIST_SIZE]),
        "pending": list(pending[:LIST_SIZE]),
        "pending_count": pending.count(),
    }


@role_required(*STAFF)
def dashboard(request):
    # The whole page body is the same for every user of the same scope and query string until
    # the data changes (cache.cached_part): rendering it was ~3/4 of the page's CPU.
    body = cached_part(request, "dashboard-body", "web/includes/dashboard_body.html",
                       lambda: _context(request))
    return render(request, "web/dashboard.html", {"body": body})


def _context(request) -> dict:
    today = timezone.localdate()
    form = forms.TaskFilterForm(request.GET or None)
    data = cleaned(form)
    base, active = scoped_tasks(request.user, data)
    if data.get("status"):
        active["status"] = data["status"]
    # Drafts are the Office's work in progress, not tracked work.
    base = base.filter(plan__status__in=["published", "closed"])
    period = data.get("period") or None
    if period and "period" not in active:
        period = None  # not a period code the rules know
    group = request.GET.get("nhom", "unit")
    group = group if group in GROUPS else "unit"
    sort = request.GET.get("sap_xep", "overdue")
    fig = _figures(base, data, period, group, sort, today)
    counts, rows = fig["counts"], fig["rows"]
    total = sum(counts.values())
    donut = charts.donut(
        [charts.Bar(st.LABELS[c], counts[c], charts.STATUS_COLOURS[c]) for c in st.STATUSES],
        title="Cơ cấu nhiệm vụ theo tình trạng", centre=str(total),
    )
    worst = [r for r in _sorted(rows, "overdue") if r["overdue"]][:10]
    overdue_chart = charts.hbar(
        [charts.Bar(r.get("short_name") or r.get("unit") or r.get("name") or "", r["overdue"], "#b3261e") for r in worst],
        title="Nhiệm vụ quá hạn theo " + ("đơn vị" if group == "unit" else "nhóm"),
    ) if worst else ""
    rated = [r for r in rows if r["rates"]["on_time_of_done"].denominator][:12]
    rate_chart = charts.hbar(
        [charts.Bar(r.get("short_name") or r.get("unit") or r.get("name") or "",
                    r["rates"]["on_time_of_done"].value or 0, "#1b7f3b",
                    note=f"{r['on_time']}/{r['completed']}") for r in rated],
        title="Tỷ lệ hoàn thành đúng hạn", max_value=100, suffix="%",
    ) if rated else ""
    show_all = request.GET.get("tat_ca") == "1"
    ctx = {
        **fig, "form": form, "rows": rows if show_all else rows[:TABLE_ROWS], "row_count": len(rows),
        "show_all": show_all, "active": active, "total": total,
        "statuses": [(c, st.LABELS[c], counts[c]) for c in st.STATUSES],
        "ageing_labels": st.AGEING_LABELS,
        "group": group, "groups": GROUPS, "sort": sort,
        "donut": donut, "overdue_chart": overdue_chart, "rate_chart": rate_chart,
        "can_review": perm.can_review(request.user), "today": today, "period": period,
        **filter_context(request.user, data.get("plan")),
    }
    return ctx
