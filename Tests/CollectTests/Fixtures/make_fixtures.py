"""Regenerates the collect test fixtures (run from anywhere: python3 make_fixtures.py).
Small, hand-readable submissions in the template's layout, a GBK units.csv and a ZIP
bundle whose member names are GBK-encoded, as Windows archivers write them."""
import datetime
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from workbook_kit import write_bytes, write_submission, zip_bytes  # noqa: E402


def rows(period, specs):
    """specs: (name, day, form, category, theme, coverage)."""
    year, month = (int(x) for x in period.split("-"))
    return [[i + 1, name, datetime.date(year, month, day), form, cat, theme, cov, "社区", "", ""]
            for i, (name, day, form, cat, theme, cov) in enumerate(specs)]


def main():
    os.chdir(HERE)
    # Batch 1: JD01 March, JD02 March with an error, QU00 March with the district sheet.
    write_submission("batch1/JD01_2025-03.xlsx", "JD01", "吴家山街道科协", "2025-03", rows("2025-03", [
        ("食品安全进社区", 5, "线下", "科普活动", "食品安全", 120),
        ("网络安全讲座", 12, "线上", "科普活动", "网络安全", 300),
    ]), {"吸纳科技工作者": 2})
    write_submission("batch1/JD02_2025-03.xlsx", "JD02", "将军路街道科协", "2025-03", rows("2025-03", [
        ("应急演练", 8, "线下", "科普活动", "应急防灾", 80),
        ("青少年科技节", 20, "线下", "科普活动", "青少年科技教育", "很多人"),
    ]), {"申报科普项目": 9})
    write_submission("batch1/QU00_2025-03.xlsx", "QU00", "武汉市东西湖区科学技术协会", "2025-03", rows("2025-03", [
        ("学术年会", 18, "线下", "学术交流", "其他", 200),
    ]), {"新成立企业科协": 1},
        # 年初预算数, 追加数, 调减数, 全年执行数, the two questionnaire counts, 年度总体目标, 实际完成情况
        [381.71, 34.00, 45.07, 323.21, 200, 190, "全年开展科普活动", "完成"])
    # Batch 2: JD01 resubmits March (corrected), the same JD02-free bytes again, JD03 April.
    write_submission("batch2/JD01_2025-03_更正.xlsx", "JD01", "吴家山街道科协", "2025-03", rows("2025-03", [
        ("食品安全进社区", 5, "线下", "科普活动", "食品安全", 150),
        ("网络安全讲座", 12, "线上", "科普活动", "网络安全", 300),
        ("科学家精神报告会", 26, "线下", "科学家精神宣讲", "科学家精神", 90),
    ]), {"吸纳科技工作者": 3})
    write_submission("batch2/JD03_2025-04.xlsx", "JD03", "慈惠街道科协", "2025-04", rows("2025-04", [
        ("种苗技术培训", 9, "线下", "培训", "其他", 60),
    ]))
    # A bundle with GBK member names.
    with tempfile.TemporaryDirectory() as tmp:
        write_submission(f"{tmp}/JD04.xlsx", "JD04", "走马岭街道科协", "2025-05", rows("2025-05", [
            ("光电企业开放日", 14, "线下", "科创科普", "其他", 45),
        ]))
        write_submission(f"{tmp}/JD05.xlsx", "JD05", "径河街道科协", "2025-05", rows("2025-05", [
            ("防灾减灾宣传", 12, "线下", "科普活动", "应急防灾", 500),
        ]))
        members = []
        for member, source in [("五月/走马岭街道.xlsx", "JD04.xlsx"), ("五月/径河街道.xlsx", "JD05.xlsx")]:
            with open(os.path.join(tmp, source), "rb") as f:
                members.append((member, f.read()))
    write_bytes("五月报送.zip", zip_bytes(members, (2025, 6, 2, 9, 0, 0), gbk_names=True))

    # The default registry saved from WPS as GBK, without BOM, with CRLF line ends.
    with open(os.path.join(HERE, "..", "..", "..", "templates", "units.csv"), encoding="utf-8-sig") as f:
        text = f.read()
    write_bytes("units-gbk.csv", text.replace("\n", "\r\n").encode("gbk"))


if __name__ == "__main__":
    for d in ["batch1", "batch2"]:
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    main()
