#!/usr/bin/env python3
"""Reads an XLSX with openpyxl (a third-party reader) and prints what the writing tests
assert on, as JSON: sheet names and visibility, the sheet shown on opening, cell values,
formulas with their cached results, solid fills, cell comments, merged ranges, data
validations, conditional formats, freeze panes, autofilters, print setup, and the charts
found in the package.

Usage: check_xlsx.py FILE.xlsx
"""
import datetime
import json
import re
import sys
import zipfile

import openpyxl


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def sheet_report(ws, cached_ws):
    cells, formulas, cached, fills, comments = {}, {}, {}, {}, {}
    for row in ws.iter_rows():
        for c in row:
            if c.fill is not None and c.fill.patternType == "solid" and isinstance(c.fill.fgColor.rgb, str):
                fills[c.coordinate] = c.fill.fgColor.rgb[-6:]
            if c.comment is not None:
                comments[c.coordinate] = {"text": c.comment.text, "author": c.comment.author}
            if c.value is None:
                continue
            ref = c.coordinate
            if c.data_type == "f":
                formulas[ref] = str(c.value)
                cached[ref] = plain(cached_ws[ref].value)
            else:
                cells[ref] = plain(c.value)
    validations = []
    for dv in ws.data_validations.dataValidation:
        validations.append({
            "sqref": str(dv.sqref),
            "type": dv.type,
            "operator": dv.operator,
            "formula1": dv.formula1,
            "formula2": dv.formula2,
            "prompt": dv.prompt,
            "promptTitle": dv.promptTitle,
            "errorStyle": dv.errorStyle,
        })
    conditional = []
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            conditional.append({"sqref": str(rng.sqref), "type": rule.type, "text": rule.text})
    setup = ws.page_setup
    report = {
        "state": ws.sheet_state,
        "cells": cells,
        "formulas": formulas,
        "cached": cached,
        "fills": fills,
        "comments": comments,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": validations,
        "conditional": conditional,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "max_row": ws.max_row,
        "max_column": ws.max_column,
        "print": {
            "orientation": setup.orientation,
            "paperSize": setup.paperSize,
            "fitToWidth": setup.fitToWidth,
            "fitToHeight": setup.fitToHeight,
            "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            "titleRows": ws.print_title_rows,
            "titleCols": ws.print_title_cols,
            "area": ws.print_area,
            # 1-based rows a page ends on (a manual break after that row).
            "rowBreaks": [b.id for b in ws.row_breaks.brk],
            "scale": setup.scale,
            "columnBreaks": [b.id for b in ws.col_breaks.brk],
            "headerLeft": ws.oddHeader.left.text,
            "headerCenter": ws.oddHeader.center.text,
            "headerRight": ws.oddHeader.right.text,
            "footerCenter": ws.oddFooter.center.text,
        },
        "fonts": sorted({c.font.name for row in ws.iter_rows() for c in row if c.value is not None and c.font}),
        "columnWidths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
        "wrapped": sorted(c.coordinate for row in ws.iter_rows() for c in row
                          if c.value is not None and c.alignment is not None and c.alignment.wrap_text),
        "rowHeights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
    }
    return report


def charts(path):
    found = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if re.match(r"xl/charts/chart\d+\.xml$", name):
                xml = z.read(name).decode("utf-8")
                kinds = re.findall(r"<c:(\w+)Chart>", xml)
                title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))
                found.append({"part": name, "kinds": kinds, "title": title})
    return found


def main():
    path = sys.argv[1]
    book = openpyxl.load_workbook(path)
    cached_book = openpyxl.load_workbook(path, data_only=True)
    out = {
        "sheets": book.sheetnames,
        "active": book.active.title,
        "sheet": {ws.title: sheet_report(ws, cached_book[ws.title]) for ws in book.worksheets},
        "charts": charts(path),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
