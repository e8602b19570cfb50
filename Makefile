# Wraps CMake.  `make demo` and `make test` are all a newcomer needs
# (README.md); both first install the Debian packages the build needs.
BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# Build and run dependencies (Debian 12 package names).
PKGS       := cmake make gcc pkg-config libglpk-dev libcsv-dev libinih-dev libcjson-dev
# Tests add cmocka, and CBC to cross-check GLPK's optimum on written models.
TEST_PKGS  := $(PKGS) libcmocka-dev coinor-cbc
DEMO       := scenarios/demo

.PHONY: all build demo test deps test-deps clean bench

all: build

deps:
	@./.ci/install-deps $(PKGS)

test-deps:
	@./.ci/install-deps $(TEST_PKGS)

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DRP_TESTS=OFF >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

ROSTERS    := --schools $(DEMO)/schools.csv --teachers $(DEMO)/teachers.csv --policy $(DEMO)/policy.ini

demo: build
	@echo "== rotaplan audit: where the demo county ($(DEMO)) stands today"
	$(BUILD)/rotaplan audit $(ROSTERS)
	@echo "== rotaplan plan: the rotation list, written to out/demo/"
	$(BUILD)/rotaplan plan $(ROSTERS) --out out/demo
	@echo "== rotaplan verify: every rule and figure re-checked"
	$(BUILD)/rotaplan verify $(ROSTERS) --plan out/demo

test: test-deps
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRP_SANITIZE=ON -DRP_TESTS=ON >/dev/null
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./bench/run.sh $(BUILD)/rotaplan

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
