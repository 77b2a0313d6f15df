"""Files for the monthly-loop tests, made with openpyxl as a unit's Excel would.

usage: monthly_loop_files.py reuse IN OUT YYYY-MM
         A unit reusing last month's workbook: every 活动日期 moved into YYYY-MM (same day,
         at most the 28th), 报送月份 left as it was.
"""
import datetime
import os
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from workbook_kit import FIELDS  # noqa: E402

DATE_COLUMNS = {f["header"] for f in FIELDS["activity"] if f["kind"] == "date"}


def reuse(src, out, month):
    year, mon = (int(p) for p in month.split("-"))
    wb = openpyxl.load_workbook(src)
    acts = wb["活动明细"]
    header = next(r for r in acts.iter_rows(max_row=10) if any(c.value in DATE_COLUMNS for c in r))
    columns = [c.column for c in header if c.value in DATE_COLUMNS]
    moved = 0
    for row in acts.iter_rows(min_row=header[0].row + 1):
        for cell in row:
            if cell.column in columns and isinstance(cell.value, datetime.datetime):
                cell.value = datetime.datetime(year, mon, min(cell.value.day, 28))
                moved += 1
    if moved < 2:
        sys.exit(f"only {moved} dates in {src}")
    wb.save(out)


if __name__ == "__main__":
    {"reuse": reuse}[sys.argv[1]](*sys.argv[2:])
