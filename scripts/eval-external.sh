#!/usr/bin/env bash
# Detection accuracy on nights from an independent simulator (../shared/external-nights, not part
# of the repository): analyses every night with its lights window and units from night.json, then
# evaluates the report against reference.csv with `plm evaluate` (LMs of 0.5-10 s; movements with
# isCandidate false do not take part) and prints one row per night plus sensitivity by peak
# deviation of the reference LMs.
#
#   bash scripts/eval-external.sh [NIGHTS_DIR] [OUT_DIR]
#   make eval-external
#
# NIGHTS_DIR defaults to ../shared/external-nights beside the repository. These nights are a check,
# never something to tune against: no setting of the detector was chosen on them.
# Environment: PLM=PATH (default: the release build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
nights="${1:-$root/../shared/external-nights}"
out="${2:-$root/out/external}"
if [ ! -d "$nights" ]; then echo "eval-external: no nights at $nights (skipped)" >&2; exit 0; fi
plm="${PLM:-$(swift build --package-path "$root" -c release --show-bin-path)/plm}"
[ -x "$plm" ] || swift build --package-path "$root" -c release --product plm >&2
mkdir -p "$out"
python3 "$here/eval_external.py" --plm "$plm" --nights "$nights" --out "$out"
