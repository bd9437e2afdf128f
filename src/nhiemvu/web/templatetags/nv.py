"""Template helpers: status badges, Vietnamese numbers and dates, query-string edits, charts."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from nhiemvu.rules import status as st

register = template.Library()


@register.simple_tag
def status_badge(code: str | None) -> str:
    if not code:
        return ""
    return format_html('<span class="badge st-{}">{}</span>', code, st.LABELS.get(code, code))


@register.simple_tag
def state_badge(code: str, label: str) -> str:
    return format_html('<span class="badge st-{}">{}</span>', code, label)


@register.filter
def status_label(code: str) -> str:
    return st.LABELS.get(code, code)


@register.filter
def vn_date(value) -> str:
    """dd/mm/yyyy; accepts dates, datetimes and ISO strings."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


@register.filter
def vn_number(value, digits: int = 0) -> str:
    """1.234,5 — Vietnamese separators."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{int(digits)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def percent(value, digits: int = 0) -> str:
    """A ratio 0..1 as a Vietnamese percentage; empty when undefined."""
    if value is None:
        return "—"
    return vn_number(float(value) * 100, digits) + "%"


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag
def svg(markup: str) -> str:
    """Markup made by nhiemvu.web.charts (which escapes every label)."""
    return mark_safe(markup)  # noqa: S308 - built by charts.py from escaped parts


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


ACTION_LABELS = {
    "plan.import": "Nhập văn bản",
    "plan.replace": "Thay bằng bản sửa đổi",
    "plan.publish": "Ban hành kế hoạch",
    "plan.close": "Đóng kế hoạch",
    "task.update": "Sửa nhiệm vụ",
    "task.complete": "Ghi nhận hoàn thành",
    "task.extend": "Gia hạn nhiệm vụ",
    "task.urge": "Đôn đốc",
    "task.cancel": "Huỷ nhiệm vụ",
    "task.create": "Thêm nhiệm vụ",
    "task.delete": "Xoá nhiệm vụ",
    "task.merge": "Gộp nhiệm vụ",
    "task.split": "Tách nhiệm vụ",
    "progress.submit": "Gửi báo cáo tiến độ",
    "progress.draft": "Lưu nháp báo cáo",
    "progress.accepted": "Chấp nhận báo cáo",
    "progress.returned": "Trả lại báo cáo",
    "extension.request": "Đề nghị gia hạn",
    "extension.approve": "Đồng ý gia hạn",
    "extension.refuse": "Từ chối gia hạn",
    "removal.request": "Đề nghị rút nhiệm vụ",
    "removal.approve": "Đồng ý rút nhiệm vụ",
    "removal.refuse": "Từ chối rút nhiệm vụ",
    "assignment.resolve": "Xác định đơn vị",
    "assignment.remove": "Rút đơn vị khỏi nhiệm vụ",
    "assignments.set": "Sửa danh sách đơn vị",
    "indicator.actual": "Ghi kết quả chỉ tiêu",
}


@register.filter
def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


@register.filter
def lead_names(task) -> str:
    """The lead units of a task (from prefetched assignments), joined with "; "."""
    names = [a.unit.name if a.unit_id else a.name_as_written for a in task.assignments.all()
             if a.role == "lead" and not a.removed_on and a.kind != "group"]
    return "; ".join(n for n in names if n)
