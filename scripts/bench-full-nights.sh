#!/usr/bin/env bash
# Detection accuracy on full 8-hour nights: simulates one fresh night per profile (healthy, mild,
# moderate, severe, noisy, restless) with `plm simulate`, in every file layout the readers take
# (actigraph, geneactiv, axivity, generic; one night in milli-g), at 25-100 Hz, gzip, seeds 101-106
# (SampleData uses 1-6), then runs `plm bench` over them and prints its table.
#
#   bash scripts/bench-full-nights.sh [DIR]     default DIR: out/full-nights in the repository
#   make bench-full                             the same, after a release build
#
# Writes DIR/NIGHT/{left,right}.csv.gz + truth.json for each night (about 80 MB in all), and
# DIR/bench/{bench.json,bench.md,reports/NIGHT.json} (`plm bench --out DIR/bench`).
# Environment:
#   PLM=PATH           the plm binary (default: the release build, `swift build -c release
#                      --show-bin-path`/plm, built with `swift build -c release --product plm` if missing)
#   SWIFT_BUILD_ARGS   extra arguments for those swift build calls, e.g. "--scratch-path /tmp/b"
#   BENCH_OUT=DIR      plm bench's --out folder (default DIR/bench)
#   RULES=NAME         plm bench --rules (default: plm's default, wasm2016)
#   SKIP_SIMULATE=1    bench the nights already in DIR without simulating them again
# Idempotent: the same plm gives the same nights, byte for byte (the simulator is deterministic),
# and each night's folder is emptied and written anew on every run; nothing outside DIR is touched.
# Exit status: plm's (0 when every night was simulated and analysed).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/bench-nights.sh"

hours=8
nights=()
# name        profile   layout     rate units seed
for spec in \
  "healthy-actigraph-30hz    healthy   actigraph  30  g   101" \
  "mild-geneactiv-50hz       mild      geneactiv  50  g   102" \
  "moderate-generic-50hz     moderate  generic    50  g   103" \
  "severe-axivity-100hz      severe    axivity    100 g   104" \
  "noisy-actigraph-30hz      noisy     actigraph  30  g   105" \
  "restless-generic-mg-25hz  restless  generic    25  mg  106"; do
  read -r name profile layout rate units seed <<< "$spec"
  nights+=("$name --profile $profile --hours $hours --rate $rate --seed $seed --layout $layout --units $units")
done

bench_nights_main '2,21p' out/full-nights "$@"
