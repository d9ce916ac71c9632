# Recap: two commands do everything on a fresh machine.
#   make serve   install what is missing, build, serve the editor at http://127.0.0.1:8080
#   make test    install what is missing, run native and browser tests
# Also: make dist (release build into dist/), make lint, make e2e.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_SPLIT_VERSION := 0.2.4
BINARYEN_VERSION := 132
ZOPFLI_VERSION := 0.8.1
# wasm-bindgen-cli must equal the wasm-bindgen crate version the lock file pins.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)

TOOLS := $(CURDIR)/.tools
# Project-local wasm-opt first: Debian's binaryen (v108) builds a module that fails at start.
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: help serve dist dist-subpath bench test native e2e lint tools browser-tools clean editor editor-test build-test

help:
	@echo "make serve   build and serve the editor at http://127.0.0.1:8080"
	@echo "make test    run native, editor, build and browser tests"
	@echo "make dist    release build into dist/ (copy it to any static host)"
	@echo "make bench   measure keystroke latency, start-up and size (target/bench/)"

serve: tools editor
	trunk serve --offline

# Release builds of the wasm take the standard library built for size from the
# toolchain's own sources (rust-src), with panics that stop at once instead of
# formatting a message: about 60 KB gzip less than the prebuilt std (docs/design.md,
# "Size"). RUSTC_BOOTSTRAP lets the machine's one stable toolchain take these unstable
# flags. Debug builds (make serve) keep the prebuilt std and the panic messages.
# `--cfg erase_components` (Leptos's own switch) type-erases the views: a component
# returns an `AnyView`, an element's children are a list of erased views, and the
# reactive closures in a view share one type per output, so the view code is not
# monomorphized per nesting and per closure: about 29 KB gzip less (docs/design.md).
# `-Zfmt-debug=none` leaves `{:?}` and derived Debug empty (no user-visible text of
# the app or of what it shows comes from Debug), and `-Zlocation-detail=none` keeps no
# file names and lines for panics, which abort without a message anyway: 6 KB gzip.
# `--cfg recap_split` makes the parts of the UI declared with `on_demand!` split
# points, and `--emit-relocs` keeps the linker's relocations wasm-split needs: the
# post-build hook splits them into files fetched at first use (build/split-wasm.mjs).
RELEASE_WASM := RUSTC_BOOTSTRAP=1 \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg erase_components --cfg recap_split -Clink-args=--emit-relocs"

# Trunk builds offline: the crates of the project, and those the std built for size
# needs (build-std resolves its own lock file), are fetched first.
.PHONY: fetch
fetch:
	@cargo fetch --quiet
	@$(RELEASE_WASM) cargo fetch --quiet --target wasm32-unknown-unknown

# Then the first-load sizes (gzip, brotli) against size-budget.json, and the .gz/.br
# files beside each file for hosts that serve them pre-compressed.
dist: tools editor fetch
	$(RELEASE_WASM) trunk build --offline --release
	node build/sizes.mjs dist --json target/dist-sizes.json

test: lint native editor-test build-test e2e

native:
	cargo test --all-targets
	cargo test --doc

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

# The app built for a sub-path too, as some static hosts serve it (/recap/).
dist-subpath: tools editor fetch
	$(RELEASE_WASM) trunk build --offline --release --public-url /recap/ --dist target/dist-subpath

# The release build's rewrites of the wasm and its glue (build/*.mjs), on small
# modules, in Node.
build-test: node
	node --test build/test/

# The editor's Markdown grammar, in Node: its incremental parses against full ones.
editor-test: editor
	cd editor && node --test test/

e2e: dist dist-subpath browser-tools
	cd e2e && npm test

# Measures, asserts nothing: native pipeline, then keystroke latency against a
# markdown-it + DOMPurify baseline, start-up and size in headless Chromium.
# Figures: the printed tables and target/bench/*.json.
bench: dist browser-tools
	cargo bench --bench pipeline
	cd bench && { [ -d node_modules/lighthouse ] || npm ci --no-audit --no-fund; } && node run.mjs

# The editing surface: CodeMirror 6 and our shim, bundled by esbuild from the
# committed package-lock.json (npm ci only when node_modules is missing).
editor: node
	@cd editor && { { [ -d node_modules/@codemirror/view ] && [ -d node_modules/terser ]; } || npm ci --no-audit --no-fund; } && node build.mjs

# ---- installing what is missing -------------------------------------------------

tools:
	@command -v cargo >/dev/null || { echo "Rust is not installed: see https://rustup.rs"; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rust-src' \
	  || rustup component add rust-src
	@[ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ] \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked
	@# Not --locked: one of its locked dependencies is not in the registry here.
	@[ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" = "$(WASM_BINDGEN_VERSION)" ] \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@cargo install --list | grep -qx "wasm_split_cli_support v$(WASM_SPLIT_VERSION):" \
	  || cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --locked --features build-binary
	@# The .gz files of dist/ (build/sizes.mjs).
	@cargo install --list | grep -qx "zopfli v$(ZOPFLI_VERSION):" \
	  || cargo install zopfli --version $(ZOPFLI_VERSION) --locked
	@$(MAKE) --no-print-directory node
	@wasm-opt --version 2>/dev/null | grep -q "version $(BINARYEN_VERSION)" \
	  || npm install --prefix $(TOOLS) --no-audit --no-fund binaryen@$(BINARYEN_VERSION)

.PHONY: node
node:
	@command -v npm >/dev/null || { $(APT) update && $(APT) install -y nodejs npm; }

browser-tools: node
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
	  || { $(APT) update && $(APT) install -y chromium chromium-driver; }
	@# Debian's Hugo builds the fixture sites Recap wrote, in the site tests.
	@command -v hugo >/dev/null || { $(APT) update && $(APT) install -y hugo; }
	@cd e2e && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; }

clean:
	cargo clean
	rm -rf dist .tools e2e/node_modules editor/node_modules editor/dist
