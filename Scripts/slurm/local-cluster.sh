#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, without systemd, for `make test-slurm` and for trying the
# job-array scripts (Scripts/slurm/submit.sh) on one machine. Debian bookworm, slurm-wlm 22.05.
#
#   Scripts/slurm/local-cluster.sh up       # installs slurm-wlm + munge if missing, starts munged,
#                                           # slurmctld and slurmd; waits (bounded) for the node to be idle
#   Scripts/slurm/local-cluster.sh status   # daemons, node state, queue
#   Scripts/slurm/local-cluster.sh env      # prints `export SLURM_CONF=...` for sbatch/scontrol/squeue
#   Scripts/slurm/local-cluster.sh down     # cancels the jobs, stops every daemon `up` started
#
# Configuration, state, spool and logs live in a private folder: $HRA_SLURM_DIR (default
# /tmp/hra-slurm); nothing is written to /etc/slurm. The client commands find the cluster through
# SLURM_CONF=$HRA_SLURM_DIR/slurm.conf (see `env`). Ports: $HRA_SLURM_PORT (slurmctld, default
# 6817) and that + 1 (slurmd). Needs root (slurmd runs the jobs as their submitter).
#
# Facts this follows (measured on the project's machines, issue 28): munged runs as the munge user
# and needs /run/munge created; the node's RealMemory must not exceed what `slurmd -C` reports (or
# the node stays invalid and jobs pend forever); NodeName=localhost needs `slurmd -N localhost`;
# proctrack/linuxproc + task/none need no cgroups; no accounting (poll `scontrol -o show job`, not
# sacct); DependencyParameters=kill_invalid_depend, or a job depending on a failed array task pends
# forever; SchedulerParameters=batch_sched_delay=0 makes a 4-task array + dependent job take seconds.
# Every wait here is bounded ($HRA_SLURM_WAIT seconds, default 60).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
DIR=${HRA_SLURM_DIR:-/tmp/hra-slurm}
PORT=${HRA_SLURM_PORT:-6817}
WAIT=${HRA_SLURM_WAIT:-60}
CONF=$DIR/slurm.conf
export SLURM_CONF=$CONF
PATH=$PATH:/usr/sbin:/sbin

