"""Template context for every page: the user's role and unit, and the menu they may use."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from nhiemvu.accounts.models import Role, role_of

# (url name, label, roles that see it)
MENU = (
    ("web:dashboard", "Tổng quan", {Role.ADMIN, Role.OFFICE, Role.LEADER}),
    ("web:inbox", "Nhiệm vụ của đơn vị", {Role.AGENCY}),
    ("web:task_list", "Nhiệm vụ", {Role.ADMIN, Role.OFFICE, Role.LEADER, Role.AGENCY}),
    ("web:import", "Nhập văn bản", {Role.ADMIN, Role.OFFICE}),
    ("web:plans", "Kế hoạch", {Role.ADMIN, Role.OFFICE, Role.LEADER}),
    ("web:indicators", "Chỉ tiêu", {Role.ADMIN, Role.OFFICE, Role.LEADER, Role.AGENCY}),
    ("web:directory", "Danh bạ đơn vị", {Role.ADMIN, Role.OFFICE}),
    ("accounts:users", "Người dùng", {Role.ADMIN}),
    ("jobs:notifications", "Thông báo", {Role.ADMIN, Role.OFFICE, Role.LEADER, Role.AGENCY}),
)


def _unread(user) -> int:
    try:
        from nhiemvu.jobs.services import unread_count
    except ImportError:  # the reminders app is optional for the pages
        return 0
    return unread_count(user)


def _menu(role: str, unit_id: int | None) -> dict:
    """What the navigation shows for a role and unit: plain values, kept until the data changes."""
    from nhiemvu.directory.models import Unit

    menu = []
    for name, label, roles in MENU:
        if role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # a page area not installed in this build
            continue
        menu.append({"name": name, "url": url, "label": label})
    unit = Unit.objects.filter(pk=unit_id).values("pk", "name", "short_name").first() if unit_id else None
    return {"menu": menu, "unit": unit}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    if not role:
        return {"nv_role": None, "nv_menu": []}
    from nhiemvu.web.cache import cached

    current = request.resolver_match.view_name if request.resolver_match else ""
    membership = getattr(user, "membership", None)
    unit_id = getattr(membership, "unit_id", None)
    # Menu links and the unit's name cost ten reverse() calls and a query on every page.
    kept = cached("navigation", (role, unit_id), lambda: _menu(role, unit_id))
    unread = _unread(user)
    menu = [{"url": item["url"], "label": item["label"], "active": item["name"] == current,
             "badge": unread if item["name"] == "jobs:notifications" else 0} for item in kept["menu"]]
    return {
        "nv_role": role,
        "nv_role_label": Role(role).label,
        "nv_unit": kept["unit"],
        "nv_menu": menu,
        "nv_can_review": role in (Role.ADMIN, Role.OFFICE),
    }
