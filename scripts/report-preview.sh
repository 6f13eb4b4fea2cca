#!/usr/bin/env bash
# Renders HTML night reports to PNG screenshots with headless Chromium and checks that each
# screenshot is not blank.
#
#   bash scripts/report-preview.sh            analyse every night in SampleData/ (a folder holding
#                                             left.* and optionally right.*) into out/preview/NIGHT.html
#                                             with `plm analyze` (adding --units mg for folders named
#                                             *-mg), then render each report
#   bash scripts/report-preview.sh DIR        render every *.html already under DIR
#   add --docs                                copy the screenshot of moderate-generic (else the first)
#                                             to docs/report-screenshot.png
#
# The `plm` binary is $PLM when set, else the release build (`make build`, which `make
# report-preview` runs first). Chromium is the Debian package `chromium`, installed with apt-get
# when missing. The screenshot of X.html is X.png beside it (1280 x 2400 CSS pixels: the top of the
# report). Exit status: 0 when every night was analysed and every report rendered to a non-blank
# PNG; 1 otherwise; 66 when there was nothing to render.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir=""
copy_to_docs=0
for arg in "$@"; do
  case "$arg" in
    --docs) copy_to_docs=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) dir="$arg" ;;
  esac
done

status=0
if [ -z "$dir" ]; then
  # Relative paths, so that the reports name the files as a user in the repository would.
  cd "$root"
  dir="out/preview"
  plm="${PLM:-}"
  if [ -z "$plm" ]; then
    plm="$(cd "$root" && swift build -c release --show-bin-path 2>/dev/null)/plm"
  fi
  if [ ! -x "$plm" ]; then
    echo "report-preview: no plm binary at $plm (run 'make build' or set PLM)" >&2
    exit 66
  fi
  mkdir -p "$dir"
  found=0
  for night in SampleData/*/; do
    [ -d "$night" ] || continue
    night="${night%/}"
    name="$(basename "$night")"
    left="$(find "$night" -maxdepth 1 -type f -name 'left.*' | LC_ALL=C sort | head -n 1)"
    right="$(find "$night" -maxdepth 1 -type f -name 'right.*' | LC_ALL=C sort | head -n 1)"
    [ -n "$left" ] || continue
    found=1
    args=(analyze --left "$left" --html "$dir/$name.html")
    [ -n "$right" ] && args+=(--right "$right")
    # Folders named *-mg hold milli-g files (see SampleData/README.md).
    case "$name" in *-mg) args+=(--units mg) ;; esac
    # A simulated night's lights window (truth.json), so the report shows what `make run` shows.
    if [ -f "$night/truth.json" ]; then
      lights="$(python3 -c 'import json, sys, datetime as d
t = json.load(open(sys.argv[1])); s = d.datetime.fromisoformat(t["recordingStart"])
print(*[(s + d.timedelta(seconds=t["lights"][k])).isoformat(timespec="seconds") for k in ("startS", "endS")])' "$night/truth.json")"
      args+=(--lights-off "${lights% *}" --lights-on "${lights#* }")
    else
      # One night per folder: score the whole file (without it, plm analyze looks for nights).
      args+=(--whole-recording)
    fi
    if ! "$plm" "${args[@]}" >/dev/null; then
      echo "$name: plm analyze failed" >&2
      status=1
    fi
  done
  if [ "$found" -eq 0 ]; then
    echo "report-preview: no night folder with a left.* file under SampleData/" >&2
    exit 66
  fi
elif [ ! -d "$dir" ]; then
  echo "report-preview: $dir: no such directory" >&2
  exit 66
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
  echo "report-preview: installing chromium with apt-get ..." >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update >/dev/null && $sudo apt-get install -y chromium >/dev/null
  browser="chromium"
fi

mapfile -t reports < <(find "$dir" -type f -name '*.html' | LC_ALL=C sort)
if [ "${#reports[@]}" -eq 0 ]; then
  echo "report-preview: no *.html report under $dir" >&2
  exit 66
fi

pngs=()
for html in "${reports[@]}"; do
  png="${html%.html}.png"
  abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
  rm -f "$png"
  if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --screenshot="$png" --window-size=1280,2400 "file://$abs" >/dev/null 2>&1 || [ ! -s "$png" ]; then
    echo "$html: Chromium did not write a screenshot" >&2
    status=1
    continue
  fi
  pngs+=("$png")
done

if [ "${#pngs[@]}" -gt 0 ]; then
  python3 "$here/png_nonblank.py" "${pngs[@]}" || status=1
fi

if [ "$copy_to_docs" -eq 1 ] && [ "${#pngs[@]}" -gt 0 ] && [ "$status" -eq 0 ]; then
  # The night `make run` analyses when it is there, else the first.
  chosen="${pngs[0]}"
  for png in "${pngs[@]}"; do
    case "$(basename "$png")" in moderate-generic.png) chosen="$png" ;; esac
  done
  cp "$chosen" "$root/docs/report-screenshot.png"
  echo "copied $chosen to docs/report-screenshot.png"
fi
exit "$status"
