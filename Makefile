# jixiao — make demo | make test | make build | make bench | make bench-scale
SWIFT ?= swift
APT_PACKAGES := libxlsxwriter-dev libzip-dev libsqlite3-dev pkg-config
PYTHON ?= python3

.PHONY: deps test-deps bench-deps build debug test bench bench-scale demo clean

# Debian packages the build links against; installed only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# What the cross-checks read our workbooks with: openpyxl, xlrd and python-docx (pip; Debian's
# python3-openpyxl / python3-xlrd / python3-docx when pip is refused), LibreOffice (Calc and Writer) with a CJK font and Carlito (measures columns as Calibri does in Excel), poppler's pdfinfo/pdftotext. Installed
# only when missing. Without them those tests skip, so under CI=true a failure stops here;
# elsewhere it is a warning.
test-deps:
	@strict=; case "$$CI" in [Tt][Rr][Uu][Ee]|1) strict=1;; esac; \
	missing=""; \
	$(PYTHON) -c "import openpyxl" 2>/dev/null || $(PYTHON) -m pip install -q openpyxl || missing=" python3-openpyxl"; \
	$(PYTHON) -c "import xlrd" 2>/dev/null || $(PYTHON) -m pip install -q xlrd || missing="$$missing python3-xlrd"; \
	$(PYTHON) -c "import docx" 2>/dev/null || $(PYTHON) -m pip install -q python-docx || missing="$$missing python3-docx"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc-nogui"; \
	dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	{ command -v pdfinfo && command -v pdftotext; } >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing="$$missing fonts-wqy-microhei"; \
	dpkg -s fonts-crosextra-carlito >/dev/null 2>&1 || missing="$$missing fonts-crosextra-carlito"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } \
	    || echo "test-deps: apt-get install$$missing failed" >&2; \
	fi; \
	absent=""; \
	$(PYTHON) -c "import openpyxl" 2>/dev/null || absent="$$absent openpyxl"; \
	$(PYTHON) -c "import xlrd" 2>/dev/null || absent="$$absent xlrd"; \
	$(PYTHON) -c "import docx" 2>/dev/null || absent="$$absent python-docx"; \
	for tool in soffice pdfinfo pdftotext; do command -v $$tool >/dev/null 2>&1 || absent="$$absent $$tool"; done; \
	dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || absent="$$absent fonts-wqy-microhei"; \
	dpkg -s fonts-crosextra-carlito >/dev/null 2>&1 || absent="$$absent fonts-crosextra-carlito"; \
	dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || absent="$$absent libreoffice-writer-nogui"; \
	if [ -n "$$absent" ]; then \
	  if [ -n "$$strict" ]; then echo "test-deps: missing$$absent (required under CI=true)" >&2; exit 1; fi; \
	  echo "test-deps: warning: missing$$absent; the tests that need them will be skipped" >&2; \
	fi

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
	@$(PYTHON) -c "import python_calamine, xlsxwriter, xlwt" 2>/dev/null || $(PYTHON) -m pip install -q python-calamine XlsxWriter xlwt
	@$(PYTHON) -c "import fastexcel" 2>/dev/null || $(PYTHON) -m pip install -q fastexcel 2>/dev/null || echo "fastexcel unavailable: its column will be empty"

bench: build bench-deps
	$(PYTHON) scripts/bench.py

# A province-size year (60,000 generated submissions, 1.2M activity records): collect, report
# and rebuild of 10%, 50% and 100% of it. Long (tens of minutes); not part of bench or test.
# Options through SCALE_ARGS, e.g. make bench-scale SCALE_ARGS="--files 6000 --keep".
SCALE_ARGS ?=
bench-scale: build
	@$(PYTHON) -c "import xlsxwriter, openpyxl" 2>/dev/null || $(PYTHON) -m pip install -q XlsxWriter openpyxl
	$(PYTHON) scripts/bench_scale.py --binary .build/release/jixiao $(SCALE_ARGS)

clean:
	rm -rf .build demo-workspace
