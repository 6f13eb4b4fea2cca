"""Runs `plm analyze` + `plm evaluate` over folders of nights with reference.csv and night.json
(the layout of ../shared/external-nights) and prints a per-night table (see eval-external.sh)."""
import argparse, csv, json, os, statistics, subprocess, sys

def analyze(plm, night_dir, meta, out_json):
    cmd = [plm, "analyze", "--left", os.path.join(night_dir, meta["files"]["left"]),
           "--right", os.path.join(night_dir, meta["files"]["right"]),
           "--lights-off", meta["lightsOff"], "--lights-on", meta["lightsOn"],
           "--json", out_json, "--quiet"]
    if meta.get("units", "g") != "g":
        cmd += ["--units", meta["units"]]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

def found_lms(report):
    """The report's leg movements of 0.5-10 s (not shorter than the minimum), per side L/R, as
    (onset, offset) pairs."""
    found = {"L": [], "R": []}
    for m in report["legMovements"]:
        d = m["offsetS"] - m["onsetS"]
        if not m["shorterThanMinimum"] and 0.5 <= d <= 10:
            found[m["side"][0].upper()].append((m["onsetS"], m["offsetS"]))
    return found

def sensitivity_by_peak(reference, report, tol=1.0):
    """Share of reference LMs (kind lm, 0.5-10 s) with a detection (0.5-10 s, candidate) whose onset
    is within `tol` s or that overlaps by half the shorter, by peak deviation bin."""
    found = found_lms(report)
    bins = [(0, 40), (40, 100), (100, 300), (300, 1e9)]
    hit = {b: [0, 0] for b in bins}
    for r in reference:
        if r["kind"] != "lm" or not r["peak_deviation_mg"]:
            continue
        on, off, pk = float(r["onset_s"]), float(r["offset_s"]), float(r["peak_deviation_mg"])
        b = next(b for b in bins if b[0] <= pk < b[1])
        ok = any(abs(o - on) <= tol or (min(off, f) - max(on, o)) >= 0.5 * min(off - on, f - o)
                 for o, f in found[r["side"]])
        hit[b][0] += ok
        hit[b][1] += 1
    return {f"{b[0]}-{int(b[1]) if b[1] < 1e8 else ''}": h for b, h in hit.items()}

def edges_by_peak(reference, report, tol=1.0):
    """Onset and duration errors (found - reference) of the reference LMs (kind lm, 0.5-10 s) whose
    nearest detection (0.5-10 s, as above) has its onset within `tol` s, by peak deviation bin."""
    found = found_lms(report)
    bins = [(0, 40), (40, 100), (100, 300), (300, 1e9)]
    errors = {b: [] for b in bins}
    for r in reference:
        if r["kind"] != "lm" or not r["peak_deviation_mg"]:
            continue
        on, off, pk = float(r["onset_s"]), float(r["offset_s"]), float(r["peak_deviation_mg"])
        if not 0.5 <= off - on <= 10:
            continue
        near = [(abs(o - on), o, f) for o, f in found[r["side"]] if abs(o - on) <= tol]
        if not near:
            continue
        _, o, f = min(near)
        errors[next(b for b in bins if b[0] <= pk < b[1])].append((o - on, (f - o) - (off - on)))
    return errors

def print_edges(pooled, evaluated_bins):
    """The edges table: matched count and share of durations within 0.3 s from `plm evaluate`'s
    bins (`durationsWithinTolerance`, the matching and code `plm bench` uses on the project's
    nights, every reference movement of 0.5-10 s), and the median duration and onset errors of
    the reference LMs paired by nearest onset (`edges_by_peak`; the evaluator gives no pairs)."""
    print("\nEdges by peak deviation, pooled over the nights (matched and share within 0.3 s: plm evaluate; "
          "medians: reference LMs paired with the nearest detection starting within 1 s):\n")
    print("| peak mg | matched | durations within 0.3 s | median duration error s | median onset error s |")
    print("|---|---:|---:|---:|---:|")
    for ((lo, hi), pairs), (matched, within) in zip(pooled.items(), evaluated_bins):
        if not matched:
            continue
        name = f"{lo}-{int(hi)}" if hi < 1e8 else f">= {lo}"
        dur = f"{statistics.median(d for _, d in pairs):+.2f}" if pairs else "-"
        onset = f"{statistics.median(o for o, _ in pairs):+.2f}" if pairs else "-"
        print(f"| {name} | {matched} | {within / matched:.2f} | {dur} | {onset} |")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plm", required=True)
    ap.add_argument("--nights", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rows, f1s = [], []
    pooled_edges = {}
    evaluated_bins = [[0, 0] for _ in range(4)]
    for name in sorted(os.listdir(a.nights)):
        nd = os.path.join(a.nights, name)
        if not os.path.isfile(os.path.join(nd, "night.json")):
            continue
        meta = json.load(open(os.path.join(nd, "night.json")))
        rep = os.path.join(a.out, name + ".json")
        ev = os.path.join(a.out, name + ".eval.json")
        analyze(a.plm, nd, meta, rep)
        if os.path.exists(ev):
            os.remove(ev)
        subprocess.run([a.plm, "evaluate", "--truth", os.path.join(nd, "reference.csv"), "--report", rep,
                        "--json", ev], check=True, stdout=subprocess.DEVNULL)
        e = json.load(open(ev))
        night = e["nights"][0]
        report = json.load(open(rep))
        reference = list(csv.DictReader(open(os.path.join(nd, "reference.csv"))))
        found = report["indices"]["plmIndex"]
        truth = meta["expected"]["plmIndexPerHourInBed"]
        err = (found - truth) / truth * 100 if truth else float("nan")
        pooled = night["total"]
        f1 = pooled["f1"]
        f1s.append(f1)
        bypk = sensitivity_by_peak(reference, report)
        for b, pairs in edges_by_peak(reference, report).items():
            pooled_edges.setdefault(b, []).extend(pairs)
        for k, b in enumerate(night.get("sensitivityByPeakDeviation") or []):
            evaluated_bins[k][0] += b["truePositives"]
            evaluated_bins[k][1] += b["durationsWithinTolerance"]
        rows.append((name, pooled["sensitivity"], pooled["positivePredictiveValue"], f1, night["onsetError"]["medianS"],
                     truth, found, err, bypk))
    print("| night | sens | PPV | F1 | median onset err s | PLMI truth | PLMI found | err % | sens by peak mg (0-40 / 40-100 / 100-300 / >300) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n, s, p, f, o, t, fo, er, bp in rows:
        pk = " / ".join(f"{h[0]}/{h[1]}" for h in bp.values())
        print(f"| {n} | {s:.3f} | {p:.3f} | {f:.3f} | {o:.3f} | {t:.1f} | {fo:.1f} | {er:+.1f} | {pk} |")
    if f1s:
        print(f"\nmean F1 {statistics.mean(f1s):.3f}, min F1 {min(f1s):.3f}")
        print_edges(pooled_edges, evaluated_bins)

if __name__ == "__main__":
    main()
