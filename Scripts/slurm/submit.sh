#!/usr/bin/env bash
# Submits a sharded `hra run` to Slurm: a job array of N shards (Scripts/slurm/hra-shards.sbatch,
# task i computes shard i/N into PARTS) and a merge job (Scripts/slurm/hra-merge.sbatch) that runs
# after every shard succeeded (--dependency=afterok:ARRAYID) and writes OUT.
#
#   Scripts/slurm/submit.sh -n N --parts PARTS --out OUT [--command CMD] [--logs LOGS] [--wait SECONDS] [--] [hra CMD options]
#   Scripts/slurm/submit.sh --resubmit PARTS [--wait SECONDS]
#
# Example (from the checkout's top folder):
#   Scripts/slurm/submit.sh -n 8 --parts /shared/job1/parts --out /shared/job1/out -- --config JOB.ini
#
# CMD is the hra command whose job is split: run (default), scenarios, group-risk or hazard (each
# takes --shard I/N; `hra merge` tells them apart by their parts).
# It makes PARTS, OUT and LOGS (default PARTS-logs: one file per task, hra-shard-ARRAYID_I.out,
# hra-merge-JOBID.out) before submitting, prints the job ids (lines `array job: ID`, `merge job: ID`),
# and records the submission in PARTS.submit (beside PARTS, not in it).
# --resubmit PARTS asks `hra merge --missing PARTS` which shards have no part (failed, cancelled,
# node lost), submits only those as a new array with the same options and N, and a new merge after it
# (HRA_BIN, when set, replaces the recorded binary). With no shard missing it submits the merge alone.
# --wait SECONDS polls `scontrol -o show job` (no accounting needed) until the merge job and the array
# have ended, at most SECONDS: exit 0 when the merge completed, 1 when a shard or the merge failed
# (the merge is then cancelled by Slurm, DependencyParameters=kill_invalid_depend), 124 on the time limit
# (the jobs are left as they are). Without --wait it exits 0 once both jobs are submitted.
#
# Environment: HRA_BIN (default .build/release/hra in the repository root), HRA_SBATCH_ARGS (extra
# sbatch options for both jobs, e.g. "--partition=normal --mem=8G --time=01:00:00 --cpus-per-task=2";
# the memory and time per shard are to be measured, see docs/scaling.md), SLURM_CONF (the local test
# cluster: `eval "$(Scripts/slurm/local-cluster.sh env)"`).
# The job array's size is limited by the cluster's MaxArraySize (default 1001).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
die() { echo "submit.sh: $*" >&2; exit 2; }
abspath() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }

n="" parts="" out="" logs="" wait_s="" resubmit="" HRA_COMMAND=${HRA_COMMAND:-run}
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--shards) n=${2:?}; shift 2 ;;
    --parts) parts=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --logs) logs=${2:?}; shift 2 ;;
    -c|--command) HRA_COMMAND=${2:?}; shift 2 ;;
    --wait) wait_s=${2:?}; shift 2 ;;
    --resubmit) resubmit=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
run_args=("$@")
case "$HRA_COMMAND" in run|scenarios|group-risk|hazard) ;; *) die "--command must be run, scenarios, group-risk or hazard, not '$HRA_COMMAND'" ;; esac
if [ -n "$wait_s" ] && ! [[ "$wait_s" =~ ^[0-9]+$ ]]; then die "--wait takes seconds, not '$wait_s'"; fi
command -v sbatch >/dev/null 2>&1 || die "sbatch not found (Slurm client); for a local cluster: Scripts/slurm/local-cluster.sh up"

