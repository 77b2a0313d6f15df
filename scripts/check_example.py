#!/usr/bin/env python3
"""Cross-checks the 2025 东西湖区 example from its files alone.

Reads every file of examples/dongxihu-2025/inbox (XLSX with openpyxl, CSV in UTF-8 with or
without BOM, UTF-16 or GB18030, ZIP members with GBK names), normalises values the way a user
would expect (trimmed text, full-width digits, `约50`, `120人`, `2万`, dates typed as text,
the 1904 date system, renamed sheets, title rows, extra columns), rejects a file on any
error, lets a later submission for the same unit and month replace an earlier one, and
prints the year's totals. It then compares them with the figures, the rejected file and the
催报清单 written in EXPECTED.md, and exits 1 on any difference.

Usage: python3 scripts/check_example.py [--example DIR]
"""

import argparse
import csv
import datetime as dt
import io
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from example_common import tally
from workbook_kit import ACTIVITY_HEADERS, CHOICES, MONEY_LABELS, REQUIRED_HEADERS, WORKLOAD_ITEMS

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = set(REQUIRED_HEADERS)
SYNONYMS = {"线下活动": "线下", "现场": "线下", "线上直播": "线上", "直播": "线上", "网络": "线上"}
WORKLOAD_NAMES = [item for item, _ in WORKLOAD_ITEMS]
FULL_WIDTH = {0xFF10 + i: 0x30 + i for i in range(10)} | {0x3000: 0x20, 0xFF0C: 0x2C, 0xFF0E: 0x2E}


class Invalid(Exception):
    pass

# ---------------------------------------------------------------------------------------------
# Normalisation


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).translate(FULL_WIDTH).strip()


def count(v):
    """覆盖人数 / 数量: `120`, `120人`, `约50`, `50余`, `1,200`, `2万`, `１２０`."""
    if isinstance(v, bool):
        raise Invalid(v)
    if isinstance(v, (int, float)):
        if v < 0 or v != int(v):
            raise Invalid(v)
        return int(v)
    m = re.fullmatch(r"(?:约|大约)?(\d+(?:\.\d+)?)(万)?(?:余|多)?(?:人次|人|个|家|册|篇)?", text(v).replace(",", ""))
    if not m:
        raise Invalid(v)
    n = float(m.group(1)) * (10000 if m.group(2) else 1)
    if n != int(n):
        raise Invalid(v)
    return int(n)


