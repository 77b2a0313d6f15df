"""Files for the return-copy tests, made with openpyxl as a unit's Excel would.

usage: return_copy_files.py fix IN OUT JSON
         JSON: {"活动明细!C7": "2025-06-15", ...}; a YYYY-MM-DD value is written as a date.
         Opens a return copy, corrects the cells and saves it, like a unit correcting it.
       return_copy_files.py report FILE
         Prints, as JSON, each sheet's comments and fills: {sheet: {"comments": {ref: text},
         "fills": {ref: RRGGBB}, "values": {ref: text}}}, and the sheet names in order.
       return_copy_files.py bundle OUT
         A ZIP of three members, each rejected: a workbook laid out unlike the template
         (renamed sheet, a title row, other column order), a CSV with its columns in another
         order, and a Word file.
"""
import datetime
import io
import json
import re
import sys
import zipfile

import openpyxl


def fix(src, out, cells):
    wb = openpyxl.load_workbook(src)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = datetime.datetime.strptime(value, "%Y-%m-%d")
        wb[sheet][cell].value = value
    wb.save(out)


def report(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "active": wb.active.title}
    for ws in wb.worksheets:
        comments, fills, values = {}, {}, {}
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:
                    comments[c.coordinate] = c.comment.text
                if c.fill is not None and c.fill.patternType == "solid" and isinstance(c.fill.fgColor.rgb, str):
                    fills[c.coordinate] = c.fill.fgColor.rgb[-6:]
                if c.value is not None:
                    v = c.value
                    values[c.coordinate] = v.date().isoformat() if isinstance(v, datetime.datetime) else str(v)
        out[ws.title] = {"comments": comments, "fills": fills, "values": values}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


def reordered_workbook():
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "基本信息"
    info.append(["长青街道科协月度报送"])
    for label, value in [("单位代码", "JD06"), ("单位名称", "长青街道科协"), ("报送月份", "2025年6月"), ("填报人", "李四")]:
        info.append([label, value])
    acts = wb.create_sheet("六月活动")
    acts.append(["长青街道科协 2025 年 6 月活动情况"])
    acts.append(["活动名称", "活动日期", "覆盖人数（人次）", "活动主题", "活动类别", "活动形式", "地点"])
    acts.append(["社区科普讲座", datetime.datetime(2025, 6, 3), 80, "食品安全", "科普活动", "线下", "长青社区"])
    acts.append(["防汛应急演练", datetime.datetime(2025, 6, 9), 120, "防汛", "科普活动", "线下", "长青广场"])
    work = wb.create_sheet("工作量")
    work.append(["项目", "数量", "说明"])
    work.append(["申报科普项目(个)", 2, ""])
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def bundle(out):
    csv = "活动日期,活动名称,活动形式,活动类别,活动主题,覆盖人数\n" \
          "2025-06-05,夏季防溺水宣传,线下,科普活动,应急防灾,很多\n"
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("六月报送/长青街道.xlsx", reordered_workbook())
        z.writestr("六月报送/JD07_2025-06.csv", csv.encode("utf-8"))
        z.writestr("六月报送/说明.docx", b"not a spreadsheet")


def main():
    command = sys.argv[1]
    if command == "fix":
        fix(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
    elif command == "report":
        report(sys.argv[2])
    elif command == "bundle":
        bundle(sys.argv[2])
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
