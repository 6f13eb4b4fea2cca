#!/usr/bin/env python3
"""Reference conformance fixtures for PLMScoring (issue 5).

Generates random leg-movement event streams (isolated LMs, series with IMIs jittered around the
rule boundaries, bilateral pairs and chains, long LMs, sub-minimum movements) and records what two
reference implementations report for each:

* Luna's ``LM`` command (PyPI ``lunapi`` 1.7.0, WASM 2016 grammar): every event becomes a 50 uV
  burst on a 0.5 uV floor at 200 Hz on channel LAT or RAT, every 30-s epoch is annotated N2, and
  ``LM sig=LAT,RAT`` is run with its defaults. Recorded: N_LM, N_CLM, N_PLM and the PLM_SEQ
  annotations (series start = first onset, stop = last offset). Luna's own detector must recover
  exactly the events fed in (its LM_L / LM_R components); a stream where it does not (its 60-s
  running-median baseline rises under long, dense bursts) is redrawn, and the number redrawn is
  stored as ``rejectedBecauseLunaDetectorMissedEvents``, so the fixture checks the scoring grammar.
* psgscoring 0.37.0 (AASM): each leg's events are filtered by the 0.5-10 s gate of its detector
  (``_detect_lm_channel``; durations rounded to 0.01 s as it does), merged with
  ``_merge_bilateral(left, right, window_s=BILATERAL_WIN_AASM_S)`` (5 s), sorted by onset as
  ``analyze_plm`` does, and passed to ``_detect_series``. Recorded: the merged LM count, the PLM
  count and the series (start_s, end_s, n_lms).

* SOMAS (MATLAB with a GUI, not runnable here) through ``somas_port.py``, a line-by-line port of its
  LM/CLM/series code. SOMAS never puts the last LM of the record into a series (its loop stops at
  ``tmp < length``), so the port scores each stream with one extra isolated sentinel LM 100 s after
  the record's end (the record lengthened by 200 s); the Swift test adds the same sentinel.
  (make_somas_streams.py covers that behaviour, SOMAS's inclusive-sample durations and its joining
  of touching same-leg movements, which the 10 ms grid and the 1 s same-leg gap here keep out.)
  Recorded: LM, CLM and PLM counts and the series [start, end, n] with SOMAS's end = start +
  duration in 1-kHz samples (one sample past the annotated offset).

All event times lie on a 10 ms grid and are stored as integer milliseconds, so that every program
(Python, Luna's integer time points, Swift) sees the same double for each time: ms / 1000.

Run:  python3 make_reference_streams.py   (needs: pip install lunapi==1.7.0 psgscoring==0.37.0 numpy)
Writes reference_streams.json (compact) next to this script. Deterministic for a given seed.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np

FS = 200                 # Hz, burst signal sampling rate fed to Luna
FLOOR_UV = 0.5
BURST_UV = 50.0
EPOCH_S = 30
N_STREAMS = int(os.environ.get("N_STREAMS", "320"))
SEED = 20161126
SAME_LEG_MIN_GAP_MS = 1000   # Luna's detector needs >= 0.5 s of quiet to end a burst; keep 1 s


def ms(x: float) -> int:
    """Seconds to integer milliseconds on the 10 ms grid."""
    return int(round(x * 100)) * 10


class Stream:
    def __init__(self, rng: np.random.Generator, duration_s: int):
        self.rng = rng
        self.duration_ms = duration_s * 1000
        self.events: list[tuple[int, int, str]] = []
        self.t_ms = 5000   # cursor

    def side(self) -> str:
        return "L" if self.rng.random() < 0.5 else "R"

    def dur_ms(self) -> int:
        r = self.rng.random()
        if r < 0.08:
            return int(self.rng.choice([490, 500, 510]))
        if r < 0.16:
            return int(self.rng.choice([9990, 10000, 10010]))
        return ms(self.rng.uniform(0.6, 4.0))

    def imi_ms(self) -> int:
        r = self.rng.random()
        if r < 0.15:
            return int(self.rng.choice([9990, 10000, 10010]))
        if r < 0.27:
            return int(self.rng.choice([89990, 90000, 90010]))
        if r < 0.37:
            return int(self.rng.choice([4990, 5000, 5010, 7000]))
        if r < 0.45:
            return ms(self.rng.uniform(2.0, 9.9))
        if r < 0.50:
            return ms(self.rng.uniform(90.1, 120.0))
        return ms(self.rng.uniform(10.5, 45.0))

    def add_movement(self, onset_ms: int) -> None:
        """One 'movement' at onset: monolateral, a bilateral pair/chain, or a long LM."""
        r = self.rng.random()
        if r < 0.45:
            self.events.append((onset_ms, onset_ms + self.dur_ms(), self.side()))
        elif r < 0.50:
            # a short 5-component bilateral chain (not a CLM) followed within 10 s of its onset by a
            # monolateral LM: the IMI from a non-CLM (SOMAS measures it, WASM/Luna do not)
            s = self.side()
            t = onset_ms
            for k in range(5):
                self.events.append((t, t + 600, s))
                t += 800
                s = "R" if s == "L" else "L"
            follower = onset_ms + ms(self.rng.uniform(5.5, 9.8))
            self.events.append((follower, follower + self.dur_ms(), self.side()))
        elif r < 0.62:
            # long monolateral LM
            d = int(self.rng.choice([10010, 12000, 16000, 20000]))
            self.events.append((onset_ms, onset_ms + d, self.side()))
        elif r < 0.85:
            # bilateral pair: second leg starts at a gap after the first's offset (or overlapping),
            # or at an onset-to-onset distance near 5 s (the AASM window)
            s = self.side()
            o = "R" if s == "L" else "L"
            d1 = self.dur_ms()
            if self.rng.random() < 0.6:
                gap = int(self.rng.choice([-300, 0, 200, 490, 500, 510, 800]))
                on2 = onset_ms + d1 + gap
            else:
                on2 = onset_ms + int(self.rng.choice([4990, 5000, 5010, 3000, 6000]))
            self.events.append((onset_ms, onset_ms + d1, s))
            self.events.append((on2, on2 + self.dur_ms(), o))
        else:
            # chain of alternating legs: 3 to 6 components with 0.2-0.4 s gaps (4 vs 5 components,
            # 15 s limit)
            n = int(self.rng.integers(3, 7))
            s = self.side()
            t = onset_ms
            for k in range(n):
                d = ms(self.rng.uniform(0.6, 3.5))
                self.events.append((t, t + d, s))
                t = t + d + ms(self.rng.uniform(0.2, 0.4))
                s = "R" if s == "L" else "L"

    def build(self) -> list[tuple[int, int, str]]:
        while True:
            kind = self.rng.random()
            if kind < 0.7:
                # a run of movements with boundary-jittered IMIs
                n = int(self.rng.choice([3, 4, 4, 5, 6, 8]))
                base = self.imi_ms()
                for _ in range(n):
                    if self.t_ms > self.duration_ms - 30000:
                        break
                    self.add_movement(self.t_ms)
                    step = base if self.rng.random() < 0.6 else self.imi_ms()
                    self.t_ms += step
                self.t_ms += ms(self.rng.uniform(0, 60))
            else:
                self.add_movement(self.t_ms)
                self.t_ms += ms(self.rng.uniform(5, 150))
            if self.t_ms > self.duration_ms - 30000:
                break
        return self.clean()

    def clean(self) -> list[tuple[int, int, str]]:
        """Keep events inside the record, with at least 1 s between events of the same leg."""
        out: list[tuple[int, int, str]] = []
        last_off = {"L": -10**9, "R": -10**9}
        for on, off, s in sorted(self.events):
            if on < 5000 or off > self.duration_ms - 5000:
                continue
            if on < last_off[s] + SAME_LEG_MIN_GAP_MS:
                continue
            out.append((on, off, s))
            last_off[s] = off
        return out


def run_luna(proj, sid: str, duration_s: int, events) -> dict:
    n = duration_s * FS
    sig = {"L": np.full(n, FLOOR_UV), "R": np.full(n, FLOOR_UV)}
    for on, off, s in events:
        a = on * FS // 1000
        b = off * FS // 1000
        sig[s][a:b] = BURST_UV
    p = proj.empty_inst(sid, duration_s // EPOCH_S, EPOCH_S)
    p.insert_signal("LAT", sig["L"], FS)
    p.insert_signal("RAT", sig["R"], FS)
    p.insert_annot("N2", [(i * float(EPOCH_S), (i + 1) * float(EPOCH_S)) for i in range(duration_s // EPOCH_S)])
    p.proc("SET-HEADERS sig=LAT,RAT unit=uV")
    p.proc("LM sig=LAT,RAT")
    # Luna's components must be exactly the events fed in (>= 0.5 s), else the stream tests Luna's
    # signal detector (its 60-s running-median baseline rises under long, dense bursts) rather than
    # its scoring grammar; such streams are rejected and redrawn by the caller.
    comps = p.fetch_annots(["LM_L", "LM_R"])
    got = sorted((int(round(float(r.Start) * 1000)), int(round(float(r.Stop) * 1000)), str(r.Class)[-1])
                 for r in comps.itertuples()) if len(comps) else []
    want = sorted((on, off, s) for on, off, s in events if off - on >= 500)
    if got != want:
        return None
    t = p.table("LM")
    row = t.iloc[0]
    res = {"lm": int(row["N_LM"]), "clm": int(row["N_CLM"]), "plm": int(row["N_PLM"])}
    series = []
    a = p.fetch_fulls_annots(["PLM_SEQ"])
    if len(a):
        for _, r in a.iterrows():
            meta = str(r["Meta"])
            series.append([int(round(float(r["Start"]) * 1000)), int(round(float(r["Stop"]) * 1000)), meta])
    # the number of members of each series: count PLM annotations inside each series span
    plm = p.fetch_annots(["PLM"])
    spans = []
    for s0, s1, _ in series:
        k = 0
        if len(plm):
            for _, r in plm.iterrows():
                st = int(round(float(r["Start"]) * 1000))
                if s0 <= st <= s1:
                    k += 1
        spans.append([s0, s1, k])
    res["series"] = spans
    return res


def run_psgscoring(events) -> dict:
    from psgscoring import plm as P
    legs = {"L": [], "R": []}
    for on, off, s in events:
        dur = round(off / 1000 - on / 1000, 2)
        if P.LM_MIN_DUR_S <= dur <= P.LM_MAX_DUR_S:          # _detect_lm_channel's gate
            legs[s].append({"onset_s": on / 1000, "duration_s": dur, "amplitude_uv": BURST_UV})
    merged = P._merge_bilateral(legs["L"], legs["R"], P.BILATERAL_WIN_AASM_S)
    merged.sort(key=lambda x: x["onset_s"])                   # as analyze_plm does
    series, count = P._detect_series(merged)
    return {
        "lm": len(merged),
        "plm": int(count),
        "series": [[int(round(s["start_s"] * 1000)), int(round(s["end_s"] * 1000)), int(s["n_lms"])] for s in series],
    }


def run_somas(events, duration_s: int) -> dict:
    import somas_port
    sentinel_ms = (duration_s + 100) * 1000
    return somas_port.score(list(events) + [(sentinel_ms, sentinel_ms + 1000, "L")], duration_s + 200)


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import lunapi as lp
    proj = lp.proj(verbose=False)
    proj.silence(True)
    rng = np.random.default_rng(SEED)
    streams = []
    rejected = 0
    attempt = 0
    while len(streams) < N_STREAMS:
        i = len(streams)
        attempt += 1
        duration_s = int(rng.choice([600, 900, 1200]))
        events = Stream(rng, duration_s).build()
        luna = run_luna(proj, f"s{attempt}", duration_s, events)
        if luna is None:
            rejected += 1
            print(f"attempt {attempt}: Luna's detector did not recover the events; stream redrawn", file=sys.stderr)
            continue
        aasm = run_psgscoring(events)
        somas = run_somas(events, duration_s)
        streams.append({
            "id": i,
            "durationS": duration_s,
            "events": [[on, off, s] for on, off, s in events],
            "luna": luna,
            "psgscoring": aasm,
            "somasPort": somas,
        })
        if i % 20 == 0:
            print(f"stream {i}: {len(events)} events, luna {luna['clm']} CLM {luna['plm']} PLM, "
                  f"psgscoring {aasm['plm']} PLM", file=sys.stderr)
    out = {
        "about": "Reference outputs of lunapi 1.7.0 LM (wasm2016-luna), psgscoring 0.37.0 "
                 "_merge_bilateral(5 s)+_detect_series (aasm) and a port of SOMAS 1.0 (wasm2016-somas, "
                 "with a sentinel LM after the record); times in integer ms. "
                 "Generated by make_reference_streams.py",
        "seed": SEED,
        "rejectedBecauseLunaDetectorMissedEvents": rejected,
        "streams": streams,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_streams.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
