#!/usr/bin/env python3
"""SOMAS boundary fixtures for PLMScoring (issue 17).

make_reference_streams.py keeps three behaviours of SOMAS out of its comparison (a 10 ms grid, at
least 1 s between movements of one leg, and an isolated sentinel LM after every record). This
script generates streams that exercise exactly those, and records what ``somas_port.py`` (the
line-by-line port of SOMAS's ``get_PLM_indices_WASM.m``) reports for each:

1. the record's last LM never joins a series: every record ends with a run of 3 to 6 movements and
   no sentinel is added;
2. durations in inclusive 1-kHz samples: times on a 1 ms grid, durations 0.498 / 0.499 / 0.5 /
   0.501 s and 9.999 / 10 / 10.001 s, bilateral spans of 14.999 / 15 / 15.001 s;
3. same-leg movements joined: pairs on one leg overlapping by 0.3 s, touching, 1 ms or 2 ms apart
   (halves of 0.3 s, so that joined they are an LM and apart they are not, or of 0.6-2 s).

IMIs are jittered around 10 and 90 s on the 1 ms grid. Recorded per stream: LM, CLM and PLM counts
and the series [start ms, end ms, n] with SOMAS's end = start + duration in 1-kHz samples.

Run:  python3 make_somas_streams.py   (needs numpy; no other tool)
Writes somas_streams.json (compact) next to this script. Deterministic for a given seed.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np

N_STREAMS = int(os.environ.get("N_STREAMS", "160"))
SEED = 20250817


class Stream:
    def __init__(self, rng: np.random.Generator, duration_s: int):
        self.rng = rng
        self.duration_ms = duration_s * 1000
        self.events: list[tuple[int, int, str]] = []
        self.t_ms = 5000

    def side(self) -> str:
        return "L" if self.rng.random() < 0.5 else "R"

    def dur_ms(self) -> int:
        r = self.rng.random()
        if r < 0.2:
            return int(self.rng.choice([498, 499, 500, 501]))
        if r < 0.3:
            return int(self.rng.choice([9999, 10000, 10001]))
        return int(self.rng.integers(600, 4000))

    def imi_ms(self) -> int:
        r = self.rng.random()
        if r < 0.2:
            return int(self.rng.choice([9999, 10000, 10001]))
        if r < 0.3:
            return int(self.rng.choice([89999, 90000, 90001]))
        if r < 0.4:
            return int(self.rng.integers(3000, 9999))
        return int(self.rng.integers(10500, 45000))

    def add_movement(self, onset_ms: int) -> None:
        r = self.rng.random()
        s = self.side()
        if r < 0.5:
            self.events.append((onset_ms, onset_ms + self.dur_ms(), s))
        elif r < 0.8:
            # two movements of one leg: overlapping, touching, 1 ms or 2 ms apart
            d1 = 300 if self.rng.random() < 0.4 else int(self.rng.integers(600, 2000))
            d2 = 300 if self.rng.random() < 0.4 else int(self.rng.integers(600, 2000))
            gap = int(self.rng.choice([-150, 0, 1, 2]))
            on2 = onset_ms + d1 + gap
            self.events.append((onset_ms, onset_ms + d1, s))
            self.events.append((on2, on2 + d2, s))
        else:
            # bilateral pair of 14.999 / 15 / 15.001 s span (gap 0.2 s), or a short pair
            o = "R" if s == "L" else "L"
            if self.rng.random() < 0.6:
                span = int(self.rng.choice([14999, 15000, 15001]))
                self.events.append((onset_ms, onset_ms + 8000, s))
                self.events.append((onset_ms + 8200, onset_ms + span, o))
            else:
                d1 = self.dur_ms()
                on2 = onset_ms + d1 + int(self.rng.choice([-200, 0, 200, 499, 500]))
                self.events.append((onset_ms, onset_ms + d1, s))
                self.events.append((on2, on2 + self.dur_ms(), o))

    def add_run(self) -> None:
        n = int(self.rng.choice([3, 4, 5, 6]))
        base = self.imi_ms()
        for _ in range(n):
            self.add_movement(self.t_ms)
            self.t_ms += base if self.rng.random() < 0.7 else self.imi_ms()

    def build(self) -> list[tuple[int, int, str]]:
        while self.t_ms < self.duration_ms - 400_000:
            if self.rng.random() < 0.7:
                self.add_run()
                self.t_ms += int(self.rng.integers(0, 60000))
            else:
                self.add_movement(self.t_ms)
                self.t_ms += int(self.rng.integers(5000, 150000))
        self.add_run()          # the record ends with a run: its last LM is the record's last
        return sorted(e for e in self.events if e[0] >= 5000 and e[1] <= self.duration_ms - 5000)


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import somas_port
    rng = np.random.default_rng(SEED)
    streams = []
    for i in range(N_STREAMS):
        duration_s = int(rng.choice([600, 900]))
        events = Stream(rng, duration_s).build()
        streams.append({
            "id": i,
            "durationS": duration_s,
            "events": [[on, off, s] for on, off, s in events],
            "somasPort": somas_port.score(events, duration_s),
        })
    out = {
        "about": "Outputs of a port of SOMAS 1.0 (somas_port.py, wasm2016-somas) on streams on a 1 ms grid "
                 "with boundary durations, touching same-leg movements and no sentinel LM; times in integer ms. "
                 "Generated by make_somas_streams.py",
        "seed": SEED,
        "streams": streams,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "somas_streams.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {path}: {len(streams)} streams, "
          f"{sum(1 for s in streams if s['somasPort']['plm'] > 0)} with PLMs", file=sys.stderr)


if __name__ == "__main__":
    main()
