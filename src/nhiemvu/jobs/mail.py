"""E-mail through Django's mail backend (SMTP settings in web/settings.py:
NHIEMVU_SMTP_HOST, _PORT, _USER, _PASSWORD, _TLS, NHIEMVU_MAIL_FROM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from nhiemvu.reports.data import fmt_date

KIND_HEADINGS = {
    "overdue": "NHIỆM VỤ ĐÃ QUÁ HẠN",
    "due_soon": "NHIỆM VỤ SẮP ĐẾN HẠN",
    "report_deadline": "BÁO CÁO SẮP ĐẾN HẠN GỬI",
}


def digest_subject(day: dt.date, items: Sequence) -> str:
    counts = {k: sum(1 for i in items if i.kind == k) for k in KIND_HEADINGS}
    parts = []
    if counts["overdue"]:
        parts.append(f"{counts['overdue']} nhiệm vụ quá hạn")
    if counts["due_soon"]:
        parts.append(f"{counts['due_soon']} nhiệm vụ sắp đến hạn")
    if counts["report_deadline"]:
        parts.append(f"{counts['report_deadline']} báo cáo sắp đến hạn")
    return f"[Nhắc việc] Ngày {fmt_date(day)}: " + ", ".join(parts)


def digest_body(name: str, day: dt.date, items: Sequence, site_url: str = "") -> str:
    lines = [f"Kính gửi {name},", "", f"Hệ thống theo dõi nhiệm vụ nhắc việc ngày {fmt_date(day)}:"]
    for kind, heading in KIND_HEADINGS.items():
        chosen = [i for i in items if i.kind == kind]
        if not chosen:
            continue
        lines += ["", f"{heading} ({len(chosen)})"]
        for n, item in enumerate(chosen, start=1):
            lines.append(f"{n}. {item.title}")
            if item.body:
                lines.append(f"   {item.body}")
            if item.url and site_url:
                lines.append(f"   {site_url.rstrip('/')}{item.url}")
    lines += [
        "",
        "Đề nghị đồng chí cập nhật tiến độ, báo cáo kết quả thực hiện trên hệ thống đúng thời hạn.",
        "",
        "Thư này được gửi tự động, vui lòng không trả lời.",
    ]
    return "\n".join(lines)


def send_digest(to: str, name: str, day: dt.date, items: Sequence) -> None:
    """One message per user per day; raises on SMTP failure so the caller can retry."""
    message = EmailMessage(
        subject=digest_subject(day, items),
        body=digest_body(name, day, items, getattr(settings, "NHIEMVU_SITE_URL", "")),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=get_connection(fail_silently=False),
    )
    message.encoding = "utf-8"
    message.send(fail_silently=False)
