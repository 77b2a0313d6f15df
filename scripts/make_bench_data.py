#!/usr/bin/env python3
"""Generates the benchmark inputs (not committed): one 1,000,000-cell shared-string
workbook (and the same kind of rows as a 1,000,000-cell legacy .xls, written by xlwt) and 1,000 submission-sized workbooks in the template's layout (基本信息, 活动明细, 工作量).

    python3 scripts/make_bench_data.py [DIR]     (default: bench-data/)

Files that already exist are kept, so repeated `make bench` runs start at once.
"""
import datetime
import os
import random
import sys

import xlsxwriter

from workbook_kit import (ACTIVITY_HEADERS, CATEGORIES, FORMS, THEMES, WORKLOAD_HEADER, WORKLOAD_ITEMS, info_rows,
                          workload_label, xw_rows)

PLACES = ["吴家山街道社区活动中心", "将军路街道文化站", "走马岭街道科普馆", "金银湖街道图书馆", "径河街道党群服务中心"]


def activity_row(rng, i, month):
    return [
        i,
        f"{rng.choice(THEMES)}主题科普讲座第{rng.randint(1, 400)}期",
        datetime.date(2025, month, rng.randint(1, 28)),
        rng.choice(FORMS),
        rng.choice(CATEGORIES),
        rng.choice(THEMES),
        rng.randint(10, 800),
        rng.choice(PLACES),
        f"合作单位{rng.randint(1, 60)}",
        rng.choice(["", "含线上直播", "联合举办", "学校专场"]),
    ]


def write_rows(ws, rows, date_format):
    xw_rows(ws, [ACTIVITY_HEADERS])
    xw_rows(ws, rows, 1, date_format=date_format)


def big_workbook(path, rows=100_000):
    """100,000 rows × 10 columns: mostly shared strings, as a year's district rollup would be."""
    rng = random.Random(1)
    wb = xlsxwriter.Workbook(path)
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("活动明细")
    write_rows(ws, (activity_row(rng, i, 1 + i % 12) for i in range(1, rows)), date_format)
    wb.close()


def big_xls(path, rows=50_000, sheets=2):
    """1,000,000 cells as Excel 97–2003 holds them: a sheet has at most 65,536 rows, so two
    sheets of 50,000 rows × 10 columns."""
    import xlwt
    rng = random.Random(7)
    wb = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for s in range(sheets):
        ws = wb.add_sheet(f"活动明细{s + 1}")
        for c, h in enumerate(ACTIVITY_HEADERS):
            ws.write(0, c, h)
        for r in range(1, rows):
            for c, v in enumerate(activity_row(rng, r, 1 + r % 12)):
                if isinstance(v, datetime.date):
                    ws.write(r, c, v, date)
                else:
                    ws.write(r, c, v)
    wb.save(path)


def small_workbook(path, seed):
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(path)
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    xw_rows(wb.add_worksheet("基本信息"), info_rows([f"JD{1 + seed % 12:02d}", "吴家山街道科协", "2025-03", "张三", "027-83891234"]))
    ws = wb.add_worksheet("活动明细")
    write_rows(ws, [activity_row(rng, i, 3) for i in range(1, 200)], date_format)
    work = [[workload_label(item), rng.randint(0, 9), ""] for item, _ in WORKLOAD_ITEMS[:3]]
    xw_rows(wb.add_worksheet("工作量"), [WORKLOAD_HEADER] + work)
    wb.close()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "bench-data"
    small = os.path.join(root, "small")
    os.makedirs(small, exist_ok=True)
    big = os.path.join(root, "big.xlsx")
    if not os.path.exists(big):
        print("generating", big, file=sys.stderr)
        big_workbook(big)
    big_legacy = os.path.join(root, "big.xls")
    if not os.path.exists(big_legacy):
        print("generating", big_legacy, file=sys.stderr)
        big_xls(big_legacy)
    missing = [i for i in range(1000) if not os.path.exists(os.path.join(small, f"JD{i:04d}.xlsx"))]
    if missing:
        print(f"generating {len(missing)} small workbooks", file=sys.stderr)
    for i in missing:
        small_workbook(os.path.join(small, f"JD{i:04d}.xlsx"), i)


if __name__ == "__main__":
    main()
