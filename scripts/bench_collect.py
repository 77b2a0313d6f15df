#!/usr/bin/env python3
"""Pipeline benchmark: `jixiao collect` of N submission workbooks (the template's layout: 基本信息,
活动明细 ~200 rows, 工作量) into a fresh workspace, then `jixiao report` and `jixiao rebuild` of
that workspace, against python-calamine merely reading every sheet of the same files. Prints
medians of wall time, of CPU time (user+sys, all threads) and of each command's peak RSS.
Targets: collect <= 0.8x calamine's read; report <= 1.0x and rebuild <= 1.5x the collect.

    python3 scripts/bench_collect.py [--files 1000] [--rows 200] [--runs 5] [--binary PATH] [--baseline PATH]

`--baseline` times a second build (say, one made from main) in the same runs, interleaved with
the first, so that both see the same load on a shared machine.

scripts/bench.py calls run() for its "collect" section. The workbooks are generated once
into bench-data/collect-<files>x<rows>/ (XlsxWriter, fixed seed) and reused."""
import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def units():
    """(code, name, first month) from the default registry in templates/units.csv."""
    with open(os.path.join(ROOT, "templates", "units.csv"), encoding="utf-8-sig") as f:
        rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
    return [(r[0], r[1], int(r[6].split("-")[1])) for r in rows[1:]]


def generate(directory, files, rows):
    from submission_workbooks import random_submission
    marker = os.path.join(directory, ".complete")
    if os.path.exists(marker):
        return
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    rng = random.Random(2025)
    registry = units()
    for i in range(files):
        code, name, first = registry[i % len(registry)]
        month = first + (i // len(registry)) % (13 - first)
        random_submission(os.path.join(directory, f"{code}_2025-{month:02d}_{i:04d}.xlsx"), rng, code, name, 2025, month, rows)
    open(marker, "w").close()


def inputs(directory):
    return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".xlsx"))


def time_calamine(paths):
    """(wall s, CPU s, cells read)."""
    from python_calamine import CalamineWorkbook
    start, cpu = time.perf_counter(), time.process_time()
    cells = 0
    for p in paths:
        wb = CalamineWorkbook.from_path(p)
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                cells += len(row)
    return time.perf_counter() - start, time.process_time() - cpu, cells


def time_pipeline(binary, paths, units_csv=None, work=None, keep_going=False):
    """{step: (wall s, CPU s, peak RSS MiB)} and the collect's summary line: `jixiao collect`
    into a fresh workspace, then `jixiao report` and `jixiao rebuild` of it. `units_csv`: the
    text of a registry written over the default one. `work`: an empty folder to make the
    workspace in (`ws`), left in place; without it a temporary one, removed afterwards.
    `keep_going`: a failed report or rebuild is that step's CommandFailed instead of the end."""
    keep = work is not None
    work = work or tempfile.mkdtemp(prefix="jixiao-bench-")
    try:
        ws = os.path.join(work, "ws")
        subprocess.run([binary, "init", ws, "--year", "2025"], check=True, capture_output=True)
        if units_csv is not None:
            with open(os.path.join(ws, "units.csv"), "w", encoding="utf-8", newline="") as f:
                f.write(units_csv)
        inbox = os.path.join(ws, "inbox")
        for p in paths:
            shutil.copyfile(p, os.path.join(inbox, os.path.basename(p)))
        steps = {}
        *steps["collect"], summary = run_reaped([binary, "collect", "--workspace", ws])
        if os.listdir(inbox):
            raise SystemExit("collect left files in inbox/")
        for step, args in [("report", ["--period", "2025-12"]), ("rebuild", [])]:
            try:
                *steps[step], _ = run_reaped([binary, step, "--workspace", ws, *args])
            except CommandFailed as failure:
                if not keep_going:
                    raise
                steps[step] = failure
        return steps, summary
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


class CommandFailed(SystemExit):
    """A timed command that exited nonzero: the tail of its stderr, and in `usage` its
    (wall s, CPU s, peak RSS MiB) up to the failure."""

    def __init__(self, message, usage):
        super().__init__(message)
        self.usage = usage


