"""Web load benchmark: a database with 100,000 tasks, the real server (`nhiemvu serve`: gunicorn, one process per core)
on loopback, and a bounded load of concurrent clients on the pages and the API people use
most. Prints p50/p95/p99 and errors per endpoint. Goal: p95 ≤ 100 ms, 0 errors.

    .venv/bin/python bench/web_load.py                       # build (or reuse) + 50 clients × 60 s
    .venv/bin/python bench/web_load.py --clients 20 --duration 20 --tasks 20000
    .venv/bin/python bench/web_load.py --think 1.0           # each client waits 1 s between calls
    .venv/bin/python bench/web_load.py --profile 30 --only page  # CPU, queries, cProfile per request, no server

Traffic goes ONLY to 127.0.0.1. The database lives in --data-dir (reused when it already holds
the requested number of tasks; --rebuild forces a new one). Run by hand; never part of the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, by design

# Phrases, not syllables, so that searches like "tai chinh" find adjacent words.
WORDS = (
    "triển khai", "kiểm tra", "rà soát", "xây dựng", "kế hoạch", "báo cáo", "tổng kết", "đánh giá",
    "tuyên truyền", "chuyển đổi số", "cải cách hành chính", "an toàn thực phẩm", "phòng cháy chữa cháy",
    "đất đai", "môi trường", "giáo dục", "y tế", "hạ tầng giao thông", "đô thị", "văn hoá", "du lịch",
    "ngân sách", "tài chính", "đầu tư công", "an ninh trật tự", "người dân", "doanh nghiệp", "địa bàn",
)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data-dir", default="/tmp/nhiemvu-bench", help="thư mục dữ liệu của máy chủ thử")
    p.add_argument("--database-url", default=None, help="NHIEMVU_DATABASE_URL (mặc định SQLite trong data-dir)")
    p.add_argument("--postgres", action="store_true",
                   help="chạy trên một máy chủ PostgreSQL tạm (tests/pg.py: initdb/pg_ctl), xoá khi xong")
    p.add_argument("--tasks", type=int, default=100_000)
    p.add_argument("--units", type=int, default=200)
    p.add_argument("--rebuild", action="store_true", help="tạo lại cơ sở dữ liệu")
    p.add_argument("--clients", type=int, default=50, help="số khách đồng thời")
    p.add_argument("--duration", type=float, default=60.0, help="thời gian tải (giây, tối đa 600)")
    p.add_argument("--think", type=float, default=0.0, help="thời gian nghỉ giữa hai yêu cầu của một khách (giây)")
    p.add_argument("--port", type=int, default=0, help="cổng (0: tự chọn cổng trống)")
    p.add_argument("--threads", type=int, default=8, help="số luồng của máy chủ (mỗi tiến trình)")
    p.add_argument("--workers", type=int, default=0, help="số tiến trình máy chủ (0: mặc định của serve, số lõi)")
    p.add_argument("--only", default="", help="chỉ chạy các điểm cuối có tên chứa chuỗi này (phân tách bởi dấu phẩy)")
    p.add_argument("--json", default="", help="ghi kết quả ra tệp JSON")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="không chạy máy chủ: gọi mỗi điểm cuối N lần trong tiến trình này (như máy chủ gọi), "
                        "in CPU và số truy vấn mỗi yêu cầu, và 25 hàm tốn nhất (cProfile)")
    args = p.parse_args(argv)
    args.duration = min(max(args.duration, 1.0), 600.0)  # bounded, whatever is asked
    args.clients = min(max(args.clients, 1), 500)
    return args


# ---------------------------------------------------------------- database


def setup(args) -> None:
    os.environ["NHIEMVU_DATA_DIR"] = str(Path(args.data_dir).resolve())
    if args.database_url:
        os.environ["NHIEMVU_DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def build(args) -> dict:
    """A synthetic city: units, published plans with sections, tasks spread over the statuses,
    lead/support assignments, progress updates and urges; users for each role."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    from nhiemvu.accounts.models import Membership, Role
    from nhiemvu.directory.models import Jurisdiction, Unit
    from nhiemvu.tracking.models import Assignment, Plan, ProgressUpdate, Section, Task, Urge

    call_command("migrate", interactive=False, verbosity=0)
    existing = Task.objects.count()
    if existing == args.tasks and not args.rebuild:
        print(f"Dùng lại cơ sở dữ liệu có sẵn: {existing:,} nhiệm vụ.")
        return _fixtures()
    if existing:
        if args.database_url:
            sys.exit("Cơ sở dữ liệu đã có dữ liệu khác: hãy dùng một cơ sở dữ liệu trống.")
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(args.data_dir, "nhiemvu.sqlite3" + suffix).unlink(missing_ok=True)
        call_command("migrate", interactive=False, verbosity=0)

    rng = random.Random(20231)
    today = dt.date.today()
    t0 = time.perf_counter()
    with transaction.atomic():
        j = Jurisdiction.objects.create(slug="tp-thu-tai", name="Thành phố Thử Tải")
        units = Unit.objects.bulk_create(
            Unit(jurisdiction=j, name=f"Phòng {rng.choice(WORDS).title()} {rng.choice(WORDS)} số {i}",
                 short_name=f"P{i}", sort_order=i)
            for i in range(args.units)
        )
        User = get_user_model()
        for name, role, unit in (("office", Role.OFFICE, None), ("leader", Role.LEADER, None),
                                 ("agency", Role.AGENCY, units[0])):
            user = User.objects.create_user(name, password="bench-password-1")
            Membership.objects.create(user=user, role=role, jurisdiction=j, unit=unit)

        per_plan = 1000
        n_plans = max(1, args.tasks // per_plan)
        plans = Plan.objects.bulk_create(
            Plan(jurisdiction=j, kind="Kế hoạch", number=f"{i + 1}/KH-UBND", issued_on=today - dt.timedelta(days=700),
                 title=f"Kế hoạch thử tải số {i + 1}", status=Plan.Status.PUBLISHED)
            for i in range(n_plans)
        )
        sections = Section.objects.bulk_create(
            Section(plan=p, title=f"Mục {k + 1}", order=k) for p in plans for k in range(5)
        )
        by_plan: dict[int, list] = {}
        for s in sections:
            by_plan.setdefault(s.plan_id, []).append(s)

        made = 0
        batch = 5000
        while made < args.tasks:
            size = min(batch, args.tasks - made)
            tasks = []
            for i in range(made, made + size):
                plan = plans[min(i // per_plan, n_plans - 1)]
                due = today + dt.timedelta(days=rng.randint(-700, 300))
                kind = rng.random()
                completed = None
                if kind < 0.35:
                    completed = due + dt.timedelta(days=rng.randint(-60, 40))
                    if completed > today:
                        completed = today
                tasks.append(Task(
                    plan=plan, section=rng.choice(by_plan[plan.pk]), ref=str(i % per_plan + 1), order=i % per_plan,
                    content=" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize(),
                    due_text=f"Hoàn thành trước ngày {due:%d/%m/%Y}",
                    due=None if kind > 0.95 else due, recurring=kind > 0.95,
                    completed_on=completed, cancelled=0.93 < kind <= 0.95,
                    last_activity_on=today - dt.timedelta(days=rng.randint(0, 120)),
                    urge_count=rng.choice((0, 0, 0, 1, 2, 3)),
                ))
            tasks = Task.objects.bulk_create(tasks)
            assignments, updates, urges = [], [], []
            for t in tasks:
                lead = units[0] if rng.random() < 0.01 else rng.choice(units)
                assignments.append(Assignment(task=t, unit=lead, role=Assignment.Role.LEAD, name_as_written=lead.name))
                for k, sup in enumerate({u.pk: u for u in rng.sample(units, rng.randint(0, 3))}.values()):
                    if sup.pk != lead.pk:
                        assignments.append(Assignment(task=t, unit=sup, role=Assignment.Role.SUPPORT,
                                                      name_as_written=sup.name, order=k))
                for _ in range(rng.randint(0, 2)):
                    updates.append(ProgressUpdate(
                        task=t, unit=lead, period=f"{today.year}-Q{rng.randint(1, 4)}",
                        reported_on=today - dt.timedelta(days=rng.randint(0, 300)), percent=rng.randint(0, 100),
                        text="Đã triển khai " + " ".join(rng.choice(WORDS) for _ in range(10)),
                        state=rng.choice(("submitted", "accepted", "accepted", "returned")),
                    ))
                for _ in range(t.urge_count):
                    urges.append(Urge(task=t, unit=lead, note="Đề nghị khẩn trương thực hiện"))
            Assignment.objects.bulk_create(assignments)
            ProgressUpdate.objects.bulk_create(updates)
            Urge.objects.bulk_create(urges)
            made += size
            print(f"  … {made:,} nhiệm vụ", flush=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    print(f"Tạo {args.tasks:,} nhiệm vụ, {args.units} đơn vị trong {time.perf_counter() - t0:.0f} s.")
    return _fixtures()


def _fixtures() -> dict:
    """Credentials and ids the clients use: a session per role, an API token, sample task ids."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from nhiemvu.tracking.models import Task
    from nhiemvu.tracking.permissions import visible_tasks
    from nhiemvu.web.auth import issue_token

    User = get_user_model()
    out: dict = {"sessions": {}, "tasks": {}}
    for name in ("office", "leader", "agency"):
        user = User.objects.get(username=name)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        out["sessions"][name] = store.session_key
        ids = list(visible_tasks(user).values_list("pk", flat=True).order_by("?")[:200])
        out["tasks"][name] = ids
    _, out["token"] = issue_token(User.objects.get(username="office"), "bench", days=1)
    _, out["agency_token"] = issue_token(User.objects.get(username="agency"), "bench", days=1)
    out["total"] = Task.objects.count()
    return out


def page_urls() -> dict[str, str]:
    """The HTML pages under test, by URL name (the pages helper's names; missing ones skipped)."""
    from django.urls import NoReverseMatch, reverse

    found = {}
    for label, names in {
        "page dashboard": ("web:dashboard", "web:home"),
        "page inbox": ("web:inbox",),
        "page task": ("web:task",),
        "page search": ("web:search",),
    }.items():
        for name in names:
            try:
                found[label] = reverse(name, kwargs={"pk": 0}) if label == "page task" else reverse(name)
                break
            except NoReverseMatch:
                continue
    return found


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(args, port: int) -> subprocess.Popen:
    env = {**os.environ, "NHIEMVU_DATA_DIR": str(Path(args.data_dir).resolve()), "NHIEMVU_LOG_LEVEL": "ERROR"}
    if args.database_url:
        env["NHIEMVU_DATABASE_URL"] = args.database_url
    cmd = [str(REPO / ".venv/bin/nhiemvu"), "serve", "--host", HOST, "--port", str(port),
           "--threads", str(args.threads), "--workers", str(args.workers), "--no-migrate"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"Máy chủ dừng khi khởi động:\n{proc.stdout.read()}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    sys.exit("Máy chủ không khởi động sau 60 s.")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server: every live process of its session (the server was
    started in a session of its own, so a pre-fork master and its workers all count)."""
    total, found = 0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != pid:  # session id
                continue
            total += int(fields[11]) + int(fields[12])
            found = True
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK") if found else float("nan")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # our own process group, started above
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# ---------------------------------------------------------------- load


def endpoints(fx: dict, pages: dict[str, str]) -> list[tuple[str, str, callable]]:
    """(name, who, path-maker). `who` is a session role or "token"."""
    rng = random.Random(7)
    searches = ["tai chinh", "chuyen doi so", "an toan thuc pham", "kiem tra", "giao duc", "moi truong"]
    eps = [
        ("api dashboard (office)", "office", lambda: "/api/stats/dashboard"),
        ("api inbox (agency)", "agency", lambda: "/api/tasks/inbox"),
        ("api task list (agency)", "agency", lambda: "/api/tasks?limit=50"),
        ("api overdue list (office)", "office", lambda: "/api/tasks?status=overdue&limit=50"),
        ("api task (agency)", "agency", lambda: f"/api/tasks/{rng.choice(fx['tasks']['agency'])}"),
        ("api task (token)", "token", lambda: f"/api/tasks/{rng.choice(fx['tasks']['office'])}"),
        ("api search (office)", "office", lambda: f"/api/tasks?q={rng.choice(searches).replace(' ', '+')}&limit=20"),
    ]
    if "page dashboard" in pages:
        eps.append(("page dashboard (office)", "office", lambda: pages["page dashboard"]))
    if "page inbox" in pages:
        eps.append(("page inbox (agency)", "agency", lambda: pages["page inbox"]))
    if "page task" in pages:
        base = pages["page task"].replace("/0/", "/{}/")
        eps.append(("page task (leader)", "leader", lambda: base.format(rng.choice(fx["tasks"]["leader"]))))
    if "page search" in pages:
        eps.append(("page search (office)", "office",
                    lambda: pages["page search"] + "?q=" + rng.choice(searches).replace(" ", "+")))
    return eps


class HttpError(Exception):
    """A request that got no complete HTTP response (reset, timeout, malformed)."""


class Connection:
    """One keep-alive HTTP/1.1 connection on loopback, written on raw asyncio streams: the load
    client must cost the machine far less than the server it measures (httpx spent ~1 ms of CPU
    per request, on the same two cores as the server)."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.port, self.timeout = port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: bytes) -> tuple[int, int]:
        """(status, body length). A GET is idempotent: when a reused connection turns out to be
        closed by the server before any byte of the answer, it is sent once more on a new one."""
        request = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n" + headers + b"\r\n"
        for attempt in (0, 1):
            reused = self.writer is not None
            if not reused:
                self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
            try:
                self.writer.write(request)
                return await asyncio.wait_for(self._response(), self.timeout)
            except TimeoutError as exc:  # before OSError, of which it is a subclass
                self.close()
                raise HttpError("Timeout") from exc
            except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError) as exc:
                self.close()
                nothing_read = isinstance(exc, asyncio.IncompleteReadError) and not exc.partial
                if attempt == 0 and reused and (nothing_read or isinstance(exc, ConnectionError)):
                    continue
                raise HttpError(type(exc).__name__) from exc
        raise HttpError("unreachable")

    async def _response(self) -> tuple[int, int]:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        size = 0
        if chunked:
            while True:
                n = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(n + 2)
                size += n
                if n == 0:
                    break
        elif length is not None:
            size = len(await self.reader.readexactly(length))
        else:
            size = len(await self.reader.read())
            close = True
        if close:
            self.close()
        return status, size

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _auth_headers(fx: dict) -> dict[str, bytes]:
    """Request headers per identity: a session cookie per role, or the API token."""
    from django.conf import settings

    out = {who: f"Cookie: {settings.SESSION_COOKIE_NAME}={key}\r\n".encode() for who, key in fx["sessions"].items()}
    out["token"] = f"Authorization: Bearer {fx['token']}\r\n".encode()
    return out


async def cpu_per_endpoint(args, port: int, fx: dict, eps, pid: int, n: int = 20) -> dict[str, float]:
    """Server CPU per request for each endpoint, measured with ONE client (sequential calls):
    the cost of the request itself, independent of how busy the machine is."""
    headers = _auth_headers(fx)
    out = {}
    conn = Connection(port, timeout=60)
    for name, who, make in eps:
        await conn.get(make(), headers[who])  # warm
        before = cpu_seconds(pid)
        for _ in range(n):
            await conn.get(make(), headers[who])
        out[name] = round(1000 * (cpu_seconds(pid) - before) / n, 1)
    conn.close()
    return out


async def run_load(args, port: int, fx: dict, eps) -> dict[str, dict]:
    headers = _auth_headers(fx)
    results: dict[str, list[float]] = {name: [] for name, _, _ in eps}
    errors: dict[str, list[str]] = {name: [] for name, _, _ in eps}
    stop_at = 0.0  # set after the warm-up

    async def client(k: int) -> None:
        order = eps[k % len(eps):] + eps[: k % len(eps)]
        conn = Connection(port)
        i = 0
        if args.think:
            # Users do not all click at the same instant: spread the first requests over one
            # think time, or every later wave arrives as a burst of `clients` requests.
            await asyncio.sleep(random.uniform(0, args.think))
        while time.monotonic() < stop_at:
            name, who, make = order[i % len(order)]
            i += 1
            t = time.perf_counter()
            try:
                status, _ = await conn.get(make(), headers[who])
                ms = (time.perf_counter() - t) * 1000
                if status != 200:
                    errors[name].append(f"HTTP {status}")
                else:
                    results[name].append(ms)
            except (HttpError, OSError) as exc:
                errors[name].append(str(exc) or type(exc).__name__)
            if args.think:
                await asyncio.sleep(args.think * random.uniform(0.5, 1.5))
        conn.close()

    # Warm-up: one call per endpoint, not counted (imports, caches, first queries).
    warm = Connection(port, timeout=60)
    for name, who, make in eps:
        try:
            status, _ = await warm.get(make(), headers[who])
            if status != 200:
                print(f"  cảnh báo: {name} trả {status}")
        except HttpError as exc:
            print(f"  cảnh báo: {name}: {exc!r}")
    warm.close()
    cpu0, t0 = time.process_time(), time.monotonic()
    stop_at = t0 + args.duration
    await asyncio.gather(*(client(k) for k in range(args.clients)))
    elapsed = time.monotonic() - t0
    client_cpu = time.process_time() - cpu0
    out = {}
    for name in results:
        lat = sorted(results[name])
        out[name] = {"ok": len(lat), "errors": len(errors[name]), "error_kinds": sorted(set(errors[name]))[:5],
                     "rps": round(len(lat) / elapsed, 1), **_percentiles(lat)}
    all_lat = sorted(x for v in results.values() for x in v)
    n = max(1, len(all_lat) + sum(len(e) for e in errors.values()))
    out["ALL"] = {"ok": len(all_lat), "errors": sum(len(e) for e in errors.values()), "error_kinds": [],
                  **_percentiles(all_lat), "rps": round(len(all_lat) / elapsed, 1),
                  "client_cpu_ms": round(1000 * client_cpu / n, 2),
                  "client_cpu_share": round(client_cpu / elapsed, 3)}
    return out


def _percentiles(lat: list[float]) -> dict:
    if not lat:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [lat[0]] * 99
    return {"p50": round(q[49], 1), "p95": round(q[94], 1), "p99": round(q[98], 1), "max": round(lat[-1], 1)}


def report(out: dict, args, fx: dict) -> None:
    print()
    from django.db import connection

    print(f"{connection.vendor} · {fx['total']:,} nhiệm vụ · {args.clients} khách đồng thời · {args.duration:.0f} s · nghỉ {args.think} s"
          f" · máy chủ {args.workers or os.cpu_count()} tiến trình × {args.threads} luồng · {HOST}")
    print(f"{'điểm cuối':32} {'ok':>7} {'lỗi':>5} {'yc/s':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'CPU ms':>7}")
    for name, r in out.items():
        def f(v):
            return "-" if v is None else f"{v:.1f}"
        print(f"{name:32} {r['ok']:>7} {r['errors']:>5} {r['rps']:>6} {f(r['p50']):>8} {f(r['p95']):>8} {f(r['p99']):>8} "
              f"{f(r['max']):>8} {f(r.get('cpu_ms')):>7}"
              + (f"  {', '.join(r['error_kinds'])}" if r["error_kinds"] else ""))
    a = out["ALL"]
    print(f"thông lượng: {a['rps']} yêu cầu/s; CPU của khách tải: {a['client_cpu_ms']} ms mỗi yêu cầu, "
          f"{100 * a['client_cpu_share']:.0f}% một lõi")
    pages = [r for k, r in out.items() if k.startswith("page ")]
    if pages:
        worst_page = max(r["p95"] or 0 for r in pages)
        ok = worst_page <= 100 and not any(r["errors"] for r in pages)
        print(f"trang (tổng quan, hộp thư, nhiệm vụ, tìm kiếm): p95 lớn nhất {worst_page:.1f} ms, "
              f"lỗi {sum(r['errors'] for r in pages)}: {'ĐẠT' if ok else 'CHƯA ĐẠT'}")
    worst = max((r["p95"] or 0) for k, r in out.items() if k != "ALL")
    verdict = "ĐẠT" if worst <= 100 and out["ALL"]["errors"] == 0 else "CHƯA ĐẠT"
    print(f"mục tiêu p95 ≤ 100 ms ở mọi điểm cuối, 0 lỗi: {verdict} (p95 lớn nhất {worst:.1f} ms)")


def profile(eps, fx: dict, n: int) -> int:
    """Each endpoint through Django's WSGI handler in this process (middleware, session, views,
    templates: what a server worker runs per request, without the HTTP server): CPU per
    request, queries per request, then where the time goes. Cached parts stay cached after the
    warm-up calls, as on a server that has been up for a while."""
    import cProfile
    import io
    import pstats

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    app = WSGIHandler()
    auth = {who: ("HTTP_COOKIE", f"{settings.SESSION_COOKIE_NAME}={key}") for who, key in fx["sessions"].items()}
    auth["token"] = ("HTTP_AUTHORIZATION", f"Bearer {fx['token']}")

    def call(path: str, who: str) -> tuple[str, int]:
        path, _, query = path.partition("?")
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": HOST,
                   "SERVER_PORT": "80", "HTTP_HOST": HOST, "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
                   "wsgi.input": io.BytesIO(b""), auth[who][0]: auth[who][1]}
        status = []
        body = b"".join(app(environ, lambda s, h, *a: status.append(s)))
        return status[0], len(body)

    for name, who, make in eps:
        for _ in range(3):
            call(make(), who)
        t = time.process_time()
        for _ in range(n):
            status, size = call(make(), who)
        cpu = 1000 * (time.process_time() - t) / n
        with CaptureQueriesContext(connection) as queries:
            call(make(), who)
        print(f"{name:32} {status:>16} {size:>8} B  CPU {cpu:6.1f} ms  {len(queries.captured_queries):3} truy vấn")
    prof = cProfile.Profile()
    prof.enable()
    for _name, who, make in eps:
        for _ in range(n):
            call(make(), who)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.postgres:
        # A throw-away server; this script runs again as a child pointed at it.
        sys.path.insert(0, str(REPO))
        from tests.pg import server

        rest = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--postgres"]
        with server({"shared_buffers": "512MB", "work_mem": "32MB", "random_page_cost": "1.1"}) as url:
            return subprocess.call([sys.executable, __file__, *rest, "--database-url", url])
    setup(args)
    fx = build(args)
    pages = page_urls()
    if args.profile:
        eps = endpoints(fx, pages)
        keys = [k.strip() for k in args.only.split(",") if k.strip()]
        return profile([e for e in eps if not keys or any(k in e[0] for k in keys)], fx, args.profile)
    eps = endpoints(fx, pages)
    if args.only:
        keys = [k.strip() for k in args.only.split(",") if k.strip()]
        eps = [e for e in eps if any(k in e[0] for k in keys)]
    missing = {"page dashboard", "page inbox", "page task", "page search"} - set(pages)
    if missing:
        print(f"Chưa có trang: {', '.join(sorted(missing))} (bỏ qua).")
    from django.db import connections

    connections.close_all()  # the server is another process; don't hold SQLite locks
    port = args.port or free_port()
    proc = start_server(args, port)
    load_before = os.getloadavg()
    try:
        cpu_ms = asyncio.run(cpu_per_endpoint(args, port, fx, eps, proc.pid))
        cpu0 = cpu_seconds(proc.pid)
        out = asyncio.run(run_load(args, port, fx, eps))
        cpu = cpu_seconds(proc.pid) - cpu0
    finally:
        stop_server(proc)
    for name, ms in cpu_ms.items():
        out[name]["cpu_ms"] = ms
    report(out, args, fx)
    n = out["ALL"]["ok"] + out["ALL"]["errors"]
    if n:
        # Includes the warm-up calls; tells the server's cost apart from CPU contention.
        print(f"CPU máy chủ trong lúc tải: {1000 * cpu / n:.1f} ms mỗi yêu cầu; cột CPU ms: đo riêng từng điểm "
              "cuối với một khách, 20 yêu cầu")
    print(f"tải máy (loadavg 1 phút) trước/sau: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} "
          f"trên {os.cpu_count()} lõi (các tiến trình khác trên máy làm chậm kết quả)")
    out["ALL"]["loadavg_before"] = load_before[0]
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
