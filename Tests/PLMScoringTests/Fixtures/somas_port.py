#!/usr/bin/env python3
"""A line-by-line Python port of SOMAS's WASM LM scoring (``code/get_PLM_indices_WASM.m``, SOMAS 1.0,
August 2025, Cesari et al.), for the parts that decide LMs, CLMs and PLM series.

SOMAS is MATLAB with a GUI, so it cannot run here; this port keeps its data representation
(annotations drawn onto 0/1 vectors at a fictitious Fs = 1000 Hz, 1-based inclusive sample ranges,
``event_StartsEndsDurations`` counting samples) and its series loop unchanged, so that the
``wasm2016-somas`` profile can be checked against SOMAS's own reading rather than against ours.
Not ported: lights off/on, analysis window, hypnogram, arousal and respiratory parts.

Kept literal on purpose, including three behaviours of SOMAS that the ``wasm2016-somas`` profile
reproduces as named ``RuleSet`` options (issue 17, whose reporter compared ``plm`` with SOMAS itself under GNU Octave):
the record's last LM never joins a series (the ``tmp < m`` loop bound; ``lastMovementMayJoinSeries``),
durations are counted in inclusive 1-kHz samples so 0.499 s is an LM (``durationCounting``), and
movements of one leg that touch, overlap or lie 1 ms apart become one run of the leg's 0/1 vector
(``sameLegJoining``).

Used by make_reference_streams.py (with a sentinel LM after each record) and make_somas_streams.py
(without one); ``score(events, duration_s)`` takes events as
(onset_ms, offset_ms, 'L'|'R') and returns LM, CLM and PLM counts and the series
[start ms, end ms, n] with end = (start + duration in samples) / Fs as SOMAS's LM table has it.
"""
from __future__ import annotations

import numpy as np

FS = 1000


def starts_ends_durations(v: np.ndarray):
    """event_StartsEndsDurations on a vector whose index 0 is unused (MATLAB index = Python index)."""
    x = np.concatenate(([0], (v[1:] > 0).astype(np.int8), [0]))
    d = np.diff(x)
    starts = np.nonzero(d == 1)[0] + 1      # MATLAB indices
    ends = np.nonzero(d == -1)[0]           # inclusive
    return starts, ends, ends - starts + 1


