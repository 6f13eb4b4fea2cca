#!/usr/bin/env bash
# Speed of `plm analyze` next to the tools people would otherwise use (issue 15), in one run on
# one machine: an 8-h two-leg 100-Hz night (generic CSV, ~130 MB per leg, and the same gzipped),
# timed as the median of RUNS runs of each of
#   cat of both files (page cache)            polars read_csv of both files, nothing else
#   pandas + scipy: read, Butterworth sosfiltfilt, magnitude, both legs
#   plm analyze on the CSV pair               gzip -dc of both .csv.gz files in parallel
#   plm analyze on the .csv.gz pair           (and peak RSS of plm, /usr/bin/time -v)
# then prints the table and the ratios against the issue's targets.
#
#   bash scripts/compare-peers.sh [DIR]      default DIR: out/peers in the repository
#   make compare-peers                       the same, after a release build
#
# polars, pandas, scipy and numpy come from PyPI into a local virtual environment (.venv-peers in
# the repository, gitignored; created once, reused). The night is simulated once into DIR
# (`plm simulate --profile moderate --hours 8 --rate 100 --seed 15`, gzipped with gzip -6) and
# reused afterwards.
# Environment:
#   PLM=PATH       the plm binary (default: the release build, built if missing)
#   RUNS=N         runs per measurement (default 5; the median is reported; at least 3)
#   VENV=DIR       the virtual environment (default .venv-peers in the repository)
#   PLM_INFLATER=zlib   make plm inflate with zlib even when built with ISA-L (to compare)
# Not part of `make test`: it takes a minute or two and downloads the Python packages once.
# Exit status: 0 when everything ran (targets missed are reported, not failed), else the failing step's.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$repo/out/peers}"
runs="${RUNS:-5}"
venv="${VENV:-$repo/.venv-peers}"
(( runs >= 3 )) || { echo "RUNS must be at least 3" >&2; exit 64; }

if [[ -z "${PLM:-}" ]]; then
  (cd "$repo" && swift build -c release --product plm >&2)
  PLM="$(cd "$repo" && swift build -c release --show-bin-path)/plm"
fi
[[ -x "$PLM" ]] || { echo "no plm binary at $PLM" >&2; exit 66; }
# The checkout's commit describes the binary only when it is the checkout's own release build.
if [[ "$(realpath "$PLM")" == "$(realpath -m "$repo/.build/release/plm")" ]]; then
  plm_origin="this checkout's release build, commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
else
  plm_origin="given by PLM; its commit is not known here"
fi

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import polars, pandas, scipy, numpy" 2>/dev/null; then
  echo "Creating $venv with polars, pandas, scipy and numpy from PyPI ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip >&2
  "$venv/bin/pip" install --quiet polars pandas scipy numpy >&2
fi
py="$venv/bin/python"

mkdir -p "$dir/csv" "$dir/gz" "$dir/out"
if [[ ! -s "$dir/csv/left.csv" || ! -s "$dir/csv/right.csv" ]]; then
  echo "Simulating the 8-h 100-Hz night into $dir/csv ..." >&2
  "$PLM" simulate --profile moderate --hours 8 --rate 100 --seed 15 --layout generic --out "$dir/csv" >&2
fi
if [[ ! -s "$dir/gz/left.csv.gz" || ! -s "$dir/gz/right.csv.gz" ]]; then
  # The same bytes, compressed by gzip -6 (what exporters and `plm simulate --gzip` write).
  for leg in left right; do gzip -6 -c "$dir/csv/$leg.csv" > "$dir/gz/$leg.csv.gz.part" && mv "$dir/gz/$leg.csv.gz.part" "$dir/gz/$leg.csv.gz"; done
fi
left="$dir/csv/left.csv" right="$dir/csv/right.csv"
leftgz="$dir/gz/left.csv.gz" rightgz="$dir/gz/right.csv.gz"

# The Python legs, written once: polars only reads; pandas + scipy does what plm's conditioning does
# first (4th-order Butterworth band-pass 0.5-10 Hz applied forwards and backwards, then magnitude).
cat > "$dir/polars_read.py" <<'PY'
import sys, polars as pl
for path in sys.argv[1:]:
    frame = pl.read_csv(path)
    assert frame.height > 0
