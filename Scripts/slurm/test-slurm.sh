#!/usr/bin/env bash
# The real-Slurm test (`make test-slurm`, called by .ci/run; issue 28): on a one-node Slurm cluster
# on localhost (Scripts/slurm/local-cluster.sh, brought up here and taken down on exit), it checks
#   1. the cluster comes up (bounded);
#   2. a small run as a 4-task job array plus the dependent merge (Scripts/slurm/submit.sh) gives the
#      same buildings-risk.csv, SHA-256 for SHA-256, as the unsharded `hra run` of the same options;
#   3. an array in which one task fails is reported as failed within a time limit, and the dependent
#      merge is cancelled by Slurm (not left pending forever);
#   4. `submit.sh --resubmit` reruns only the failed shard, and the merge then gives the same SHA-256.
# Exit 0 only if every check passes.
#
# HRA_BIN: the binary under test (default .build/release/hra; `make build` first). For the scripts'
# own self-test without a build: HRA_BIN=$PWD/Scripts/slurm/testing/fake-hra.sh Scripts/slurm/test-slurm.sh
# Time limits (seconds): HRA_TEST_SLURM_RUN (each run and each array + merge, default 900),
# HRA_TEST_SLURM_FAIL (the failed array reported and settled, default 600). Needs root (installs slurm-wlm, munge).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
HRA_BIN=${HRA_BIN:-$root/.build/release/hra}
case "$HRA_BIN" in /*) ;; *) HRA_BIN=$root/$HRA_BIN ;; esac
export HRA_BIN
RUN_LIMIT=${HRA_TEST_SLURM_RUN:-900}
FAIL_LIMIT=${HRA_TEST_SLURM_FAIL:-600}
ARGS=(--buildings 400 --from 2019 --to 2019 --samples 20 --threads 1 --hazard-summary off --group-risk off)

failures=0
pass() { echo "  ok: $*"; }
fail() { echo "  FAILED: $*"; failures=$((failures + 1)); }
sha() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
# step LOG COMMAND...: runs a long step in the background, output to LOG, and waits for it, so
# that INT/TERM reach the traps at once (and the traps' messages are not sent into LOG).
step_pid=""
step() { local log=$1; shift; "$@" >"$log" 2>&1 & step_pid=$!; wait "$step_pid"; local rc=$?; step_pid=""; return $rc; }

[ -x "$HRA_BIN" ] || { echo "test-slurm: HRA_BIN=$HRA_BIN is not executable (make build first)" >&2; exit 1; }
work=$(mktemp -d /tmp/hra-test-slurm.XXXXXX)
cluster=$here/local-cluster.sh
started=0
cleanup() {
  # An interrupted step (INT/TERM): stop it (timeout passes the signal on to its command).
  if [ -n "$step_pid" ]; then kill -TERM "$step_pid" 2>/dev/null; wait "$step_pid" 2>/dev/null; fi
  if [ "$started" = 1 ]; then timeout 60 "$cluster" down >/dev/null || echo "test-slurm: local-cluster.sh down failed" >&2; fi
  if [ "$failures" -eq 0 ]; then rm -rf "$work"; else echo "test-slurm: outputs and job logs kept in $work"; fi
}
trap cleanup EXIT
trap 'echo "test-slurm: interrupted"; failures=$((failures + 1)); exit 130' INT TERM

echo "test-slurm: HRA_BIN=$HRA_BIN, run options: ${ARGS[*]}"

echo "1. local Slurm cluster up (bounded)"
t0=$SECONDS
if "$cluster" status >/dev/null 2>&1; then
  echo "  (already up before the test: left running afterwards)"
else
  started=1
fi
if timeout 300 "$cluster" up >"$work/up.log" 2>&1; then
  pass "cluster up in $((SECONDS - t0)) s ($(tail -n 1 "$work/up.log"))"
else
  cat "$work/up.log"; fail "cluster did not come up"; exit 1
fi
eval "$("$cluster" env)"

echo "2. unsharded run vs 4-task array + merge: SHA-256 of buildings-risk.csv"
t0=$SECONDS
if step "$work/single.log" timeout "$RUN_LIMIT" "$HRA_BIN" run "${ARGS[@]}" --out "$work/single"; then
  echo "  unsharded run: $((SECONDS - t0)) s"
else
  tail -n 20 "$work/single.log"; fail "unsharded hra run failed or exceeded $RUN_LIMIT s"
fi
t0=$SECONDS
step "$work/array.log" timeout $((RUN_LIMIT + 30)) "$here/submit.sh" -n 4 --parts "$work/parts" --out "$work/merged" \
  --wait "$RUN_LIMIT" -- "${ARGS[@]}"
rc=$?
sed 's/^/  | /' "$work/array.log"
echo "  round trip of the 4-task array + merge: $((SECONDS - t0)) s"
single=$(sha "$work/single/buildings-risk.csv"); merged=$(sha "$work/merged/buildings-risk.csv")
if [ $rc -ne 0 ]; then
  fail "array + merge did not complete (submit.sh exit $rc; logs in $work/parts-logs)"
elif [ -n "$single" ] && [ "$single" = "$merged" ]; then
  pass "merged buildings-risk.csv = unsharded: $single"
else
  fail "SHA-256 differs: unsharded ${single:-missing}, merged ${merged:-missing}"
fi

echo "3. an array with one failing task (shard 2/4) is reported failed within $FAIL_LIMIT s, the merge cancelled"
cat >"$work/fail-shard-2.sh" <<FAKE
#!/usr/bin/env bash
# Test-only wrapper: shard 2/4 fails (exit 1), everything else runs the binary under test.
for a in "\$@"; do [ "\$a" = 2/4 ] && { echo "injected failure of shard 2/4" >&2; exit 1; }; done
exec "$HRA_BIN" "\$@"
FAKE
chmod +x "$work/fail-shard-2.sh"
t0=$SECONDS
HRA_BIN=$work/fail-shard-2.sh step "$work/fail.log" timeout $((FAIL_LIMIT + 30)) "$here/submit.sh" -n 4 \
  --parts "$work/fparts" --out "$work/fmerged" --wait "$FAIL_LIMIT" -- "${ARGS[@]}"
rc=$?
elapsed=$((SECONDS - t0))
sed 's/^/  | /' "$work/fail.log"
merge_job=$(sed -n 's/^merge job: \([0-9]*\).*/\1/p' "$work/fail.log" | head -n 1)
mstate=$(timeout 10 scontrol -o show job "$merge_job" 2>/dev/null | grep -o 'JobState=[^ ]*' | cut -d= -f2)
if [ $rc -eq 1 ] && grep -q "2:FAILED" "$work/fail.log"; then
  pass "reported failed after $elapsed s (shard 2 FAILED, submit.sh exit 1)"