terminal() {  # a job state that will not change any more
  case "$1" in
    COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE|SPECIAL_EXIT|REVOKED) return 0 ;;
    *) return 1 ;;
  esac
}
# "TASK STATE" per line for every task of array job $1 (pending tasks may come as one range line);
# prints nothing when the job is unknown (never submitted, or purged after MinJobAge).
array_states() {
  timeout 10 scontrol -o show job "$1" 2>/dev/null | while read -r line; do
    t=$(grep -o 'ArrayTaskId=[^ ]*' <<<"$line" | cut -d= -f2); s=$(grep -o 'JobState=[^ ]*' <<<"$line" | cut -d= -f2)
    echo "${t:-?} ${s:-UNKNOWN}"
  done
}
job_state() { timeout 10 scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[^ ]*' | head -n 1 | cut -d= -f2; }

# Polls (bounded) until the merge job $2 and every task of array $1 have ended.
wait_jobs() {
  local array=$1 merge=$2 limit=$3 t0=$SECONDS reported="" ms
  while :; do
    ms=$(job_state "$merge"); ms=${ms:-UNKNOWN}
    local running=0 failed=""
    while read -r t s; do
      [ -z "$t" ] && continue
      terminal "$s" || running=1
      if terminal "$s" && [ "$s" != COMPLETED ]; then failed+="$t:$s "; fi
    done < <(array_states "$array")
    if [ -n "$failed" ] && [ -z "$reported" ]; then
      echo "shard task(s) failed after $((SECONDS - t0)) s: ${failed% }; merge job $merge: $ms"; reported=1
    fi
    if { terminal "$ms" || [ "$ms" = UNKNOWN ]; } && [ $running -eq 0 ]; then
      echo "array $array: $(array_states "$array" | awk '{print $1":"$2}' | tr '\n' ' ')"
      echo "merge job $merge: $ms after $((SECONDS - t0)) s"
      if [ "$ms" = COMPLETED ] && [ -z "$failed" ]; then return 0; fi
      echo "FAILED: resubmit the missing shards with: $0 --resubmit $parts" >&2
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$limit" ]; then
      echo "still running after $limit s (merge job $merge: $ms); jobs left as they are (scancel $array $merge to stop)" >&2
      return 124
    fi
    sleep 1
  done
}

submit_pair() {  # $1 = array spec (e.g. 0-3 or 2,5); sets array_job, merge_job
  mkdir -p "$parts" "$out" "$logs"   # output folders must exist before sbatch
  # shellcheck disable=SC2206 # word splitting of HRA_SBATCH_ARGS is intended
  local extra=(${HRA_SBATCH_ARGS:-})
  export HRA_BIN HRA_COMMAND HRA_SHARDS="$n" HRA_PARTS="$parts" HRA_OUT="$out"
  array_job=$(sbatch --parsable "${extra[@]}" --array="$1" --job-name=hra-shard \
    --output="$logs/hra-shard-%A_%a.out" "$here/hra-shards.sbatch" "${run_args[@]}") || die "sbatch of the array failed"
  array_job=${array_job%%;*}
  merge_job=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array_job" --job-name=hra-merge \
    --output="$logs/hra-merge-%j.out" "$here/hra-merge.sbatch" "$out" "$parts") || {
      echo "submit.sh: sbatch of the merge failed; cancelling array $array_job" >&2; scancel "$array_job" || true; exit 1; }
  merge_job=${merge_job%%;*}
  {
    echo "# Written by Scripts/slurm/submit.sh $(date -u +%FT%TZ); read by submit.sh --resubmit"
    printf 'n=%q\nparts=%q\nout=%q\nlogs=%q\nHRA_BIN=%q\nHRA_COMMAND=%q\narray_job=%q\nmerge_job=%q\n' \
      "$n" "$parts" "$out" "$logs" "$HRA_BIN" "$HRA_COMMAND" "$array_job" "$merge_job"
    printf 'run_args=('; printf '%q ' "${run_args[@]}"; printf ')\n'
  } >"${parts%/}.submit"
  echo "array job: $array_job (shards $1 of $n, parts in $parts)"
  echo "merge job: $merge_job (after ok of $array_job, output $out)"
  echo "logs: $logs"
}

if [ -n "$resubmit" ]; then
  parts=$(abspath "${resubmit%/}")
  [ -f "$parts.submit" ] || die "$parts.submit not found: was $parts submitted with submit.sh?"
  bin_override=${HRA_BIN:-}
  # shellcheck disable=SC1090
  source "$parts.submit"
  # HRA_BIN in the environment wins over the recorded one (e.g. a fixed binary).
  [ -n "$bin_override" ] && HRA_BIN=$(abspath "$bin_override")
  [ -x "$HRA_BIN" ] || die "HRA_BIN=$HRA_BIN is not an executable file"
  for j in $array_job $merge_job; do
    s=$(job_state "$j")
    if [ -n "$s" ] && ! terminal "$s"; then die "job $j is still $s: wait for it or scancel it before resubmitting"; fi
  done
  missing=$("$HRA_BIN" merge --missing "$parts") || die "'$HRA_BIN merge --missing $parts' failed (exit $?)"
  missing=$(echo "$missing" | grep -E '^[0-9]+$' | paste -sd, -)
  if [ -z "$missing" ]; then
    echo "no missing shard in $parts: submitting the merge only"
    mkdir -p "$out" "$logs"
    export HRA_BIN
    # shellcheck disable=SC2206
    extra=(${HRA_SBATCH_ARGS:-})
    merge_job=$(sbatch --parsable "${extra[@]}" --job-name=hra-merge --output="$logs/hra-merge-%j.out" \
      "$here/hra-merge.sbatch" "$out" "$parts"); merge_job=${merge_job%%;*}
    echo "merge job: $merge_job (output $out)"
    array_job=$merge_job
  else
    echo "missing shards: $missing"
    submit_pair "$missing"
  fi
else
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "-n N (number of shards, >= 1) is required"
  [ -n "$parts" ] && [ -n "$out" ] || die "--parts PARTS and --out OUT are required"
  parts=$(abspath "${parts%/}"); out=$(abspath "${out%/}")
  logs=$(abspath "${logs:-$parts-logs}")
  HRA_BIN=$(abspath "${HRA_BIN:-$root/.build/release/hra}")
  [ -x "$HRA_BIN" ] || die "HRA_BIN=$HRA_BIN is not an executable file (make build, or set HRA_BIN)"
  submit_pair "0-$((n - 1))"
fi

if [ -n "$wait_s" ]; then wait_jobs "$array_job" "$merge_job" "$wait_s"; fi
