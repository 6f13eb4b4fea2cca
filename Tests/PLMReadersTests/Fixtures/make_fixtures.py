#!/usr/bin/env python3
"""Writes the two fixtures that are tedious by hand: the GENEActiv CSV export (a 100-line
Key,Value header, CRLF) and a gzip copy of axivity_ax6_formatted.csv. Run from this folder:
    python3 make_fixtures.py
Every data value is written literally below; the tests' expected values are read off these rows."""
import gzip

header = [
    "Device Type,GENEActiv", "Device Model,1.1", "Device Unique Serial Code,012345",
    "Device Firmware Version,Ver06.17 15June2015", "Calibration Date,2013-05-01 10:00:00:000", "Application name & version,GENEActiv PC Software 3.2",
    "", "Measurement Period,168 Hours", "", "Configuration",
    "Measurement Frequency,100 Hz",            # line 11
    "Start Time,2013-06-24 15:11:41:500",      # line 12
    "Measurement Range,-8 to 8g", "Device Location Code,left ankle",
    "Time Zone,GMT +01:00",                     # line 15
]
while len(header) < 100:
    header.append("" if len(header) % 7 == 0 else f"Extract Notes {len(header) + 1},none")
assert len(header) == 100 and header[10].startswith("Measurement Frequency") and header[14].startswith("Time Zone")
rows = [
    "2013-06-24 15:11:41:500,-0.0547,0.9648,-0.2461,0,0,21.3",
    "2013-06-24 15:11:41:510,-0.0508,0.9609,-0.2500,0,0,21.3",
    "2013-06-24 15:11:41:520,-0.0586,0.9688,-0.2422,0,0,21.3",
    "2013-06-24 15:11:41:530,-0.0547,0.9648,-0.2461,0,0,21.3",
    "2013-06-24 15:11:41:540,-0.0469,0.9727,-0.2383,3,0,21.4",
    "2013-06-24 15:11:41:550,-0.0625,0.9570,-0.2539,3,1,21.4",
]
with open("geneactiv_export.csv", "w", newline="") as f:
    f.write("\r\n".join(header + rows) + "\r\n")

with open("axivity_ax6_formatted.csv", "rb") as src, open("axivity_ax6_formatted.csv.gz", "wb") as dst:
    with gzip.GzipFile(filename="", mode="wb", fileobj=dst, mtime=0) as gz:
        gz.write(src.read())
