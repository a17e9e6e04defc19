#!/usr/bin/env bash
# Installs Debian's headless-capable chromium and the DejaVu fonts (used by the report tests
# that render an HTML report in a real browser, Tests/HRATests/Reports/BrowserRenderTests.swift),
# only if they are missing. Needs root (CI and the dev machines run as root) or sudo.
# Exit status 0 when chromium is usable afterwards; prints the path of the binary.
set -euo pipefail
need=()
for p in chromium fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v chromium
