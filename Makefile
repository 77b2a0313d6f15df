# jixiao — make demo | make test | make build | make bench
SWIFT ?= swift
APT_PACKAGES := libxlsxwriter-dev libzip-dev libsqlite3-dev pkg-config
PYTHON ?= python3

.PHONY: deps test-deps bench-deps build debug test bench demo clean

# Debian packages the build links against; installed only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# openpyxl is the third-party reader the golden tests cross-check with (skipped when absent).
test-deps:
	@$(PYTHON) -c "import openpyxl" 2>/dev/null || $(PYTHON) -m pip install -q openpyxl 2>/dev/null || echo "openpyxl unavailable: cross-checks will be skipped"

build: deps
	$(SWIFT) build -c release

debug: deps
	$(SWIFT) build

test: deps test-deps
	$(SWIFT) test

# The bundled 2025 example, collected and reported in ./demo-workspace.
demo: build
	bash scripts/demo.sh

# Third-party readers to compare against, and XlsxWriter to generate the inputs.
bench-deps:
	@$(PYTHON) -c "import python_calamine, xlsxwriter" 2>/dev/null || $(PYTHON) -m pip install -q python-calamine XlsxWriter
	@$(PYTHON) -c "import fastexcel" 2>/dev/null || $(PYTHON) -m pip install -q fastexcel 2>/dev/null || echo "fastexcel unavailable: its column will be empty"

bench: build bench-deps
	$(PYTHON) scripts/bench.py

clean:
	rm -rf .build demo-workspace
