# Wraps CMake.  `make demo` and `make test` are all a newcomer needs
# (README.md); both first install the Debian packages the build needs.
BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# Build and run dependencies (Debian 12 package names); g++ for the few lines
# of C++ that call CBC (solver/cbc_main.cpp).
PKGS       := cmake make gcc g++ pkg-config libglpk-dev coinor-libcbc-dev libcsv-dev libinih-dev \
              libcjson-dev libxlsxwriter-dev libmicrohttpd-dev libsodium-dev
# Tests add cmocka, and CBC to cross-check GLPK's optimum on written models.
# The workbook is read back with openpyxl, the report opened in Chromium (with
# a Chinese font, so that the screenshot of a Chinese report is legible).
# The web tests make a TLS certificate with openssl and drive Chromium through
# python3-selenium.
TEST_PKGS  := $(PKGS) libcmocka-dev coinor-cbc valgrind python3 python3-openpyxl chromium \
              chromium-driver fonts-noto-cjk openssl python3-selenium
VG_BUILD   ?= build-valgrind
DEMO       := scenarios/demo/county
# Fuzzing (tests/fuzz/, docs/reliability.md): seconds per fuzzer.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZERS      := csv policy roster scenario xlsx
# Reading .xlsx rosters (io/xlsx_reader.c): minizip and expat, built and tested.
XLSX_PKGS    := libminizip-dev libexpat1-dev
PKGS         += $(XLSX_PKGS)
TEST_PKGS    += $(XLSX_PKGS)

.PHONY: all build demo test deps test-deps clean bench fuzz fuzz-build $(addprefix fuzz-,$(FUZZERS))

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
	@echo "== rotaplan plan: the rotation list, the workbook and the report, written to out/demo/"
	$(BUILD)/rotaplan plan $(ROSTERS) --out out/demo --xlsx out/demo/plan.xlsx --html out/demo/report.html
	@echo "== rotaplan verify: every rule and figure re-checked"
	$(BUILD)/rotaplan verify $(ROSTERS) --plan out/demo
	@echo "== rotaplan compare: the shipped what-if scenarios side by side, in out/compare/"
	$(BUILD)/rotaplan compare --out out/compare --xlsx out/compare/comparison.xlsx \
	  --html out/compare/report.html scenarios/demo/*.ini
	@echo "== the same scenarios on the Chinese demo county (scenarios/demo-zh), in out/compare-zh/"
	$(BUILD)/rotaplan compare --jobs 2 --out out/compare-zh --html out/compare-zh/report.html \
	  scenarios/demo-zh/*.ini >/dev/null
	@echo "== the web workspace (docs/web.md): $(BUILD)/rotaplan serve --data out/web"
	@echo "   then open the printed link and upload $(DEMO)/schools.csv, teachers.csv, policy.ini"

test: test-deps
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRP_WERROR=ON -DRP_SANITIZE=ON -DRP_TESTS=ON >/dev/null
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)
	@echo "== the end-to-end commands again under valgrind (a build without sanitizers)"
	cmake -S . -B $(VG_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRP_WERROR=ON -DRP_TESTS=OFF >/dev/null
	cmake --build $(VG_BUILD) -j $(JOBS)
	sh tests/valgrind_e2e.sh $(VG_BUILD)/rotaplan

# libFuzzer (clang) on each parser for FUZZ_SECONDS, one after the other;
# `make -j2 fuzz` runs two at a time, `make fuzz-csv` just one.  New inputs
# go to $(FUZZ_BUILD)/corpus/NAME, crashes to $(FUZZ_BUILD)/crashes/NAME;
# the committed corpus (tests/fuzz/corpus/NAME) is only read.
fuzz: $(addprefix fuzz-,$(FUZZERS))

fuzz-build: test-deps
	@./.ci/install-deps clang libclang-rt-dev
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRP_WERROR=ON -DRP_FUZZ=ON -DRP_TESTS=ON >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))

$(addprefix fuzz-,$(FUZZERS)): fuzz-%: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/crashes/$*
	@echo "== fuzz_$* for $(FUZZ_SECONDS) s (log: $(FUZZ_BUILD)/fuzz_$*.log)"
	@$(FUZZ_BUILD)/tests/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  -timeout=25 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/$*/ \
	  $(FUZZ_BUILD)/corpus/$* tests/fuzz/corpus/$* >$(FUZZ_BUILD)/fuzz_$*.log 2>&1; \
	  rc=$$?; grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|ERROR|SUMMARY|Test unit written' \
	  $(FUZZ_BUILD)/fuzz_$*.log; exit $$rc

bench: build
	./bench/run.sh $(BUILD)/rotaplan
	./bench/optimum.sh $(BUILD)/rotaplan

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(VG_BUILD) $(FUZZ_BUILD)
