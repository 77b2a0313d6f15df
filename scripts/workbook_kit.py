"""What the example and fixture scripts share: the template's vocabulary (read from
docs/template-fields.json), ZIP files written byte for byte the same on every run, and the
sheets of a monthly submission (基本信息, 活动明细, 工作量, 预算与满意度).

Only the standard library is imported at the top, so a script that has just openpyxl (or just
XlsxWriter) can use it: the sheet helpers take the library's own worksheet objects, and
write_submission imports XlsxWriter when it is called.
"""
import datetime as dt
import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------
# The template's vocabulary

FIELDS = json.loads((ROOT / "docs" / "template-fields.json").read_text(encoding="utf-8"))

BASIC_LABELS = [f["label"] for f in FIELDS["basicInfo"]]
ACTIVITY_HEADERS = [f["header"] for f in FIELDS["activity"]]
REQUIRED_HEADERS = [f["header"] for f in FIELDS["activity"] if f["required"]]
CHOICES = {f["header"]: f["choices"] for f in FIELDS["activity"] if f["kind"] == "choice"}
FORMS = CHOICES["活动形式"]
CATEGORIES = CHOICES["活动类别"]
THEMES = CHOICES["活动主题"]
# (item, counting unit), in the template's row order.
WORKLOAD_ITEMS = [(w["item"], w["countingUnit"]) for w in FIELDS["workload"]]
DISTRICT_LABELS = [f["label"] for f in FIELDS["district"]]
MONEY_LABELS = [f["label"] for f in FIELDS["district"] if f["kind"] == "money"]
# QU00's 偏差原因 sheet: one row per 三级指标, the reason in the last column.
DEVIATION_SHEET = FIELDS["deviation"]["sheet"]
DEVIATION_HEADERS = FIELDS["deviation"]["headers"]
# The 工作量 sheet's header row; the template has no other columns there.
WORKLOAD_HEADER = ["项目", "数量", "说明"]


def workload_label(item, fullwidth=False):
    """`新成立企业科协(家)`: the item and its counting unit, as the 工作量 sheet labels it."""
    unit = dict(WORKLOAD_ITEMS)[item]
    return f"{item}（{unit}）" if fullwidth else f"{item}({unit})"


WORKLOAD_LABELS = [workload_label(item) for item, _ in WORKLOAD_ITEMS]

# ---------------------------------------------------------------------------------------------
# Deterministic ZIP files

FIXED_TIME = (2025, 1, 1, 0, 0, 0)


def zip_bytes(members, date_time=FIXED_TIME, compression=zipfile.ZIP_DEFLATED, level=-1, gbk_names=False,
              from_windows=False):
    """A ZIP of (name, data) members in this order, every entry stamped `date_time`, laid out
    as Python's zipfile lays it out. `gbk_names`: names in GBK with the UTF-8 flag (bit 11)
    clear, as archivers on a Chinese Windows write them (zipfile always flags non-ASCII names
    as UTF-8, hence the headers are built here). `from_windows`: the creating system recorded
    as MS-DOS and no Unix permissions, as Windows Explorer writes it."""
    t = date_time
    dos_time = (t[3] << 11) | (t[4] << 5) | (t[5] // 2)
    dos_date = ((t[0] - 1980) << 9) | (t[1] << 5) | t[2]
    made_by = 20 if from_windows else (3 << 8) | 20
    external = 0 if from_windows else 0o600 << 16
    out = io.BytesIO()
    central = []
    for name, data in members:
        if isinstance(data, str):
            data = data.encode("utf-8")
        if gbk_names:
            raw_name, flags = name.encode("gbk"), 0
        elif name.isascii():
            raw_name, flags = name.encode("ascii"), 0
        else:
            raw_name, flags = name.encode("utf-8"), 0x800
        if compression == zipfile.ZIP_DEFLATED:
            comp = zlib.compressobj(level, zlib.DEFLATED, -15)
            packed = comp.compress(data) + comp.flush()
        else:
            packed = data
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, compression, dos_time, dos_date, crc,
                              len(packed), len(data), len(raw_name), 0))
        out.write(raw_name)
        out.write(packed)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, made_by, 20, flags, compression, dos_time,
                                   dos_date, crc, len(packed), len(data), len(raw_name), 0, 0, 0, 0, external,
                                   offset) + raw_name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def repack(data, date_time=FIXED_TIME, doc_time=None):
    """A workbook's ZIP rewritten with every entry stamped `date_time` and, given `doc_time`,
    the document's created and modified dates set to it: writers stamp the clock there."""
    src = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in src.infolist():
        body = src.read(info.filename)
        if doc_time is not None and info.filename == "docProps/core.xml":
            iso = dt.datetime(*doc_time).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
            body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + iso, body)
        members.append((info.filename, body))
    return zip_bytes(members, date_time)


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return data


