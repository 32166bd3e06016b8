# changecost: `make run` serves the demo, `make test` runs every test.
# Both install what is missing first (the wasm target, the pinned
# wasm-bindgen-cli, npm packages; for tests also Debian's chromium and
# chromium-driver, and poppler-utils for rendering printed PDFs).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

PORT ?= 8080
TARGET := wasm32-unknown-unknown
# The wasm-bindgen version pinned in Cargo.toml and Cargo.lock; the CLI must match it exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
OUT := www/changecost
WASM := target/$(TARGET)/release/changecost.wasm
WASM_OPT := node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  --enable-multivalue
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test lint links setup setup-browser setup-cross test-cross screenshots clean size core-size bench fuzz dist setup-wordpress test-dist

run: build
	python3 tools/serve.py --port $(PORT) --dir www

# wasm-opt -Oz --converge: the size passes again until the module stops
# shrinking (0.2 KB gzip less than -Oz once, about 3 s more).
# --low-memory-unused: the first 1 KiB of memory is never read or written,
# which lets wasm-opt fold constant offsets into loads and stores (0.7 KB
# gzip less). It holds for rustc's wasm32 layout: the stack comes first and
# grows down from 1 MiB towards 0, so it reaches the first KiB only 1,047,552
# bytes deep, far past anything the widget recurses (the JSON readers stop
# at depth 16); the data and the heap lie above 1 MiB. The wasm
# carries no texts: examples/texts.rs writes each language as a file of
# its own (host build), which the loader fetches beside the wasm.
build: setup
	cargo build --release --target $(TARGET) --lib
	wasm-bindgen $(WASM) --target web --out-dir $(OUT) --out-name changecost_wasm \
	  --no-typescript --remove-name-section --remove-producers-section --omit-default-module-path
	$(WASM_OPT) $(OUT)/changecost_wasm_bg.wasm -o $(OUT)/changecost_wasm_bg.wasm
	cargo run --quiet --example texts -- $(OUT)
	node tools/release.mjs
	@node tools/size.mjs

# The distribution and cross-engine suites, run here and by their own targets.
TEST_DIST := node_modules/.bin/playwright test --config tests/dist/playwright.config.js
TEST_CROSS := node --test --test-reporter=spec --test-concurrency=1 tests/cross/webkit.test.mjs tests/cross/firefox.test.mjs

# One build and one `make dist` for every suite (the targets test-dist and
# test-cross alone would each build again).
test: build setup-browser setup-wordpress setup-cross lint
	node tools/links.mjs
	cargo test --quiet
	CHROMEDRIVER=$$(command -v chromedriver) cargo test --target $(TARGET) --test web
	node tools/size.mjs --check
	node_modules/.bin/playwright test
	node tools/dist.mjs
	$(TEST_DIST)
	$(TEST_CROSS)

size: build

# The core alone (issue 24): src/core behind a thin string API and no view
# (tools/core-size, a package of its own), built as the release is; prints
# gzip -9 of its wasm and glue. A measuring tool: nothing of it ships.
CORE_SIZE := target/core-size
core-size: setup
	(cd tools/core-size && cargo build --release --target $(TARGET))
	wasm-bindgen $(CORE_SIZE)/$(TARGET)/release/core_size.wasm --target web --out-dir $(CORE_SIZE)/out \
	  --out-name core_size --no-typescript --remove-name-section --remove-producers-section --omit-default-module-path
	$(WASM_OPT) $(CORE_SIZE)/out/core_size_bg.wasm -o $(CORE_SIZE)/out/core_size_bg.wasm
	node tools/core-size/size.mjs

# Every relative link and image in README.md and docs/*.md resolves.
links:
	node tools/links.mjs

