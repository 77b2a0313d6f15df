#!/usr/bin/env python3
"""Makes the legacy .xls (BIFF8) fixtures in Tests/Fixtures/reading/xls/, and the files that
content sniffing names (Word, PowerPoint, PDF, image, broken and empty archives) in
Tests/Fixtures/reading/sniff/.

The readable ones are written by other programs — xlwt (pip), LibreOffice
(`soffice --convert-to xls`) and Gnumeric (`ssconvert`) — so the reader meets what offices
send. The hostile and refused ones (a FAT loop, a huge sector count, a truncated stream, an
encrypted workbook, an Excel 95 file, Word and encrypted-OOXML containers) are compound files
assembled here byte by byte, following [MS-CFB] and [MS-XLS]. Outputs are committed; CI
needs none of these tools.

    python3 Tests/Fixtures/make_xls_fixtures.py

Needs xlwt and openpyxl; soffice and ssconvert are optional (their fixtures are kept as they are).
"""
import datetime
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import openpyxl
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
OUT = os.path.join(HERE, "reading", "xls")
EXAMPLE = os.path.join(ROOT, "examples", "dongxihu-2025", "inbox", "2025-03", "JD01_吴家山街道科协_2025-03.xlsx")


def path(name):
    return os.path.join(OUT, name)


# --- written by other programs ---------------------------------------------------------

def xlwt_fixture(name, dates_1904=False):
    wb = xlwt.Workbook(encoding="utf-8")
    wb.dates_1904 = dates_1904
    ws = wb.add_sheet("活动明细")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    stamp = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    clock = xlwt.easyxf(num_format_str="HH:MM")
    for c, h in enumerate(["序号", "活动名称", "活动日期", "活动形式", "覆盖人数", "备注"]):
        ws.write(0, c, h)
    ws.write(1, 0, 1)
    ws.write(1, 1, "食品安全进社区")
    ws.write(1, 2, datetime.date(2025, 3, 5), date)
    ws.write(1, 3, "线下")
    ws.write(1, 4, 120)
    ws.write(1, 5, '含 "引号", 逗号')
    ws.write(2, 0, 2)
    ws.write(2, 1, "网络安全讲座")
    ws.write(2, 2, datetime.datetime(2025, 3, 18, 14, 30), stamp)
    ws.write(2, 3, "线上")
    ws.write(2, 4, 85.5)
    ws.write(3, 0, 3)
    ws.write(3, 1, "多行\n文字")
    ws.write(3, 2, datetime.time(13, 30), clock)
    ws.write(3, 4, 0)
    ws.write(3, 5, True)
    ws.row(3).hidden = True
    ws.write_merge(5, 5, 0, 2, "合计")
    ws.write(7, 1, 1.5e-3)
    ws.write(7, 2, -42)
    ws.write(7, 3, 97.4)
    ws.write(7, 4, 323.21)
    ws.write(7, 5, 12345678901)
    hidden = wb.add_sheet("隐藏")
    hidden.write(0, 0, "hidden")
    hidden.visibility = 1
    wb.save(path(name))


