# changecost: `make run` serves the demo, `make test` runs every test.
# Both install what is missing first (the wasm target, the pinned
# wasm-bindgen-cli, npm packages; for tests also Debian's chromium and
# chromium-driver).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

PORT ?= 8080
TARGET := wasm32-unknown-unknown
# The wasm-bindgen version pinned in Cargo.toml and Cargo.lock; the CLI must match it exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
OUT := www/changecost
WASM := target/$(TARGET)/release/changecost.wasm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test setup setup-browser clean size bench fuzz

run: build
	python3 tools/serve.py --port $(PORT) --dir www

build: setup
	cargo build --release --target $(TARGET) --lib
	wasm-bindgen $(WASM) --target web --out-dir $(OUT) --out-name changecost_wasm \
	  --no-typescript --remove-name-section --remove-producers-section
	node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  $(OUT)/changecost_wasm_bg.wasm -o $(OUT)/changecost_wasm_bg.wasm
	node tools/release.mjs
	@node tools/size.mjs

test: build setup-browser
	cargo test --quiet
	CHROMEDRIVER=$$(command -v chromedriver) cargo test --target $(TARGET) --test web
	node tools/size.mjs --check
	node_modules/.bin/playwright test

size: build

setup: .setup/rust .setup/wasm-bindgen-$(WASM_BINDGEN_VERSION) node_modules/.package-lock.json

.setup/rust:
	rustup target add $(TARGET)
	mkdir -p .setup && touch $@

.setup/wasm-bindgen-$(WASM_BINDGEN_VERSION):
	if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	fi
	mkdir -p .setup && touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup-browser:
	if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
	  $(SUDO) apt-get update
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver
	fi

# The decoders against 100,000 generated inputs each (make test runs 2,000).
fuzz:
	FUZZ_CASES=100000 cargo test --release --test fuzz

clean:
	cargo clean
	rm -rf .setup node_modules $(OUT)/changecost_wasm* test-results playwright-report

# Every figure of docs/performance.md: criterion for the core (native; its
# own package and workspace in bench/, built under target/bench), the
# shipped size, and the browser figures in Debian's Chromium.
bench: build setup-browser
	(cd bench && cargo bench)
	node bench/medians.mjs
	node tools/size.mjs
	node tools/bench-browser.mjs --json > target/bench/browser.json
