"""The Office and leaders' dashboard: counts by status, rates, tables by unit / section / plan,
SVG charts, and the follow-up lists (overdue with ageing, due soon, stale, escalated)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from nhiemvu.accounts.decorators import STAFF, role_required
from nhiemvu.rules import status as st
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import queries
from nhiemvu.web import charts, forms
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


def _sorted(rows: list[dict], key: str) -> list[dict]:
    fn, reverse = SORTS.get(key, SORTS["overdue"])
    return sorted(rows, key=fn, reverse=reverse)


@role_required(*STAFF)
def dashboard(request):
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
    counts = queries.status_counts(base, today)
    total = sum(counts.values())
    summary = queries.totals(base, period, today)
    group = request.GET.get("nhom", "unit")
    group = group if group in GROUPS else "unit"
    sort = request.GET.get("sap_xep", "overdue")
    rows = _sorted(queries.group_table(base, group, period, today), sort)

    listed = with_status_filter(base, data.get("status")).select_related("plan").prefetch_related("assignments__unit")
    overdue = list(listed.filter(status=st.OVERDUE).order_by("-days_overdue", "pk")[:LIST_SIZE])
    due_soon = list(listed.filter(status=st.DUE_SOON).order_by("eff_due", "pk")[:LIST_SIZE])
    stale = list(listed.filter(is_stale=True).order_by("last_activity_on", "pk")[:LIST_SIZE])
    escalated = list(listed.filter(is_escalated=True).order_by("-urge_count", "pk")[:LIST_SIZE])
    pending = list(queries.pending_reviews(base).select_related("task", "unit")[:LIST_SIZE])

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
    ctx = {
        "form": form, "active": active, "counts": counts, "total": total, "summary": summary,
        "statuses": [(c, st.LABELS[c], counts[c]) for c in st.STATUSES],
        "ageing": queries.ageing_counts(base, today), "ageing_labels": st.AGEING_LABELS,
        "group": group, "groups": GROUPS, "sort": sort, "rows": rows,
        "overdue": overdue, "due_soon": due_soon, "stale": stale, "escalated": escalated, "pending": pending,
        "donut": donut, "overdue_chart": overdue_chart, "rate_chart": rate_chart,
        "can_review": perm.can_review(request.user), "today": today, "period": period,
        **filter_context(request.user),
    }
    return render(request, "web/dashboard.html", ctx)
