#!/usr/bin/env python3
"""Where the PLMS estimate's error comes from (issue 13), on the outputs of
scripts/measure-plms-estimate.sh:

    python3 scripts/plms-estimate-decomposition.py DIR "1 2 ... 48"

For every night, the detected PLMs (events.csv: kind CM, periodic 1) are placed against the
truth (truth.json: lights window, sleep spans) and the estimate (summary.json: sleep onset, final
awakening, total sleep time). Per profile, means per night:
- detected PLMs in true sleep minus the true PLMS count (detection error inside sleep);
- detected PLMs outside the true lights window, before lights off and after lights on, and how
  many of them the estimate puts inside its sleep period;
- PLMs in estimated sleep minus the true PLMS count (estimate's count error) and the total sleep
  time error (minutes);
- the estimate's bias and mean absolute error, and what they would be with the true total sleep
  time (the count error alone).
"""
import csv, json, statistics, sys
from datetime import datetime


def night_rows(folder, seed):
    summary = json.load(open(f"{folder}/seed-{seed}/out/summary.json"))
    truth = json.load(open(f"{folder}/seed-{seed}/sim/truth.json"))
    start = datetime.fromisoformat(truth["recordingStart"])
    for found, night in zip(summary["nights"], truth["nights"]):
        expected = night["expected"]
        spans = [(s["startS"], s["endS"]) for s in night["sleepSpans"]]
        lo, hi = night["lights"]["startS"], night["lights"]["endS"]
        onset, final = found["sleep"]["sleepOnsetS"], found["sleep"]["finalAwakeningS"]
        in_sleep = before = after = outside_in_estimate = 0
        events = f"{folder}/seed-{seed}/out/{found['report']}".replace("report.json", "events.csv")
        for row in csv.DictReader(open(events)):
            if row["kind"] != "CM" or row["periodic"] != "1":
                continue
            t = (datetime.fromisoformat(row["onset_time"]) - start).total_seconds()
            if t < lo or t >= hi:
                before += t < lo
                after += t >= hi
                outside_in_estimate += onset is not None and final is not None and onset <= t < final
            elif any(a <= t < b for a, b in spans):
                in_sleep += 1
        tst, true_tst = found["sleep"]["totalSleepHours"], night["totalSleepHours"]
        estimate = found["indices"]["plmsIndexEstimate"]
        plms = expected["plmsIndex"]
        count = estimate * tst if estimate is not None else None
        yield night["profile"], {
            "detected in true sleep - true PLMS": in_sleep - expected["plmsCount"],
            "outside lights: before": before,
            "outside lights: after": after,
            "outside lights, in estimated sleep period": outside_in_estimate,
            "estimated-sleep PLMs - true PLMS": None if count is None else count - expected["plmsCount"],
            "TST error min": (tst - true_tst) * 60,
            "estimate bias": None if estimate is None else estimate - plms,
            "estimate abs error": None if estimate is None else abs(estimate - plms),
            "in-bed abs error": abs(found["indices"]["plmIndex"] - plms),
            "bias with true TST": None if count is None else count / true_tst - plms,
        }


def main():
    folder, seeds = sys.argv[1], sys.argv[2].split()
    profiles = {}
    for seed in seeds:
        for profile, row in night_rows(folder, seed):
            profiles.setdefault(profile, []).append(row)
    for profile, rows in sorted(profiles.items()):
        print(f"{profile} ({len(rows)} nights)")
        for key in rows[0]:
            values = [r[key] for r in rows if r[key] is not None]
            print(f"  {key:45} {statistics.mean(values):+8.2f}" if values else f"  {key:45}        -")


if __name__ == "__main__":
    main()