else
  fail "not reported as a failed shard 2 within $FAIL_LIMIT s (submit.sh exit $rc)"
fi
if [ "$mstate" = CANCELLED ]; then pass "dependent merge job $merge_job CANCELLED (not pending)"
else fail "dependent merge job ${merge_job:-?} is ${mstate:-unknown}, expected CANCELLED"; fi
[ ! -e "$work/fmerged/buildings-risk.csv" ] && pass "no merged output written" || fail "a merged output was written despite the failed shard"

echo "4. submit.sh --resubmit reruns only the missing shard; the merge then equals the unsharded run"
t0=$SECONDS
step "$work/resubmit.log" timeout $((RUN_LIMIT + 30)) "$here/submit.sh" --resubmit "$work/fparts" --wait "$RUN_LIMIT"
rc=$?
sed 's/^/  | /' "$work/resubmit.log"
resub=$(sha "$work/fmerged/buildings-risk.csv")
if [ $rc -eq 0 ] && grep -q "^missing shards: 2$" "$work/resubmit.log" && [ -n "$single" ] && [ "$resub" = "$single" ]; then
  pass "resubmitted shard 2 only, merged in $((SECONDS - t0)) s, SHA-256 = unsharded"
else
  fail "resubmit: submit.sh exit $rc, SHA-256 ${resub:-missing} (unsharded ${single:-missing})"
fi

if [ "$failures" -eq 0 ]; then echo "test-slurm: all checks passed"; exit 0; fi
echo "test-slurm: $failures check(s) failed"; exit 1