def run_reaped(args):
    """(wall s, CPU s, peak RSS MiB, stdout) of one command from its own rusage (wait4);
    CommandFailed when it exits nonzero.

    The peak comes from GNU time when it is installed: a child forked from this Python
    process starts with the parent's memory counted in its own peak (vfork/fork before exec),
    so wait4's ru_maxrss would report this script's size whenever it is the larger."""
    peak_file = tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) if os.path.exists("/usr/bin/time") else None
    command = (["/usr/bin/time", "-f", "%M", "-o", peak_file.name] if peak_file else []) + list(args)
    start = time.perf_counter()
    out_file, err_file = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
    pid = subprocess.Popen(command, stdout=out_file, stderr=err_file).pid
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    out_file.seek(0)
    err_file.seek(0)
    code = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    if peak_file:
        # GNU time writes "Command exited with non-zero status N" before the figure on a failure.
        with open(peak_file.name) as f:
            lines = [line for line in f.read().split() if line.isdigit()]
        os.unlink(peak_file.name)
        if lines:
            peak = int(lines[-1]) / 1024
    figures = elapsed, usage.ru_utime + usage.ru_stime, peak
    if code != 0:
        raise CommandFailed(f"{' '.join(args[1:2])} failed ({code}): {err_file.read()[-2000:]}", figures)
    return *figures, out_file.read().strip()


def run(files=1000, rows=200, runs=5, binary=None, baseline=None):
    """Runs the benchmark and prints its table; returns (collect median, calamine median).
    Each run times calamine, then this build's collect, report and rebuild (then the
    baseline's), interleaved so that all see the same load on a shared machine."""
    binary = binary or os.path.join(ROOT, ".build", "release", "jixiao")
    for b in [binary] + ([baseline] if baseline else []):
        if not os.access(b, os.X_OK):
            raise SystemExit(f"{b} not found: build it first (swift build -c release)")
    directory = os.path.join(ROOT, "bench-data", f"collect-{files}x{rows}")
    generate(directory, files, rows)
    paths = inputs(directory)
    size = sum(os.path.getsize(p) for p in paths)
    timed = {"python-calamine read only": [], "jixiao collect (fresh workspace)": [],
             "jixiao report (2025-12)": [], "jixiao rebuild": []}
    if baseline:
        timed.update({"baseline collect": [], "baseline report": [], "baseline rebuild": []})
    cells, summary = 0, ""
    for _ in range(runs):
        wall, cpu, cells = time_calamine(paths)
        # In-process: its peak RSS would be this script's, so none is shown.
        timed["python-calamine read only"].append((wall, cpu, None))
        steps, summary = time_pipeline(binary, paths)
        timed["jixiao collect (fresh workspace)"].append(steps["collect"])
        timed["jixiao report (2025-12)"].append(steps["report"])
        timed["jixiao rebuild"].append(steps["rebuild"])
        if baseline:
            steps, _ = time_pipeline(baseline, paths)
            for step in ("collect", "report", "rebuild"):
                timed[f"baseline {step}"].append(steps[step])
    print(f"pipeline benchmark: {len(paths)} workbooks, {rows} activity rows each, {size / 1e6:.1f} MB, "
          f"{cells} cells; median of {runs} runs")
    print(f"  {'':34} {'median s':>9} {'min s':>7} {'files/s':>8} {'CPU s':>7} {'peak MiB':>9}")
    medians = {}
    for label, samples in timed.items():
        walls = [w for w, _, _ in samples]
        medians[label] = statistics.median(walls)
        cpu = statistics.median(c for _, c, _ in samples)
        peaks = [r for _, _, r in samples if r is not None]
        rss = f"{max(peaks):9.0f}" if peaks else f"{'-':>9}"
        print(f"  {label:34} {medians[label]:9.2f} {min(walls):7.2f} {len(paths) / medians[label]:8.0f} {cpu:7.2f} {rss}")
    c, k = medians["jixiao collect (fresh workspace)"], medians["python-calamine read only"]
    print(f"  collect / calamine = {c / k:.2f} (target <= 0.80)")
    print(f"  report / collect   = {medians['jixiao report (2025-12)'] / c:.2f} (target <= 1.00; peak RSS target <= 150 MiB)")
    print(f"  rebuild / collect  = {medians['jixiao rebuild'] / c:.2f} (target <= 1.50)")
    if baseline:
        print(f"  baseline collect / calamine = {medians['baseline collect'] / k:.2f}")
    print(f"  last collect: {summary}")
    return c, k


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary")
    parser.add_argument("--baseline", help="another jixiao build to time in the same runs")
    a = parser.parse_args()
    run(a.files, a.rows, a.runs, a.binary, a.baseline)
