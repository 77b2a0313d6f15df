#!/usr/bin/env python3
"""Scale benchmark: a province-size year. 60,000 submission workbooks (基本信息, 活动明细 of
20 rows, 工作量), 1,200,000 activity records, from about 4,900 units over 12 months; for 10%,
50% and 100% of them, `jixiao collect` into a fresh workspace, then `jixiao report --period
2025-12` and `jixiao rebuild`, each timed once (wall, CPU, peak RSS), so that the growth shows.

    make bench-scale                 (builds release first)
    python3 scripts/bench_scale.py [--files 60000] [--rows 20] [--fractions 0.1,0.5,1]
                                   [--binary PATH] [--keep]

The province: QU00 (区科协) and then street associations, enterprise associations, societies
and schools in turn, each sending its 12 months; every 4th unit also resubmits one month
corrected (`…_更正.xlsx`, which sorts after the original, so collect supersedes the original),
about 2% of the files. A fraction is the files of the first units, whole years, with the
registry cut to those units, so that no fraction has months missing.

The workbooks are generated once into bench-data/scale-<files>x<rows>/ (files/, units.csv,
.complete) and reused. XlsxWriter writes about 30 of these workbooks a second, which is over
half an hour for 60,000; so the worksheet and shared-string XML is rendered here and zipped
with workbook_kit.zip_bytes, in several processes. The rendering is checked part for part
against XlsxWriter's output for the same content before anything is generated (about 2,900
files a second on 2 cores), and the generated files are read back with openpyxl and `jixiao
check` before timing.

Each fraction's row is printed when it is done. A report or rebuild that fails is shown with
its figures up to the failure, marked `!`, its message below the table, and the run exits 1;
the next steps and fractions still run."""
import argparse
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from bench_collect import CommandFailed, run_reaped, time_pipeline  # noqa: E402
from submission_workbooks import random_content  # noqa: E402
from workbook_kit import submission_sheets, write_submission, zip_bytes  # noqa: E402

YEAR = 2025
MONTHS = 12
# Every CORRECTED_EVERY-th unit resubmits one of its months.
CORRECTED_EVERY = 4
# The registry's limit (docs/workspace.md, 单位名册).
MAX_UNITS = 10_000
# Unit kinds after QU00, in turn: (单位类型, code prefix); 街道科协 comes first so that every
# other unit has a street to belong to.
KINDS = [("街道科协", "JD"), ("企业科协", "QY"), ("企业科协", "QY"), ("学会", "XH"), ("学校", "XX")]
CONTACTS = ["李敏", "张伟", "刘芳", "陈静", "杨洋", "赵磊", "黄丽", "周强"]


# ---------------------------------------------------------------------------------------------
# The province: its units, and the files they send in the order collect takes them


def province_unit(index):
    """(code, name, 单位类型, 所属街道, 联系人, 联系电话) of the index-th unit: QU00 first, then
    KINDS in turn; a unit that is not a street association belongs to the street of the last
    street association before it."""
    if index == 0:
        return "QU00", "省科学技术协会", "区科协", "", CONTACTS[0], "027-80000000"
    kind, prefix = KINDS[(index - 1) % len(KINDS)]
    street = f"第{(index - 1) // len(KINDS) + 1}街道"
    code = f"{prefix}{index:05d}"
    name = {"JD": f"{street}科协", "QY": f"企业{index:05d}科协", "XH": f"学会{index:05d}",
            "XX": f"第{index:05d}中学"}[prefix]
    return code, name, kind, street, CONTACTS[index % len(CONTACTS)], f"027-8{index:07d}"


def province_files(files):
    """The first `files` (unit index, month, corrected) in the order collect processes them
    (by name): a unit's 12 months, a correction right after the month it corrects."""
    entries = []
    unit = 0
    while len(entries) < files:
        corrected_month = 1 + (unit * 7) % MONTHS if unit % CORRECTED_EVERY == CORRECTED_EVERY - 1 else None
        for month in range(1, MONTHS + 1):
            entries.append((unit, month, False))
            if month == corrected_month:
                entries.append((unit, month, True))
        unit += 1
    del entries[files:]
    if entries[-1][0] >= MAX_UNITS:
        raise SystemExit(f"{files} files need {entries[-1][0] + 1} units, over the registry's {MAX_UNITS}")
    return entries


