# safi - streaming Unix filters that clean text corpora.
#
#   make                  build libsafi and every program into $(BUILD)/
#   make check            run the whole test suite (TAP, through prove)
#   make check-scale      the scale-out recipes on a Slurm cluster and ssh hosts
#   make sanitize         the same suite under ASan + UBSan, in build-san/
#                         (CC=clang: in build-san-clang/, beside gcc's)
#   make bench            speed and memory against the peers (CORPUS=...)
#   make fuzz             libFuzzer targets, FUZZ_SECONDS each (FUZZ_TARGETS=...)
#   make fuzz-seeds       minimise what make fuzz found into tests/fuzz/seeds/
#   make install          PREFIX=/usr/local DESTDIR= ; make uninstall
#   make man              regenerate man/*.[17] from man/*.scd (needs scdoc)
#   make bp-validate      a learned scorer for strip-boilerplate against its
#                         rules, across labelled sets (TRAIN_DATA=...)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DOCDIR ?= $(PREFIX)/share/doc/safi
EXAMPLESDIR ?= $(PREFIX)/share/safi/examples

BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
EXTRA_CFLAGS ?=
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CORPUS ?= ../shared/bench/corpus-50M.txt
TRAIN_DATA ?= ../shared/eval/boilerplate/data
FUZZ_SECONDS ?= 60

VERSION = 0.1.0
SOVERSION = 0

# ICU and utf8proc, found with pkg-config; say which Debian package is missing.
ifeq ($(filter clean distclean man,$(MAKECMDGOALS)),)
ifneq ($(shell pkg-config --version >/dev/null 2>&1 && echo ok),ok)
$(error pkg-config not found: install the Debian package pkg-config)
endif
ifneq ($(shell pkg-config --exists icu-uc icu-i18n && echo ok),ok)
$(error ICU (icu-uc, icu-i18n) not found by pkg-config: install the Debian package libicu-dev)
endif
ifneq ($(shell pkg-config --exists libutf8proc && echo ok),ok)
$(error utf8proc (libutf8proc) not found by pkg-config: install the Debian package libutf8proc-dev)
endif
# The programs (not libsafi) read compressed input through the reference
# libraries; libbz2-dev has no pkg-config file, so its header is looked for.
ifneq ($(shell pkg-config --exists zlib && echo ok),ok)
$(error zlib not found by pkg-config: install the Debian package zlib1g-dev)
endif
ifneq ($(shell pkg-config --exists libzstd && echo ok),ok)
$(error libzstd not found by pkg-config: install the Debian package libzstd-dev)
endif
ifneq ($(shell pkg-config --exists liblzma && echo ok),ok)
$(error liblzma not found by pkg-config: install the Debian package liblzma-dev)
endif
ifneq ($(shell printf '\043include <bzlib.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo ok),ok)
$(error bzlib.h not found: install the Debian package libbz2-dev)
endif
endif
DEP_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n libutf8proc 2>/dev/null)
DEP_LIBS := $(shell pkg-config --libs icu-uc icu-i18n libutf8proc 2>/dev/null)

# -fvisibility=hidden: libsafi.so exports only what the installed headers
# declare (lib/safi/api.h), never a function internal to the library.
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARNINGS) \
	$(CFLAGS) $(EXTRA_CFLAGS) -Ilib -Icmd/common -I$(BUILD)/gen $(DEP_CFLAGS) -fPIC \
	-fvisibility=hidden
LDLIBS = $(DEP_LIBS) -lm
CLI_LIBS := $(shell pkg-config --libs zlib libzstd liblzma 2>/dev/null) -lbz2 -pthread

