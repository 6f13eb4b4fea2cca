# PLMKit: the two commands of the README, plus helpers.
#   make run    build in release and analyse a bundled sample night into ./out/
#   make test   run the test suite
# Both install FFTW (libfftw3-dev), pkg-config and zlib headers with apt-get when pkg-config cannot find them.

SWIFT ?= swift
SAMPLE_LEFT  ?= SampleData/moderate-generic/left.csv.gz
SAMPLE_RIGHT ?= SampleData/moderate-generic/right.csv.gz
OUT ?= out

.PHONY: run test deps build bench report-preview clean

deps:
	@if ! pkg-config --exists fftw3 zlib 2>/dev/null; then \
		echo "Installing FFTW, zlib headers and pkg-config with apt-get ..."; \
		apt-get update && apt-get install -y libfftw3-dev pkg-config zlib1g-dev; \
	fi

build: deps
	$(SWIFT) build -c release --product plm

run: build
	@mkdir -p $(OUT)
	$$($(SWIFT) build -c release --show-bin-path)/plm analyze \
		--left $(SAMPLE_LEFT) --right $(SAMPLE_RIGHT) --out $(OUT)

test: deps
	$(SWIFT) test

bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

report-preview: build
	bash scripts/report-preview.sh

clean:
	rm -rf .build $(OUT)