# ---------------------------------------------------------------------------------------------
# The sheets of a submission: 基本信息 and 预算与满意度 are label/value rows, 活动明细 a header
# over one row per activity (values in ACTIVITY_HEADERS order), 工作量 a header over one row per item.


def info_rows(values, colon=False):
    """基本信息 rows for `values` in BASIC_LABELS order (fewer values, fewer rows)."""
    return [[label + ("：" if colon else ""), value] for label, value in zip(BASIC_LABELS, values)]


def district_rows(values):
    """预算与满意度 rows for `values` in DISTRICT_LABELS order."""
    return [[label, value] for label, value in zip(DISTRICT_LABELS, values)]


def workload_rows(quantities, notes=None, all_items=True, fullwidth=False):
    """工作量 rows [label, quantity, note] in the template's item order; `quantities` and
    `notes` are keyed by item. Without `all_items`, items with no quantity are left out."""
    notes = notes or {}
    return [[workload_label(item, fullwidth), quantities.get(item, 0), notes.get(item, "")]
            for item, _ in WORKLOAD_ITEMS if all_items or quantities.get(item, 0)]


def xw_rows(ws, rows, first_row=0, cell_format=None, date_format=None, text_cells=False):
    """Writes rows with XlsxWriter from `first_row` down: dates in `date_format`, the rest
    through `write`, which leaves "" and None blank; with `text_cells` every string is a
    text cell, "" included. `cell_format`: one format, or a function of (column, value)."""
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row):
            fmt = cell_format(c, value) if callable(cell_format) else cell_format
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, value, date_format)
            elif text_cells and isinstance(value, str):
                ws.write_string(r, c, value, fmt)
            else:
                ws.write(r, c, value, fmt)


def op_rows(ws, rows, date_format=None):
    """Appends rows to an openpyxl sheet; with `date_format`, its date cells get it."""
    for row in rows:
        ws.append(row)
        if date_format:
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.date):
                    ws.cell(ws.max_row, c).number_format = date_format


def submission_sheets(unit, name, period, activities, workload=None, district=None):
    """The sheets of a plain submission as (sheet name, rows): 基本信息, 活动明细 (`activities`:
    rows in ACTIVITY_HEADERS order), 工作量 (`workload`: {item: quantity}) and, given `district`
    (values in DISTRICT_LABELS order), 预算与满意度. One description for every writer of it:
    write_submission (XlsxWriter) and the bench's direct SpreadsheetML writer."""
    sheets = [("基本信息", info_rows([unit, name, period, "李敏", "027-83891101", f"{period}-28"])),
              ("活动明细", [ACTIVITY_HEADERS] + list(activities)),
              ("工作量", [WORKLOAD_HEADER] + [row[:2] for row in workload_rows(workload or {})])]
    if district:
        sheets.append(("预算与满意度", district_rows(district)))
    return sheets


def write_submission(path, unit, name, period, activities, workload=None, district=None):
    """A plain submission made with XlsxWriter, the sheets of submission_sheets. Every string
    is written as text, "" included."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    # XlsxWriter stamps the clock into the document unless told a time.
    wb.set_properties({"created": dt.datetime(*FIXED_TIME)})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for title, rows in submission_sheets(unit, name, period, activities, workload, district):
        xw_rows(wb.add_worksheet(title), rows, date_format=date_format, text_cells=True)
    wb.close()