def xlsx_source(target):
    """The workbook LibreOffice and Gnumeric convert: strings enough to need CONTINUE
    records in the SST, CJK text split across them, cached formulas, errors, rich text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "活动明细"
    ws.append(["序号", "活动名称", "活动日期", "覆盖人数", "经费（元）", "是否线上"])
    for i in range(1, 401):
        ws.append([i, f"第{i}场科普讲座：食品安全与健康生活知识进社区", datetime.date(2025, 3, 1 + i % 28),
                   i * 3, round(i * 12.35, 2), i % 2 == 0])
    ws["H1"] = "合计"
    ws["H2"] = "=SUM(D2:D401)"
    ws["H3"] = '="前缀"&B2'
    ws["H4"] = "=1/0"
    ws["H5"] = "=D2>1"
    ws["H6"] = "长" * 9000  # one string longer than a record
    ws.merge_cells("H8:J9")
    ws["H8"] = "合并"
    second = wb.create_sheet("说明")
    second["A1"] = "填表说明"
    second.sheet_state = "hidden"
    wb.save(target)


def convert(tool, source, target):
    with tempfile.TemporaryDirectory() as tmp:
        if tool == "soffice":
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "xls", "--outdir", tmp, source], check=True, capture_output=True)
            produced = os.path.join(tmp, os.path.splitext(os.path.basename(source))[0] + ".xls")
        else:
            produced = os.path.join(tmp, "out.xls")
            subprocess.run(["ssconvert", "--export-type=Gnumeric_Excel:excel_biff8", source, produced],
                           check=True, capture_output=True)
        shutil.copyfile(produced, target)


def converted_fixtures():
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "source.xlsx")
        xlsx_source(source)
        for tool, name in (("soffice", "libreoffice.xls"), ("ssconvert", "gnumeric.xls")):
            if shutil.which(tool):
                convert(tool, source, path(name))
            else:
                print(f"{tool} not found: {name} kept as it is")
    if shutil.which("soffice"):
        convert("soffice", EXAMPLE, path("JD01_2025-03.xls"))


# --- assembled here: compound files ----------------------------------------------------

ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def compound(streams, fat_hook=None, header_hook=None):
    """A version-3 compound file holding `streams` (name → bytes, each padded to at least
    4096 bytes so none lives in the mini stream). Hooks may spoil the FAT or header."""
    sector = 512
    body, fat = [], []
    starts = {}
    for name, data in streams:
        data = data + bytes(max(0, 4096 - len(data)))
        n = (len(data) + sector - 1) // sector
        starts[name] = (len(fat), len(data))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [ENDOFCHAIN]
        body.append(data + bytes(n * sector - len(data)))
    directory_sector = len(fat)
    entries = [("Root Entry", 5, ENDOFCHAIN, 0)] + [(n, 2, starts[n][0], starts[n][1]) for n, _ in streams]
    entries += [("", 0, 0, 0)] * (-len(entries) % 4)
    directory = b""
    for i, (name, kind, start, size) in enumerate(entries):
        encoded = (name.encode("utf-16-le") + b"\0\0") if name else b""
        # A flat tree: the root's child is entry 1, each stream's right sibling the next.
        child = 1 if kind == 5 and len(streams) else 0xFFFFFFFF
        right = i + 1 if kind == 2 and i + 1 < len(streams) + 1 else 0xFFFFFFFF
        directory += (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, 0xFFFFFFFF, right, child)
                      + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))
    fat += [ENDOFCHAIN] * 0 + [directory_sector + i + 1 for i in range(len(directory) // sector - 1)] + [ENDOFCHAIN]
    fat_sector = len(fat)
    fat.append(FATSECT)
    fat += [FREESECT] * (-len(fat) % 128)
    if fat_hook:
        fat_hook(fat, starts)
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, directory_sector, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0, fat_sector)
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, FREESECT)
    if header_hook:
        header_hook(header)
    return bytes(header) + b"".join(body) + directory + struct.pack(f"<{len(fat)}I", *fat)


def record(rid, body=b""):
    return struct.pack("<HH", rid, len(body)) + body


def biff_stream(globals_extra=b"", version=0x0600):
    """Globals and one worksheet with A1 = "甲" (SST) and B1 = 3 (RK)."""
    bof_globals = record(0x0809, struct.pack("<HHHHII", version, 0x0005, 0, 0, 0, 0))
    sst = record(0x00FC, struct.pack("<II", 1, 1) + struct.pack("<HB", 1, 1) + "甲".encode("utf-16-le"))
    sheet_name = struct.pack("<BB", 1, 0) + b"S"
    head = bof_globals + globals_extra
    tail_globals = sst + record(0x000A)
    boundsheet_len = 4 + 4 + 2 + len(sheet_name)
    offset = len(head) + boundsheet_len + len(tail_globals)
    boundsheet = record(0x0085, struct.pack("<IBB", offset, 0, 0) + sheet_name)
    sheet = (record(0x0809, struct.pack("<HHHHII", version, 0x0010, 0, 0, 0, 0))
             + record(0x00FD, struct.pack("<HHHI", 0, 0, 15, 0))
             + record(0x027E, struct.pack("<HHHI", 0, 1, 15, (3 << 2) | 2))
             + record(0x000A))
    return head + boundsheet + tail_globals + sheet


def hostile_fixtures():
    def write(name, data):
        with open(path(name), "wb") as f:
            f.write(data)

    # The smallest good file, the base of the spoiled ones.
    write("minimal.xls", compound([("Workbook", biff_stream())]))

    def loop(fat, starts):
        start, _ = starts["Workbook"]
        fat[start + 2] = start  # the chain turns back on itself
    write("fat_loop.xls", compound([("Workbook", biff_stream())], fat_hook=loop))

    def huge_count(header):
        struct.pack_into("<I", header, 0x2C, 0x7FFFFFFF)  # two billion FAT sectors claimed
    write("huge_sector_count.xls", compound([("Workbook", biff_stream())], header_hook=huge_count))

    def out_of_range(fat, starts):
        start, _ = starts["Workbook"]
        fat[start + 1] = 0x00FFFFFF
    write("sector_out_of_range.xls", compound([("Workbook", biff_stream())], fat_hook=out_of_range))

    whole = compound([("Workbook", biff_stream())])
    write("truncated.xls", whole[: 512 + 1024])

    # An opening password: FILEPASS (RC4) right after the globals' BOF.
    write("encrypted.xls", compound([("Workbook", biff_stream(record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48))))]))
    # Excel 5.0/95: a BIFF5 "Book" stream.
    write("excel95.xls", compound([("Book", biff_stream(version=0x0500))]))
    # A password-protected .xlsx: OOXML encryption wraps the package in a compound file.
    write("encrypted_ooxml.xlsx", compound([("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00"), ("EncryptedPackage", bytes(64))]))
    # A Word 97–2003 document.
    write("word97.doc", compound([("WordDocument", b"\xec\xa5" + bytes(30))]))


# --- other kinds of file, as people send them ------------------------------------------

SNIFF = os.path.join(HERE, "reading", "sniff")
STAMP = (2025, 4, 3, 9, 0, 0)


def fixed_zip(target, members):
    import zipfile
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def sniff_fixtures():
    os.makedirs(SNIFF, exist_ok=True)
    docx = os.path.join(SNIFF, "报送说明.docx")
    fixed_zip(docx, [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         "<w:body><w:p><w:r><w:t>三月报送说明</w:t></w:r></w:p></w:body></w:document>"),
    ])
    fixed_zip(os.path.join(SNIFF, "汇报.pptx"), [("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p:presentation/>")])
    fixed_zip(os.path.join(SNIFF, "表格.ods"), [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")])
    with open(os.path.join(SNIFF, "扫描件.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    png = bytes.fromhex("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D4944415478DA63F8FFFF3F0005FE02FEA7D605A00000000049454E44AE426082")
    with open(os.path.join(SNIFF, "活动照片.png"), "wb") as f:
        f.write(png)
    with open(os.path.join(SNIFF, "空文件.xlsx"), "wb") as f:
        pass
    with open(EXAMPLE, "rb") as f:
        workbook = f.read()
    with open(docx, "rb") as f:
        letter = f.read()
    fixed_zip(os.path.join(SNIFF, "附说明的报送.zip"), [("JD01_2025-03.xlsx", workbook), ("报送说明.docx", letter), ("活动照片.png", png)])
    fixed_zip(os.path.join(SNIFF, "空压缩包.zip"), [])
    # The example workbook with one shared string (the place of 活动明细!H2) longer than
    # Excel's 32,767 characters, as a hand edit of the XML would leave it.
    import zipfile
    with zipfile.ZipFile(EXAMPLE) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    members = [(n, d.replace("<si><t>七雄路社区</t></si>".encode(), ("<si><t>" + "七雄路社区" * 8000 + "</t></si>").encode())
                if n == "xl/sharedStrings.xml" else d) for n, d in members]
    fixed_zip(os.path.join(SNIFF, "超长单元格.xlsx"), members)
    # An XLSX whose workbook part was lost: a broken package, not a bundle of files.
    fixed_zip(os.path.join(SNIFF, "缺工作簿.xlsx"), [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'),
    ])


def main():
    sniff_fixtures()
    os.makedirs(OUT, exist_ok=True)
    xlwt_fixture("xlwt.xls")
    xlwt_fixture("xlwt_1904.xls", dates_1904=True)
    converted_fixtures()
    hostile_fixtures()


if __name__ == "__main__":
    main()
