#!/usr/bin/env bash
# plm batch speed on the bundled SampleData nights (docs/batch.md, "Speed"): a loop of plm analyze
# processes against plm batch --jobs 1 and 2, each night REPEAT times, with lights (one night per
# recording, lights from truth.json) and without (the nights path: RecordingAnalyzer, which finds no
# night of 3 h in these 1-2 h files), then a rerun with nothing changed.
#
# Usage: PLM=/path/to/plm [REPEAT=5] bash scripts/batch-speed.sh [WORK_DIR]   (default out/batch-speed)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PLM="${PLM:-$ROOT/.build/release/plm}"
REPEAT="${REPEAT:-5}"
WORK="$(mkdir -p "${1:-$ROOT/out/batch-speed}" && cd "${1:-$ROOT/out/batch-speed}" && pwd)"
[ -x "$PLM" ] || { echo "batch-speed: no plm at $PLM (swift build -c release --product plm)" >&2; exit 66; }

# Manifests: id,left,right,lights_off,lights_on,units (lights = the truth's lights on the recording's clock).
python3 - "$ROOT/SampleData" "$REPEAT" "$WORK" <<'PY'
import datetime, json, os, sys
data, repeat, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows_l, rows_n = [], []
for name in sorted(os.listdir(data)):
    folder = os.path.join(data, name)
    if not os.path.isfile(os.path.join(folder, "truth.json")): continue
    truth = json.load(open(os.path.join(folder, "truth.json")))
    start = datetime.datetime.fromisoformat(truth["recordingStart"])
    clock = lambda s: (start + datetime.timedelta(seconds=s)).isoformat(timespec="seconds")
    units = "mg" if name.endswith("-mg") else ""
    for k in range(repeat):
        left, right = os.path.join(folder, "left.csv.gz"), os.path.join(folder, "right.csv.gz")
        rows_l.append(f"{name}-{k},{left},{right},{clock(truth['lights']['startS'])},{clock(truth['lights']['endS'])},{units}")
        rows_n.append(f"{name}-{k},{left},{right},,,{units}")
for file, rows in (("lights.csv", rows_l), ("nights.csv", rows_n)):
    open(os.path.join(work, file), "w").write("id,left,right,lights_off,lights_on,units\n" + "\n".join(rows) + "\n")
PY

now() { date +%s.%N; }
cpu() { awk '{ print $14 + $15 + $16 + $17 }' /proc/$1/stat 2>/dev/null || echo 0; }
for kind in lights nights; do
    manifest="$WORK/$kind.csv"
    n="$(($(wc -l < "$manifest") - 1))"
    # The plm analyze loop, one process per recording (as a shell loop would).
    rm -rf "$WORK/loop-$kind"
    t0="$(now)"
    tail -n +2 "$manifest" | while IFS=, read -r id left right off on units; do
        args=(analyze --left "$left" --right "$right" --out "$WORK/loop-$kind/$id" --quiet)
        [ -n "$off" ] && args+=(--lights-off "$off" --lights-on "$on")
        [ -n "$units" ] && args+=(--units "$units")
        "$PLM" "${args[@]}" >/dev/null
    done
    t1="$(now)"
    awk -v n="$n" -v s="$t0" -v e="$t1" -v k="$kind" 'BEGIN { printf "%s: plm analyze loop: %d recordings in %.2f s = %.0f /min\n", k, n, e - s, n * 60 / (e - s) }'
    for jobs in 1 2; do
        out="$WORK/batch-$kind-j$jobs"
        rm -rf "$out"
        t0="$(now)"
        "$PLM" batch "$manifest" --out "$out" --jobs "$jobs" --quiet
        t1="$(now)"
        "$PLM" batch "$manifest" --out "$out" --jobs "$jobs" --quiet
        t2="$(now)"
        analysis="$(sqlite3 "$out/plm.sqlite" "SELECT SUM(analysisSeconds) FROM recordings")"
        nights="$(sqlite3 "$out/plm.sqlite" "SELECT COUNT(*) FROM nights")"
        awk -v n="$n" -v s="$t0" -v e="$t1" -v r="$(echo "$t2 - $t1" | bc)" -v a="$analysis" -v j="$jobs" -v k="$kind" -v ni="$nights" 'BEGIN {
            printf "%s: plm batch --jobs %d: %d recordings (%d nights) in %.2f s = %.0f /min; sum of analysisSeconds %.2f s; rerun %.2f s", k, j, n, ni, e - s, n * 60 / (e - s), a, r
            if (j == 1) printf "; overhead per recording (wall - analysis - rerun) / n = %.1f ms = %.1f %% of %.0f ms", (e - s - a - r) * 1000 / n, (e - s - a - r) * 100 / a, a * 1000 / n
            printf "\n" }'
    done
done
# Byte-identical reports: the batch's folders against the loop's.
for kind in lights nights; do
    diff -r -x batch-result.json "$WORK/loop-$kind" "$WORK/batch-$kind-j1" | grep -v '^Only in .*batch-' || true
done | { if read -r line; then echo "batch-speed: reports differ: $line" >&2; exit 1; else echo "batch-speed: every report byte-identical to plm analyze's"; fi; }
