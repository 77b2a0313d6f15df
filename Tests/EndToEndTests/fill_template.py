"""Fills a blank jixiao template the way a unit's staff would, with openpyxl.

usage: fill_template.py TEMPLATE OUT JSON
JSON: {"activities": [[name, date, form, category, theme, coverage, place], ...],
       "workload": {"申报科普项目": 2, ...}, "district": {"年初预算数": 100, ...},
       "basic": {"本月无活动": "是", ...}, "deviation": [[三级指标, 偏差原因], ...]}
A deviation row whose 三级指标 the 偏差原因 sheet does not list is written below its last row.
Cells are found by their labels and headers, never by fixed positions.
"""
import datetime
import json
import os
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from workbook_kit import ACTIVITY_HEADERS, FIELDS  # noqa: E402

# What an activity in JSON holds: the template's columns from 活动名称 to 地点, in order.
COLUMNS = ACTIVITY_HEADERS[ACTIVITY_HEADERS.index("活动名称"):ACTIVITY_HEADERS.index("地点") + 1]
DATE_COLUMNS = {f["header"] for f in FIELDS["activity"] if f["kind"] == "date"}


def label_rows(ws):
    rows = {}
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str):
            rows[cell.value.split("(")[0].split("（")[0].strip().rstrip("：:")] = cell.row
    return rows


def main():
    template, out, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    wb = openpyxl.load_workbook(template)
    info = wb["基本信息"]
    rows = label_rows(info)
    for label, value in spec.get("basic", {}).items():
        info.cell(row=rows[label], column=2, value=value)
    acts = wb["活动明细"]
    headers = {c.value: c.column for c in acts[1] if c.value}
    for i, row in enumerate(spec.get("activities", []), start=2):
        acts.cell(row=i, column=headers["序号"], value=i - 1)
        for name, value in zip(COLUMNS, row):
            if name in DATE_COLUMNS:
                value = datetime.datetime.strptime(value, "%Y-%m-%d")
            acts.cell(row=i, column=headers[name], value=value)
    work = wb["工作量"]
    rows = label_rows(work)
    for item, qty in spec.get("workload", {}).items():
        work.cell(row=rows[item], column=2, value=qty)
    if spec.get("district"):
        district = wb["预算与满意度"]
        rows = label_rows(district)
        for label, value in spec["district"].items():
            district.cell(row=rows[label], column=2, value=value)
    if spec.get("deviation"):
        sheet = wb[FIELDS["deviation"]["sheet"]]
        headers = {c.value: c.column for c in sheet[1] if c.value}
        name_col, reason_col = headers["三级指标"], headers["偏差原因分析及改进措施"]
        for name, reason in spec["deviation"]:
            row = next((r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=name_col).value == name), None)
            if row is None:
                row = sheet.max_row + 1
                sheet.cell(row=row, column=name_col, value=name)
            sheet.cell(row=row, column=reason_col, value=reason)
    wb.save(out)


if __name__ == "__main__":
    main()
