#!/usr/bin/env bash
# Installs the Debian packages GroningenHRA links against (LAPACKE + OpenBLAS + pkg-config),
# only if they are missing. Needs root (CI and the dev machines run as root) or sudo.
set -euo pipefail
need=()
for p in liblapacke-dev libopenblas-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