def day(v, period):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = text(v)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[月.-](\d{1,2})日?", s)
        if not m or period is None:
            raise Invalid(v)
        y, (mo, d) = period[0], map(int, m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise Invalid(v) from None


def month(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return (v.year, v.month)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?(?:[-/.]\d{1,2}日?)?", text(v))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise Invalid(v)
    return (int(m.group(1)), int(m.group(2)))


def choice(header, v):
    s = text(v)
    s = SYNONYMS.get(s, s)
    if s not in CHOICES[header]:
        raise Invalid(v)
    return s


def header_key(v):
    """`覆盖人数（人次）` → 覆盖人数."""
    return re.sub(r"[（(].*$", "", text(v)).rstrip("：:")

# ---------------------------------------------------------------------------------------------
# Reading submissions


@dataclass
class Submission:
    name: str
    unit: str = ""
    period: tuple = None
    acts: list = field(default_factory=list)      # dicts with the normalised columns
    work: dict = field(default_factory=lambda: defaultdict(int))
    errors: list = field(default_factory=list)    # "sheet!A1 value"
    district: dict = field(default_factory=dict)


def activity_rows(rows, sheet, sub):
    """rows: list of (row number, [cell values]); the header is searched in the first 5 rows."""
    for idx, (rno, values) in enumerate(rows[:5]):
        keys = [header_key(v) for v in values]
        if sum(k in ACTIVITY_HEADERS for k in keys) >= 5:
            cols = {k: i for i, k in enumerate(keys) if k in ACTIVITY_HEADERS}
            break
    else:
        sub.errors.append(f"{sheet}: no header")
        return
    for rno, values in rows[idx + 1:]:
        cell = lambda h: values[cols[h]] if cols.get(h) is not None and cols[h] < len(values) else None  # noqa: E731
        if all(text(v) == "" for v in values):
            continue
        rec = {}
        for h in ACTIVITY_HEADERS:
            v = cell(h)
            ref = f"{sheet}!{openpyxl.utils.get_column_letter(cols.get(h, 0) + 1)}{rno}"
            try:
                if h in REQUIRED and text(v) == "":
                    raise Invalid(v)
                if h == "活动日期":
                    rec[h] = day(v, sub.period)
                elif h == "覆盖人数":
                    rec[h] = count(v)
                elif h in CHOICES:
                    rec[h] = choice(h, v)
                else:
                    rec[h] = text(v)
            except Invalid:
                sub.errors.append(f"{ref} {v!r}")
        sub.acts.append(rec)


def sheet_rows(ws):
    return [(r[0].row, [c.value for c in r]) for r in ws.iter_rows() if r]


def label_values(ws):
    out = {}
    for r in ws.iter_rows(max_col=2):
        if len(r) == 2 and text(r[0].value):
            out[header_key(r[0].value)] = r[1].value
    return out


def read_xlsx(data, name):
    sub = Submission(name)
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheets = {text(ws.title): ws for ws in wb.worksheets}
    info = label_values(sheets["基本信息"]) if "基本信息" in sheets else {}
    sub.unit = text(info.get("单位代码")).upper()
    try:
        sub.period = month(info.get("报送月份"))
    except Invalid:
        sub.errors.append(f"基本信息 报送月份 {info.get('报送月份')!r}")
    act_sheet = sheets.get("活动明细")
    if act_sheet is None:  # renamed: the sheet whose first rows hold the header
        act_sheet = next(ws for ws in wb.worksheets
                         if any(sum(header_key(v) in ACTIVITY_HEADERS for v in vals) >= 5 for _, vals in sheet_rows(ws)[:5]))
    activity_rows(sheet_rows(act_sheet), text(act_sheet.title), sub)
    if "工作量" in sheets:
        for _, vals in sheet_rows(sheets["工作量"])[1:]:
            item = header_key(vals[0]) if vals else ""
            if item in WORKLOAD_NAMES:
                try:
                    sub.work[item] += count(vals[1]) if text(vals[1]) else 0
                except Invalid:
                    sub.errors.append(f"工作量 {item} {vals[1]!r}")
    if "预算与满意度" in sheets:
        sub.district = {k: v for k, v in label_values(sheets["预算与满意度"]).items()}
    return sub


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(data, name):
    sub = Submission(name)
    body = decode(data)
    first = body.splitlines()[0]
    delimiter = max([",", "\t", ";"], key=first.count)
    rows = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    header = [header_key(h) for h in rows[0]]
    base = name.rsplit("/", 1)[-1]
    if "单位代码" in header and "报送月份" in header and len(rows) > 1:
        sub.unit = text(rows[1][header.index("单位代码")]).upper()
        sub.period = month(rows[1][header.index("报送月份")])
    else:
        m = re.match(r"([A-Za-z]{2}\d{2})_(\d{4})-(\d{2})", base)
        if not m:
            sub.errors.append("no unit or month")
            return sub
        sub.unit, sub.period = m.group(1).upper(), (int(m.group(2)), int(m.group(3)))
    activity_rows([(i + 1, r) for i, r in enumerate(rows)], "活动明细", sub)
    return sub


def zip_members(data, name):
    """Members in archive order, names decoded per their flag (bit 11 UTF-8, else GBK)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    for info in z.infolist():
        if info.is_dir():
            continue
        raw = info.filename if info.flag_bits & 0x800 else info.filename.encode("cp437").decode("gb18030")
        yield f"{name}/{raw}", info.flag_bits, z.read(info)


def read_inbox(inbox):
    subs, gbk_members = [], []
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        rel = path.relative_to(inbox).as_posix()
        data = path.read_bytes()
        entries = [(rel, data)]
        if rel.endswith(".zip"):
            entries = []
            for member, flags, body in zip_members(data, rel):
                entries.append((member, body))
                gbk_members.append((member, flags))
        for member, body in entries:
            sub = read_csv(body, member) if member.endswith(".csv") else read_xlsx(body, member)
            subs.append(sub)
    return subs, gbk_members

# ---------------------------------------------------------------------------------------------
# Totals and comparison


def load_units(path):
    rows = list(csv.DictReader(io.StringIO(decode(path.read_bytes()))))
    return {r["单位代码"]: r for r in rows}


def totals(counted, units):
    acts = ({"unit": s.unit, "month": a["活动日期"].month, "form": a["活动形式"], "category": a["活动类别"],
             "theme": a["活动主题"], "coverage": a["覆盖人数"]} for s in counted for a in s.acts)
    work = ((item, n) for s in counted for item, n in s.work.items())
    return tally(acts, work, {code: r["所属街道"] for code, r in units.items()})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--example", type=Path, default=ROOT / "examples" / "dongxihu-2025")
    args = ap.parse_args()
    units = load_units(args.example / "units.csv")
    subs, members = read_inbox(args.example / "inbox")
    expected = (args.example / "EXPECTED.md").read_text(encoding="utf-8")
    problems = []

    for s in subs:
        if s.unit not in units:
            s.errors.append(f"基本信息 单位代码 {s.unit!r} not in units.csv")
    rejected = [s for s in subs if s.errors]
    latest = {}
    superseded = []
    for s in subs:
        if s.errors:
            continue
        key = (s.unit, s.period)
        if key in latest:
            superseded.append(latest[key])
        latest[key] = s
    counted = list(latest.values())

    f = totals(counted, units)
    print(f"{len(subs)} submissions: {len(counted)} counted, {len(rejected)} rejected, {len(superseded)} superseded")
    for s in rejected:
        print(f"  rejected: {s.name}: {'; '.join(s.errors)}")
    for s in superseded:
        print(f"  superseded: {s.name}")
    for k, v in f.items():
        print(f"  {k}: {v}")
        m = re.search(rf"^\| {re.escape(k)} \| (\d+) \|$", expected, re.M)
        if not m or int(m.group(1)) != v:
            problems.append(f"{k}: files give {v}, EXPECTED.md says {m.group(1) if m else 'nothing'}")

    district = next((s.district for s in reversed(counted) if s.unit == "QU00" and s.district), {})
    budget = [float(district.get(k, 0)) for k in MONEY_LABELS]  # 年初预算数, 追加数, 调减数, 全年执行数
    rate = budget[3] / (budget[0] + budget[1] - budget[2]) if district else 0
    satisfied = int(district.get("满意及以上问卷数", 0)) / int(district.get("满意度调查有效问卷数", 1))
    print(f"  预算执行率: {rate:.1%}  满意度: {satisfied:.1%}")
    if f"{rate:.1%}" not in expected or f"{satisfied:.1%}" not in expected:
        problems.append(f"district sheet gives {rate:.1%} / {satisfied:.1%}, not in EXPECTED.md")

    for s in rejected:
        cell = s.errors[0].split(" ")[0]
        if f"`inbox/{s.name}`" not in expected or f"**{cell}**" not in expected:
            problems.append(f"rejected {s.name} at {cell} is not what EXPECTED.md names")
    if len(rejected) != 1 or len(superseded) != 1:
        problems.append("expected exactly one rejected and one superseded file")

    missing = []
    for code, u in units.items():
        first, last = u["应报起始月"], u["停报月"] or "2025-12"
        for m in range(1, 13):
            p = f"2025-{m:02d}"
            if first <= p <= last and (code, (2025, m)) not in latest:
                missing.append((p, code))
    missing.sort(reverse=True)
    print("  催报: " + ", ".join(f"{c} {p}" for p, c in missing))
    listed = re.findall(r"^\| (2025-\d\d) \| (\w+) \|", expected, re.M)
    if listed != missing:
        problems.append(f"催报清单 from files {missing} differs from EXPECTED.md {listed}")

    for s in counted:
        for a in s.acts:
            if (a["活动日期"].year, a["活动日期"].month) != s.period:
                problems.append(f"{s.name}: 活动日期 {a['活动日期']} outside {s.period}")
        keys = [(a["活动名称"], a["活动日期"], a["地点"]) for a in s.acts]
        if len(keys) != len(set(keys)):
            problems.append(f"{s.name}: duplicate activity rows in a counted file")

    for member, flags in members:
        if flags & 0x800:
            problems.append(f"ZIP member {member} has the UTF-8 flag set")

    size = sum(p.stat().st_size for p in (args.example / "inbox").rglob("*") if p.is_file())
    print(f"  inbox size: {size / 1e6:.2f} MB")
    if size >= 3_000_000:
        problems.append("inbox is 3 MB or more")

    for p in problems:
        print("MISMATCH: " + p)
    print("OK" if not problems else f"{len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
