"""Background import: how long the upload request holds the user, and what the progress
page shows while the document is read.

    .venv/bin/python bench/import_jobs.py                          # 40-page text PDF, 6-page scan
    .venv/bin/python bench/import_jobs.py --text-pages 200 --scan-pages 20

Django runs in this process on a temporary SQLite file (the import thread needs a real
database file), an Office user is signed in with Django's test client, and each document
is uploaded twice (with a different number, so neither is a duplicate of the other):

- "sync": the old behaviour, the extraction runs inside the upload request;
- "thread": the request stores the file and returns; the page's fragment is polled every
  0.25 s (the browser polls every 1 s) until the draft exists.

Printed: the upload request's time in both modes, the time until the draft exists, and
each stage the poll saw with its percent. Timings depend on the machine's load: note
`uptime` beside them.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def text_pdf(pages: int, number: str) -> bytes:
    """A directive whose numbered items each carry their responsibility lines."""
    from reportlab.platypus import PageBreak, Paragraph
    from tests.fixtures import pdf_draw

    body, _ = pdf_draw._styles()
    flow = [Paragraph("ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ NGHIỆM", body), Paragraph(f"Số: {number}", body),
            Paragraph("KẾ HOẠCH", body), Paragraph("Triển khai nhiệm vụ năm 2025", body),
            Paragraph("II. NHIỆM VỤ CỤ THỂ", body)]
    n = 0
    for page in range(pages):
        for _ in range(12):
            n += 1
            flow += [Paragraph(f"{n}. Rà soát, cập nhật danh mục thủ tục hành chính lĩnh vực số {n} trên địa bàn.", body),
                     Paragraph("+ Cơ quan chủ trì: Phòng Tư pháp", body),
                     Paragraph("+ Thời gian hoàn thành: Quý II/2025", body)]
        if page < pages - 1:
            flow.append(PageBreak())
    return pdf_draw.build_pdf(flow, running_head=False)


def setup(tmp: Path):
    os.environ["NHIEMVU_DATA_DIR"] = str(tmp)
    os.environ.pop("NHIEMVU_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", interactive=False, verbosity=0)
    from nhiemvu.accounts.models import Membership, Role
    from nhiemvu.directory.models import Jurisdiction, Unit

    j = Jurisdiction.objects.create(slug="thu-nghiem", name="Thành phố Thử Nghiệm")
    Unit.objects.create(jurisdiction=j, name="Phòng Tư pháp")
    user = get_user_model().objects.create_user("vanphong", password=None)
    Membership.objects.create(user=user, role=Role.OFFICE, jurisdiction=j)
    return user


def upload(client, name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    t0 = time.perf_counter()
    r = client.post("/nhap-van-ban/", {"file": f})
    return r, time.perf_counter() - t0


_STAGE = re.compile(r'data-stage="([^"]+)">([^<]*)</strong> · (\d+)%')


def run_one(client, label: str, data: bytes, sync_data: bytes) -> None:
    from django.conf import settings

    from nhiemvu.jobs import imports
    from nhiemvu.jobs.models import ImportJob

    settings.NHIEMVU_IMPORT_MODE = "sync"
    r, held = upload(client, f"{label}-sync.pdf", sync_data)
    ok = r.status_code == 302 and "/ke-hoach/" in r["Location"]
    print(f"\n{label}: {len(data) / 1e6:.1f} MB")
    print(f"  sync   upload request held the user {held:6.2f} s ({'draft made' if ok else 'FAILED'})")

    settings.NHIEMVU_IMPORT_MODE = "thread"
    start = time.perf_counter()
    r, took = upload(client, f"{label}.pdf", data)
    job = ImportJob.objects.order_by("-id").first()
    print(f"  thread upload request returned in   {took:6.3f} s → {r['Location']}")
    seen: list[tuple[float, str, str]] = []
    while True:
        frag = client.get(f"/nhap-van-ban/{job.pk}/tien-do/", HTTP_HX_REQUEST="true")
        if frag.has_header("HX-Redirect"):
            break
        m = _STAGE.search(frag.content.decode())
        if m is None:
            print("  failed:", ImportJob.objects.get(pk=job.pk).error)
            break
        key = (m.group(2), m.group(3))
        if not seen or seen[-1][1:] != key:
            seen.append((time.perf_counter() - start, *key))
        time.sleep(0.25)
    total = time.perf_counter() - start
    imports.wait_for_threads(600)
    job.refresh_from_db()
    shown = seen if len(seen) <= 14 else seen[:6] + [(0.0, "…", "")] + seen[-6:]
    for at, message, pct in shown:
        print(f"    {at:7.2f} s  {pct:>3}%  {message}" if message != "…" else "    …")
    print(f"  thread draft ready after {total:6.2f} s ({job.outcome}, {job.result.get('tasks')} tasks); "
          f"{len(seen)} distinct progress states polled")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-pages", type=int, default=40)
    ap.add_argument("--scan-pages", type=int, default=6)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nhiemvu-bench-") as tmp:
        user = setup(Path(tmp))
        from django.test import Client

        client = Client()
        client.force_login(user)
        from nhiemvu.ingest.extract import extract_bytes

        extract_bytes(text_pdf(1, "1/KH-UBND"), "warm-up.pdf")  # imports and caches out of the figures
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        if args.text_pages:
            run_one(client, f"text PDF, {args.text_pages} pages", text_pdf(args.text_pages, "12/KH-UBND"),
                    text_pdf(args.text_pages, "13/KH-UBND"))
        if args.scan_pages:
            from tests.fixtures import pdf_draw

            from nhiemvu.ingest.readers.ocr import tesseract_path

            if not tesseract_path():
                print("\nscanned PDF: skipped (tesseract-ocr-vie not installed)")
            else:
                run_one(client, f"scanned PDF, {args.scan_pages} pages", pdf_draw.scanned(text_pdf(args.scan_pages, "14/KH-UBND")),
                        pdf_draw.scanned(text_pdf(args.scan_pages, "15/KH-UBND")))
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
