#!/usr/bin/env python3
"""Writes a simulated recording (`plm simulate` generic CSV: timestamp,x,y,z in g, evenly sampled)
as an Axivity .cwa (OpenMovement cwa.h layout): the 1024-byte header, then 512-byte sectors of 80
samples of three 16-bit values at 256 per g, each sector time-stamped on the sample that falls on a
whole second, with the zero-sum checksum. For measuring the binary path of `plm analyze` on long
recordings (scripts/bench-week.sh FORMAT=cwa); not a general converter.

    python3 scripts/csv-to-cwa.py IN.csv[.gz] OUT.cwa RATE_HZ

RATE_HZ must be a rate the devices write: 3200 / 2^k (12.5, 25, 50, 100, 200, 400). Needs numpy.
"""
import datetime
import gzip
import math
import sys

import numpy as np


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 64
    source, target, rate = sys.argv[1], sys.argv[2], float(sys.argv[3])
    k = math.log2(3200 / rate)
    if k != int(k) or not 3 <= k <= 8:
        print(f"rate {rate} Hz is not 3200 / 2^k for k in 3..8", file=sys.stderr)
        return 64
    rate_code = 0x40 | (15 - int(k))  # range bits 01: +-8 g
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt") as f:
        header = 0
        first = None
        for line in f:
            if line[:1].isdigit():
                first = line.split(",")[0]
                break
            header += 1
    if first is None:
        print(f"{source}: no data rows", file=sys.stderr)
        return 65
    # The device clock is local time (a .cwa records no UTC offset): the wall-clock fields as written.
    start = datetime.datetime.fromisoformat(first.replace("Z", "+00:00")).replace(tzinfo=None)
    start_s = start.replace(tzinfo=datetime.timezone.utc).timestamp()
    with opener(source, "rt") as f:
        xyz = np.loadtxt(f, delimiter=",", skiprows=header, usecols=(1, 2, 3), dtype=np.float64)
    counts = np.clip(np.rint(xyz * 256), -32768, 32767).astype("<i2")
    per = 80
    sectors = len(counts) // per
    ticks = int(round(rate))  # samples per second (whole rates only for the time-stamp offset)
    if ticks != rate:
        print("the time-stamp offsets need a whole number of samples per second", file=sys.stderr)
        return 64
    data = np.zeros((sectors, 512), dtype=np.uint8)
    words = data.view("<u2")
    words[:, 0] = 0x5841  # "AX"
    words[:, 1] = 508
    first_sample = np.arange(sectors, dtype=np.int64) * per
    offset = (ticks - first_sample % ticks) % ticks
    seconds = math.floor(start_s) + (first_sample + offset) // ticks
    # Packed time: (year - 2000) << 26 | month << 22 | day << 17 | hour << 12 | minute << 6 | second.
    days = (seconds // 86400).astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    rest = seconds % 86400
    packed = ((year - 2000) << 26 | month << 22 | day << 17 | (rest // 3600) << 12 | (rest // 60 % 60) << 6 | rest % 60)
    data[:, 10:14] = np.arange(sectors, dtype="<u4").view(np.uint8).reshape(sectors, 4)
    data[:, 14:18] = packed.astype("<u4").view(np.uint8).reshape(sectors, 4)
    data[:, 24] = rate_code
    data[:, 25] = 0x32  # 3 axes, 16-bit
    data[:, 26:28] = offset.astype("<i2").view(np.uint8).reshape(sectors, 2)
    data[:, 28:30] = np.full(sectors, per, dtype="<u2").view(np.uint8).reshape(sectors, 2)
    data[:, 30:510] = counts[: sectors * per].reshape(sectors, per * 3).view(np.uint8)
    total = words[:, :255].astype(np.uint32).sum(axis=1)
    words[:, 255] = ((0x10000 - (total & 0xFFFF)) & 0xFFFF).astype("<u2")
    head = bytearray(b"\xff" * 1024)
    head[0:2] = (0x444D).to_bytes(2, "little")
    head[2:4] = (1020).to_bytes(2, "little")
    head[4] = 0x17
    head[5:7] = (0x2345).to_bytes(2, "little")
    head[7:11] = (42).to_bytes(4, "little")
    head[11:13] = (1).to_bytes(2, "little")
    head[13:17] = (0).to_bytes(4, "little")
    head[17:21] = (0xFFFFFFFF).to_bytes(4, "little")
    head[35] = 0
    head[36] = rate_code
    head[41] = 45
    head[42:44] = (0xFFFF).to_bytes(2, "little")
    head[64:512] = b"_p=ankle".ljust(448, b" ")
    with open(target, "wb") as out:
        out.write(head)
        out.write(data.tobytes())
    print(f"{target}: {sectors} sectors, {sectors * per} samples at {rate:g} Hz from {start.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
