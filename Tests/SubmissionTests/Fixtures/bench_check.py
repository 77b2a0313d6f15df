#!/usr/bin/env python3
"""Benchmark of the submission stage: `jixiao check` over N submission workbooks (read +
normalise + validate, no ledger), against python-calamine merely reading the same files.
Prints figures; asserts nothing.

    swift build -c release && python3 Tests/SubmissionTests/Fixtures/bench_check.py [N] [ROWS]
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from workbook_kit import ACTIVITY_HEADERS, WORKLOAD_HEADER, info_rows, op_rows, workload_label  # noqa: E402
BINARY = os.path.join(ROOT, ".build", "release", "jixiao")


def workbook(path, unit, month, rows):
    wb = Workbook()
    info = wb.active
    info.title = "基本信息"
    op_rows(info, info_rows([unit, unit + "科协", f"2025-{month:02d}", "张三"]))
    act = wb.create_sheet("活动明细")
    act.append(ACTIVITY_HEADERS)
    for i in range(rows):
        day = 1 + i % 28
        date = datetime.date(2025, month, day) if i % 3 else f"2025年{month}月{day}日"
        act.append([i + 1, f"科普活动第{i + 1}场", date, "线下" if i % 2 else "线上", "科普活动", "食品安全",
                    120 + i if i % 5 else f"约{50 + i}人", "社区", "", ""])
    wl = wb.create_sheet("工作量")
    op_rows(wl, [WORKLOAD_HEADER, [workload_label("吸纳科技工作者"), 3]])
    wb.save(path)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    if not os.path.exists(BINARY):
        sys.exit(f"build first: swift build -c release ({BINARY} missing)")
    work = tempfile.mkdtemp(prefix="jixiao-bench-")
    try:
        # A handful of distinct workbooks copied N times: generation time is not what is measured.
        seeds = []
        for k in range(10):
            p = os.path.join(work, f"seed{k}.xlsx")
            workbook(p, f"JD{k + 1:02d}", 1 + k % 12, rows)
            seeds.append(p)
        inbox = os.path.join(work, "inbox")
        os.mkdir(inbox)
        for i in range(n):
            shutil.copy(seeds[i % len(seeds)], os.path.join(inbox, f"JD{i % 12 + 1:02d}_{i:04d}.xlsx"))
        total_bytes = sum(os.path.getsize(os.path.join(inbox, f)) for f in os.listdir(inbox))

        start = time.perf_counter()
        done = subprocess.run([BINARY, "check", inbox, "--year", "2025"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check_s = time.perf_counter() - start
        accepted = done.stdout.decode().count("已接收")

        try:
            from python_calamine import CalamineWorkbook
            start = time.perf_counter()
            for f in sorted(os.listdir(inbox)):
                wb = CalamineWorkbook.from_path(os.path.join(inbox, f))
                for name in wb.sheet_names:
                    wb.get_sheet_by_name(name).to_python()
            calamine_s = time.perf_counter() - start
        except ImportError:
            calamine_s = None

        print(f"files: {n} workbooks, {rows} activity rows each, {total_bytes / 1e6:.1f} MB")
        print(f"jixiao check (read + validate): {check_s:.2f} s, {n / check_s:.0f} files/s, exit {done.returncode}, accepted {accepted}")
        if calamine_s is not None:
            print(f"python-calamine read only:      {calamine_s:.2f} s, {n / calamine_s:.0f} files/s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
