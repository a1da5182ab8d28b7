#!/usr/bin/env bash
# Debian packages the tests need: a PostgreSQL 15 server, the DejaVu fonts (Cyrillic PDFs), Pango and
# HarfBuzz for WeasyPrint, and chromium
# (the web desk's browser tests drive it through Playwright; `playwright install` is never run).
# Installs only what is missing, so on a prepared machine it does nothing and needs no network.
set -euo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || need+=(chromium)
# WeasyPrint (PDF bulletins and reports) prints through Pango and HarfBuzz's subsetter.
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p | grep -q 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need[*]} (run as root: apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