# Formatting and lints, warnings as errors: the host build with every test
# target, and wasm32 with every target too (src/web and tests/web.rs are
# compiled only there).
# rustfmt and clippy come with rustup's default profile; where a toolchain
# lacks them the step says so instead of failing the whole run.
lint: setup
	if cargo fmt --version >/dev/null 2>&1; then cargo fmt --check; else echo "lint: rustfmt missing, format check skipped"; fi
	if cargo clippy --version >/dev/null 2>&1; then
	  cargo clippy --quiet --all-targets -- -D warnings
	  cargo clippy --quiet --target $(TARGET) --all-targets -- -D warnings
	else
	  echo "lint: clippy missing, lints skipped"
	fi

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
	if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftoppm >/dev/null; then
	  $(SUDO) apt-get update
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver poppler-utils
	fi

# WebKit (WebKitGTK's MiniBrowser, with WebKitWebDriver and Xvfb) and
# Firefox ESR with geckodriver (crates.io), for tests/cross/.
setup-cross:
	SUDO=$(SUDO) tools/cross-setup.sh

# The cross-engine suite (tests/cross/): the demo and host pages under the
# strict CSP of tools/serve.py, in WebKit and in Firefox, one after the other.
test-cross: dist setup-cross
	$(TEST_CROSS)

# The widget in each engine at 390 and 1280 px, for a reviewer to look at:
# target/screenshots/<engine>-<lang>-<width>.png; then the README's picture
# from WebKit's, laptop and phone side by side, reduced to a palette by
# Debian's pngquant: docs/screenshot.png.
screenshots: build setup-cross
	node tests/cross/screenshots.mjs
	if ! command -v pngquant >/dev/null; then
	  $(SUDO) apt-get update
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends pngquant
	fi
	node tools/readme-screenshot.mjs

# The downloads, from the built release bundle, into dist/: the bundle zip
# (INSTALL.md, example page, configurator), the npm package (npm pack) and
# the WordPress plugin zip. The version is Cargo.toml's.
dist: build
	node tools/dist.mjs

# For tests/dist/wordpress.spec.js: Debian's WordPress 6.1 with its
# Twenty Twenty-Three theme, MariaDB, PHP (apt-get, when missing). For
# tests/dist/wordpress-playground.spec.js: the newest WordPress of the npm
# package @wp-playground/wordpress-builds with its static files, as one zip
# (target/wp-playground/, once per package version).
setup-wordpress: node_modules/.package-lock.json
	SUDO=$(SUDO) tools/wp-test-setup.sh install
	node tools/wp-playground.mjs zip

# The artifacts of `make dist` as their users meet them (tests/dist/): the
# npm tarball installed and embedded from a second origin, its manifest and
# types against the element (tsc --strict), the tarball in apps built with
# Vite, webpack, Next.js, Rollup and esbuild (versions pinned in
# tests/dist/bundlers/package-lock.json; the tests run npm ci there when the
# lock file changed), the frame on a cross-origin host, and the plugin in two
# throwaway WordPresses (6.1: MariaDB and php -S on loopback; today's:
# WordPress Playground's CLI on PHP in WebAssembly), started and stopped by
# the tests.
test-dist: dist setup-browser setup-wordpress
	$(TEST_DIST)

# The decoders against 100,000 generated inputs each (make test runs 2,000).
fuzz:
	FUZZ_CASES=100000 cargo test --release --test fuzz

clean:
	cargo clean
	rm -rf .setup node_modules $(OUT)/changecost_wasm* $(OUT)/changecost.*.txt test-results playwright-report

# Every figure of docs/performance.md: criterion for the core (native; its
# own package and workspace in bench/, built under target/bench), the
# shipped size, and the browser figures in Debian's Chromium, then the
# load on the phone profile (150 ms round trips, 1.6 Mbit/s, CPU 4x
# slower); AGAINST=DIR (a copy of an earlier www/release/) measures that
# build in the same rounds, alternating.
bench: build setup-browser
	(cd bench && cargo bench)
	node bench/medians.mjs
	node tools/size.mjs
	node tools/bench-browser.mjs --json > target/bench/browser.json
	node tools/bench-browser.mjs --only load --profile phone $(if $(AGAINST),--against $(AGAINST)) --json > target/bench/browser-phone.json
