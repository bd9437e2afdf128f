"""`nhiemvu serve`: the web application behind a production WSGI server (waitress, pure
Python), static files by whitenoise. Django's development server only with --dev."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="Chạy ứng dụng web.")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    p.add_argument("--threads", type=int, default=8, help="số luồng xử lý mỗi tiến trình (mặc định 8)")
    p.add_argument("--workers", type=int, default=0,
                   help="số tiến trình xử lý (mặc định: số lõi CPU; 1: một tiến trình waitress)")
    p.add_argument("--no-migrate", action="store_true", help="không tự nâng cấp cơ sở dữ liệu khi khởi động")
    p.add_argument("--dev", action="store_true", help="máy chủ phát triển của Django (tự nạp lại mã)")
    p.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    import os

    from nhiemvu.cli import setup_django

    # The server's processes share one cache of page parts in the data directory (settings.CACHES).
    os.environ.setdefault("NHIEMVU_CACHE", "file")
    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    # Parts rendered by an earlier version of the code must not be served by this one.
    cache.clear()

    # whitenoise warns when STATIC_ROOT is missing even though it serves from the finders.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if args.host not in settings.ALLOWED_HOSTS and args.host not in ("0.0.0.0", "::"):
        settings.ALLOWED_HOSTS.append(args.host)
    url = f"http://{args.host}:{args.port}/"
    if args.dev:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=True)
        return 0
    from django.db import connections

    from nhiemvu.web import prefork
    from nhiemvu.web.wsgi import application

    # Worker processes must not share the connection migrate opened.
    connections.close_all()
    workers = args.workers if args.workers > 0 else prefork.default_workers()
    if workers > 1 and prefork.available():
        print(f"nhiemvu đang chạy tại {url} ({workers} tiến trình × {args.threads} luồng; dừng: Ctrl+C)",
              flush=True)
        prefork.run(application, host=args.host, port=args.port, workers=workers, threads=args.threads)
        return 0
    from waitress import serve as waitress_serve

    print(f"nhiemvu đang chạy tại {url} (dừng: Ctrl+C)", flush=True)
    waitress_serve(application, host=args.host, port=args.port, threads=args.threads, ident="nhiemvu")
    return 0
