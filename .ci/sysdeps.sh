#!/bin/sh
# Debian packages the tests need: Chromium and a CJK font (browser tests, server-side PNG export),
# PostgreSQL's server (the store's tests run on a throwaway cluster, tests/pg.py) and nginx.
# Installed with apt-get when running as root; otherwise the exact command.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing fonts-noto-cjk"
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "sysdeps: installing$missing from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
    echo "sysdeps: missing$missing. Install them with:"
    echo "    sudo apt-get install -y --no-install-recommends$missing"
    exit 1
fi