PY
cat > "$dir/pandas_scipy.py" <<'PY'
import sys, numpy as np, pandas as pd
from scipy.signal import butter, sosfiltfilt
sos = butter(4, [0.5, 10.0], btype="bandpass", fs=100.0, output="sos")
for path in sys.argv[1:]:
    frame = pd.read_csv(path, parse_dates=[0])
    xyz = frame.iloc[:, 1:4].to_numpy(dtype=np.float64)
    filtered = sosfiltfilt(sos, xyz, axis=0)
    magnitude = np.sqrt((filtered ** 2).sum(axis=1))
    assert magnitude.size == len(frame)
PY

# Median wall time in seconds of running "$@" RUNS times (one warm-up run first).
median_seconds() {
  "$@" >/dev/null 2>&1
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
cat_both() { cat "$left" "$right" >/dev/null; }
gunzip_both() { gzip -dc "$leftgz" >/dev/null & gzip -dc "$rightgz" >/dev/null & wait; }
plm_csv() { "$PLM" analyze --left "$left" --right "$right" --whole-recording --json "$dir/out/csv.json" --quiet; }
plm_gz() { "$PLM" analyze --left "$leftgz" --right "$rightgz" --whole-recording --json "$dir/out/gz.json" --quiet; }
peak_rss_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }'
}

inflater=$("$PLM" inspect "$leftgz" | awk -F'  +' '/^Compression/ { print $2 }')
echo "Timing (median of $runs runs each; plm: ${inflater:-gzip inflater unknown}) ..." >&2
t_cat=$(median_seconds cat_both)
t_polars=$(median_seconds "$py" "$dir/polars_read.py" "$left" "$right")
t_pandas=$(median_seconds "$py" "$dir/pandas_scipy.py" "$left" "$right")
t_plm_csv=$(median_seconds plm_csv)
t_gunzip=$(median_seconds gunzip_both)
t_plm_gz=$(median_seconds plm_gz)
rss_csv=$(peak_rss_mb "$PLM" analyze --left "$left" --right "$right" --whole-recording --json "$dir/out/csv.json" --quiet)
rss_gz=$(peak_rss_mb "$PLM" analyze --left "$leftgz" --right "$rightgz" --whole-recording --json "$dir/out/gz.json" --quiet)

ratio() { echo "scale=3; $1 / $2" | bc -l | sed 's/^\./0./'; }
verdict() { if [[ $(echo "$1 $2 $3" | awk '{ print ($2 == "<=" ? $1 <= $3 : $1 >= $3) }') == 1 ]]; then echo "met"; else echo "MISSED"; fi; }
r_polars=$(ratio "$t_plm_csv" "$t_polars")
r_pandas=$(ratio "$t_pandas" "$t_plm_csv")
r_gunzip=$(ratio "$t_plm_gz" "$t_gunzip")
r_gz_csv=$(ratio "$t_plm_gz" "$t_plm_csv")
mb() { du -m "$@" | awk '{ s += $1 } END { print s }'; }

cat <<TABLE

8-h night, both legs, 100 Hz, generic CSV ($(mb "$left" "$right") MB; gzip $(mb "$leftgz" "$rightgz") MB), median of $runs runs, $(nproc) cores
plm: $PLM ($plm_origin); ${inflater:-gzip inflater unknown}

| | time (s) |
|---|---:|
| cat of both files (page cache) | $t_cat |
| polars read_csv of both files, nothing else | $t_polars |
| pandas + scipy (read, Butterworth sosfiltfilt, magnitude) | $t_pandas |
| **plm analyze** on the CSV pair (read, filter, detect, score, JSON) | **$t_plm_csv** |
| gzip -dc of both .csv.gz, in parallel | $t_gunzip |
| **plm analyze** on the .csv.gz pair | **$t_plm_gz** |
| peak RSS of plm analyze, CSV / .csv.gz | $rss_csv MB / $rss_gz MB |

| target (issue 15) | measured | |
|---|---:|---|
| plm on CSV / polars read <= 0.4 | $r_polars | $(verdict "$r_polars" "<=" 0.4) |
| pandas + scipy / plm on CSV >= 25 | $r_pandas | $(verdict "$r_pandas" ">=" 25) |
| plm on .csv.gz / gzip -dc in parallel <= 0.8 | $r_gunzip | $(verdict "$r_gunzip" "<=" 0.8) |
| plm on .csv.gz / plm on CSV <= 1.2 | $r_gz_csv | $(verdict "$r_gz_csv" "<=" 1.2) |
| peak RSS <= 150 MB (CSV, .csv.gz) | $rss_csv, $rss_gz | $(verdict "$(( rss_csv > rss_gz ? rss_csv : rss_gz ))" "<=" 150) |
TABLE
