#!/usr/bin/env bash
# A stand-in for the `hra` binary's sharding interface, for testing the Slurm scripts without a
# release build (and before `--shard`/`merge` existed):
#   HRA_BIN=$PWD/Scripts/slurm/testing/fake-hra.sh Scripts/slurm/test-slurm.sh
# It imitates only the interface, not the engine:
#   fake-hra.sh run [options] [--buildings B] [--shard I/N] --out DIR
#       without --shard: writes DIR/buildings-risk.csv (one deterministic row per building,
#       depending on the options); with --shard I/N: writes the rows of the I-th contiguous block
#       into DIR/part-I-of-N.csv atomically (temporary file, then rename).
#   fake-hra.sh merge OUT PARTS      concatenates the parts in shard order into OUT/buildings-risk.csv;
#                                    exit 2 naming a missing or foreign part
#   fake-hra.sh merge --missing PARTS  prints the missing shard indices, one per line
# Exit status 0 on success, 2 on bad input. FAKE_HRA_SLEEP (seconds, default 0.2) per run.
set -euo pipefail
usage() { echo "fake-hra: $*" >&2; exit 2; }

cmd=${1:-}; shift || true
case "$cmd" in
  run)
    buildings=1000 shard="" out="" opts=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --buildings) buildings=${2:?}; opts+=("$1" "$2"); shift 2 ;;
        --shard) shard=${2:?}; shift 2 ;;
        --out) out=${2:?}; shift 2 ;;
        --*) if [ $# -gt 1 ] && [[ "$2" != --* ]]; then opts+=("$1" "$2"); shift 2; else opts+=("$1"); shift; fi ;;
        *) usage "unexpected argument '$1'" ;;
      esac
    done
    [ -n "$out" ] || usage "--out DIR required"
    [[ "$buildings" =~ ^[0-9]+$ ]] || usage "--buildings takes a number"
    lo=0 hi=$buildings
    if [ -n "$shard" ]; then
      [[ "$shard" =~ ^([0-9]+)/([1-9][0-9]*)$ ]] || usage "--shard takes I/N, not '$shard'"
      i=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
      [ "$i" -lt "$n" ] || usage "--shard $shard: I must be below N"
      lo=$((i * buildings / n)) hi=$(((i + 1) * buildings / n))
    fi
    sleep "${FAKE_HRA_SLEEP:-0.2}"
    key=$(printf '%s\n' "${opts[@]}" | sha256sum | cut -c1-16)
    mkdir -p "$out"
    rows() { awk -v lo="$lo" -v hi="$hi" -v key="$key" 'BEGIN { for (b = lo; b < hi; b++) printf "B%06d,%s,%.6e\n", b, key, (b * 7919 % 1000 + 1) * 1e-8 }'; }
    if [ -z "$shard" ]; then
      { echo "building,inputs,lpr"; rows; } >"$out/.buildings-risk.csv.tmp"
      mv "$out/.buildings-risk.csv.tmp" "$out/buildings-risk.csv"
    else
      { echo "# fake-hra part $i/$n inputs $key"; rows; } >"$out/.part-$i-of-$n.tmp.$$"
      mv "$out/.part-$i-of-$n.tmp.$$" "$out/part-$i-of-$n.csv"
    fi
    ;;
  merge)
    if [ "${1:-}" = --missing ]; then
      parts=${2:?}; list_only=1
    else
      out=${1:?} parts=${2:?}; list_only=0
    fi
    [ -d "$parts" ] || usage "no parts folder $parts"
    n=""
    for f in "$parts"/part-*-of-*.csv; do
      [ -e "$f" ] || usage "no part in $parts"
      [[ "$(basename "$f")" =~ ^part-([0-9]+)-of-([0-9]+)\.csv$ ]] || usage "foreign part $f"
      if [ -z "$n" ]; then n=${BASH_REMATCH[2]}; elif [ "$n" != "${BASH_REMATCH[2]}" ]; then usage "foreign part $f (not of $n shards)"; fi
    done
    missing=()
    for ((i = 0; i < n; i++)); do [ -f "$parts/part-$i-of-$n.csv" ] || missing+=("$i"); done
    if [ "$list_only" = 1 ]; then
      [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
      exit 0
    fi
    [ ${#missing[@]} -eq 0 ] || usage "missing shard(s) ${missing[*]} of $n in $parts"
    mkdir -p "$out"
    { echo "building,inputs,lpr"; for ((i = 0; i < n; i++)); do tail -n +2 "$parts/part-$i-of-$n.csv"; done; } >"$out/.buildings-risk.csv.tmp"
    mv "$out/.buildings-risk.csv.tmp" "$out/buildings-risk.csv"
    ;;
  *) usage "usage: fake-hra.sh run [options] [--shard I/N] --out DIR | merge OUT PARTS | merge --missing PARTS" ;;
esac
