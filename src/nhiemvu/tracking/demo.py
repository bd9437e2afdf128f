"""`nhiemvu demo`: a fresh database with the five sample directives imported and published,
users for every role, and simulated follow-up over 2023 so that every status occurs.

Deterministic: the same date gives the same data (a seeded random generator; tasks visited
in a fixed order). Everything goes through the services, so the audit log reads like real use.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

SAMPLES = Path(__file__).with_name("samples")
PASSWORDS = {
    "admin": "demo-admin-2023",
    "vanphong": "demo-vanphong-2023",
    "lanhdao": "demo-lanhdao-2023",
    "donvi1": "demo-donvi1-2023",
    "donvi2": "demo-donvi2-2023",
}


def _reset_database() -> None:
    """Drop the SQLite file (the default), or empty a PostgreSQL database, before migrating."""
    from nhiemvu.web import settings as s

    db = s.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
        return
    from nhiemvu.cli import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if "tracking_plan" in connection.introspection.table_names():
        call_command("flush", interactive=False, verbosity=0)


def _users(vt, units) -> dict[str, object]:
    from django.contrib.auth.models import User

    from nhiemvu.accounts.models import Membership, Role

    spec = [
        ("admin", Role.ADMIN, None, None, "Quản trị hệ thống"),
        ("vanphong", Role.OFFICE, vt, None, "Chuyên viên Văn phòng HĐND và UBND"),
        ("lanhdao", Role.LEADER, vt, None, "Lãnh đạo UBND thành phố"),
        ("donvi1", Role.AGENCY, vt, units[0], f"Cán bộ {units[0].name}"),
        ("donvi2", Role.AGENCY, vt, units[1], f"Cán bộ {units[1].name}"),
    ]
    users = {}
    for username, role, jurisdiction, unit, full_name in spec:
        user = User.objects.create_user(username, password=PASSWORDS[username], first_name=full_name,
                                        is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
        Membership.objects.create(user=user, role=role, jurisdiction=jurisdiction, unit=unit)
        users[username] = user
    return users


def _busiest_lead_units(jurisdiction, n: int = 2):
    from django.db.models import Count

    from nhiemvu.directory.models import Unit

    return list(Unit.objects.filter(jurisdiction=jurisdiction, assignments__role="lead")
                .annotate(n=Count("assignments")).order_by("-n", "pk")[:n])


def _simulate(today: dt.date, users: dict, rng: random.Random) -> None:
    """Follow-up over 2023 (and up to today) through the services."""
    from django.db.models import Prefetch

    from nhiemvu.tracking import services
    from nhiemvu.tracking.models import Assignment, Target, Task

    office_j = users["vanphong"].membership.jurisdiction_id
    actor_for = {u.membership.unit_id: u for u in users.values() if getattr(u.membership, "unit_id", None)}
    leads = Prefetch("assignments", queryset=Assignment.objects.filter(role="lead", unit__isnull=False)
                     .order_by("order"), to_attr="leads")
    tasks = list(Task.objects.filter(plan__status="published").select_related("plan").prefetch_related(leads).order_by("plan_id", "order"))
    cap = min(today, dt.date(2024, 6, 30))

    def day(d: dt.date) -> dt.date:
        return min(max(d, dt.date(2023, 1, 2)), cap)

    rescheduled = 0
    for task in tasks:
        if not task.leads:
            continue
        unit = task.leads[0].unit
        # The Office reviews its own jurisdiction; the administrator the other one.
        office = users["vanphong"] if task.plan.jurisdiction_id == office_j else users["admin"]
        actor = actor_for.get(unit.pk)
        due = task.effective_due
        r = rng.random()
        if task.recurring or due is None:
            if r < 0.8:  # quarterly reports; the rest stay idle
                for q, month in enumerate((3, 6, 9, 12), start=1):
                    up = services.submit_progress(task, unit, actor, percent=0, period=f"2023-Q{q}",
                                                  text=f"Đã triển khai thường xuyên trong quý {q}/2023.",
                                                  reported_on=day(dt.date(2023, month, 25)))
                    services.accept_progress(up, office)
            continue
        if rescheduled < 2 and r > 0.9:
            # The Office moves a task to next year (a later decision): "not yet due".
            services.update_task(task, office, start=today + dt.timedelta(days=20 + 10 * rescheduled),
                                 due=today + dt.timedelta(days=120), due_text="Điều chỉnh theo văn bản mới")
            rescheduled += 1
            continue
        start = task.start or due - dt.timedelta(days=60)
        mid = day(start + (due - start) / 2)
        if r < 0.03:
            services.cancel_task(task, office, decision=f"{100 + task.pk}/QĐ-UBND",
                                 reason="Nhiệm vụ không còn phù hợp", on=day(mid))
            continue
        if r < 0.80:
            up = services.submit_progress(task, unit, actor, percent=rng.choice((30, 50, 70)), period="",
                                          text="Đang triển khai theo kế hoạch.", reported_on=mid)
            services.accept_progress(up, office)
        if r < 0.50:  # completed on time
            done = day(due - dt.timedelta(days=rng.randint(0, 20)))
            if done < mid:
                done = mid
            up = services.submit_progress(task, unit, actor, percent=100, text="Đã hoàn thành nhiệm vụ.",
                                          completion=True, reported_on=done)
            services.accept_progress(up, office)
        elif r < 0.65:  # completed late
            up = services.submit_progress(task, unit, actor, percent=100, completion=True,
                                          text="Đã hoàn thành (chậm do chờ thẩm định).",
                                          reported_on=day(due + dt.timedelta(days=rng.randint(5, 90))))
            services.accept_progress(up, office)
        elif r < 0.69:  # completion waiting for the Office
            services.submit_progress(task, unit, actor, percent=100, completion=True, text="Đề nghị ghi nhận hoàn thành.",
                                     reported_on=day(due + dt.timedelta(days=rng.randint(1, 30))))
        elif r < 0.72:  # returned
            up = services.submit_progress(task, unit, actor, percent=100, completion=True, text="Đã hoàn thành.",
                                          reported_on=day(due))
            services.return_progress(up, office, "Chưa kèm văn bản chứng minh kết quả, đề nghị bổ sung.")
        elif r < 0.80:  # extended: soon due, or well in time
            soon = rng.random() < 0.5
            new_due = today + dt.timedelta(days=rng.randint(1, 6) if soon else rng.randint(30, 120))
            ext = services.request_extension(task, unit, actor, new_due=new_due, reason="Chờ bố trí kinh phí.")
            services.decide_extension(ext, office, approve=True, comment="Đồng ý gia hạn.")
        elif r < 0.82:
            ext = services.request_extension(task, unit, actor, new_due=today + dt.timedelta(days=60),
                                             reason="Phụ thuộc hồ sơ của đơn vị khác.")
            if r < 0.81:
                services.decide_extension(ext, office, approve=False, comment="Không đủ căn cứ gia hạn.")
        elif r < 0.83:
            req = services.request_removal(task, unit, actor, reason="Không thuộc chức năng, nhiệm vụ của đơn vị.",
                                           reason_kind="not_applicable")
            if rng.random() < 0.5:
                services.decide_removal(req, office, approve=True, comment="Đồng ý, sẽ giao lại.")
        else:  # overdue, urged 0–4 times
            for k in range(rng.choice((0, 1, 2, 3, 4))):
                services.urge(task, office, note=f"Đôn đốc lần {k + 1}.", unit=unit,
                              sent_on=day(due + dt.timedelta(days=15 * (k + 1))))

    office = users["admin"]
    for target in Target.objects.order_by("pk"):
        value = float(target.value) * (1 + rng.uniform(-0.1, 0.1))
        services.record_actual(target, office, period="2023", value=Decimal(f"{value:.2f}"),
                               note="Số liệu ước thực hiện")


def main() -> int:
    import time

    started = time.monotonic()
    _reset_database()
    from nhiemvu.cli import setup_django

    setup_django()
    from django.db import transaction
    from django.utils import timezone

    from nhiemvu.directory.services import builtin_slugs, jurisdiction_for_issuer, load_builtin
    from nhiemvu.ingest.extract import extract_bytes
    from nhiemvu.rules.status import LABELS
    from nhiemvu.tracking import queries, services
    from nhiemvu.tracking.cli import _migrate
    from nhiemvu.tracking.models import Task

    _migrate(verbosity=0)
    jurisdictions = [load_builtin(slug) for slug in builtin_slugs()]
    default = jurisdictions[0]
    with transaction.atomic():
        for path in sorted(SAMPLES.glob("*.txt")):
            data = path.read_bytes()
            extraction = extract_bytes(data, path.name)
            j = jurisdiction_for_issuer((extraction.get("document") or {}).get("issuer")) or default
            res = services.import_document(data, path.name, j, extraction=extraction)
            plan = res.plan
            services.publish_plan(plan, None, tracking_from=plan.issued_on or plan.period_start or dt.date(2023, 1, 1))
            print(f"Đã nhập và ban hành: {path.name} → {j.name}, {res.plan.tasks.count()} nhiệm vụ")
        units = _busiest_lead_units(default)
        users = _users(default, units)
        _simulate(timezone.localdate(), users, random.Random(2023))
    counts = queries.status_counts(Task.objects.all())
    print("Trạng thái: " + "; ".join(f"{LABELS[k]} {v}" for k, v in counts.items()))
    print("\nTài khoản mẫu (mật khẩu chỉ dùng để thử):")
    for username, password in PASSWORDS.items():
        m = users[username].membership
        where = f", {m.unit.name}" if m.unit_id else ""
        print(f"  {username:<9} / {password:<22} {m.get_role_display()}{where}")
    print(f"Xong trong {time.monotonic() - started:.1f} giây.")
    return 0
