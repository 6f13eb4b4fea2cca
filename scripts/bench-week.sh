#!/usr/bin/env bash
# Memory and speed of the multi-night analysis on a week: simulates a 7-day, two-leg recording
# (`plm simulate --days 7`, 100 Hz by default, gzip CSV unless GZIP=0, seed 7; 60 M samples per leg) and runs
# `plm analyze` on it (nights found, streamed one night at a time) under `/usr/bin/time -v`,
# then prints wall time, CPU time, peak RSS and throughput (docs/benchmarks.md, docs/nights.md).
#
#   bash scripts/bench-week.sh [DIR]     default DIR: out/week in the repository
#   make bench-week                      the same, after a release build
#
# Writes DIR/sim/{left,right}.csv.gz + truth.json (about 2.5 GB), DIR/out/ (the summary and the
# nights' reports) and DIR/time.txt (`/usr/bin/time -v`). Not part of `make test`: the simulation
# takes minutes (it streams: one day or night of samples at a time) and writes gigabytes.
# Environment:
#   PLM=PATH         the plm binary (default: the release build's)
#   RATE=HZ          sample rate (default 100)
#   DAYS=N           days (default 7)
#   GZIP=0           write plain CSV instead of gzip (the simulator writes a gzip week slowly: level 6)
#   SKIP_SIMULATE=1  analyse the recording already in DIR/sim
#   FORMAT=cwa       analyse the legs as Axivity .cwa files (scripts/csv-to-cwa.py, needs numpy:
#                    16-bit samples at 256 per g), streamed like the CSV (docs/readers.md)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/out/week}"
plm="${PLM:-$(cd "$root" && swift build -c release --show-bin-path)/plm}"
rate="${RATE:-100}"
days="${DAYS:-7}"
if [ "${GZIP:-1}" = 0 ]; then suffix=csv; gzipFlag=(); else suffix=csv.gz; gzipFlag=(--gzip); fi
[ -x "$plm" ] || { echo "no plm binary at $plm: run swift build -c release --product plm" >&2; exit 69; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed: apt-get install time" >&2; exit 69; }

mkdir -p "$dir"
if [ -z "${SKIP_SIMULATE:-}" ] || [ ! -f "$dir/sim/left.$suffix" ]; then
  rm -rf "$dir/sim"
  "$plm" simulate --days "$days" --rate "$rate" --seed 7 "${gzipFlag[@]}" --out "$dir/sim"
fi
if [ "${FORMAT:-csv}" = cwa ]; then
  for leg in left right; do
    [ -f "$dir/sim/$leg.cwa" ] || python3 "$root/scripts/csv-to-cwa.py" "$dir/sim/$leg.$suffix" "$dir/sim/$leg.cwa" "$rate"
  done
  suffix=cwa
fi
rm -rf "$dir/out"
/usr/bin/time -v "$plm" analyze --left "$dir/sim/left.$suffix" --right "$dir/sim/right.$suffix" \
  --out "$dir/out" --quiet 2> "$dir/time.txt"

wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt")
seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
user=$(awk -F': ' '/User time/ {print $2}' "$dir/time.txt")
system=$(awk -F': ' '/System time/ {print $2}' "$dir/time.txt")
rssKB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
samples=$(grep -o '"samples" *: *[0-9]*' "$dir/out/summary.json" | grep -o '[0-9]*$' | awk '{ s += $1 } END { printf "%d", s }')
bytes=$(stat -c %s "$dir/sim/left.$suffix" "$dir/sim/right.$suffix" | awk '{ s += $1 } END { printf "%.0f", s }')
nights=$(grep -o '"windowSource"' "$dir/out/summary.json" | wc -l)
echo "recording: $days days, 2 legs, $rate Hz, $samples samples, $((bytes / 1000000)) MB ($suffix); $nights nights found"
echo "wall $wall ($seconds s), user $user s, system $system s, peak RSS $((rssKB / 1024)) MiB"
awk -v n="$samples" -v s="$seconds" 'BEGIN { printf "throughput %.2f M samples/s (both legs, wall clock)\n", n / s / 1e6 }'
