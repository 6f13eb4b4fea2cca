# PLMKit: the two commands of the README, plus helpers.
#   make run    build in release and analyse a bundled sample night into ./out/
#   make test   run the test suite
# Both install FFTW (libfftw3-dev), pkg-config, zlib, ISA-L (libisal-dev: fast gzip inflate; zlib is the
# fallback when it is missing) and SQLite headers with apt-get when pkg-config cannot find them.

SWIFT ?= swift
SAMPLE_LEFT  ?= SampleData/moderate-generic/left.csv.gz
SAMPLE_RIGHT ?= SampleData/moderate-generic/right.csv.gz
LIGHTS_OFF ?= 2026-01-15T22:35:30
LIGHTS_ON  ?= 2026-01-16T00:27:00
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build bench benchmarks report-preview clean fuzz compare-peers

deps:
	@if ! pkg-config --exists fftw3 zlib sqlite3 libisal 2>/dev/null; then \
		echo "Installing FFTW, zlib, ISA-L and SQLite headers and pkg-config with apt-get ..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libfftw3-dev pkg-config zlib1g-dev libisal-dev libsqlite3-dev; \
	fi

build: deps
	$(SWIFT) build -c release --product plm

run: build
	@mkdir -p $(OUT)
	$$($(SWIFT) build -c release --show-bin-path)/plm analyze \
		--left $(SAMPLE_LEFT) --right $(SAMPLE_RIGHT) \
		--lights-off $(LIGHTS_OFF) --lights-on $(LIGHTS_ON) --out $(OUT)

test: deps
	$(SWIFT) test

# Detection accuracy and speed on the bundled nights (release build).
bench: build
	$$($(SWIFT) build -c release --show-bin-path)/plm bench SampleData --out $(OUT)/bench

# Detection accuracy on six fresh full 8-hour nights (one per profile; docs/benchmarks.md), simulated
# into $(OUT)/full-nights and benched into $(OUT)/full-nights/bench (release build).
.PHONY: bench-full
bench-full: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/bench-full-nights.sh $(OUT)/full-nights

# Detection on thirteen hard nights of 1.5-2 h (issue 11: small, slow and clustered movements, coarse
# sensors, drift, slip, two devices; seeds 301-313), simulated into $(OUT)/hard-nights and benched into
# $(OUT)/hard-nights/bench (release build).
.PHONY: bench-hard
bench-hard: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/bench-hard-nights.sh $(OUT)/hard-nights

# Memory and speed of the multi-night analysis on a simulated week: 7 days, two legs, 100 Hz, gzip
# (60 M samples per leg; about 2.5 GB written to $(OUT)/week; docs/benchmarks.md). Not in make test.
.PHONY: bench-week
bench-week: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/bench-week.sh $(OUT)/week

# The issue-13 PLMS-estimate target per seed on simulated 3-day recordings (docs/nights.md section 4).
.PHONY: measure-plms
measure-plms: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/measure-plms-estimate.sh $(OUT)/plms-estimate "1 2 3 4 5 6 7 8 9 10 11 12"

# Speed benchmarks of the readers, the DSP and the whole pipeline (ordo-one/benchmark).
benchmarks: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

# plm next to cat, polars, pandas + scipy and gzip -dc on an 8-h 100-Hz two-leg night, CSV and
# .csv.gz (issue 15; docs/benchmarks.md). Installs polars, pandas, scipy and numpy from PyPI into
# .venv-peers once; simulates the night into $(OUT)/peers once. Not part of make test.
compare-peers: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/compare-peers.sh $(OUT)/peers

# libFuzzer targets (Fuzz/): each runs FUZZ_SECONDS (default 600) from a seed corpus; crashing
# inputs are kept in Tests/PLMKitTests/FuzzRegressions (docs/fuzzing.md).
fuzz: deps
	SWIFT=$(SWIFT) bash scripts/fuzz.sh

# Detection on the independent simulator's nights in ../shared/external-nights (a check, never
# a tuning set; skipped with a message when the folder is absent).
.PHONY: eval-external
eval-external: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/eval-external.sh

# plm batch speed on the SampleData nights against a loop of plm analyze (docs/batch.md, "Speed").
.PHONY: batch-speed
batch-speed: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/batch-speed.sh $(OUT)/batch-speed

# plm batch through a real one-node Slurm (installs slurm-wlm and munge; root; not part of make test).
.PHONY: slurm-test
slurm-test: build
	PLM="$$($(SWIFT) build -c release --show-bin-path)/plm" bash scripts/slurm-test.sh $(OUT)/slurm-test

# ThreadSanitizer over the suites that run threads: the legs side by side and their helper threads
# (OrderedPrefetch, CoreBudget), the multi-night reading threads, the batch's task group, the
# simulator's concurrent writers (docs/architecture.md, "Concurrency"). A build of its own in
# .build/tsan, so make test's build is kept; about 5 min on 2 cores. Fails on any TSan report
# (TSan's exit code 66). Not part of make test or .ci/run.
TSAN_SUITES ?= OrderedPrefetchTests|ParallelDetectionTests|CoreBudgetTests|LockedValueTests|LegMovementDetectorTests|NightAnalyzerEndToEndTests|OneLegGapTests|RecordingAnalyzerTests|ProgressTests|StreamingAnalysisTests|BatchRunTests|MultiDayWriterTests
.PHONY: tsan
tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build/tsan --filter "$(TSAN_SUITES)"

report-preview: build
	bash scripts/report-preview.sh

clean:
	rm -rf .build $(OUT)
