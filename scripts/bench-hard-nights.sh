#!/usr/bin/env bash
# Detection on hard nights (issue 11): simulates thirteen nights of 1.5-2 h covering every hard
# condition of `plm simulate --condition` (two each of small-slow, trains, coarse-8bit,
# coarse-10bit-clipped and drift-slip; hard, hard-8bit and two-devices; docs/simulator.md), over
# several profiles and every file layout, at the conditions' rates (20-25 Hz for the cheap sensors,
# 50 and 100 Hz for drift-slip), 2-9 mg noise, 8/10/12-bit over +-2/4/8 g, gzip, seeds 301-313,
# then runs `plm bench` over them and prints its table (with sensitivity by peak deviation and each
# night's noise and bit depth).
#
#   bash scripts/bench-hard-nights.sh [DIR]     default DIR: out/hard-nights in the repository
#   make bench-hard                             the same, after a release build
#
# Writes DIR/NIGHT/{left,right}.csv.gz + truth.json for each night, and
# DIR/bench/{bench.json,bench.md,reports/NIGHT.json} (`plm bench --out DIR/bench`).
# Environment: PLM=PATH (the plm binary; default the release build, built if missing),
# SWIFT_BUILD_ARGS, BENCH_OUT=DIR, RULES=NAME, SKIP_SIMULATE=1: as in scripts/bench-full-nights.sh.
# Idempotent: the same plm gives the same nights, byte for byte; nothing outside DIR is touched.
# Exit status: plm's (0 when every night was simulated and analysed).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/bench-nights.sh"

nights=(
  # name                                 plm simulate options (the condition sets rate, noise, bits and range)
  "small-slow-moderate-generic-25hz      --profile moderate --condition small-slow           --hours 2   --seed 301 --layout generic"
  "small-slow-mild-geneactiv-25hz        --profile mild     --condition small-slow           --hours 2   --seed 302 --layout geneactiv"
  "trains-severe-axivity-25hz            --profile severe   --condition trains               --hours 2   --seed 303 --layout axivity"
  "trains-moderate-actigraph-25hz        --profile moderate --condition trains               --hours 2   --seed 304 --layout actigraph"
  "coarse-8bit-moderate-generic-20hz     --profile moderate --condition coarse-8bit          --hours 2   --seed 305 --layout generic"
  "coarse-8bit-healthy-actigraph-20hz    --profile healthy  --condition coarse-8bit          --hours 1.5 --seed 306 --layout actigraph"
  "coarse-10bit-restless-generic-mg-25hz --profile restless --condition coarse-10bit-clipped --hours 2   --seed 307 --layout generic --units mg"
  "coarse-10bit-severe-geneactiv-25hz    --profile severe   --condition coarse-10bit-clipped --hours 2   --seed 308 --layout geneactiv"
  "drift-slip-moderate-axivity-50hz      --profile moderate --condition drift-slip           --hours 2   --seed 309 --layout axivity"
  "drift-slip-mild-generic-100hz-2mg     --profile mild     --condition drift-slip           --hours 2   --seed 310 --layout generic --rate 100 --noise 0.002"
  "hard-severe-generic-25hz              --profile severe   --condition hard                 --hours 2   --seed 311 --layout generic"
  "hard-8bit-moderate-actigraph-20hz     --profile moderate --condition hard-8bit            --hours 2   --seed 312 --layout actigraph"
  "two-devices-severe-generic-25hz       --profile severe   --condition two-devices          --hours 2   --seed 313 --layout generic"
)

bench_nights_main '2,18p' out/hard-nights "$@"
