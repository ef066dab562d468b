#!/bin/sh
# Debian packages the browser tests and server-side PNG export need: Chromium and a
# CJK font. Installed with apt-get when running as root; otherwise the exact command.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "sysdeps: installing$missing from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
    echo "sysdeps: missing$missing. Install them with:"
    echo "    sudo apt-get install -y --no-install-recommends$missing"
    exit 1
fi
