#!/usr/bin/env bash
# The "no number changes" check of a refactoring (issue 26): runs a small case of every command
# that computes numbers with the given hra binary and prints the SHA-256 of each data file it
# wrote (CSV, GeoJSON; not manifests, logs or timings). Run it with the binary from before and
# after a change and diff the two listings: they must be identical.
#   Scripts/reference-sha.sh BINARY OUTDIR > listing.txt      (about 2-3 min, release build)
set -euo pipefail
hra=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out" && mkdir -p "$out"
common=(--threads 2 --buildings 1500 --from 2019 --to 2020)
q=(--quiet)
"$hra" run "${common[@]}" --samples 30 --out "$out/run" >/dev/null 2>&1
"$hra" run --threads 2 --buildings 300 --from 2019 --to 2019 --logic-tree enumerate --out "$out/exact" >/dev/null 2>&1
"$hra" run "${common[@]}" --logic-tree central --out "$out/central" >/dev/null 2>&1
"$hra" hazard --threads 2 --buildings 500 --from 2019 --to 2019 --samples 10 --imt PGA,AVGSA \
  --site 238500,597000 --out "$out/hazard" >/dev/null 2>&1
"$hra" group-risk --threads 2 --buildings 1500 --from 2019 --to 2019 --samples 4 --events 20 --events-low 2 \
  --out "$out/group" >/dev/null 2>&1
"$hra" scenario --threads 2 --buildings 1500 --magnitude 3.6 --x 238500 --y 597000 --logic-tree p90 \
  --out "$out/scenario-p90.csv" >/dev/null 2>&1
"$hra" generic-hazard --config examples/area-source-dost2004.ini --out "$out/area" >/dev/null 2>&1
"$hra" scenarios "${common[@]}" --paths phase-out-actual,no-phase-out-12bcm --samples 20 --out "$out/study" >/dev/null 2>&1
"$hra" ijkmoment --year 2019 --results "$out/run/buildings-risk.csv" --capacity 50 --out "$out/ijk" >/dev/null 2>&1
id=$(sed -n 2p "$out/run/buildings-risk.csv" | cut -d, -f1)
"$hra" explain "$id" "${common[@]}" --samples 40 --json > "$out/explain.json" 2>/dev/null
"$hra" conditional --help >/dev/null 2>&1 || true
cd "$out" && find . -type f \( -name '*.csv' -o -name '*.geojson' -o -name 'explain.json' \) | sort | xargs sha256sum
