"""The daily reminder job: tasks due soon, overdue tasks and report deadlines coming up,
told to the officers of the lead units — in-app notifications and one e-mail digest per
user per day, never the same reminder twice (SentReminder.key per user, subject, kind, day)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from nhiemvu.accounts.models import Role
from nhiemvu.audit.services import record
from nhiemvu.jobs.mail import send_digest
from nhiemvu.jobs.models import Notification, SentReminder
from nhiemvu.reports.data import fmt_date
from nhiemvu.rules import status as st
from nhiemvu.rules.report_windows import upcoming_deadlines
from nhiemvu.tracking.models import Assignment, Plan, Task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    kind: str
    subject: str  # "task:12", "report:3:2023-Q2"
    title: str
    body: str = ""
    url: str = ""
    task_id: int | None = None


@dataclass
class Outcome:
    day: dt.date
    notifications: int = 0
    emails: int = 0
    skipped: int = 0  # reminders already given today
    failed_emails: list[str] = field(default_factory=list)
    planned: dict[str, list[Item]] = field(default_factory=dict)  # username → items (dry run)

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(), "notifications": self.notifications, "emails": self.emails,
            "skipped": self.skipped, "failed_emails": self.failed_emails,
        }


def _officers_by_unit(unit_ids) -> dict[int, list]:
    User = get_user_model()
    users = User.objects.filter(
        is_active=True, membership__role=Role.AGENCY, membership__unit_id__in=list(unit_ids)
    ).select_related("membership")
    out: dict[int, list] = defaultdict(list)
    for user in users:
        out[user.membership.unit_id].append(user)
    return out


def _task_items(day: dt.date, window_days: int) -> dict[int, list[Item]]:
    """Unit id → reminders about the open tasks it leads, due within the window or overdue."""
    horizon = day + dt.timedelta(days=window_days)
    tasks = (
        Task.objects.filter(plan__status=Plan.Status.PUBLISHED, cancelled=False)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=day))
        .filter(Q(extended_due__lte=horizon) | Q(extended_due__isnull=True, due__lte=horizon))
        .select_related("plan")
    )
    leads = Assignment.objects.filter(
        task__in=tasks, role=Assignment.Role.LEAD, removed_on__isnull=True, unit__isnull=False
    ).values_list("task_id", "unit_id")
    units_of: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in leads:
        units_of[task_id].append(unit_id)
    out: dict[int, list[Item]] = defaultdict(list)
    for task in tasks:
        status = st.compute_status(task, day, due_soon_days=window_days)
        if status not in (st.DUE_SOON, st.OVERDUE):
            continue
        due = task.effective_due
        label = f"{task.ref} {task.content}".strip()
        label = label if len(label) <= 160 else label[:157] + "…"
        if status == st.OVERDUE:
            kind = Notification.Kind.OVERDUE
            body = f"Hạn {fmt_date(due)}, đã quá hạn {(day - due).days} ngày ({task.plan.number or task.plan.kind})."
        else:
            kind = Notification.Kind.DUE_SOON
            left = (due - day).days
            when = "hôm nay" if left == 0 else f"còn {left} ngày"
            body = f"Hạn {fmt_date(due)}, {when} ({task.plan.number or task.plan.kind})."
        item = Item(kind=kind, subject=f"task:{task.pk}", title=label, body=body,
                    url=f"/nhiem-vu/{task.pk}/", task_id=task.pk)
        for unit_id in units_of.get(task.pk, ()):
            out[unit_id].append(item)
    return out


def _report_items(day: dt.date, window_days: int) -> dict[int, list[Item]]:
    """Unit id → the report deadlines of the published plans it leads tasks in."""
    from nhiemvu.reports.build import plan_duties, policy_for

    out: dict[int, list[Item]] = defaultdict(list)
    for plan in Plan.objects.filter(status=Plan.Status.PUBLISHED).prefetch_related("reporting_duties"):
        duties = plan_duties(plan)
        if not duties:
            continue
        cycles = {d.cycle for d in duties if d.cycle is not None}
        deadlines = upcoming_deadlines(day, window_days, cycles, policy_for(plan), duties)
        if not deadlines:
            continue
        # The duty's own reporting units when the import resolved them, else every lead unit.
        senders = set(
            plan.reporting_duties.values_list("from_units", flat=True).exclude(from_units__isnull=True)
        ) or set(
            Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD, unit__isnull=False,
                                      removed_on__isnull=True).values_list("unit_id", flat=True)
        )
        for deadline in deadlines:
            code = deadline.period.code if deadline.period else deadline.deadline.isoformat()
            left = (deadline.deadline - day).days
            when = "hôm nay" if left == 0 else f"còn {left} ngày"
            window = deadline.window
            data = f" Số liệu từ {fmt_date(window.start)} đến {fmt_date(window.cutoff)}." if window else ""
            item = Item(
                kind=Notification.Kind.REPORT_DEADLINE,
                subject=f"report:{plan.pk}:{code}",
                title=f"{deadline.text} – {plan.number or plan.title[:80]}",
                body=f"Hạn gửi {fmt_date(deadline.deadline)} ({when}).{data}",
                url=f"/bao-cao/don-vi/{{unit}}/{code}/" if deadline.period else "",
            )
            for unit_id in senders:
                out[unit_id].append(item)
    return out


def collect(day: dt.date, window_days: int | None = None) -> dict:
    """User → the reminders they should get on `day` (before de-duplication)."""
    window_days = settings.NHIEMVU_DUE_SOON_DAYS if window_days is None else window_days
    by_unit: dict[int, list[Item]] = defaultdict(list)
    for source in (_task_items(day, window_days), _report_items(day, window_days)):
        for unit_id, items in source.items():
            by_unit[unit_id].extend(items)
    officers = _officers_by_unit(by_unit)
    by_user: dict = {}
    for unit_id, items in by_unit.items():
        for user in officers.get(unit_id, ()):
            seen = by_user.setdefault(user, {})
            for item in items:
                if "{unit}" in item.url:
                    item = Item(item.kind, item.subject, item.title, item.body,
                                item.url.replace("{unit}", str(unit_id)), item.task_id)
                seen.setdefault((item.subject, item.kind), item)
    return {user: list(items.values()) for user, items in by_user.items()}


def _give(user, day: dt.date, items: list[Item]) -> int:
    """Store the new reminders and their in-app notifications; returns how many were new."""
    existing = set(SentReminder.objects.filter(user=user, day=day).values_list("key", flat=True))
    new = 0
    for item in items:
        key = SentReminder.make_key(user.pk, item.subject, item.kind, day)
        if key in existing:
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    user=user, kind=item.kind, title=item.title, body=item.body, url=item.url, task_id=item.task_id,
                )
                SentReminder.objects.create(
                    key=key, user=user, task_id=item.task_id, subject=item.subject, kind=item.kind, day=day,
                    notification=note,
                )
            new += 1
        except IntegrityError:
            continue  # another worker gave it a moment ago
    return new


def _mail_pending(user, day: dt.date, outcome: Outcome) -> None:
    pending = list(
        SentReminder.objects.filter(user=user, day=day, emailed_at__isnull=True).select_related("notification")
    )
    if not pending or not user.email:
        return
    items = [
        Item(r.kind, r.subject, r.notification.title if r.notification else r.subject,
             r.notification.body if r.notification else "", r.notification.url if r.notification else "")
        for r in pending
    ]
    order = {"overdue": 0, "due_soon": 1, "report_deadline": 2}
    items.sort(key=lambda i: order.get(i.kind, 9))
    name = user.get_full_name() or user.get_username()
    try:
        send_digest(user.email, name, day, items)
    except Exception as exc:  # noqa: BLE001 - any SMTP/network error: keep going, retry next run
        log.warning("Không gửi được thư nhắc việc cho %s: %s", user.email, exc)
        outcome.failed_emails.append(user.email)
        return
    SentReminder.objects.filter(pk__in=[r.pk for r in pending]).update(emailed_at=timezone.now())
    outcome.emails += 1


def run(day: dt.date | None = None, *, dry_run: bool = False, window_days: int | None = None) -> Outcome:
    day = day or timezone.localdate()
    outcome = Outcome(day=day)
    wanted = collect(day, window_days)
    for user, items in sorted(wanted.items(), key=lambda kv: kv[0].pk):
        if dry_run:
            keys = set(SentReminder.objects.filter(user=user, day=day).values_list("key", flat=True))
            fresh = [i for i in items if SentReminder.make_key(user.pk, i.subject, i.kind, day) not in keys]
            outcome.skipped += len(items) - len(fresh)
            if fresh:
                outcome.planned[user.get_username()] = fresh
            continue
        new = _give(user, day, items)
        outcome.notifications += new
        outcome.skipped += len(items) - new
        _mail_pending(user, day, outcome)
    if not dry_run:
        record("jobs.remind", None, object_type="jobs.reminders", object_id=day.isoformat(),
               object_repr=f"Nhắc việc ngày {fmt_date(day)}", after=outcome.as_dict())
    return outcome
