#!/usr/bin/env python3
"""Cell-by-cell cross-check of `jixiao cat` against a third-party reader.

    python3 Tests/Fixtures/differential.py JIXIAO FILE...

XLSX files are read with openpyxl, .xls with xlrd. For every sheet, every cell's text as
jixiao prints it is compared with the other reader's value, printed the way Excel shows it
(shortest round-trip numbers, ISO dates, TRUE/FALSE). Differences that are known and
decided are in ALLOWED, each with its reason; any other difference is printed and the exit
status is 1. Exit 3 when a reader is missing.
"""
import csv
import datetime
import io
import os
import subprocess
import sys

# (fixture name, sheet, cell): why jixiao and the other reader differ there.
ALLOWED = {
    # openpyxl saves formulas without a cached value and reads back the formula text;
    # jixiao prints nothing for a formula with no cached result.
    ("openpyxl.xlsx", "活动明细", "G2"): "uncached formula",
    # Dates under formats openpyxl does not take for dates (a zh-CN built-in id WPS writes, a
    # custom code with CJK text): Excel shows them as dates, and so does jixiao.
    ("xlsxwriter.xlsx", "数据", "E2"): "date format openpyxl does not recognise",
    ("wps_like.xlsx", "基本信息", "B2"): "zh-CN built-in date format",
    # `_x000D_` is OOXML's escape for a carriage return; openpyxl leaves it undone.
    ("wps_like.xlsx", "基本信息", "B3"): "_xHHHH_ escape decoded",
    # Serial 0 in the 1904 system is 1904-01-01, as Excel shows it; openpyxl gives a time of day.
    ("date1904.xlsx", "Sheet1", "B1"): "serial 0 under 1904",
}


def column_name(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def shown_number(v):
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def shown_datetime(d):
    if isinstance(d, datetime.datetime):
        if d.hour == d.minute == d.second == 0:
            return d.strftime("%Y-%m-%d")
        return d.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(d, datetime.date):
        return d.strftime("%Y-%m-%d")
    if isinstance(d, datetime.time):
        return d.strftime("%H:%M:%S")
    if isinstance(d, datetime.timedelta):
        seconds = int(round(d.total_seconds()))
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(d)


def openpyxl_cells(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None or v == "":
                    continue
                if isinstance(v, (datetime.date, datetime.time, datetime.timedelta)):
                    text = shown_datetime(v)
                elif isinstance(v, (int, float)):
                    text = shown_number(v)
                else:
                    text = str(v)
                cells[f"{column_name(c.column)}{c.row}"] = text
        out[ws.title] = cells
    return out


def xlrd_cells(path):
    import xlrd
    book = xlrd.open_workbook(path, formatting_info=False)
    errors = xlrd.error_text_from_code
    out = {}
    for sheet in book.sheets():
        cells = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if cell.ctype == xlrd.XL_CELL_TEXT:
                    if cell.value == "":
                        continue
                    text = cell.value
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    text = shown_number(cell.value)
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    value = cell.value
                    if value < 1:
                        seconds = int(round(value * 86400))
                        text = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
                    else:
                        text = shown_datetime(xlrd.xldate.xldate_as_datetime(value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    text = "TRUE" if cell.value else "FALSE"
                else:
                    text = errors.get(cell.value, "#N/A")
                cells[f"{column_name(c + 1)}{r + 1}"] = text
        out[sheet.name] = cells
    return out


def jixiao_cells(jixiao, path, sheet):
    result = subprocess.run([jixiao, "cat", "--sheet", sheet, path], capture_output=True)
    if result.returncode != 0:
        return None, result.stderr.decode("utf-8", "replace")
    cells = {}
    rows = csv.reader(io.StringIO(result.stdout.decode("utf-8"), newline=""))
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v != "":
                cells[f"{column_name(c)}{r}"] = v
    return cells, ""


def compare(jixiao, path):
    name = os.path.basename(path)
    try:
        expected = xlrd_cells(path) if path.endswith(".xls") else openpyxl_cells(path)
    except ImportError as e:
        print(f"missing reader: {e}")
        sys.exit(3)
    problems = []
    for sheet, cells in expected.items():
        got, err = jixiao_cells(jixiao, path, sheet)
        if got is None:
            problems.append(f"{name} / {sheet}: jixiao cat failed: {err.strip()}")
            continue
        for ref in sorted(set(cells) | set(got)):
            a, b = got.get(ref, ""), cells.get(ref, "")
            if a != b and (name, sheet, ref) not in ALLOWED:
                problems.append(f"{name} / {sheet}!{ref}: jixiao {a[:60]!r} ≠ {b[:60]!r}")
    return problems


def main():
    jixiao, files = sys.argv[1], sys.argv[2:]
    problems = []
    for path in files:
        problems += compare(jixiao, path)
    for p in problems:
        print(p)
    print(f"{len(files)} files compared, {len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