def score(events, duration_s: int) -> dict:
    n = duration_s * FS
    LM_left = np.zeros(n + 1, dtype=np.int8)
    LM_right = np.zeros(n + 1, dtype=np.int8)
    for on, off, side in events:
        start_sample = int(round(on / 1000 * FS))
        end_sample = int(round(off / 1000 * FS))
        (LM_left if side == "L" else LM_right)[start_sample:end_sample + 1] = 1
    LM_left = LM_left[:n + 1]
    LM_right = LM_right[:n + 1]

    # Remove the LM shorter than 0.5 s
    for vec in (LM_left, LM_right):
        s, e, d = starts_ends_durations(vec)
        for i in range(len(s)):
            if d[i] < 0.5 * FS:
                vec[s[i]:e[i] + 1] = 0

    # CLM vectors: only LM of at most 10 s
    CLM_left = LM_left.copy()
    CLM_right = LM_right.copy()
    for vec, cvec in ((LM_left, CLM_left), (LM_right, CLM_right)):
        s, e, d = starts_ends_durations(vec)
        for i in range(len(s)):
            if d[i] > 10 * FS:
                cvec[s[i]:e[i] + 1] = 0

    # Combine monolateral LM into bilateral LM
    sL, eL, _ = starts_ends_durations(LM_left)
    sR, eR, _ = starts_ends_durations(LM_right)
    bLM = np.zeros(n + 1, dtype=np.int8)
    for i in range(len(sL)):
        for j in range(len(sR)):
            if (sR[j] >= sL[i] and sR[j] < eL[i] + 0.5 * FS) or (sL[i] >= sR[j] and sL[i] < eR[j] + 0.5 * FS):
                bLM[min(sL[i], sR[j]):max(eL[i], eR[j]) + 1] = 1

    bCLM = bLM.copy()
    sB, eB, dB = starts_ends_durations(bLM)
    # Rule 1: a component longer than 10 s
    for i in range(len(sB)):
        _, _, dl = starts_ends_durations(np.concatenate(([0], LM_left[sB[i]:eB[i] + 1])))
        _, _, dr = starts_ends_durations(np.concatenate(([0], LM_right[sB[i]:eB[i] + 1])))
        if np.sum(np.concatenate((dl, dr)) > 10 * FS) >= 1:
            bCLM[sB[i]:eB[i] + 1] = 0
            CLM_left[sB[i]:eB[i] + 1] = 0
            CLM_right[sB[i]:eB[i] + 1] = 0
    # Rule 2: 5 or more CLM components
    for i in range(len(sB)):
        a, _, _ = starts_ends_durations(np.concatenate(([0], CLM_left[sB[i]:eB[i] + 1])))
        b, _, _ = starts_ends_durations(np.concatenate(([0], CLM_right[sB[i]:eB[i] + 1])))
        if len(a) + len(b) >= 5:
            bCLM[sB[i]:eB[i] + 1] = 0
            CLM_left[sB[i]:eB[i] + 1] = 0
            CLM_right[sB[i]:eB[i] + 1] = 0
    # Rule 3: longer than 15 s
    for i in range(len(sB)):
        if dB[i] > 15 * FS:
            bCLM[sB[i]:eB[i] + 1] = 0
            CLM_left[sB[i]:eB[i] + 1] = 0
            CLM_right[sB[i]:eB[i] + 1] = 0

    LM = LM_left | LM_right | bLM

    start_CLM_left = set(starts_ends_durations(CLM_left)[0].tolist())
    start_CLM_right = set(starts_ends_durations(CLM_right)[0].tolist())
    start_bCLM = set(starts_ends_durations(bCLM)[0].tolist())
    start_LM, _, duration_LM = starts_ends_durations(LM)
    start_LM_left = set(starts_ends_durations(LM_left)[0].tolist())
    start_LM_right = set(starts_ends_durations(LM_right)[0].tolist())
    start_bLM = set(starts_ends_durations(bLM)[0].tolist())

    m = len(start_LM)
    candidate = [0] * (m + 1)   # 1-based
    for i in range(1, m + 1):
        st = int(start_LM[i - 1])
        if st in start_bLM:
            candidate[i] = 1 if st in start_bCLM else 0
        elif st in start_LM_left:
            candidate[i] = 1 if st in start_CLM_left else 0
        elif st in start_LM_right:
            candidate[i] = 1 if st in start_CLM_right else 0

    distance = [0.0] * (m + 1)  # 1-based; distance(1) = 0
    for i in range(2, m + 1):
        distance[i] = (start_LM[i - 1] - start_LM[i - 2]) / FS
    short_interval = [d < 10 for d in distance]

    # The PLM series loop, as written
    start_PLM = 1
    sequence = 1
    seq = [None] * (m + 1)
    while start_PLM < m:
        check = True
        tmp = start_PLM
        c = []
        while check and tmp < m:
            cond = True if tmp == 1 else (not short_interval[tmp])
            if (distance[tmp + 1] >= 10 and distance[tmp + 1] < 90) and candidate[tmp] and cond and candidate[tmp + 1]:
                c.append(tmp)
                tmp = tmp + 1
            else:
                c.append(tmp)
                check = False
        if len(c) >= 4:
            for k in c:
                seq[k] = sequence
            sequence += 1
        start_PLM = tmp + 1

    series = {}
    for i in range(1, m + 1):
        if seq[i] is not None:
            series.setdefault(seq[i], []).append(i)
    out_series = []
    for sid in sorted(series):
        members = series[sid]
        first, last = members[0], members[-1]
        out_series.append([int(start_LM[first - 1]), int(start_LM[last - 1] + duration_LM[last - 1]), len(members)])
    return {
        "lm": m,
        "clm": int(sum(candidate)),
        "plm": int(sum(1 for i in range(1, m + 1) if seq[i] is not None)),
        "series": out_series,
    }
