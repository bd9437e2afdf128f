#!/usr/bin/env bash
# The whole test suite: system packages the tests need, lint, pytest on SQLite, then on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

# System packages used by real-part tests (browser, OCR). Installed once; skipped when present.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-vie)
# Report rendering tests: .docx → PDF (LibreOffice, Times-metric fonts) → PNG (poppler).
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui fonts-liberation2)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# Reader fixtures drawn as PDFs need a font with Vietnamese glyphs.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}") >/tmp/nhiemvu-apt.log 2>&1 \
    || echo "warning: could not install ${need[*]} (see /tmp/nhiemvu-apt.log); those tests will skip"
fi

$BIN/ruff check src tests bench
$BIN/pytest -p no:cacheprovider -n 2 "$@"
# The database tests again on a throw-away PostgreSQL server that tests/pg.py starts and removes.
$BIN/python tests/pg.py -p no:cacheprovider -n 2 -m "not browser" "$@"