die() { echo "local-cluster.sh: $*" >&2; exit 1; }
# A process that exists and is not a zombie (in a container, PID 1 may reap late).
running() { kill -0 "$1" 2>/dev/null && ! grep -qs '^[0-9]* (.*) Z' "/proc/$1/stat"; }
alive() { [ -f "$1" ] && running "$(cat "$1")"; }
munge_ok() { command -v munge >/dev/null 2>&1 && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
ctld_ok() { timeout 5 scontrol ping 2>/dev/null | grep -q "is UP"; }
node_state() { timeout 5 sinfo -h -n localhost -o %T 2>/dev/null | head -n 1; }

# Waits up to $1 seconds for the command "$2..." to succeed; returns 1 on timeout.
wait_for() {
  local limit=$1; shift
  local t0=$SECONDS
  until "$@"; do
    [ $((SECONDS - t0)) -ge "$limit" ] && return 1
    sleep 0.5
  done
}

# Sends TERM to the daemon whose pid file is $1, waits (bounded), then KILL.
stop_pid() {
  local pidfile=$1 name=$2
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 15 bash -c "! kill -0 $pid 2>/dev/null || grep -qs '^[0-9]* (.*) Z' /proc/$pid/stat"; then
    echo "$name ($pid) did not stop in 15 s: KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "stopped $name ($pid)"
}

write_conf() {
  # RealMemory and the CPU layout exactly as slurmd reports them (never above).
  local hw; hw=$(slurmd -C | head -n 1) || die "slurmd -C failed"
  local cpus mem sockets cores threads
  cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hw")
  mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
  sockets=$(sed -n 's/.*SocketsPerBoard=\([0-9]*\).*/\1/p' <<<"$hw")
  cores=$(sed -n 's/.*CoresPerSocket=\([0-9]*\).*/\1/p' <<<"$hw")
  threads=$(sed -n 's/.*ThreadsPerCore=\([0-9]*\).*/\1/p' <<<"$hw")
  [ -n "$cpus" ] && [ -n "$mem" ] || die "cannot parse 'slurmd -C': $hw"
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log"
  cat >"$CONF" <<CONF
# Written by Scripts/slurm/local-cluster.sh: a one-node test cluster on localhost.
ClusterName=hra-local
SlurmctldHost=localhost
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DependencyParameters=kill_invalid_depend
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
MinJobAge=600
SlurmdTimeout=60
NodeName=localhost CPUs=$cpus SocketsPerBoard=${sockets:-1} CoresPerSocket=${cores:-$cpus} ThreadsPerCore=${threads:-1} RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
  if munge_ok; then echo "munged: already running"; return 0; fi
  # No systemd: create what its unit would (/run/munge), then run munged as the munge user.
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  chmod 0755 /run/munge
  [ -s /etc/munge/munge.key ] || { mungekey --create 2>/dev/null || /usr/sbin/create-munge-key -f; }
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  if command -v runuser >/dev/null 2>&1; then runuser -u munge -- munged
  else su -s /bin/sh munge -c munged; fi
  wait_for "$WAIT" munge_ok || die "munged did not answer in $WAIT s (see /var/log/munge/munged.log)"
  # Remember that this script started it, so `down` stops it (and only then).
  cp /run/munge/munged.pid "$DIR/munged.pid" 2>/dev/null || pgrep -u munge -x munged | head -n 1 >"$DIR/munged.pid"
  echo "munged: started ($(cat "$DIR/munged.pid"))"
}

up() {
  local t0=$SECONDS
  "$root/Scripts/install-slurm.sh" || die "slurm-wlm/munge not installed"
  mkdir -p "$DIR"
  if alive "$DIR/slurmctld.pid" && alive "$DIR/slurmd.pid" && ctld_ok; then
    echo "already up ($DIR); node: $(node_state)"
    return 0
  fi
  write_conf
  start_munge
  if ! alive "$DIR/slurmctld.pid"; then
    slurmctld -c -f "$CONF" || die "slurmctld failed to start (see $DIR/log/slurmctld.log)"
  fi
  wait_for "$WAIT" ctld_ok || { tail -n 20 "$DIR/log/slurmctld.log" >&2; die "slurmctld not UP in $WAIT s"; }
  if ! alive "$DIR/slurmd.pid"; then
    slurmd -N localhost -f "$CONF" || die "slurmd failed to start (see $DIR/log/slurmd.log)"
  fi
  if ! wait_for "$WAIT" bash -c 's=$(sinfo -h -n localhost -o %T 2>/dev/null | head -n 1); [ "$s" = idle ] || [ "$s" = mixed ] || [ "$s" = allocated ]'; then
    tail -n 20 "$DIR/log/slurmd.log" >&2
    die "node localhost not idle in $WAIT s (state: $(node_state); see $DIR/log/)"
  fi
  echo "up in $((SECONDS - t0)) s: node localhost $(node_state); export SLURM_CONF=$CONF"
}

down() {
  if [ ! -d "$DIR" ]; then echo "nothing to stop ($DIR does not exist)"; return 0; fi
  if alive "$DIR/slurmctld.pid" && ctld_ok; then
    # Cancel whatever is still queued or running, and wait (bounded) for it to leave the node.
    timeout 10 scancel --quiet --user="$(id -un)" 2>/dev/null || true
    wait_for 20 bash -c '[ -z "$(squeue -h 2>/dev/null)" ]' || echo "jobs still listed after 20 s: stopping anyway" >&2
  fi
  stop_pid "$DIR/slurmd.pid" slurmd
  stop_pid "$DIR/slurmctld.pid" slurmctld
  if [ -f "$DIR/munged.pid" ]; then
    stop_pid "$DIR/munged.pid" munged
  fi
}

status() {
  local rc=0
  for d in slurmctld slurmd munged; do
    if alive "$DIR/$d.pid"; then echo "$d: running ($(cat "$DIR/$d.pid"))"
    elif [ "$d" = munged ] && munge_ok; then echo "munged: running (not started by this script)"
    else echo "$d: not running"; rc=1; fi
  done
  if [ $rc -eq 0 ] && ctld_ok; then
    echo "node localhost: $(node_state)"
    timeout 5 squeue 2>/dev/null || true
  fi
  return $rc
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 up|down|status|env   (folder: \$HRA_SLURM_DIR, default /tmp/hra-slurm)" >&2; exit 2 ;;
esac
