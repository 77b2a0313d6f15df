#!/usr/bin/env python3
"""Makes the reader's test fixtures in Tests/Fixtures/reading/.

Every workbook here is written by another program (openpyxl, XlsxWriter, LibreOffice)
or assembled by hand the way WPS and Strict-OOXML writers lay their files out, so the
reader is tested on what it will meet, not on what it writes itself. The outputs are
committed; CI needs neither Python packages nor LibreOffice.

    python3 Tests/Fixtures/make_fixtures.py

Needs openpyxl and XlsxWriter; LibreOffice (soffice) is optional.
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from workbook_kit import FIXED_TIME, repack, write_bytes, zip_bytes  # noqa: E402

OUT = os.path.join(HERE, "reading")


def path(name):
    return os.path.join(OUT, name)


def stable_zip(target, members, compression=zipfile.ZIP_DEFLATED, gbk_names=False):
    write_bytes(target, zip_bytes(members, FIXED_TIME, compression, gbk_names=gbk_names))


def restamp(target):
    """Rewrites a ZIP written by a library with fixed member timestamps and document dates."""
    with open(target, "rb") as f:
        write_bytes(target, repack(f.read(), FIXED_TIME, doc_time=FIXED_TIME))


# --- written by other programs -------------------------------------------------------

def openpyxl_fixture():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "活动明细"
    ws.append(["序号", "活动名称", "活动日期", "活动形式", "覆盖人数", "备注"])
    ws.append([1, "食品安全进社区", datetime.date(2025, 3, 5), "线下", 120, "含 \"引号\", 逗号"])
    ws.append([2, "网络安全讲座", datetime.datetime(2025, 3, 18, 14, 30), "线上", 85.5, None])
    ws.append([3, "多行\n文字", datetime.date(2025, 3, 31), "线下", 0, True])
    ws["G2"] = "=E2*2"  # openpyxl saves formulas without a cached value
    ws.merge_cells("A6:C6")
    ws["A6"] = "合计"
    ws.row_dimensions[4].hidden = True
    ws["B8"] = 1.5e-3
    ws["C8"] = -42
    hidden = wb.create_sheet("隐藏表")
    hidden["A1"] = "hidden"
    hidden.sheet_state = "hidden"
    very = wb.create_sheet("深度隐藏")
    very["A1"] = "very"
    very.sheet_state = "veryHidden"
    wb.save(path("openpyxl.xlsx"))
    restamp(path("openpyxl.xlsx"))


def xlsxwriter_fixture():
    wb = xlsxwriter.Workbook(path("xlsxwriter.xlsx"))
    wb.set_properties({"created": datetime.datetime(2025, 1, 1)})
    bold = wb.add_format({"bold": True})
    iso = wb.add_format({"num_format": "yyyy-mm-dd"})
    zh = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    builtin_zh = wb.add_format({"num_format": 31})  # zh-CN built-in id: yyyy"年"m"月"d"日"
    money = wb.add_format({"num_format": "#,##0.00"})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, ["文字", "数字", "日期", "中文日期", "内置日期", "金额", "公式", "布尔", "错误", "富文本"])
    ws.write_string(1, 0, "吴家山街道")
    ws.write_number(1, 1, 323.21)
    ws.write_datetime(1, 2, datetime.date(2025, 3, 5), iso)
    ws.write_datetime(1, 3, datetime.date(2025, 12, 31), zh)
    ws.write_datetime(1, 4, datetime.date(2024, 2, 29), builtin_zh)
    ws.write_number(1, 5, 1234.5, money)
    ws.write_formula(1, 6, "=B2*2", None, 646.42)
    ws.write_boolean(1, 7, False)
    ws.write_formula(1, 8, "=1/0", None, "#DIV/0!")
    ws.write_rich_string(1, 9, bold, "科普", "活动")
    ws.write_formula(2, 6, '="合"&"计"', None, "合计")
    ws.merge_range("A4:C4", "合并单元格", bold)
    ws.set_row(4, None, None, {"hidden": True})
    ws.write_string(4, 0, "隐藏行")
    ws.write_datetime(5, 2, datetime.datetime(2025, 3, 5, 9, 15, 30), wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}))
    ws.write_number(5, 3, 45000, wb.add_format({"num_format": "[$-804]yyyy年m月"}))
    ws.write_number(5, 4, 0.25, wb.add_format({"num_format": "0.00%"}))
    wb.add_worksheet("空表")
    wb.close()



def date1904_fixture():
    wb = xlsxwriter.Workbook(path("date1904.xlsx"), {"date_1904": True})
    wb.set_properties({"created": datetime.datetime(2025, 1, 1)})
    ws = wb.add_worksheet("Sheet1")
    ws.write_datetime(0, 0, datetime.date(2025, 3, 5), wb.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_number(0, 1, 0, wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.close()



def libreoffice_fixture():
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: libreoffice.xlsx kept as it is")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "libreoffice.csv")
        with open(src, "w", encoding="utf-8") as f:
            f.write("单位代码,活动名称,覆盖人数,金额\nJD01,科普大篷车,120,12.5\nJD02,\"含,逗号\",85,0.1\n")
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
                        "--outdir", tmp, src], check=True, capture_output=True, env=env, timeout=180)
        shutil.copy(os.path.join(tmp, "libreoffice.xlsx"), path("libreoffice.xlsx"))
    restamp(path("libreoffice.xlsx"))


# --- assembled by hand, as other writers lay files out ---------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""


def package(target, workbook, workbook_rels, parts, ns_rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            root_target="xl/workbook.xml"):
    root_rels = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{ns_rel}/officeDocument" Target="{root_target}"/></Relationships>"""
    members = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels),
               ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels)] + parts
    stable_zip(target, members)