def file_name(entry):
    unit, month, corrected = entry
    return f"{province_unit(unit)[0]}_{YEAR}-{month:02d}{'_更正' if corrected else ''}.xlsx"


def registry_csv(entries):
    """units.csv for the units these files come from, in templates/units.csv's columns; a unit
    whose last file is before December stops there (停报月), so that no month is missing."""
    with open(os.path.join(ROOT, "templates", "units.csv"), encoding="utf-8-sig") as f:
        header = f.readline().strip()
    last = {}
    for unit, month, _ in entries:
        last[unit] = max(month, last.get(unit, 0))
    lines = [header]
    for unit, month in last.items():
        stop = f"{YEAR}-{month:02d}" if month < MONTHS else ""
        lines.append(",".join([*province_unit(unit), f"{YEAR}-01", stop]))
    return "\ufeff" + "\n".join(lines) + "\n"


def submission_content(entry, rows):
    """write_submission's arguments after the path, from a seed of this file alone, so that the
    files do not depend on how generation is split over processes."""
    import random
    unit, month, corrected = entry
    code, name = province_unit(unit)[:2]
    rng = random.Random(f"scale:{code}:{month}:{corrected}")
    return random_content(rng, code, name, YEAR, month, rows)


# ---------------------------------------------------------------------------------------------
# SpreadsheetML as XlsxWriter writes it, rendered directly


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SubmissionXml:
    """Writes submission_sheets as a workbook whose parts are byte for byte those XlsxWriter
    writes for the same content (write_submission): the parts that do not depend on the
    content are taken from a sample XlsxWriter made, worksheets and shared strings rendered
    here. Handles the values submissions hold: str (as text, "" included), int and date."""

    COLUMNS = [column_letter(c) for c in range(64)]
    EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()

    def __init__(self, sample_args):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "sample.xlsx")
            write_submission(path, *sample_args)
            with zipfile.ZipFile(path) as z:
                self.members = [(name, z.read(name)) for name in z.namelist()]
        self.sheet_frames = {}
        for name, data in self.members:
            if name.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                head, tail = text.split("<sheetData>")[0], text.split("</sheetData>")[1]
                self.sheet_frames[name] = (head, tail)
            elif name == "xl/sharedStrings.xml":
                self.sst_head = data.decode("utf-8").split("<sst ")[0]
                self.sst_attrs = re.search(r"<sst ([^>]*?) count=", data.decode("utf-8")).group(1)
        # The date format is the one format write_submission adds: cell style 1.
        self.date_style = ' s="1"'

    def parts(self, sheets):
        """[(part name, bytes)] in the sample's order for these (sheet name, rows)."""
        strings, order, refs = {}, [], 0
        rendered = {}
        for number, (_, rows) in enumerate(sheets, start=1):
            body, last_col = [], 0
            spans = self._spans(rows)
            for r, row in enumerate(rows):
                cells = []
                for c, value in enumerate(row):
                    ref = f"{self.COLUMNS[c]}{r + 1}"
                    if isinstance(value, str):
                        index = strings.get(value)
                        if index is None:
                            index = strings[value] = len(order)
                            order.append(value)
                        refs += 1
                        cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                    elif hasattr(value, "toordinal"):
                        cells.append(f'<c r="{ref}"{self.date_style}><v>{value.toordinal() - self.EXCEL_EPOCH_ORDINAL}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                last_col = max(last_col, len(row))
                body.append(f'<row r="{r + 1}" spans="{spans[r // 16]}">{"".join(cells)}</row>')
            name = f"xl/worksheets/sheet{number}.xml"
            head, tail = self.sheet_frames[name]
            dimension = f"A1:{self.COLUMNS[last_col - 1]}{len(rows)}"
            head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', head)
            rendered[name] = f"{head}<sheetData>{''.join(body)}</sheetData>{tail}"
        items = "".join(f"<si>{self._text(s)}</si>" for s in order)
        rendered["xl/sharedStrings.xml"] = (f'{self.sst_head}<sst {self.sst_attrs} count="{refs}" '
                                            f'uniqueCount="{len(order)}">{items}</sst>')
        return [(name, rendered[name].encode("utf-8") if name in rendered else data) for name, data in self.members]

    def workbook(self, sheets):
        return zip_bytes(self.parts(sheets))

    @staticmethod
    def _spans(rows):
        """XlsxWriter's `spans` per block of 16 rows: first and last column written in the block."""
        spans = []
        for start in range(0, len(rows), 16):
            widths = [len(row) for row in rows[start:start + 16] if row]
            spans.append(f"1:{max(widths)}" if widths else "")
        return spans

    @staticmethod
    def _text(value):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f"<t{space}>{escape(value)}</t>"


def same_as_xlsxwriter(writer, args):
    """Whether the rendered parts equal XlsxWriter's for write_submission(path, *args)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "reference.xlsx")
        write_submission(path, *args)
        with zipfile.ZipFile(path) as z:
            reference = [(name, z.read(name)) for name in z.namelist()]
    return reference == writer.parts(submission_sheets(*args))


# ---------------------------------------------------------------------------------------------
# Generation, once, in several processes

_writer = None


def _start_worker(sample):
    global _writer
    _writer = SubmissionXml(sample)


def _write_chunk(job):
    directory, rows, chunk = job
    for entry in chunk:
        data = _writer.workbook(submission_sheets(*submission_content(entry, rows)))
        with open(os.path.join(directory, file_name(entry)), "wb") as f:
            f.write(data)
    return len(chunk)


def generate(directory, files, rows):
    """bench-data/scale-…/files/*.xlsx and units.csv; `.complete` marks a finished set."""
    marker = os.path.join(directory, ".complete")
    entries = province_files(files)
    if os.path.exists(marker):
        return entries
    shutil.rmtree(directory, ignore_errors=True)
    out = os.path.join(directory, "files")
    os.makedirs(out)
    sample = submission_content(entries[0], rows)
    for entry in (entries[0], entries[-1]):
        if not same_as_xlsxwriter(SubmissionXml(sample), submission_content(entry, rows)):
            raise SystemExit(f"the rendered {file_name(entry)} differs from XlsxWriter's: fix SubmissionXml")
    start = time.perf_counter()
    chunks = [entries[i:i + 500] for i in range(0, len(entries), 500)]
    with multiprocessing.Pool(os.cpu_count(), _start_worker, (sample,)) as pool:
        done = 0
        for count in pool.imap_unordered(_write_chunk, [(out, rows, c) for c in chunks]):
            done += count
            print(f"\r  generating: {done}/{len(entries)}", end="", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    print(f"\r  generated {len(entries)} workbooks in {elapsed:.1f} s ({len(entries) / elapsed:.0f} files/s, "
          f"{os.cpu_count()} processes)", file=sys.stderr)
    with open(os.path.join(directory, "units.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(registry_csv(entries))
    open(marker, "w").close()
    return entries


def read_back(binary, directory, entries, rows):
    """A plain file and a correction (when there is one), read with openpyxl and `jixiao check`."""
    import openpyxl
    samples = [entries[0]] + [e for e in entries if e[2]][:1]
    for entry in samples:
        path = os.path.join(directory, "files", file_name(entry))
        wb = openpyxl.load_workbook(path, read_only=True)
        activity = list(wb["活动明细"].iter_rows(values_only=True))
        if wb.sheetnames != ["基本信息", "活动明细", "工作量"] or len(activity) != rows + 1 \
                or not hasattr(activity[1][2], "year"):
            raise SystemExit(f"openpyxl reads {path} otherwise than generated: {wb.sheetnames}, "
                             f"{len(activity)} 活动明细 rows, date cell {activity[1][2]!r}")
        run_reaped([binary, "check", path])


# ---------------------------------------------------------------------------------------------
# Timing

STEPS = ("collect", "report", "rebuild")


def time_fraction(binary, directory, entries, fraction, keep):
    """({step: (wall s, CPU s, peak MiB) or CommandFailed}, the collect's summary line, the
    file count) for the files of the first units making up `fraction` of all, whole years."""
    units = sorted({u for u, _, _ in entries})
    cut = units[max(0, round(len(units) * fraction) - 1)]
    chosen = [e for e in entries if e[0] <= cut]
    paths = [os.path.join(directory, "files", file_name(e)) for e in chosen]
    work = tempfile.mkdtemp(prefix=f"scale-{fraction:g}-", dir=os.path.dirname(directory)) if keep else None
    steps, summary = time_pipeline(binary, paths, units_csv=registry_csv(chosen), work=work, keep_going=True)
    if keep:
        print(f"  kept {os.path.join(work, 'ws')}", file=sys.stderr)
    return steps, summary, len(chosen)


def figures(step):
    """(wall s, CPU s, peak MiB, mark): a failed step's figures up to its failure, marked `!`."""
    return (*step.usage, "!") if isinstance(step, CommandFailed) else (*step, " ")


def table_header():
    return f"{'fraction':>8} {'files':>7} {'records':>9} " + " ".join(
        f"{step + ' s':>11} {'CPU s':>7} {'MiB':>6}" for step in STEPS)


def table_row(fraction, files, rows, steps):
    cells = []
    for step in STEPS:
        wall, cpu, rss, mark = figures(steps[step])
        cells.append(f"{wall:10.1f}{mark} {cpu:7.1f} {rss:6.0f}")
    return f"{fraction:8.0%} {files:7d} {files * rows:9d} " + " ".join(cells)


def table_notes(results):
    """Wall time per 1,000 files, each fraction's collect summary and every failure."""
    lines = ["per 1,000 files (wall s, collect / report / rebuild): " + "; ".join(
        f"{fraction:.0%} " + " / ".join(f"{figures(steps[s])[0] * 1000 / files:.2f}" for s in STEPS)
        for fraction, files, steps, _ in results)]
    for fraction, _, steps, summary in results:
        lines.append(f"  {fraction:.0%} collect: {summary}")
        for step in STEPS:
            if isinstance(steps[step], CommandFailed):
                lines.append(f"  {fraction:.0%} {step} FAILED (figures marked ! are up to the failure): "
                             + str(steps[step]).strip().replace("\n", " "))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=60_000)
    parser.add_argument("--rows", type=int, default=20, help="activity rows per workbook")
    parser.add_argument("--fractions", default="0.1,0.5,1", help="comma-separated shares of the files, as 0.1 or 10%%")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "jixiao"))
    parser.add_argument("--keep", action="store_true", help="leave each fraction's workspace in bench-data/")
    args = parser.parse_args()
    fractions = [float(f[:-1]) / 100 if f.endswith("%") else float(f) for f in args.fractions.split(",")]
    if not all(0 < f <= 1 for f in fractions):
        parser.error("--fractions: each share must be above 0 and at most 1")
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"{args.binary} not found: build it first (swift build -c release)")
    directory = os.path.join(ROOT, "bench-data", f"scale-{args.files}x{args.rows}")
    entries = generate(directory, args.files, args.rows)
    read_back(args.binary, directory, entries, args.rows)
    print(f"scale benchmark: {len({u for u, _, _ in entries})} units, {args.files} workbooks of {args.rows} "
          f"activity rows; each command run once, on {os.cpu_count()} cores")
    # Rows as they come: a long run that is stopped still leaves its first rows.
    print(table_header(), flush=True)
    results = []
    for fraction in fractions:
        steps, summary, files = time_fraction(args.binary, directory, entries, fraction, args.keep)
        results.append((fraction, files, steps, summary))
        print(table_row(fraction, files, args.rows, steps), flush=True)
    for line in table_notes(results):
        print(line)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end {load} (other work on the machine inflates every figure)")
    if any(isinstance(step, CommandFailed) for _, _, steps, _ in results for step in steps.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
