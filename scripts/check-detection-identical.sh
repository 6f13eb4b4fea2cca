#!/usr/bin/env bash
# Checks that a change to the detector's kernels (speed work, refactoring) leaves its output byte
# for byte as it was: analyses a fixed set of nights with `plm analyze --out` and compares every
# output file (report.json with every movement, rejected candidate and the activity trace,
# events.csv, report.html; summary.json and the per-night folders of the 3-day recording) with a
# recorded reference (`diff -r`). Nights are scored whole (`--whole-recording`), except the 3-day
# recording, which goes through night detection.
#
#   bash scripts/check-detection-identical.sh record [DIR]   simulate the nights (once) and record
#   bash scripts/check-detection-identical.sh check  [DIR]   analyse again and compare (cmp)
#
# DIR defaults to out/detection-identical in the repository. Record with the binary before the
# change, check with the one after. The nights: the six of SampleData; the five of
# ../shared/external-nights when present (an independent simulator); and simulated ones made once
# into DIR/nights: an 8-h 100-Hz moderate night (the speed benchmark's size), an 8-h noisy 30-Hz
# night with gaps and spikes, an extra-noisy 100-Hz night (20 mg noise, many spikes and gaps),
# one night per hard condition (`--condition hard`, hard-8bit, coarse-10bit-clipped, drift-slip,
# two-devices, trains, small-slow), a 200-Hz night, and a 3-day recording at 10 Hz (`--three-days`) (night
# detection; one-sample tilt bins).
# Environment: PLM=PATH (default: the release build of this checkout, built if missing).
# Exit status: 0 when every output is identical, 1 when one differs or is missing, 64 on usage.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="${1:-}"
dir="${2:-$root/out/detection-identical}"
case "$mode" in
  record | check) ;;
  *) echo "usage: $0 record|check [DIR]" >&2; exit 64 ;;
esac
plm="${PLM:-$(swift build --package-path "$root" -c release --show-bin-path)/plm}"
[ -x "$plm" ] || swift build --package-path "$root" -c release --product plm >&2
mkdir -p "$dir/nights"

simulated=(
  # name                        plm simulate options
  "moderate-generic-100hz-8h    --profile moderate --hours 8 --rate 100 --seed 7 --layout generic"
  "noisy-actigraph-30hz-8h      --profile noisy --hours 8 --rate 30 --seed 105 --layout actigraph"
  "extra-noisy-generic-100hz    --profile noisy --hours 2 --rate 100 --noise 0.02 --spikes-per-hour 120 --gaps 20 --clipping-per-hour 6 --jitter-ms 2 --seed 21 --layout generic"
  "hard-severe-generic          --profile severe --condition hard --hours 2 --seed 311 --layout generic"
  "hard-8bit-moderate-actigraph --profile moderate --condition hard-8bit --hours 1.5 --seed 312 --layout actigraph"
  "coarse-10bit-restless-mg     --profile restless --condition coarse-10bit-clipped --hours 1.5 --seed 307 --layout generic --units mg"
  "drift-slip-mild-100hz        --profile mild --condition drift-slip --hours 1.5 --rate 100 --seed 310 --layout generic"
  "two-devices-severe           --profile severe --condition two-devices --hours 1.5 --seed 313 --layout generic"
  "trains-moderate-axivity      --profile moderate --condition trains --hours 1.5 --seed 304 --layout axivity"
  "small-slow-mild-geneactiv    --profile mild --condition small-slow --hours 1.5 --seed 302 --layout geneactiv"
  "severe-generic-200hz         --profile severe --hours 1 --rate 200 --seed 22 --layout generic"
  "days-generic-10hz            --three-days --rate 10 --seed 23 --layout generic"
)

# name|left|right|extra analyse options
inputs=()
for night in "$root"/SampleData/*/; do
  name="$(basename "$night")"
  units=""
  [[ "$name" == *-mg ]] && units="--units mg"
  inputs+=("sample-$name|${night}left.csv.gz|${night}right.csv.gz|$units --whole-recording")
done
external="$root/../shared/external-nights"
[ -d "$external" ] || external="/work/shared/external-nights"
if [ -d "$external" ]; then
  for night in "$external"/x*/; do
    name="$(basename "$night")"
    units=""
    [[ "$name" == *-mg-* ]] && units="--units mg"
    inputs+=("external-$name|${night}left.csv.gz|${night}right.csv.gz|$units --whole-recording")
  done
fi
for line in "${simulated[@]}"; do
  read -r name options <<<"$line"
  target="$dir/nights/$name"
  if [ ! -f "$target/truth.json" ]; then
    # shellcheck disable=SC2086
    "$plm" simulate $options --out "$target" >/dev/null
  fi
  units=""
  [[ "$options" == *"--units mg"* ]] && units="--units mg"
  # The 3-day recording goes through night detection; every other night is scored whole.
  [[ "$options" == *"--three-days"* ]] || units="$units --whole-recording"
  inputs+=("sim-$name|$target/left.csv|$target/right.csv|$units")
done

status=0
for input in "${inputs[@]}"; do
  IFS='|' read -r name left right extra <<<"$input"
  if [ "$mode" = record ]; then out="$dir/reference/$name"; else out="$dir/current/$name"; fi
  rm -rf "$out"
  mkdir -p "$out"
  # shellcheck disable=SC2086
  "$plm" analyze --left "$left" --right "$right" $extra --quiet --out "$out"
  if [ "$mode" = check ]; then
    if diff -r -q "$dir/reference/$name" "$out"; then
      echo "identical: $name"
    else
      echo "DIFFERS: $name"
      status=1
    fi
  else
    echo "recorded: $name ($(find "$out" -type f | wc -l) files)"
  fi
done
if [ "$mode" = check ]; then
  if [ "$status" -eq 0 ]; then echo "all ${#inputs[@]} nights identical"; else echo "some outputs differ"; fi
fi
exit "$status"
