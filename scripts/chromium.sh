#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (Playwright drives it; nothing is downloaded).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo present)" >&2
  exit 0
fi

echo "[chromium] not installed: installing Debian's chromium package" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
echo "[chromium] $(/usr/bin/chromium --version)" >&2
