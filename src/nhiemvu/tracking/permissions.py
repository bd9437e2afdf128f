"""Who may see and do what with tasks. Every list the application shows starts from
`visible_tasks(user)`; every change checks one of the `can_*` functions first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet

from nhiemvu.accounts.models import Role, role_of, unit_of
from nhiemvu.tracking.models import Assignment, Plan, Task

_REVIEWERS = {Role.ADMIN, Role.OFFICE}
_READ_ALL = {Role.ADMIN, Role.OFFICE, Role.LEADER}


def _jurisdiction_of(user):
    membership = getattr(user, "membership", None)
    return membership.jurisdiction if membership else None


def _unit_assignment(unit, task_ref=None):
    """Live (not removed) assignments of `unit`, as a subquery on the outer task."""
    return Assignment.objects.filter(task=OuterRef("pk") if task_ref is None else task_ref, unit=unit,
                                     removed_on__isnull=True)


def visible_tasks(user) -> QuerySet[Task]:
    """Tasks the user may see.

    Admin, office and leader: every task of their jurisdiction (all tasks when the membership
    names no jurisdiction: a single-jurisdiction installation). Agency officers: only tasks of
    published plans where their unit is lead or support. Anyone else: nothing.
    """
    role = role_of(user)
    qs = Task.objects.all()
    if role in _READ_ALL:
        jurisdiction = _jurisdiction_of(user)
        if jurisdiction is not None:
            # IN (subquery) rather than a join (API helper, from bench/web_load.py at 100,000
            # tasks): with the join SQLite drives from plans and sorts every task for a
            # 50-row page (~100 ms); with IN it walks the (plan, order) index and stops (~2 ms).
            return qs.filter(plan_id__in=Plan.objects.filter(jurisdiction=jurisdiction).values("pk"))
        return qs  # a single-jurisdiction installation: no jurisdiction set
    if role == Role.AGENCY:
        unit = unit_of(user)
        if unit is None:
            return qs.none()
        # Same rule as before (published/closed plans, a live assignment of the unit), written
        # as IN subqueries so the database starts from the unit's assignments instead of
        # testing every task (API helper; ~90 ms → ~15 ms at 100,000 tasks on SQLite).
        live = Plan.objects.filter(status__in=[Plan.Status.PUBLISHED, Plan.Status.CLOSED]).values("pk")
        mine = Assignment.objects.filter(unit=unit, removed_on__isnull=True).values("task_id")
        return qs.filter(plan_id__in=live, pk__in=mine)
    return qs.none()


def visible_plans(user) -> QuerySet[Plan]:
    role = role_of(user)
    qs = Plan.objects.all()
    if role in _READ_ALL:
        jurisdiction = _jurisdiction_of(user)
        if jurisdiction is not None:
            return qs.filter(jurisdiction=jurisdiction)
        return qs
    if role == Role.AGENCY and unit_of(user) is not None:
        return qs.filter(status__in=[Plan.Status.PUBLISHED, Plan.Status.CLOSED]).filter(
            Exists(Assignment.objects.filter(task__plan=OuterRef("pk"), unit=unit_of(user)))
        )
    return qs.none()


def can_view_task(user, task: Task) -> bool:
    return visible_tasks(user).filter(pk=task.pk).exists()


def can_report(user, task: Task, unit=None) -> bool:
    """An agency officer of a lead or support unit of the task (office/admin may report on
    behalf of a unit). The plan must be published and the task not cancelled."""
    if task.cancelled or task.plan.status != Plan.Status.PUBLISHED:
        return False
    role = role_of(user)
    if role in _REVIEWERS:
        return _in_jurisdiction(user, task)
    if role != Role.AGENCY:
        return False
    own = unit_of(user)
    if own is None or (unit is not None and unit.pk != own.pk):
        return False
    return Assignment.objects.filter(task=task, unit=own, removed_on__isnull=True).exists()


def is_lead(unit, task: Task) -> bool:
    return Assignment.objects.filter(task=task, unit=unit, role=Assignment.Role.LEAD, removed_on__isnull=True).exists()


def can_review(user) -> bool:
    """Office and admin: accept/return reports, decide extensions and removals, urge, cancel, import."""
    return role_of(user) in _REVIEWERS


def can_review_task(user, task: Task) -> bool:
    return can_review(user) and _in_jurisdiction(user, task)


def _in_jurisdiction(user, task: Task) -> bool:
    jurisdiction = _jurisdiction_of(user)
    return jurisdiction is None or task.plan.jurisdiction_id == jurisdiction.pk


def require(allowed: bool, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    if not allowed:
        raise PermissionDenied(message)
