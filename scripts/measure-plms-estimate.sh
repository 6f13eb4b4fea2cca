#!/usr/bin/env bash
# The PLMS-estimate target of issue 13 on simulated 3-day recordings (docs/nights.md section 4):
# for each seed, `plm simulate --three-days --rate 20 --seed N` and `plm analyze` on it (nights
# detected), then per night the PLMS index estimate, the in-bed PLM index, the true PLMS and
# PLMW indices and the total sleep time (estimate and truth) from summary.json and truth.json,
# and whether the estimate is closer to the true PLMS index than the in-bed index is.
#
#   bash scripts/measure-plms-estimate.sh [DIR] [SEEDS]   default DIR out/plms-estimate, SEEDS "1 2 3 4 5 6"
#
# Environment: PLM=PATH the plm binary (default: the release build's); SHARE=S passes
# `--transition-plmw-share S` to the simulator (PLM series in quiet wake before sleep on the PLM
# nights, docs/simulator.md). Not part of `make test` (about 10 s of CPU per seed with a release
# build). The leg files are deleted after each analysis (truth.json and the outputs stay).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/out/plms-estimate}"
seeds="${2:-1 2 3 4 5 6}"
plm="${PLM:-$(cd "$root" && swift build -c release --show-bin-path)/plm}"
[ -x "$plm" ] || { echo "no plm binary at $plm: run swift build -c release --product plm" >&2; exit 69; }

mkdir -p "$dir"
for seed in $seeds; do
  rm -rf "$dir/seed-$seed"
  "$plm" simulate --three-days --rate 20 --seed "$seed" ${SHARE:+--transition-plmw-share "$SHARE"} \
    --out "$dir/seed-$seed/sim" > /dev/null
  "$plm" analyze --left "$dir/seed-$seed/sim/left.csv" --right "$dir/seed-$seed/sim/right.csv" \
    --out "$dir/seed-$seed/out" --quiet
  rm -f "$dir/seed-$seed/sim/left.csv" "$dir/seed-$seed/sim/right.csv"
done

python3 - "$dir" $seeds <<'EOF'
import json, sys
folder, seeds = sys.argv[1], sys.argv[2:]
print("| seed | night | PLMS estimate | in-bed PLM index | true PLMS | true PLMW | closer | TST estimate / truth (h) | TST error (min) |")
print("|---|---|---:|---:|---:|---:|---|---|---:|")
tally = {}
for seed in seeds:
    summary = json.load(open(f"{folder}/seed-{seed}/out/summary.json"))
    truth = json.load(open(f"{folder}/seed-{seed}/sim/truth.json"))
    for found, night in zip(summary["nights"], truth["nights"]):
        profile = night["profile"]
        expected = night["expected"]
        plms, plmw = expected.get("plmsIndex"), expected.get("plmwIndex")
        estimate = found["indices"].get("plmsIndexEstimate")
        inBed = found["indices"].get("plmIndex")
        closer = None
        if None not in (plms, estimate, inBed):
            closer = abs(estimate - plms) < abs(inBed - plms)
            won, total = tally.get(profile, (0, 0))
            tally[profile] = (won + (1 if closer else 0), total + 1)
        tst, trueTST = found["sleep"]["totalSleepHours"], night["totalSleepHours"]
        fmt = lambda v: "-" if v is None else f"{v:.2f}"
        print(f"| {seed} | {profile} | {fmt(estimate)} | {fmt(inBed)} | {fmt(plms)} | {fmt(plmw)} | "
              f"{'yes' if closer else 'no'} | {tst:.2f} / {trueTST:.2f} | {(tst - trueTST) * 60:+.0f} |")
print()
for profile, (won, total) in sorted(tally.items()):
    print(f"{profile}: estimate closer on {won} of {total} nights")
EOF
