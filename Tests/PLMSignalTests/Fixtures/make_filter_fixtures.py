#!/usr/bin/env python3
"""Reference values for PLMSignal's zero-phase filter tests, computed with scipy.

Run from this folder:  python3 make_filter_fixtures.py   (numpy, scipy; written with scipy 1.17.1)
Writes filter_reference.json:
- "response": |H(f)|^2 of scipy.signal.butter designs at chosen frequencies, from sosfreqz
  (the zero-phase response of forward-backward filtering is the squared magnitude).
- "sosfiltfilt": a deterministic test signal and scipy.signal.sosfiltfilt of it, for a band-pass
  at 100 Hz and a low-pass at 10 Hz (the dynamic and tilt filters of the detector).
"""
import json

import numpy as np
from scipy import signal

cases = [
    {"name": "bandpass_0.3_10_order2_100Hz", "btype": "band", "edges": [0.3, 10.0], "order": 2, "fs": 100.0},
    {"name": "lowpass_1.5_order2_10Hz", "btype": "low", "edges": [1.5], "order": 2, "fs": 10.0},
    {"name": "highpass_0.5_order4_50Hz", "btype": "high", "edges": [0.5], "order": 4, "fs": 50.0},
]

out = {"scipy": __import__("scipy").__version__, "response": [], "sosfiltfilt": []}
for case in cases:
    edges = case["edges"] if len(case["edges"]) > 1 else case["edges"][0]
    sos = signal.butter(case["order"], edges, btype=case["btype"], fs=case["fs"], output="sos")
    nyq = case["fs"] / 2
    freqs = [f for f in [0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 5.0, 8.0, 10.0, 15.0, 20.0, 24.0, 40.0] if f < nyq]
    _, h = signal.sosfreqz(sos, worN=np.array(freqs), fs=case["fs"])
    out["response"].append({**case, "frequenciesHz": freqs, "squaredMagnitude": [float(abs(v) ** 2) for v in h]})

    # Test signal: 60 s of white noise, two sinusoids, a step and a slow ramp (seeded).
    fs = case["fs"]
    n = int(60 * fs)
    t = np.arange(n) / fs
    rng = np.random.default_rng(20261126)
    x = (0.01 * rng.standard_normal(n) + 0.05 * np.sin(2 * np.pi * 0.8 * t) + 0.02 * np.sin(2 * np.pi * 3.1 * t)
         + 0.1 * (t > 31.0) + 0.002 * t + 1.0)
    y = signal.sosfiltfilt(sos, x)
    # 12 significant digits: far below the tests' 1e-6 tolerance, and a smaller file.
    out["sosfiltfilt"].append({**case, "input": [float("%.12g" % v) for v in x], "output": [float("%.12g" % v) for v in y]})

with open("filter_reference.json", "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print("wrote filter_reference.json")