def wps_like_fixture():
    """Inline strings, no <dimension>, rows and cells without r, absolute relationship
    targets, an odd sheet file name, prefixed elements, ISO `d` cells and `_x000D_` escapes."""
    workbook = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="基本信息" sheetId="1" r:id="rId1"/><x:sheet name="活动明细" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>"""
    rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/info_a.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/detail_b.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com/" TargetMode="External"/></Relationships>"""
    styles = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="57"/></cellXfs></styleSheet>"""
    info = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>单位代码</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>JD01</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>报送月份</x:t></x:is></x:c><x:c s="2"><x:v>45717</x:v></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve">  备注 &amp; 说明 </x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>第一行_x000D_</x:t></x:r><x:r><x:t>
第二行</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>"""
    detail = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>活动名称</t></is></c><c t="inlineStr"><is><t>活动日期</t></is></c><c t="inlineStr"><is><t>覆盖人数</t></is></c></row><row><c t="inlineStr"><is><t>科普讲座</t></is></c><c s="1"><v>45721</v></c><c><v>120</v></c></row><row><c t="inlineStr"><is><t><![CDATA[<青少年> & 科技]]></t></is></c><c t="d"><v>2025-03-18T00:00:00</v></c><c t="n"><v> 85 </v></c></row><row r="6"><c r="C6" t="e"><v>#N/A</v></c><c r="A6" t="b"><v>1</v></c></row></sheetData></worksheet>"""
    package(path("wps_like.xlsx"), workbook, rels,
            [("xl/styles.xml", styles), ("xl/worksheets/info_a.xml", info), ("xl/worksheets/detail_b.xml", detail)])


