#!/usr/bin/env bash
# Installs Debian's Slurm (slurm-wlm: slurmctld, slurmd, sbatch, scontrol, ...) and munge, only if
# they are missing. Used by Scripts/slurm/local-cluster.sh (a one-node cluster on localhost for
# `make test-slurm`). Needs root (CI and the dev machines run as root) or sudo.
# Idempotent and quiet: prints nothing when everything is installed; exit status non-zero with a
# message naming what is missing when it cannot install.
set -euo pipefail
need=()
for p in slurm-wlm munge; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "install-slurm.sh: ${need[*]} missing and not root (no sudo): install them with apt-get" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-slurm.sh: ${need[*]} missing and apt-get not found (Debian/Ubuntu expected)" >&2
    exit 1
  fi
  log=$(mktemp)
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "install-slurm.sh: could not install ${need[*]} with apt-get (see above)" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi
for b in slurmctld slurmd sbatch scontrol munged; do
  command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || {
    echo "install-slurm.sh: $b not found after installing slurm-wlm and munge" >&2; exit 1; }
done
