# The two commands a newcomer needs:
#   make demo   installs what this machine lacks, builds in release, runs `gaffer demo`
#   make test   installs what this machine lacks, then the test suite CI runs
#               (scripts/test, with its own dev server)
# scripts/install-deps holds the one list of packages both install.
# DEMO_ARGS passes flags on: make demo DEMO_ARGS="--rate 20"

RELEASE := .build-release

.PHONY: demo test setup build bench bench-workflows clean

demo: setup build
	$(RELEASE)/release/gaffer demo $(DEMO_ARGS)

test:
	scripts/install-deps test
	scripts/test

setup:
	scripts/install-deps demo

build:
	swift build -c release --scratch-path $(RELEASE) --product gaffer

# The side-by-side benchmark against the Python SDK worker (bench/README.md).
# BENCH_ARGS passes flags on: make bench BENCH_ARGS="--scale 0.2 --repeats 1"
bench:
	bench/run $(BENCH_ARGS)

# The workflow benchmark (bench/README.md, "Workflows"); BENCH_ARGS as above.
bench-workflows:
	bench/run-workflows $(BENCH_ARGS)

clean:
	rm -rf .build $(RELEASE)