LIB_SRC := $(sort $(wildcard lib/*.c))
LIB_OBJ := $(LIB_SRC:lib/%.c=$(BUILD)/obj/lib/%.o) $(BUILD)/obj/gen/safi_data.o
DATA := $(sort $(wildcard lib/data/*.txt))
CLI_SRC := $(sort $(wildcard cmd/common/*.c))
CLI_OBJ := $(CLI_SRC:cmd/common/%.c=$(BUILD)/obj/cmd/common/%.o)
PROG_SRC := $(sort $(wildcard cmd/*.c))
PROGS := $(PROG_SRC:cmd/%.c=$(BUILD)/%)
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNITS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
CONF_SRC := $(sort $(wildcard tests/conformance/*.c))
CONFS := $(CONF_SRC:tests/conformance/%.c=$(BUILD)/tests/conformance/%)
FUZZ_SRC := $(sort $(filter-out tests/fuzz/driver.c,$(wildcard tests/fuzz/*.c)))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/fuzz/%)
BENCH_SRC := $(sort $(wildcard tests/bench/*.c))
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/tests/bench/%)
HEADERS := $(sort $(wildcard lib/safi/*.h)) lib/safi.h
# What make install puts under EXAMPLESDIR: the scripts (with BINDIR
# written into them, so that they find the programs under cron's PATH) and
# the data they and the man pages use.
EXAMPLE_SCRIPTS := $(sort $(wildcard examples/*.sh examples/cron/*.sh examples/slurm/*.sh \
  examples/slurm/*.sbatch))
EXAMPLE_DATA := $(sort $(wildcard examples/*.txt examples/*.abbrev))
EXAMPLE_CORPUS := $(sort $(wildcard examples/corpus/*))
EXAMPLE_CRAWL := $(sort $(wildcard examples/crawl/*))
MAN_SRC := $(sort $(wildcard man/*.scd))
MAN_PAGES := $(MAN_SRC:.scd=)

.PHONY: all check check-scale test sanitize bench fuzz fuzz-build fuzz-seeds install uninstall clean man bp-validate
.DELETE_ON_ERROR:

all: $(BUILD)/libsafi.a $(BUILD)/libsafi.so $(BUILD)/safi.pc $(PROGS) $(BUILD)/tools/bp-train

$(BUILD)/gen/safi_data.c: tools/gen-data.sh $(DATA)
	@mkdir -p $(@D)
	sh tools/gen-data.sh $(DATA) > $@

$(BUILD)/obj/gen/safi_data.o: $(BUILD)/gen/safi_data.c lib/safi/data.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c $(HEADERS) $(wildcard lib/*.h) $(wildcard cmd/common/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libsafi.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/libsafi.so: $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libsafi.so.$(SOVERSION) -o $@ $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/safi.pc: Makefile
	@mkdir -p $(@D)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	  'Name: safi' 'Description: streaming filters that clean text corpora' \
	  'Version: $(VERSION)' 'Requires.private: icu-uc icu-i18n libutf8proc' \
	  'Libs: -L$${libdir} -lsafi' 'Libs.private: -lm' 'Cflags: -I$${includedir}' > $@

$(BUILD)/%: $(BUILD)/obj/cmd/%.o $(CLI_OBJ) $(BUILD)/libsafi.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(CLI_OBJ) $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS) $(CLI_LIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

# Unicode's own test files (from Debian's unicode-data) through libsafi.
$(BUILD)/tests/conformance/%: tests/conformance/%.c tests/unit/tap.h $(wildcard tests/conformance/*.h) $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itests/conformance -o $@ $< $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

# Fuzz targets built with a plain driver replay their seeds in make check.
$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/driver.c $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/driver.c $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

# A learned line scorer for strip-boilerplate, trained and validated
# against the rules across labelled data sets (tools/bp-train.c).
$(BUILD)/tools/bp-train: tools/bp-train.c tools/bp-model.c tools/bp-model.h $(wildcard lib/*.h) $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itools -o $@ tools/bp-train.c tools/bp-model.c $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/unit/test_bp_model: tests/unit/test_bp_model.c tests/unit/tap.h tools/bp-model.c tools/bp-model.h $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itools -o $@ $< tools/bp-model.c $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

bp-validate: $(BUILD)/tools/bp-train
	$(BUILD)/tools/bp-train -V $(TRAIN_DATA)

# The failing allocator (tests/alloc/failalloc.h) takes the place of malloc
# and friends in libsafi and the programs' own code, through the linker.
WRAP_ALLOC = tests/alloc/failalloc.c \
	-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=free
ALLOC_BINS := $(PROG_SRC:cmd/%.c=$(BUILD)/tests/alloc/bin/%) $(BUILD)/tests/alloc/alloc_lib

$(BUILD)/tests/alloc/bin/%: $(BUILD)/obj/cmd/%.o $(CLI_OBJ) $(BUILD)/libsafi.a tests/alloc/failalloc.c tests/alloc/failalloc.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/alloc -o $@ $< $(CLI_OBJ) $(BUILD)/libsafi.a $(WRAP_ALLOC) $(LDFLAGS) $(LDLIBS) $(CLI_LIBS)

$(BUILD)/tests/alloc/alloc_lib: tests/alloc/alloc_lib.c tests/alloc/failalloc.c tests/alloc/failalloc.h tests/unit/tap.h $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itests/alloc -o $@ $< $(BUILD)/libsafi.a $(WRAP_ALLOC) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/bench/%: tests/bench/%.c $(BUILD)/libsafi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(BUILD)/libsafi.a $(LDFLAGS) $(LDLIBS)

# dedup's peer hashes its shingles with SHA-1, as datasketch does.
$(BUILD)/tests/bench/minhash_lsh_baseline: LDLIBS += $(shell pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto)

check: all $(UNITS) $(CONFS) $(FUZZ_REPLAY) $(ALLOC_BINS)
	SAFI_BUILD=$(abspath $(BUILD)) SAFI_CC='$(CC)' SAFI_CXX='$(CXX)' SAFI_LDFLAGS='$(LDFLAGS)' prove -f --exec '' tests/*.t tests/shell/*.t

test: check

# The scale-out recipes on real engines: a one-node Slurm cluster and two
# ssh hosts on loopback, started and stopped by the tests (as root; they
# skip otherwise).  Apart from check, as it starts daemons.
check-scale: all
	SAFI_BUILD=$(abspath $(BUILD)) prove -f --exec '' tests/scale/*.t

# Each compiler's UBSan sees different things (clang's finds null + 0, gcc's
# does not), so each gets its own build directory and both can be kept.
SAN_BUILD = build-san$(if $(findstring clang,$(CC)),-clang)
sanitize:
	$(MAKE) BUILD=$(SAN_BUILD) CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' check

bench: all $(BENCH_BIN)
	SAFI_BUILD=$(abspath $(BUILD)) CORPUS=$(abspath $(CORPUS)) sh tests/bench/run.sh

# libFuzzer: a separate instrumented build.  Any UBSan finding is fatal, as
# an ASan one is.  Each target grows its own corpus in build-fuzz/corpus/,
# starting from tests/fuzz/seeds/ (the files there and in every subfolder);
# make fuzz-seeds minimises it into tests/fuzz/seeds/TARGET/.  libFuzzer
# runs every one of those files before FUZZ_SECONDS starts to count, which
# for a slow target (fuzz_boilerplate, fuzz_normalize) takes minutes.
FUZZ_BUILD = build-fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS ?= $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_ARGS ?= -max_total_time=$(FUZZ_SECONDS)
fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang CFLAGS='-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)' $(FUZZ_BUILD)/libsafi.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	set -e; for t in $(FUZZ_TARGETS); do \
	  clang $(ALL_CFLAGS:-I$(BUILD)/gen=-I$(FUZZ_BUILD)/gen) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) \
	    -o $(FUZZ_BUILD)/fuzz/$$t tests/fuzz/$$t.c $(FUZZ_BUILD)/libsafi.a $(LDLIBS); \
	done

fuzz: fuzz-build
	set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  $(FUZZ_BUILD)/fuzz/$$t $(FUZZ_ARGS) -max_len=4096 -artifact_prefix=$(FUZZ_BUILD)/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t tests/fuzz/seeds; \
	done

fuzz-seeds: fuzz-build
	set -e; for t in $(FUZZ_TARGETS); do \
	  rm -rf tests/fuzz/seeds/$$t.new; mkdir -p tests/fuzz/seeds/$$t.new; \
	  $(FUZZ_BUILD)/fuzz/$$t -merge=1 -max_len=4096 tests/fuzz/seeds/$$t.new \
	    $$(ls -d tests/fuzz/seeds/$$t $(FUZZ_BUILD)/corpus/$$t 2>/dev/null); \
	  rm -rf tests/fuzz/seeds/$$t; mv tests/fuzz/seeds/$$t.new tests/fuzz/seeds/$$t; \
	done

# Every page is regenerated (cheap, and a fresh clone's equal mtimes would
# otherwise hide a stale one); tools/man.sh takes the date from the source.
man:
	set -e; for src in $(MAN_SRC); do sh tools/man.sh $$src > $${src%.scd}.tmp; \
	  mv $${src%.scd}.tmp $${src%.scd}; done

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/safi \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	  $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DOCDIR) $(DESTDIR)$(EXAMPLESDIR)/cron \
	  $(DESTDIR)$(EXAMPLESDIR)/corpus $(DESTDIR)$(EXAMPLESDIR)/crawl \
	  $(DESTDIR)$(EXAMPLESDIR)/slurm
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 $(BUILD)/libsafi.a $(DESTDIR)$(LIBDIR)
	install -m 755 $(BUILD)/libsafi.so $(DESTDIR)$(LIBDIR)/libsafi.so.$(VERSION)
	ln -sf libsafi.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libsafi.so.$(SOVERSION)
	ln -sf libsafi.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libsafi.so
	install -m 644 lib/safi.h $(DESTDIR)$(INCLUDEDIR)
	install -m 644 $(wildcard lib/safi/*.h) $(DESTDIR)$(INCLUDEDIR)/safi
	install -m 644 $(BUILD)/safi.pc $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.3) $(DESTDIR)$(MANDIR)/man3
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	install -m 644 LICENSE README.md $(DESTDIR)$(DOCDIR)
	set -e; for f in $(EXAMPLE_SCRIPTS); do \
	  sed "s|^bindir='@BINDIR@'\$$|bindir='$(BINDIR)'|" $$f > $(DESTDIR)$(EXAMPLESDIR)/$${f#examples/}; \
	  chmod 755 $(DESTDIR)$(EXAMPLESDIR)/$${f#examples/}; done
	install -m 644 $(EXAMPLE_DATA) $(DESTDIR)$(EXAMPLESDIR)
	install -m 644 $(EXAMPLE_CORPUS) $(DESTDIR)$(EXAMPLESDIR)/corpus
	install -m 644 $(EXAMPLE_CRAWL) $(DESTDIR)$(EXAMPLESDIR)/crawl

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS)))
	rm -f $(DESTDIR)$(LIBDIR)/libsafi.a $(DESTDIR)$(LIBDIR)/libsafi.so \
	  $(DESTDIR)$(LIBDIR)/libsafi.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libsafi.so.$(VERSION)
	rm -f $(DESTDIR)$(INCLUDEDIR)/safi.h $(DESTDIR)$(PKGCONFIGDIR)/safi.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/safi
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard man/*.1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(wildcard man/*.3)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(wildcard man/*.7)))
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(EXAMPLESDIR)
	-rmdir $(DESTDIR)$(PREFIX)/share/safi 2>/dev/null

clean:
	rm -rf build build-san build-san-clang build-fuzz
