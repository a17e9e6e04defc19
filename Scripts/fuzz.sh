#!/usr/bin/env bash
# Fuzzes the input parsers of the HRA library with libFuzzer (issue "Reliability", item 5).
#
#   Scripts/fuzz.sh [RUNS] [TARGET...]    fuzz each target, one at a time, for RUNS executions (default 1000000)
#   Scripts/fuzz.sh --replay [TARGET...]  run each target once on every file of Fuzz/regressions/<target>/ and
#                                         Fuzz/corpus/<target>/
#
# Targets (Fuzz/<target>.swift; the drivers are Tests/HRATests/IO/FuzzTargets.swift, which `swift test` also
# replays through FuzzRegressionTests): csv, config, forecast, state, status, exposure.
#
# Builds with the toolchain's `swiftc -sanitize=fuzzer,address` into .build-fuzz/: the library files the
# parsers need (LIBRARY_FILES below; not LinearAlgebra.swift, so no LAPACK) as a static module HRA, then one
# executable per target. A thrown error is a fine answer to bad input; a crash, a sanitizer report, a hang
# (-timeout=5 s per input), running out of memory or a broken round trip is a failure: its input is copied
# to Fuzz/regressions/<target>/ (commit it with the fix) and the script exits 1 after the other targets.
# Seeds: Fuzz/corpus/<target>/, plus Models/**/*.csv and docs/walkthrough/*.csv for the CSV-based targets; the
# working corpus grows in .build-fuzz/corpus/<target>/.
#
# Environment: FUZZ_MAX_TIME  seconds per target at most (default 480; the run stops at RUNS or at this time)
#              FUZZ_SWIFTC    the compiler (default swiftc)
# No other work should share the cores during a measurement: run the targets one at a time (the script does).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=.build-fuzz
SWIFTC=${FUZZ_SWIFTC:-swiftc}
MAX_TIME=${FUZZ_MAX_TIME:-480}
ALL_TARGETS=(csv config forecast state status exposure)
LIBRARY_FILES=(
  Sources/HRA/Exposure/Building.swift
  Sources/HRA/Exposure/ExposureDatabase.swift
  Sources/HRA/IO/AtomicOutput.swift
  Sources/HRA/IO/CSVTable.swift
  Sources/HRA/IO/ConfigFile.swift
  Sources/HRA/IO/CoordinateReference.swift
  Sources/HRA/IO/ConfigSchema.swift
  Sources/HRA/IO/InputError.swift
  Sources/HRA/IO/JSONCoding.swift
  Sources/HRA/IO/NumberFormat.swift
  Sources/HRA/IO/NumericColumns.swift
  Sources/HRA/IO/OutputError.swift
  Sources/HRA/IO/OutputTarget.swift
  Sources/HRA/IO/SHA256.swift
  Sources/HRA/Prioritisation/BuildingStatus.swift
  Sources/HRA/Prioritisation/IjkmomentState.swift
  Sources/HRA/Prioritisation/ReasonCode.swift
  Sources/HRA/Risk/RiskCategory.swift
  Sources/HRA/Prioritisation/StatusFile.swift
  Sources/HRA/Seismicity/RateField.swift
  Sources/HRA/Seismicity/EventRates.swift
  Sources/HRA/Seismicity/GriddedForecast.swift
  Sources/HRA/Seismicity/MagnitudeBins.swift
  Sources/HRA/Seismicity/MagnitudeDistribution.swift
  Sources/HRA/Seismicity/SourceGrid.swift
  Sources/HRA/Site/ZoneMap.swift
)
# Each listed file's extensions in files of their own (Name+Part.swift) belong with it.
for f in "${LIBRARY_FILES[@]}"; do
  for x in "${f%.swift}"+*.swift; do [[ -e $x ]] && LIBRARY_FILES+=("$x"); done
done
DRIVERS=Tests/HRATests/IO/FuzzTargets.swift
FLAGS=(-parse-as-library -swift-version 6 -package-name GroningenHRA -O -g -sanitize=fuzzer,address)
# No Swift backtracer (it would take seconds per crash); a known leak of Foundation suppressed (Fuzz/lsan.supp).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=suppressions=$ROOT/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}
# The file the exposure target writes each input to (ExposureDatabase.load reads a path).
export HRA_FUZZ_SCRATCH=$ROOT/$OUT/exposure-input.csv

# The longest input libFuzzer generates for a target (bytes); longer seeds are truncated.
max_len() {
  case $1 in
    config | status) echo 4096 ;;
    *) echo 8192 ;;
  esac
}

