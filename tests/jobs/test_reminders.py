"""The daily reminders against a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket

import pytest

DAY = dt.date(2023, 6, 14)  # overdue: due 15/05; due soon: due 20/06; monthly report due 20/06


class Sink:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.DEFAULT_FROM_EMAIL = "nhacviec@ubnd.example.vn"
    settings.NHIEMVU_DUE_SOON_DAYS = 7
    settings.NHIEMVU_SITE_URL = "https://nhiemvu.example.vn"
    yield sink
    controller.stop()


@pytest.fixture
def officers(world, django_user_model):
    from nhiemvu.accounts.models import Membership, Role
    from nhiemvu.tracking.models import ReportingDuty

    ReportingDuty.objects.create(plan=world.plan, cycle="monthly", order=3,
                                 text="Các đơn vị báo cáo kết quả trước ngày 20 hàng tháng.")

    def make(name, role, unit=None, mail=True):
        user = django_user_model.objects.create_user(
            name, email=f"{name}@ubnd.example.vn" if mail else "", password=None,
            first_name=name.upper(),
        )
        Membership.objects.create(user=user, role=role, jurisdiction=world.jurisdiction, unit=unit)
        return user

    return {
        "vhtt": make("vhtt", Role.AGENCY, world.units["vhtt"]),
        "vhtt2": make("vhtt2", Role.AGENCY, world.units["vhtt"], mail=False),
        "p1": make("p1", Role.AGENCY, world.units["p1"]),
        "tckh": make("tckh", Role.AGENCY, world.units["tckh"]),
        "office": make("office", Role.OFFICE),
    }


def _messages(sink):
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in sink.envelopes]


def test_digest_once_per_user_per_day(world, officers, smtp):
    from nhiemvu.jobs.models import Notification, SentReminder
    from nhiemvu.jobs.reminders import run

    outcome = run(DAY)
    assert outcome.failed_emails == []
    recipients = sorted(rcpt for e in smtp.envelopes for rcpt in e.rcpt_tos)
    # One digest each; the office gets none, the officer without an address gets in-app only.
    assert recipients == ["p1@ubnd.example.vn", "tckh@ubnd.example.vn", "vhtt@ubnd.example.vn"]
    messages = {m["To"]: m for m in _messages(smtp)}
    vhtt = messages["vhtt@ubnd.example.vn"]
    body = vhtt.get_content()
    assert vhtt["Subject"].strip() == "[Nhắc việc] Ngày 14/06/2023: 1 nhiệm vụ quá hạn, 1 báo cáo sắp đến hạn"
    assert "Kính gửi VHTT," in body
    assert "NHIỆM VỤ ĐÃ QUÁ HẠN (1)" in body and "3 Nhiệm vụ thử overdue" in body
    assert "Hạn 15/05/2023, đã quá hạn 30 ngày" in body
    assert f"https://nhiemvu.example.vn/nhiem-vu/{world.tasks['overdue'].pk}/" in body
    assert "BÁO CÁO SẮP ĐẾN HẠN GỬI (1)" in body and "Báo cáo tháng 06 năm 2023" in body
    assert "Hạn gửi 20/06/2023 (còn 6 ngày)" in body
    p1 = messages["p1@ubnd.example.vn"].get_content()
    assert "NHIỆM VỤ SẮP ĐẾN HẠN (1)" in p1 and "Nhiệm vụ thử due_soon" in p1
    assert "overdue" not in p1  # a support unit is not told about the lead's task
    tckh = messages["tckh@ubnd.example.vn"].get_content()
    assert "BÁO CÁO SẮP ĐẾN HẠN GỬI (1)" in tckh
    assert "NHIỆM VỤ ĐÃ QUÁ HẠN" not in tckh and "NHIỆM VỤ SẮP ĐẾN HẠN" not in tckh
    assert Notification.objects.filter(user=officers["vhtt2"]).count() == 2
    assert Notification.objects.filter(user=officers["office"]).count() == 0
    assert SentReminder.objects.filter(emailed_at__isnull=True).count() == 2  # vhtt2 has no address

    again = run(DAY)
    assert len(smtp.envelopes) == 3  # nothing sent twice the same day
    assert again.notifications == 0 and again.skipped == outcome.notifications
    assert Notification.objects.count() == outcome.notifications

    run(DAY + dt.timedelta(days=1))  # a new day: reminded again
    assert len(smtp.envelopes) == 6


def test_failed_mail_is_retried_not_duplicated(world, officers, smtp, settings):
    from nhiemvu.jobs.models import SentReminder
    from nhiemvu.jobs.reminders import run

    settings.EMAIL_PORT = _free_port()  # nobody listens there
    first = run(DAY)
    assert sorted(first.failed_emails) == ["p1@ubnd.example.vn", "tckh@ubnd.example.vn", "vhtt@ubnd.example.vn"]
    assert SentReminder.objects.filter(emailed_at__isnull=False).count() == 0
    settings.EMAIL_PORT = smtp.port  # the server is back: the next run sends, once
    second = run(DAY)
    assert second.notifications == 0 and second.emails == 3
    assert len(smtp.envelopes) == 3
    assert run(DAY).emails == 0 and len(smtp.envelopes) == 3


def test_dry_run_changes_nothing(world, officers, smtp, capsys):
    from nhiemvu.cli import main
    from nhiemvu.jobs.models import Notification

    assert main(["remind", "--dry-run", "--date", DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "vhtt: 2 nhắc việc" in out and "[overdue]" in out
    assert Notification.objects.count() == 0 and smtp.envelopes == []
    assert main(["remind", "--date", DAY.isoformat()]) == 0
    assert "3 thư đã gửi" in capsys.readouterr().out
