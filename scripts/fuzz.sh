#!/usr/bin/env bash
# make fuzz: builds PLMKit's libFuzzer targets (Fuzz/, -sanitize=fuzzer,address, release) and runs
# each for FUZZ_SECONDS (default 600) from a seed corpus made of the committed seeds
# (Fuzz/Seeds/<target>), the test fixtures, SampleData and ../shared/corpus (when present; only the
# first 64 KiB of each file, copied into the work folder, never into the repository).
#
# Every crashing input is copied into Tests/PLMKitTests/FuzzRegressions/<target>/, where the test
# suite replays it (commit it with the fix). Work files go to $FUZZ_OUT (default out/fuzz): the
# grown corpus, crash artefacts and one log per target with libFuzzer's final statistics.
#
# Environment: FUZZ_SECONDS, FUZZ_TARGETS (space-separated subset), FUZZ_OUT, SWIFT.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-"FuzzRecordingCSV FuzzEventsCSV FuzzAnnotations FuzzReportJSON FuzzCWA FuzzGENEActivBin FuzzGT3X"}
OUT=${FUZZ_OUT:-$ROOT/out/fuzz}
SHARED=$ROOT/../shared/corpus

# SwiftPM can keep the root package's target file lists from the fuzz package's last build: a
# source file added to the root since then is then missing from the fuzz build ("cannot find
# 'X' in scope" for everything it declares; seen 2026-12-03). Start the fuzz build afresh when the
# root's list of source files has changed since the last one.
SOURCES_STAMP=$(find Sources -name '*.swift' | LC_ALL=C sort | cksum)
if [ -d Fuzz/.build ] && [ "$(cat Fuzz/.build/plm-sources.cksum 2>/dev/null)" != "$SOURCES_STAMP" ]; then
    echo "The root package's source files changed since the last fuzz build: building afresh."
    rm -rf Fuzz/.build
fi
echo "Building the fuzz targets (release, -sanitize=fuzzer,address) ..."
(cd Fuzz && $SWIFT build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
echo "$SOURCES_STAMP" > Fuzz/.build/plm-sources.cksum
BIN=$(cd Fuzz && $SWIFT build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)

# seed TARGET FILE...: copies the first 64 KiB of each file (gunzipped when .gz) into the corpus.
seed() {
    local target=$1; shift
    local dir=$OUT/corpus/$target
    mkdir -p "$dir"
    for file in "$@"; do
        [ -f "$file" ] || continue
        local name
        name=$(echo "$file" | sed "s|^$ROOT/||; s|^$SHARED/|shared-|; s|/|_|g")
        case "$file" in
            *.gz) gzip -dc "$file" 2>/dev/null | head -c 65536 > "$dir/$name.seed" || true ;;
            *) head -c 65536 "$file" > "$dir/$name.seed" ;;
        esac
    done
}

for target in $TARGETS; do
    seed "$target" "$ROOT"/Fuzz/Seeds/"$target"/* "$ROOT"/Tests/PLMKitTests/FuzzRegressions/"$target"/*
done
seed FuzzRecordingCSV "$ROOT"/Tests/PLMReadersTests/Fixtures/*.csv "$ROOT"/Tests/PLMReadersTests/Fixtures/*.gz \
    "$ROOT"/SampleData/*/left.csv.gz
if [ -d "$SHARED" ]; then
    seed FuzzRecordingCSV $(find "$SHARED" -name '*.csv' -o -name '*.csv.gz' | sort)
    seed FuzzCWA $(find "$SHARED" -name '*.cwa' | sort)
    seed FuzzGENEActivBin $(find "$SHARED" -name '*.bin' | sort)
    # FuzzGT3X reads its input as log.bin (and info.txt, calibration.json) inside an archive it
    # writes: its seeds are the corpus archives' log.bin entries (first 64 KiB).
    if command -v unzip > /dev/null; then
        mkdir -p "$OUT/corpus/FuzzGT3X"
        for file in $(find "$SHARED" -name '*.gt3x' | sort); do
            unzip -p "$file" log.bin 2>/dev/null | head -c 65536 > "$OUT/corpus/FuzzGT3X/$(basename "$file").log.bin.seed" || true
            unzip -p "$file" info.txt 2>/dev/null > "$OUT/corpus/FuzzGT3X/$(basename "$file").info.txt.seed" || true
        done
    fi
else
    echo "note: $SHARED is absent: the recording corpus is the fixtures and SampleData only"
fi
seed FuzzReportJSON "$ROOT"/SampleData/*/truth.json

status=0
for target in $TARGETS; do
    mkdir -p "$OUT/crashes/$target"
    log=$OUT/$target.log
    max_len=4096
    case "$target" in FuzzRecordingCSV | FuzzCWA | FuzzGENEActivBin | FuzzGT3X) max_len=65536 ;; esac
    # FuzzGT3X: Foundation's FileManager.fileSystemRepresentation (called by ZIPFoundation's
    # Archive(url:) on every open) leaks 35 bytes on Linux; LeakSanitizer would stop the run at
    # the first input. Leaks are not checked for that target (crashes and ASan errors still are).
    extra=""
    leaks=1
    [ "$target" = FuzzGT3X ] && extra="-detect_leaks=0" && leaks=0
    echo "Running $target for ${SECONDS_PER_TARGET} s (log: $log) ..."
    set +e
    ASAN_OPTIONS="detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$BIN/$target" "$OUT/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=$max_len \
        -rss_limit_mb=3072 -timeout=20 -print_final_stats=1 $extra -artifact_prefix="$OUT/crashes/$target/" > "$log" 2>&1
    result=$?
    set -e
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb|cov: .*ft:" "$log" | tail -4
    for crash in "$OUT/crashes/$target"/*; do
        [ -f "$crash" ] || continue
        cp "$crash" "$ROOT/Tests/PLMKitTests/FuzzRegressions/$target/"
        echo "  kept $(basename "$crash") as a regression input (Tests/PLMKitTests/FuzzRegressions/$target/)"
    done
    if [ $result -ne 0 ]; then
        echo "$target: libFuzzer ended with status $result (see $log)"
        status=1
    fi
done
exit $status
