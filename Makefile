# Candor: a thin front for Meson.  The two set-up commands are
#   make demo    install dependencies, build, and show a demo pipeline
#   make check   install dependencies, build with ASan+UBSan, run every test
# Other targets: build, install, train (rebuild model/signals.model from the
# labelled corpus), fuzz (each fuzz target FUZZ_SECONDS), crash (kill -9
# during imports and uploads, then check the database), soak (SOAK_SECONDS
# of mixed reads and writes against candor serve, on each backend), oom (the
# allocation-failure walks in full: make check walks the first
# OOM_CHECK_EVERY points of each and samples the rest), bench, clean.

BUILD     ?= build
SANBUILD  ?= build-san
MESON     ?= meson
PREFIX    ?= /usr/local
FUZZ_SECONDS ?= 300
CRASH_RUNS   ?= 100
SOAK_SECONDS ?= 1800
OOM_CHECK_EVERY ?= 400

.PHONY: all deps build check demo install train fuzz crash soak oom bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --prefix=$(PREFIX)

build: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD)

$(SANBUILD)/build.ninja:
	$(MESON) setup $(SANBUILD) -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug

check: deps $(SANBUILD)/build.ninja
	@ninja -C $(SANBUILD)
	@CANDOR_OOM_EVERY=$${CANDOR_OOM_EVERY:-$(OOM_CHECK_EVERY)} tests/run $(SANBUILD)

# every allocation-failure walk in full (1,500 points each, then a sample), both backends
oom: deps $(SANBUILD)/build.ninja
	@ninja -C $(SANBUILD)
	@CANDOR_OOM_EVERY=1500 tests/run $(SANBUILD) oom

demo: build
	@demo/run $(BUILD)/candor

train: build
	@$(BUILD)/tools/candor-train --out model/signals.model tests/data/labelled/train

install: build
	$(MESON) install -C $(BUILD)

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run long

# SQLite, then PostgreSQL on a throw-away pg_virtualenv server
crash: build
	@tests/crash/run $(BUILD)/candor $(CRASH_RUNS)
	@CANDOR_CRASH_PG=1 tests/crash/run $(BUILD)/candor $(CRASH_RUNS)

# SQLite, then PostgreSQL; SOAK_SECONDS each
soak: build
	@tests/soak/run $(BUILD)/candor $(SOAK_SECONDS)
	@CANDOR_SOAK_PG=1 tests/soak/run $(BUILD)/candor $(SOAK_SECONDS)

bench: build
	@bench/run $(BUILD)/candor

clean:
	rm -rf $(BUILD) $(SANBUILD) build-fuzz
