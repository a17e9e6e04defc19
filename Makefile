# GroningenHRA — the two commands of the README:
#   make demo   installs what is missing, builds in release mode, runs the main job and writes its report (out/default/report.html)
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

.PHONY: deps build demo test test-slurm test-sanitize clean bench bench-build bench-check lint layout format fuzz fuzz-replay

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product hra $(CPU_FLAGS)

demo: build
	.build/release/hra run --out $(OUT)
	.build/release/hra report $(OUT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The real-Slurm test (issue 28): a one-node Slurm on localhost (Scripts/slurm/local-cluster.sh,
# stopped in a trap), a small run as a 4-task job array plus the dependent merge against the
# unsharded run, a failing task reported (not waited on), a resubmit (docs/scaling.md).
test-slurm: build
	Scripts/slurm/test-slurm.sh

# The fast unit tests under AddressSanitizer, then separately ThreadSanitizer (debug builds in
# .build-asan and .build-tsan). Each test run is bounded to SANITIZE_TIMEOUT seconds (10 min),
# each build to SANITIZE_BUILD_TIMEOUT (a first build takes about 9 min on this project's 2-core
# machine, an incremental one much less). The heavy end-to-end suites (whole runs through the
# library or the hra binary) are skipped. Durations and findings of the last runs: docs/testing.md.
SANITIZE_TIMEOUT ?= 600
SANITIZE_BUILD_TIMEOUT ?= 1500
SANITIZE_SKIP ?= LPRRunTests|RateBlocksTests|ExceedanceProbabilityTests|HazardEstimatorTests|PercentileNamingTests|RunOutputFolderTests|NumericalGuardTests|ConfigFileRunTests|HazardRunTests|HazardFractileTests|GroupRiskRunTests|GroupRiskCommandTests|ModelPartsTests|ScenarioStudyTests|ScenarioTreeTests|GenericHazardRunTests|TreeEstimatorTests|GriddedForecastGridTests|BadInputTests|EstimatorAgreementTests|CLITests|ReadmeCommandsTests|HTMLReportTests|CalibrationTests|FuzzRegressionTests

test-sanitize: deps
	timeout $(SANITIZE_BUILD_TIMEOUT) $(SWIFT) build --build-tests -c debug --sanitize=address --scratch-path .build-asan
	printf 'leak:XCTest\nleak:readBytesFromFile\n' > .build-asan/lsan.supp  # toolchain leaks: docs/testing.md
	LSAN_OPTIONS=suppressions=$(CURDIR)/.build-asan/lsan.supp timeout $(SANITIZE_TIMEOUT) $(SWIFT) test --skip-build -c debug --sanitize=address --scratch-path .build-asan --skip '$(SANITIZE_SKIP)'
	timeout $(SANITIZE_BUILD_TIMEOUT) $(SWIFT) build --build-tests -c debug --sanitize=thread --scratch-path .build-tsan
	timeout $(SANITIZE_TIMEOUT) $(SWIFT) test --skip-build -c debug --sanitize=thread --scratch-path .build-tsan --skip '$(SANITIZE_SKIP)'

# swift format (bundled with the toolchain), configuration in .swift-format (line length 120).
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

# The library's folders must not depend on each other in a cycle (Scripts/check-layout.swift; also
# prints each folder's lines and the functions longer than 80 lines). docs/architecture.md.
layout:
	$(SWIFT) Scripts/check-layout.swift Sources/HRA

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
	rm -rf .build $(BENCH_SCRATCH) .build-asan .build-tsan out
