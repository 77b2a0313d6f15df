"""Monthly submission workbooks in the SPEC §3 template layout (月度报送表), for test
fixtures and the collect benchmark. Uses XlsxWriter only."""
import datetime
import random

import xlsxwriter

from workbook_kit import ACTIVITY_HEADERS, BASIC_LABELS, CATEGORIES, FORMS, THEMES, WORKLOAD_LABELS, workload_label


def random_activities(rng, year, month, count):
    """`count` plausible 活动明细 rows dated inside the month."""
    rows = []
    for i in range(count):
        rows.append([i + 1, f"{rng.choice(THEMES)}科普讲座第{i + 1}场", f"{year}-{month:02d}-{rng.randint(1, 28):02d}",
                     rng.choice(FORMS), rng.choice(CATEGORIES), rng.choice(THEMES), rng.randint(10, 500),
                     "社区活动中心", "", ""])
    return rows


def write_submission(path, unit, name, period, activities, workload=None, district=None):
    """One workbook: 基本信息, 活动明细 (rows as lists in ACTIVITY_HEADERS order), 工作量
    ({label: count}) and, for QU00, 预算与满意度 ({label: value})."""
    wb = xlsxwriter.Workbook(path)
    # A fixed creation time keeps regenerated files byte-identical.
    wb.set_properties({"created": datetime.datetime(2025, 1, 1)})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    info = wb.add_worksheet("基本信息")
    for r, (label, value) in enumerate(zip(BASIC_LABELS, [unit, name, period, "李敏", "027-83891101", f"{period}-28"])):
        info.write_string(r, 0, label)
        info.write_string(r, 1, value)
    sheet = wb.add_worksheet("活动明细")
    sheet.write_row(0, 0, ACTIVITY_HEADERS)
    for r, row in enumerate(activities, start=1):
        for c, value in enumerate(row):
            if c == 2 and isinstance(value, str) and len(value) == 10 and value[4] == "-":
                y, m, d = (int(x) for x in value.split("-"))
                sheet.write_datetime(r, c, datetime.datetime(y, m, d), date_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    work = wb.add_worksheet("工作量")
    work.write_row(0, 0, ["项目", "数量", "说明"])
    for r, label in enumerate(WORKLOAD_LABELS, start=1):
        work.write_string(r, 0, label)
        work.write_number(r, 1, (workload or {}).get(label, 0))
    if district:
        d = wb.add_worksheet("预算与满意度")
        for r, (label, value) in enumerate(district.items()):
            d.write_string(r, 0, label)
            if isinstance(value, str):
                d.write_string(r, 1, value)
            else:
                d.write_number(r, 1, value)
    wb.close()


def random_submission(path, rng, unit, name, year, month, rows):
    write_submission(path, unit, name, f"{year}-{month:02d}", random_activities(rng, year, month, rows),
                     {workload_label("吸纳科技工作者"): rng.randint(0, 5), workload_label("申报科普项目"): rng.randint(0, 2)})


if __name__ == "__main__":
    random_submission("/tmp/example-submission.xlsx", random.Random(1), "JD01", "吴家山街道科协", 2025, 3, 20)
    print("/tmp/example-submission.xlsx")