usage() {
  sed -n '4,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Whether $1 is older than any of the remaining files (or missing).
stale() {
  local target=$1 f
  shift
  [[ -e $target ]] || return 0
  for f in "$@"; do [[ $f -nt $target ]] && return 0; done
  return 1
}

build_library() {
  mkdir -p "$OUT/lib"
  if stale "$OUT/lib/libHRA.a" "${LIBRARY_FILES[@]}" "$0"; then
    echo "building the library files ($OUT/lib/libHRA.a)" >&2
    (cd "$OUT/lib" && "$SWIFTC" "${FLAGS[@]}" -module-name HRA -emit-library -static -emit-module \
      -emit-module-path HRA.swiftmodule -o libHRA.a "${LIBRARY_FILES[@]/#/$ROOT/}" 2> build.log) \
      || { cat "$OUT/lib/build.log" >&2; exit 1; }
  fi
}

build_target() {
  local t=$1 bin=$OUT/fuzz-$1
  if stale "$bin" "$OUT/lib/libHRA.a" "Fuzz/$t.swift" "$DRIVERS"; then
    echo "building $bin" >&2
    "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz_$t" -I "$OUT/lib" -L "$OUT/lib" -lHRA "Fuzz/$t.swift" "$DRIVERS" \
      -o "$bin" 2> "$OUT/build-$t.log" || { cat "$OUT/build-$t.log" >&2; exit 1; }
  fi
}

# Seeds of a target, copied into its working corpus.
seed() {
  local t=$1 work=$OUT/corpus/$1
  mkdir -p "$work"
  cp Fuzz/corpus/"$t"/* "$work"/
  case $t in
    csv | forecast | status | exposure)
      find Models docs/walkthrough -name '*.csv' -print0 | while IFS= read -r -d '' f; do
        cp "$f" "$work/repo-$(echo "$f" | tr '/' '_')"
      done
      ;;
  esac
}

# What went wrong, from libFuzzer's log.
failure_kind() {
  local log=$1
  if grep -q 'SUMMARY: libFuzzer: timeout' "$log"; then echo "hang"
  elif grep -q 'out-of-memory' "$log"; then echo "out of memory"
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then echo "leak"
  elif grep -q 'ERROR: AddressSanitizer' "$log"; then echo "sanitizer report"
  else echo "crash"; fi
}

# Copies a failing input into Fuzz/regressions/<target>/ and prints its path.
keep_artifacts() {
  local t=$1 a kept=()
  mkdir -p "Fuzz/regressions/$t"
  for a in "$OUT/artifacts/$t"/*; do
    [[ -e $a ]] || continue
    cp "$a" "Fuzz/regressions/$t/"
    kept+=("Fuzz/regressions/$t/$(basename "$a")")
  done
  echo "${kept[*]:-no input saved}"
}

fuzz_target() {
  local t=$1 runs=$2 log=$OUT/fuzz-$1.log start end secs n rate status=0
  seed "$t"
  rm -rf "$OUT/artifacts/$t"
  mkdir -p "$OUT/artifacts/$t"
  echo "fuzzing $t: $runs executions at most, at most $MAX_TIME s, -max_len=$(max_len "$t") (log: $log)" >&2
  start=$(date +%s%N)
  "$OUT/fuzz-$t" -runs="$runs" -max_total_time="$MAX_TIME" -max_len="$(max_len "$t")" \
    -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 -dict="Fuzz/dict/$t.dict" \
    -artifact_prefix="$OUT/artifacts/$t/" "$OUT/corpus/$t" > "$log" 2>&1 || status=$?
  end=$(date +%s%N)
  secs=$(( (end - start + 500000000) / 1000000000 ))
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  n=${n:-0}
  rate=$(( n * 1000000000 / (end - start) ))
  if [[ $status -eq 0 ]]; then
    printf '%s: %d executions, 0 crashes (%d s, %d exec/s)\n' "$t" "$n" "$secs" "$rate"
    return 0
  fi
  grep -m1 -E 'Fatal error|ERROR: |SUMMARY: ' "$log" | sed "s/^/  $t: /" >&2 || true
  printf '%s: %d executions, FAILED (%s, exit %d; input kept: %s; log: %s)\n' \
    "$t" "$n" "$(failure_kind "$log")" "$status" "$(keep_artifacts "$t")" "$log"
  return 1
}

replay_target() {
  local t=$1 log=$OUT/replay-$1.log inputs=() f status=0
  for f in Fuzz/regressions/"$t"/* Fuzz/corpus/"$t"/*; do [[ -f $f ]] && inputs+=("$f"); done
  if [[ ${#inputs[@]} -eq 0 ]]; then
    echo "$t: 0 inputs replayed"
    return 0
  fi
  "$OUT/fuzz-$t" -timeout=5 -rss_limit_mb=2048 "${inputs[@]}" > "$log" 2>&1 || status=$?
  if [[ $status -eq 0 ]]; then
    echo "$t: ${#inputs[@]} inputs replayed, 0 crashes"
    return 0
  fi
  echo "$t: FAILED on $(sed -n 's/^Running: //p' "$log" | tail -1) ($(failure_kind "$log"); log: $log)"
  return 1
}

mode=fuzz runs=1000000
if [[ ${1:-} == --replay ]]; then
  mode=replay
  shift
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
elif [[ ${1:-} == -* ]]; then
  usage
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
for t in "${targets[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { echo "unknown target '$t' (known: ${ALL_TARGETS[*]})" >&2; exit 2; }
done

build_library
for t in "${targets[@]}"; do build_target "$t"; done
failed=0
for t in "${targets[@]}"; do
  if [[ $mode == replay ]]; then replay_target "$t" || failed=1; else fuzz_target "$t" "$runs" || failed=1; fi
done
exit "$failed"