def strict_fixture():
    """Strict OOXML: purl.oclc.org namespaces throughout, shared strings with rich runs and phonetic runs."""
    main = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    rel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    workbook = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{main}" xmlns:r="{rel}" conformance="strict"><workbookPr date1904="false"/><sheets><sheet name="Strict" sheetId="1" r:id="rId1"/></sheets></workbook>"""
    rels = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>"""
    sst = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{main}" count="3" uniqueCount="3"><si><t>东西湖区</t></si><si><r><rPr><b/></rPr><t>科学</t></r><r><t>技术</t></r><rPh sb="0" eb="2"><t>かがく</t></rPh></si><si><t>a&lt;b&gt;c&#x4E2D;&#25991;</t></si></sst>"""
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"""
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{main}"><dimension ref="A1:C2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" s="1"><v>45721</v></c><c r="B2"><f>A2+1</f><v>45722</v></c><c r="C2"><f>SUM(A1:A2)</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:C3"/></mergeCells></worksheet>"""
    package(path("strict.xlsx"), workbook, rels,
            [("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst), ("xl/worksheets/sheet1.xml", sheet)],
            ns_rel=rel)


# --- text files -------------------------------------------------------------------------

CSV_TEXT = "单位代码,活动名称,覆盖人数,备注\r\nJD01,\"科普, 讲座\",120,\"说\"\"明\"\"\"\r\nJD02,多行,85,\"第一行\n第二行\"\r\n"


def text_fixtures():
    with open(path("gbk.csv"), "wb") as f:
        f.write(CSV_TEXT.encode("gbk"))
    with open(path("utf16_tab.txt"), "wb") as f:
        f.write("\ufeff".encode("utf-16-le") + CSV_TEXT.replace(",", "\t").replace("\"科普\t 讲座\"", "科普, 讲座").encode("utf-16-le"))
    with open(path("utf8_bom_semicolon.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + "单位代码;活动名称;覆盖人数\nJD03;科普;7\n".encode("utf-8"))


# --- archives -----------------------------------------------------------------------------

def gbk_zip_fixture():
    """A bundle as zipped on Chinese Windows: GBK member names without the UTF-8 flag,
    one with a backslash separator, stored uncompressed."""
    with open(path("openpyxl.xlsx"), "rb") as f:
        workbook = f.read()
    members = [("三月/", b""), ("三月/JD01.xlsx", workbook), ("三月\\JD02.csv", CSV_TEXT.encode("gbk"))]
    stable_zip(path("gbk_names.zip"), members, zipfile.ZIP_STORED, gbk_names=True)


def hostile_fixtures():
    with open(path("openpyxl.xlsx"), "rb") as f:
        good = f.read()
    # An old .xls / encrypted workbook: an OLE2 compound file header.
    with open(path("ole2.xls"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    # Cut short, as an interrupted upload leaves it.
    with open(path("truncated.xlsx"), "wb") as f:
        f.write(good[: len(good) // 2])
    # Binary junk named as a spreadsheet.
    with open(path("picture.xlsx"), "wb") as f:
        f.write(bytes.fromhex("89504E470D0A1A0A0000000D49484452") + bytes(range(256)) * 4)
    # A ZIP that is not a workbook.
    stable_zip(path("plain.zip"), [("readme.txt", "not a workbook")])
    # Member names that would escape a folder if extracted.
    stable_zip(path("traversal.zip"), [("../evil.csv", "a,b\n1,2\n"), ("/abs/evil.csv", "x\n"), ("ok/JD01.csv", "a\n1\n")])

    workbook = """<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"""
    rels = """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
    head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = "</sheetData></worksheet>"

    # Billion laughs: a DTD whose entities expand exponentially.
    lol = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    laughs = f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(lol)}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    package(path("billion_laughs.xlsx"), workbook, rels,
            [("xl/sharedStrings.xml", laughs), ("xl/worksheets/sheet1.xml", head + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + tail)])
    # Nesting far deeper than any sheet needs.
    deep = head + '<row r="1"><c r="A1"><v>1</v></c></row>' + "<x>" * 100_000 + "</x>" * 100_000 + tail
    package(path("deep_nesting.xlsx"), workbook, rels, [("xl/worksheets/sheet1.xml", deep)])
    # One cell with a million characters (over Excel's 32,767).
    huge = head + '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "科" * 1_000_000 + "</t></is></c></row>" + tail
    package(path("huge_cell.xlsx"), workbook, rels, [("xl/worksheets/sheet1.xml", huge)])
    # A sheet part that inflates over a thousand-fold: 64 MB of spaces inside the XML.
    bomb = head + " " * (64 << 20) + tail
    package(path("zip_bomb.xlsx"), workbook, rels, [("xl/worksheets/sheet1.xml", bomb)])
    # Malformed XML: a mismatched end tag in the sheet.
    package(path("malformed.xlsx"), workbook, rels,
            [("xl/worksheets/sheet1.xml", head + '<row r="1"><c r="A1"><v>1</v></row></c>' + tail)])
    # Two cells at opposite corners of the sheet: a CSV padded to a rectangle would be 17 GB.
    package(path("far_corners.xlsx"), workbook, rels,
            [("xl/worksheets/sheet1.xml", head + '<row r="1"><c r="A1"><v>1</v></c></row>'
              '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>' + tail)])
    # A workbook whose sheet part is missing.
    package(path("missing_sheet.xlsx"), workbook, rels, [])


def main():
    os.makedirs(OUT, exist_ok=True)
    openpyxl_fixture()
    xlsxwriter_fixture()
    date1904_fixture()
    libreoffice_fixture()
    wps_like_fixture()
    strict_fixture()
    text_fixtures()
    gbk_zip_fixture()
    hostile_fixtures()
    total = sum(os.path.getsize(path(n)) for n in os.listdir(OUT))
    print(f"{len(os.listdir(OUT))} fixtures, {total} bytes")


if __name__ == "__main__":
    main()
