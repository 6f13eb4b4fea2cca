#!/usr/bin/env python3
"""Checks that PNG screenshots are not blank: decodes each PNG with zlib (no imaging library),
converts to grey and requires enough ink: a spread of grey levels and a share of non-background
pixels. Prints one line per file; exits 1 if any file is blank or unreadable.

Usage: png_nonblank.py FILE.png [FILE.png ...]
"""
import struct
import sys
import zlib


def decode(path):
    """Returns (width, height, channels, rows) with rows a list of bytearrays of raw pixel bytes."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, width = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace != 0 or colour not in (0, 2, 4, 6):
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if width is None:
        raise ValueError("no IHDR chunk")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        bpp = channels
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        elif kind != 0:
            raise ValueError(f"bad filter type {kind} in row {y}")
        rows.append(line)
        previous = line
    return width, height, channels, rows


def ink(path):
    width, height, channels, rows = decode(path)
    grey_channels = 1 if channels <= 2 else 3
    histogram = [0] * 256
    for line in rows:
        for x in range(0, width * channels, channels):
            level = sum(line[x:x + grey_channels]) // grey_channels
            histogram[level] += 1
    total = width * height
    background = max(range(256), key=lambda v: histogram[v])
    non_background = (total - histogram[background]) / total
    levels = sum(1 for count in histogram if count > 0)
    return width, height, non_background, levels


def main(paths):
    failed = False
    for path in paths:
        try:
            width, height, share, levels = ink(path)
        except (OSError, ValueError, zlib.error) as error:
            print(f"{path}: unreadable: {error}")
            failed = True
            continue
        blank = share < 0.02 or levels < 8
        print(f"{path}: {width}x{height}, {share * 100:.1f} % non-background pixels, {levels} grey levels"
              + (" -> BLANK" if blank else " -> ok"))
        failed = failed or blank
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
