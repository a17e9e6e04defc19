# GroningenHRA — the two commands of the README:
#   make demo   installs what is missing, builds in release mode and runs the main job
#   make test   runs the test suite (CI runs exactly this through .ci/run)
#   make bench        runs the benchmark harness (Benchmarks/README.md): table + out/bench/results.json
#   make bench-check  the CI regression check: kernels + small workload against Benchmarks/baseline.json
#   make lint / make format   swift format check (CI) / rewrite, configuration in .swift-format
SWIFT ?= swift
OUT ?= out/default
BENCH_SCRATCH ?= .build-bench
BENCH = $(BENCH_SCRATCH)/release/hra-bench
BENCH_ARGS ?=
BENCH_TOLERANCE ?= 1.5
# Vector instructions for the release build of hra: -target-cpu haswell (AVX2, FMA) when this
# CPU has them, else baseline x86-64 (Scripts/cpu-flags.sh; HRA_CPU_FLAGS= forces baseline).
# Results are identical either way (checked); the benchmark harness stays baseline so that its
# committed baseline and instruction counts do not depend on the machine's CPU.
CPU_FLAGS ?= $(shell Scripts/cpu-flags.sh)

FORMAT_PATHS = Sources Tests Benchmarks Plugins Fuzz Package.swift

.PHONY: deps build demo test clean bench bench-build bench-check lint format fuzz fuzz-replay

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product hra $(CPU_FLAGS)

demo: build
	.build/release/hra run --out $(OUT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# swift format (bundled with the toolchain), configuration in .swift-format (line length 120).
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMAT_PATHS)

# libFuzzer targets for the parsers (Fuzz/README.md): 10^6 executions per target (at most 480 s each),
# and the regression corpus replayed under the sanitizers (CI).
fuzz:
	Scripts/fuzz.sh

fuzz-replay:
	Scripts/fuzz.sh --replay

bench-build: deps
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product hra-bench

bench: bench-build
	@mkdir -p out/bench
	$(BENCH) run --json out/bench/results.json $(BENCH_ARGS)

bench-check: bench-build
	@mkdir -p out/bench
	$(BENCH) check --baseline Benchmarks/baseline.json --tolerance $(BENCH_TOLERANCE) --callgrind --json out/bench/check.json $(BENCH_ARGS)

clean:
	rm -rf .build $(BENCH_SCRATCH) out
