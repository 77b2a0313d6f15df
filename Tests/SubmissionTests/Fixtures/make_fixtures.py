#!/usr/bin/env python3
"""Writes the submission fixtures the end-to-end tests read: real files made by openpyxl,
with the mistakes sub-units make. Run from anywhere: python3 make_fixtures.py"""
import datetime
import io
import os
import sys

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from workbook_kit import (ACTIVITY_HEADERS, WORKLOAD_HEADER, district_rows, info_rows,  # noqa: E402
                          op_rows, repack, workload_label, write_bytes, zip_bytes)

STAMP = (2025, 4, 1, 8, 0, 0)
FIXED = datetime.datetime(*STAMP)


def save(wb, name):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the save time into 'modified' whatever is set.
    return write_bytes(os.path.join(HERE, name), repack(buf.getvalue(), STAMP, doc_time=STAMP))


def template(code, name, month, info_title="基本信息", activity_title="活动明细"):
    """A workbook with 基本信息 filled in and the 活动明细 header written."""
    wb = Workbook()
    info = wb.active
    info.title = info_title
    basic_info(info, code, name, month)
    act = wb.create_sheet(activity_title)
    act.append(ACTIVITY_HEADERS)
    return wb, act


def basic_info(ws, code, name, month):
    """基本信息 under a title row, the first two labels typed with a colon."""
    rows = info_rows([code, name, month, "张三", "027-83891234", datetime.date(2025, 4, 3)])
    for row in rows[:2]:
        row[0] += "："
    op_rows(ws, [["月度报送表"]] + rows)


def workload(ws, rows):
    op_rows(ws, [WORKLOAD_HEADER] + rows)


def street_workbook():
    """JD01, March 2025: a title row, units in headers, an extra column, text dates, an
    approximate count, a merged date, a hidden row, a formula without a cached value."""
    wb = Workbook()
    info = wb.active
    info.title = " 基本信息 "
    basic_info(info, "jd01", "吴家山街道科协", "2025年3月")
    act = wb.create_sheet("活动明细")
    act.append(["吴家山街道科协 2025年3月 活动明细"])
    units = {"活动日期": "活动日期(年/月/日)", "覆盖人数": "覆盖人数（人次）"}
    act.append([units.get(h, h) for h in ACTIVITY_HEADERS] + ["负责人"])
    act.append([1, "食品安全进社区", datetime.date(2025, 3, 5), "线下", "科普活动", "食品安全", 120, "吴家山社区", None, None, "李四"])
    act.append([2, "食品安全讲座（第二场）", None, "线下活动", "科普", "食品安全", "约50人", "吴家山社区"])
    act.merge_cells("C3:C4")
    act.append([3, "网络安全直播课", "2025/3/18", "线上直播", "科普活动", "网络安全", "1,200", None])
    act.append([4, "应急演练", "2025年3月20日", "线下", "培训", "应急防灾", 80, "社区广场"])
    act.row_dimensions[6].hidden = True
    act.append([5, "青少年科技节", "3月28日", "线下", "科创科普", "青少年科技教育", 300, "吴家山小学"])
    for n in range(6, 21):
        act.append([n])
    wl = wb.create_sheet("工作量")
    workload(wl, [[workload_label("新成立企业科协"), 1], [workload_label("吸纳科技工作者"), "5人"],
                  [workload_label("申报科普项目"), 2]])
    wb.create_sheet("填报说明").append(["请按模板填写"])
    save(wb, "JD01_2025-03.xlsx")


def broken_workbook():
    """JD03: a formula saved without a cached value, a WPS in-cell picture, a bad date."""
    wb, act = template("JD03", "慈惠街道科协", "2025-03")
    act.append([1, "科普讲座", "2025年13月5日", "线下", "科普活动", "食品安全", "=SUM(H9:H12)", "慈惠"])
    act.append([2, "科普展览", datetime.date(2025, 3, 9), "线下", "科普活动", "其他", 60, "慈惠", None, '=DISPIMG("ID_1F2E",1)'])
    workload(wb.create_sheet("工作量"), [])
    save(wb, "JD03_broken.xlsx")


def renamed_1904_workbook():
    """JD02: sheets renamed, the 1904 date system (old Mac Excel), 报送月份 as a date."""
    wb, act = template("JD02", "将军路街道科协", datetime.date(2025, 3, 1), "Sheet1", "三月活动")
    wb.epoch = datetime.datetime(1904, 1, 1)
    act.append([1, "科学家精神宣讲", datetime.date(2025, 3, 12), "线下", "科学家精神宣讲", "科学家精神", 45, "将军路街道"])
    act.append([2, "专家工作站调研", datetime.date(2025, 3, 26), "线下", "科创服务", "其他", 12, "园区"])
    workload(wb.create_sheet("Sheet3"), [[workload_label("获批专家工作站"), 1], [workload_label("引进专家人才"), 2]])
    save(wb, "JD02_renamed_1904.xlsx")


def district_workbook():
    """QU00, December: 预算与满意度 with money as numbers and as 万元 text."""
    wb, act = template("QU00", "区科协", "2025-12")
    act.append([1, "全国科普日主场活动", datetime.date(2025, 12, 6), "线下", "科普活动", "其他", 5000, "区科技馆"])
    workload(wb.create_sheet("工作量"), [])
    d = wb.create_sheet("预算与满意度")
    rows = district_rows([381.71, 34, "45.07万元", 323.21, 200, "190份", "推进科普惠民", "全面完成"])
    rows[0][0] += "（万元）"
    op_rows(d, rows)
    save(wb, "QU00_2025-12.xlsx")


CSV_ROWS = [
    ACTIVITY_HEADERS,
    ["1", "食品安全宣传", "2025-03-06", "线下", "科普活动", "食品安全", "１５０", "径河社区", "", ""],
    ["2", "防灾减灾讲座", "2025.3.12", "网络", "科普活动", "防灾减灾", "2万", "线上", "", ""],
]


def gbk_csv():
    text = "\r\n".join(",".join(r) for r in CSV_ROWS) + "\r\n"
    return write_bytes(os.path.join(HERE, "JD05_2025-03.csv"), text.encode("gbk"))


def bundle(name, members):
    """A ZIP as archivers on Chinese Windows write it: member names in GBK."""
    return write_bytes(os.path.join(HERE, name), zip_bytes(members, STAMP, gbk_names=True))


def main():
    street_workbook()
    broken_workbook()
    renamed_1904_workbook()
    district_workbook()
    csv = gbk_csv()
    with open(os.path.join(HERE, "JD02_renamed_1904.xlsx"), "rb") as f:
        jd02 = f.read()
    march = bundle("三月报送.zip", [
        ("三月/将军路街道.xlsx", jd02),
        ("三月/JD05_2025-03.csv", csv),
        ("三月/活动照片.jpg", b"\xff\xd8\xff\xe0 not really a picture"),
        ("__MACOSX/三月/._将军路街道.xlsx", b"\x00\x05\x16\x07"),
        ("三月/.DS_Store", b"\x00\x00\x00\x01Bud1"),
        ("三月/~$将军路街道.xlsx", b"lock"),
    ])
    # A bundle of bundles, and a ZIP with no spreadsheet at all.
    bundle("第一季度.zip", [("三月报送.zip", march)])
    bundle("照片.zip", [("活动照片1.jpg", b"\xff\xd8\xff\xe0 one"), ("活动照片2.png", b"\x89PNG two")])


if __name__ == "__main__":
    main()
