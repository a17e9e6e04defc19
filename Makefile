# GroningenHRA — the two commands of the README:
#   make demo   installs what is missing, builds in release mode and runs the main job
#   make test   runs the test suite (CI runs exactly this through .ci/run)
SWIFT ?= swift
OUT ?= out/default

.PHONY: deps build demo test clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product hra

demo: build
	.build/release/hra run --out $(OUT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build out
