# kehu: one non-recursive Makefile (STYLE.md section 8).
#   make          build/libkehu.a and build/kehu (optimised)
#   make test     sanitizer build, every suite, closing "N passed, N failed"
#   make demo     install missing packages, build, run on bundled sample data
#   make fuzz     libFuzzer targets (clang), FUZZ_SECONDS each
#   make bench    the benchmarks under bench/
#   make lint     clang-format, tools/check_core.sh, clang-tidy, cppcheck
#   make format / clean
CC       ?= gcc
CLANG    ?= clang
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
            -Wstrict-prototypes -Wmissing-prototypes -Wcast-qual \
            -Wwrite-strings -Wvla
CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT      := -O2 -g -march=x86-64-v2
SAN      := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
LIBS     := -lgsl -lgslcblas -lsqlite3 -lm -lpthread
FUZZ_SECONDS ?= 60

LIB_SRC  := $(sort $(wildcard src/lib/*.c))
APP_SRC  := $(sort $(wildcard src/app/*.c))
OP_SRC   := $(sort $(wildcard src/app/op_*.c))
IO_SRC   := $(sort $(wildcard src/io/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
CMD_SRC  := $(sort $(wildcard src/cli/cmd_*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC))
HDRS     := $(wildcard include/kehu/*.h include/kehu/*/*.h src/*/*.h \
              tests/unit/*.h)

# Two trees: build/rel (optimised) and build/asan (sanitizers, -Werror).
REL_LIB_OBJ  := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) $(APP_SRC) $(IO_SRC))
ASAN_LIB_OBJ := $(patsubst %.c,build/asan/%.o,$(LIB_SRC) $(APP_SRC) $(IO_SRC))
CORE_OBJ     := $(patsubst %.c,build/asan/%.o,$(LIB_SRC))

.SECONDARY:
.PHONY: FORCE all test run-tests demo fuzz fuzz-deps bench lint run-lint \
        lint-format lint-core lint-tidy lint-cppcheck format clean deps
all: build/libkehu.a build/kehu

# The generated lists are remade on every run and replaced only when they
# change, so a deleted cmd_, op_ or test_ file drops out of them too.
build/gen/commands.h: FORCE
	@mkdir -p $(@D)
	@for f in $(CMD_SRC); do b=$$(basename $$f .c); \
	  echo "KEHU_COMMAND($${b#cmd_})"; done > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

build/gen/ops.h: FORCE
	@mkdir -p $(@D)
	@for f in $(OP_SRC); do b=$$(basename $$f .c); \
	  echo "KEHU_OP($${b#op_})"; done > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

build/gen/tests.h: FORCE
	@mkdir -p $(@D)
	@for f in $(TEST_SRC); do b=$$(basename $$f .c); \
	  echo "KEHU_TEST($${b#test_})"; done > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

build/rel/%.o: %.c $(HDRS) build/gen/commands.h build/gen/ops.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(OPT) $(CPPFLAGS) -Ibuild/gen -c $< -o $@

build/asan/%.o: %.c $(HDRS) build/gen/commands.h build/gen/ops.h build/gen/tests.h
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(WARN) -Werror $(SAN) $(CPPFLAGS) -Ibuild/gen -Itests/unit -c $< -o $@

build/libkehu.a: $(REL_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/asan/libkehu.a: $(ASAN_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/kehu: $(patsubst %.c,build/rel/%.o,$(CLI_SRC)) build/libkehu.a
	$(CC) $(OPT) -o $@ $^ $(LIBS)

build/asan/kehu: $(patsubst %.c,build/asan/%.o,$(CLI_SRC)) build/asan/libkehu.a
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/asan/unit: $(patsubst %.c,build/asan/%.o,$(TEST_SRC) tests/unit/run.c) build/asan/libkehu.a
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/asan/replay_%: build/asan/tests/fuzz/%.o build/asan/tests/fuzz/replay.o build/asan/libkehu.a
	$(CC) $(SAN) -o $@ $^ $(LIBS)

# test installs missing packages first, so it works on a fresh machine.
test:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory -j2 run-tests

run-tests: build/asan/kehu build/asan/unit $(patsubst %,build/asan/replay_%,$(FUZZ_TARGETS)) build/kehu
	@KEHU=build/asan/kehu KEHU_REL=build/kehu sh tests/run.sh

demo:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

deps:
	@sh tools/deps.sh

# ops.h is order-only: op.c includes it, but it is not a source to compile.
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(APP_SRC) $(IO_SRC) | build/gen/ops.h
	@mkdir -p $(@D)
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -Ibuild/gen -o $@ $^ $(LIBS)

# Fuzzing needs clang (not needed for make test, which replays the corpora
# with gcc). New inputs go to build/fuzz/new_TARGET, to copy into
# tests/fuzz/corpus/ when worth keeping.
fuzz-deps:
	@KEHU_DEPS_EXTRA=clang sh tools/deps.sh

fuzz: fuzz-deps $(patsubst %,build/fuzz/%,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/new_$$t; \
	  build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    build/fuzz/new_$$t tests/fuzz/corpus/$$t || exit 1; done

bench: all
	@for b in bench/*.sh; do sh $$b || exit 1; done

# Static analysis (STYLE.md section 11), zero findings. lint installs the
# tools first, as test does; -k reports every finding, not the first.
# clang-tidy runs once per file (build/tidy/*.ok stamps, redone when the
# file, a header or .clang-tidy changes).
LINT_SRC   := $(LIB_SRC) $(APP_SRC) $(IO_SRC) $(CLI_SRC) $(TEST_SRC) \
              tests/unit/run.c $(FUZZ_SRC) tests/fuzz/replay.c
FORMAT_SRC := $(LINT_SRC) include/kehu/*.h include/kehu/*/*.h src/*/*.h \
              tests/unit/*.h
TIDY_FLAGS := -std=c11 $(CPPFLAGS) -Ibuild/gen -Itests/unit
CPPCHECK   := cppcheck --std=c11 --enable=warning,style,performance,portability \
              --error-exitcode=1 --inline-suppr --quiet

lint:
	@KEHU_DEPS_EXTRA="clang-format clang-tidy cppcheck" sh tools/deps.sh
	@$(MAKE) --no-print-directory -k -j2 run-lint

run-lint: lint-format lint-core lint-tidy lint-cppcheck

lint-format:
	@clang-format --dry-run -Werror $(FORMAT_SRC)

lint-core:
	@sh tools/check_core.sh

lint-tidy: $(patsubst %.c,build/tidy/%.ok,$(LINT_SRC))

build/tidy/%.ok: %.c $(HDRS) .clang-tidy build/gen/commands.h build/gen/ops.h build/gen/tests.h
	@mkdir -p $(@D)
	@echo "  TIDY    $<"
	@clang-tidy --quiet $< -- $(TIDY_FLAGS) 2>/dev/null && touch $@

lint-cppcheck:
	@$(CPPCHECK) -I include src
	@$(CPPCHECK) -I include -I tests/unit tests

format:
	clang-format -i $(FORMAT_SRC)

clean:
	rm -rf build

FORCE:
