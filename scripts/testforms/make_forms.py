#!/usr/bin/python3
"""Builds the test forms of report/testdata/forms: an ordinary province form
(issue 10) saved with the conventions of the tools staff receive forms from.

    /usr/bin/python3 scripts/testforms/make_forms.py   # from the repo root

Needs Debian's python3-openpyxl and python3-pil; soffice (libreoffice-calc)
for the LibreOffice copy (skipped, with a note, when absent).

What each form is:
- province-openpyxl.xlsx: as openpyxl 3.0 writes it (an empty fill written
  as <patternFill/>, an 8-digit colour 00000000, a row of 420 pt, formulas
  with no cached values).
- province-libreoffice.xlsx: that file opened and saved by LibreOffice Calc
  (soffice --convert-to xlsx): LibreOffice's own styles, shared strings and
  cached values.
- province-excel.xlsx: the openpyxl file rewritten with the conventions of
  files Microsoft Excel saves: mc:Ignorable x14ac/xr namespaces, row spans
  and x14ac:dyDescent, a shared formula for the 同比 column, cached values,
  calcChain.xml, docProps/app.xml naming Microsoft Excel.
- province-wps.xlsx: rewritten as WPS Office saves: docProps/custom.xml with
  KSOProductBuildVer, app.xml naming WPS, formulas without cached values.
- summary-{openpyxl,libreoffice,excel,sdk}.xlsx: the province's summary
  form (row 5 repeats per unit: {单位}, {members_recruited} …; a 合计 row of
  SUM(B5:B5) below; a chart, a comment and a picture under the row).
- quarterly-openpyxl.xlsx: templates/quarterly.xlsx (the project's own
  layout) opened and saved by openpyxl.
- province-sdk.xlsx: the namespace written with an x: prefix, cells without
  r attributes and strings inline, as the Open XML SDK and some generators
  do: a form no one on the team has seen.
Every form has the same content, so every test runs on each (report
form_test.go); the cells and bindings are in forms.json beside them.
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

OUT = "report/testdata/forms"
FIXED = datetime(2024, 10, 8, 9, 0, 0)

SHEET = "统计表"
# Indicator rows: (row, label, unit, id, number format, scale, prior year).
ROWS = [
    (5, "发展党员", "名", "members_recruited", "#,##0", "", 1500),
    (6, "选派干部", "名", "cadres_dispatched", "#,##0", "", 2000),
    (7, "新建党组织", "个", "party_orgs_set_up", "#,##0", "", 240),
    (8, "划分网格", "个", "grids", "#,##0", "", 2600),
    (9, "化解矛盾纠纷", "件", "disputes_resolved", "#,##0", "", 500),
    (10, "党建经费投入", "万元", "funding_invested", "#,##0.00", "万元", 2000),
    (11, "完成投资", "亿元", "investment_completed", "0.00", "亿元", 20),
    (12, "矛盾纠纷调解率", "%", "mediation_rate", "0.0%", "", 0.97),
]
TOTAL_ROW = 13


def build(path):
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="00000000")  # 8-digit colour, as openpyxl writes it
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="FFDDEBF7")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.merge_cells("A1:H1")
    ws["A1"] = "{单位}基层党建工作季度统计表"
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = center
    ws.row_dimensions[1].height = 30
    ws.merge_cells("A2:C2")
    ws["A2"] = "填报单位：{单位}"
    ws.merge_cells("D2:E2")
    ws["D2"] = "所属期间：{期间}"
    ws.merge_cells("F2:H2")
    ws["F2"] = "填报日期：{填报日期}"

    # Two-row merged header.
    for rng, text in [("A3:A4", "序号"), ("B3:B4", "指标"), ("C3:D3", "本期"), ("E3:F3", "上年同期"),
                      ("G3:G4", "核实状态"), ("H3:H4", "备注")]:
        ws.merge_cells(rng)
        ws[rng.split(":")[0]] = text
    for cell, text in [("C4", "数值"), ("D4", "单位"), ("E4", "数值"), ("F4", "同比")]:
        ws[cell] = text
    for row in ws["A3:H4"]:
        for c in row:
            c.fill, c.border, c.alignment = head_fill, border, center
            c.font = Font(name="宋体", bold=True)

    empty_fill = PatternFill()  # written <patternFill/>: no patternType
    for i, (r, label, unit, _, fmt, _, prior) in enumerate(ROWS, 1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, label)
        ws.cell(r, 4, unit)
        ws.cell(r, 3).number_format = fmt
        ws.cell(r, 5, prior).number_format = fmt
        ws.cell(r, 6, f'=IF(E{r}=0,"",C{r}/E{r}-1)').number_format = "0.0%"
        ws.cell(r, 8).fill = empty_fill
        for col in range(1, 9):
            ws.cell(r, col).border = border
    ws["E11"].number_format = '#,##0.00,,"万"'
    t = TOTAL_ROW
    ws.merge_cells(f"A{t}:B{t}")
    ws[f"A{t}"] = "合计"
    ws[f"A{t}"].alignment = center
    ws[f"C{t}"] = "=SUM(C5:C9)"
    ws[f"E{t}"] = "=SUM(E5:E9)"
    ws[f"F{t}"] = f'=IF(E{t}=0,"",C{t}/E{t}-1)'
    ws[f"F{t}"].number_format = "0.0%"
    for col in range(1, 9):
        ws.cell(t, col).border = border
        ws.cell(t, col).font = Font(bold=True)
    ws["A15"] = "填表人：　　　　审核人：　　　　联系电话："
    ws.row_dimensions[16].height = 420  # taller than excelize's 409
    ws["A16"] = "附：本表数据以组织部门统计为准。"

    dv = DataValidation(type="list", formula1='"已核实,待核实,有疑问"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"G5:G{t - 1}")
    ws.conditional_formatting.add(f"F5:F{t}", CellIsRule(operator="lessThan", formula=["0"], font=Font(color="FFFF0000")))
    ws["B5"].comment = Comment("按本季度新发展党员实际人数填报", "省委组织部")

    img = PILImage.new("RGB", (60, 30), (200, 16, 46))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    pic = Image(buf)
    ws.add_image(pic, "J1")

    chart = BarChart()
    chart.title = "本期主要指标"
    chart.add_data(Reference(ws, min_col=3, min_row=4, max_row=9), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=5, max_row=9))
    ws.add_chart(chart, "J5")

    for col, w in zip("ABCDEFGH", [6, 22, 12, 8, 12, 10, 10, 16]):
        ws.column_dimensions[col].width = w
    ws.print_title_rows = "3:4"
    ws.print_area = f"A1:H{t + 3}"
    ws.page_setup.orientation = "landscape"
    ws.oddHeader.center.text = "{单位}　{期间}"
    ws.oddFooter.center.text = "第 &P 页"

    wb.defined_names.append(DefinedName("发展党员数", attr_text=f"'{SHEET}'!$C$5"))
    wb.defined_names.append(DefinedName("合计_本期", attr_text=f"'{SHEET}'!$C${t}"))
    wb.defined_names.append(DefinedName("本表单位", attr_text=f"'{SHEET}'!$A$2", localSheetId=0))

    notes = wb.create_sheet("填报说明")
    for i, line in enumerate([
        "填报说明",
        "一、本表由各市（县、区）委组织部于季度结束后 10 日内报送，期间：{期间}。",
        "二、“本期”填本季度累计数，金额以万元、亿元为单位，比率填百分数。",
        "三、核实状态从下拉列表选择。",
    ], 1):
        notes.cell(i, 1, line)
    notes.column_dimensions["A"].width = 80

    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "省委组织部"
    wb.save(path)


SUMMARY_SHEET = "汇总表"


def build_summary(path):
    """The province's summary form: one row per unit (row 5 repeats), a 合计
    row of SUM(B5:B5) formulas below it, a chart over the row."""
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    thin = Side(style="thin", color="00000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:G1")
    ws["A1"] = "{期间}各市基层党建工作汇总表"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = center
    ws["A2"] = "填报日期：{填报日期}"
    for rng, text in [("A3:A4", "单位"), ("B3:C3", "抓队伍、强治理"), ("D3:D4", "调解率"), ("E3:E4", "经费（万元）"),
                      ("F3:F4", "每网格党员"), ("G3:G4", "核实状态")]:
        ws.merge_cells(rng)
        ws[rng.split(":")[0]] = text
    ws["B4"], ws["C4"] = "发展党员", "网格"
    for row in ws["A3:G4"]:
        for c in row:
            c.border, c.alignment = border, center
            c.fill = PatternFill("solid", fgColor="FFDDEBF7")
    for col, text, fmt in [("A", "{单位}", None), ("B", "{members_recruited}", "#,##0"), ("C", "{grids}", "#,##0"),
                           ("D", "{mediation_rate}", "0.0%"), ("E", "{funding_invested}", "#,##0.00")]:
        ws[col + "5"] = text
        if fmt:
            ws[col + "5"].number_format = fmt
    ws["F5"] = '=IF(C5=0,"",B5/C5)'
    ws["F5"].number_format = "0.00"
    # A share of the 合计 row below: it moves with the row.
    ws["H4"] = "占比"
    ws["H5"] = '=IF(B$6=0,"",B5/B$6)'
    ws["H5"].number_format = "0.0%"
    for col in "ABCDEFG":
        ws[col + "5"].border = border
        ws[col + "6"].border = border
    ws["A6"] = "合计"
    ws["B6"] = "=SUM(B5:B5)"
    ws["C6"] = "=SUM(C5:C5)"
    ws["D6"] = "=AVERAGE(D5:D5)"
    ws["D6"].number_format = "0.0%"
    ws["E6"] = "=SUM(E5:E5)"
    ws["E6"].number_format = "#,##0.00"
    ws["F6"] = '=IF(C6=0,"",B6/C6)'
    ws["A8"] = "说明：本表由各市汇总后报省委组织部。"
    ws["A8"].comment = Comment("合计行由公式计算", "省委组织部")
    dv = DataValidation(type="list", formula1='"已核实,待核实"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("G5")
    ws.conditional_formatting.add("B5:B5", CellIsRule(operator="greaterThan", formula=["1000"], font=Font(color="FFFF0000")))
    chart = BarChart()
    chart.title = "发展党员"
    chart.add_data(Reference(ws, min_col=2, min_row=5, max_row=5), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=5))
    ws.add_chart(chart, "I3")
    img = PILImage.new("RGB", (40, 20), (200, 16, 46))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    ws.add_image(Image(buf), "A10")
    ws.print_title_rows = "3:4"
    wb.defined_names.append(DefinedName("汇总_发展党员合计", attr_text=f"'{SUMMARY_SHEET}'!$B$6"))
    ws.column_dimensions["A"].width = 14
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)


def excel_generic(name, data):
    """Excel's conventions that do not depend on the form's content."""
    if name.startswith("xl/worksheets/sheet"):
        s = data.decode()
        s = s.replace('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' + MC, 1)
        s = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:8" x14ac:dyDescent="0.25"', s)
        return s.encode()
    if name == "docProps/app.xml":
        return re.sub(rb"<Application>[^<]*</Application>", b"<Application>Microsoft Excel</Application>", data)
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", SST_TYPE + b"</Types>")
    if name == "xl/_rels/workbook.xml.rels":
        return data.replace(b"</Relationships>", SST_REL + b"</Relationships>")
    return data


def rezip(src, dst, edit=None, add=None):
    """Copies a package with fixed timestamps, passing parts through edit;
    add holds parts to replace or add."""
    add = dict(add or {})
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for name in names:
            data = add.pop(name, None) or zin.read(name)
            if edit:
                data = edit(name, data)
            zout.writestr(zipfile.ZipInfo(name, FIXED.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
        for name, data in add.items():
            zout.writestr(zipfile.ZipInfo(name, FIXED.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


# Cached values as a spreadsheet program computes them with the form empty.
def cached(r, col):
    prior = {row: p for row, *_, p in ROWS}
    if col == "F":
        return '<v>-1</v>' if r != TOTAL_ROW else '<v>-1</v>'
    if col == "C" and r == TOTAL_ROW:
        return "<v>0</v>"
    if col == "E" and r == TOTAL_ROW:
        return "<v>%d</v>" % sum(p for row, *_, p in ROWS if row <= 9)
    return ""


SHEET_PART = "xl/worksheets/sheet1.xml"
MC = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'mc:Ignorable="x14ac xr xr2 xr3" '
      'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
      'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
      'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
      'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
      'xr:uid="{00000000-0001-0000-0000-000000000000}"')


def shared_strings(raw):
    """The sheets with their inline strings moved to a shared string table,
    as Excel, WPS and LibreOffice keep them, and the table itself."""
    sst, index, parts = [], {}, {}
    with zipfile.ZipFile(raw) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            s = z.read(name).decode()

            def share(m):
                attrs, text = m.group(1), m.group(2)
                if text not in index:
                    index[text] = len(sst)
                    sst.append(text)
                return '<c%s t="s"><v>%d</v></c>' % (attrs, index[text])
            parts[name] = re.sub(r'<c([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', share, s).encode()
    body = "".join("<si><t>%s</t></si>" % t for t in sst)
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                     '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
                                     % (len(sst), len(sst), body)).encode()
    return parts


SST_TYPE = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
SST_REL = b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'


def excel_edit(name, data):
    if name == SHEET_PART:
        s = data.decode()
        s = s.replace('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' + MC, 1)
        s = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:8" x14ac:dyDescent="0.25"', s)
        # The 同比 column as one shared formula, as Excel saves a filled-down column.
        first = ROWS[0][0]
        last = ROWS[-1][0]

        def shared(m):
            r = int(m.group(1))
            attrs = m.group(2)
            if r == first:
                f = '<f t="shared" ref="F%d:F%d" si="0">IF(E%d=0,"",C%d/E%d-1)</f>' % (first, last, r, r, r)
            else:
                f = '<f t="shared" si="0"/>'
            return '<c r="F%d"%s t="n">%s%s</c>' % (r, attrs, f, cached(r, "F"))
        s = re.sub(r'<c r="F(\d+)"([^>]*)><f>IF\(E\d+=0,"",C\d+/E\d+-1\)</f><v>?</v>?</c>', shared, s)
        s = re.sub(r'<c r="F(\d+)"([^>]*)><f>IF\(E\d+=0,"",C\d+/E\d+-1\)</f><v\s*/></c>', shared, s)
        s = re.sub(r'<c r="F(\d+)"([^>]*)><f>IF\(E\d+=0,"",C\d+/E\d+-1\)</f></c>', shared, s)
        for col in "CE":
            s = re.sub(r'(<c r="%s%d"[^>]*><f>SUM\([^<]*\)</f>)(?:<v\s*/>|<v></v>)?' % (col, TOTAL_ROW),
                       lambda m, col=col: m.group(1) + cached(TOTAL_ROW, col), s)
        return s.encode()
    if name == "docProps/app.xml":
        return re.sub(rb"<Application>[^<]*</Application>", b"<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion>", data)
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", SST_TYPE + b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
    if name == "xl/_rels/workbook.xml.rels":
        return data.replace(b"</Relationships>", SST_REL + b'<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    if name == "xl/workbook.xml":
        return re.sub(rb"<calcPr[^>]*/>", b'<calcPr calcId="191029"/>', data)
    return data


def calc_chain():
    cells = ["F%d" % r for r, *_ in ROWS] + ["C%d" % TOTAL_ROW, "E%d" % TOTAL_ROW, "F%d" % TOTAL_ROW]
    body = "".join('<c r="%s" i="1"/>' % c for c in cells)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</calcChain>' % body).encode()


def wps_edit(name, data):
    if name == "xl/_rels/workbook.xml.rels":
        return data.replace(b"</Relationships>", SST_REL + b"</Relationships>")
    if name == "docProps/app.xml":
        return re.sub(rb"<Application>[^<]*</Application>", "<Application>WPS 表格</Application>".encode(), data)
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", SST_TYPE + b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    if name == "_rels/.rels":
        return data.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    return data


WPS_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              '<vt:lpwstr>2052-12.1.0.16388</vt:lpwstr></property></Properties>').encode()


def sdk_edit(name, data):
    """Prefixed namespace, cells without r, strings inline."""
    if name == SHEET_PART:
        s = data.decode()
        s = s.replace('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)
        # Prefix every element of the main namespace.
        s = re.sub(r"<(/?)(?!x:)([a-zA-Z]+)([\s>/])", r"<\1x:\2\3", s)
        # Cells in order need no r: drop it for the cells of rows 5-9.
        s = re.sub(r'<x:c r="[A-H](?:5|6|7|8|9)"', "<x:c", s)
        return s.encode()
    return data


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp()
    raw = os.path.join(tmp, "raw.xlsx")
    build(raw)
    rezip(raw, os.path.join(OUT, "province-openpyxl.xlsx"))
    shared = shared_strings(raw)
    rezip(raw, os.path.join(OUT, "province-excel.xlsx"), excel_edit, dict(shared, **{"xl/calcChain.xml": calc_chain()}))
    rezip(raw, os.path.join(OUT, "province-wps.xlsx"), wps_edit, dict(shared, **{"docProps/custom.xml": WPS_CUSTOM}))
    rezip(raw, os.path.join(OUT, "province-sdk.xlsx"), sdk_edit)
    sraw = os.path.join(tmp, "summary.xlsx")
    build_summary(sraw)
    rezip(sraw, os.path.join(OUT, "summary-openpyxl.xlsx"))
    chain = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + "".join('<c r="%s" i="1"/>' % c for c in ["F5", "B6", "C6", "D6", "E6", "F6"]) + "</calcChain>").encode()

    def excel_summary(name, data):
        data = excel_generic(name, data)
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
        return data
    rezip(sraw, os.path.join(OUT, "summary-excel.xlsx"), excel_summary, dict(shared_strings(sraw), **{"xl/calcChain.xml": chain}))
    rezip(sraw, os.path.join(OUT, "summary-sdk.xlsx"), sdk_edit)
    # The project's own layout as openpyxl saves it (a staff member who
    # edited templates/quarterly.xlsx with a script): fills without a
    # pattern type and 8-digit colours, which excelize's styles mishandle.
    from openpyxl import load_workbook
    q = load_workbook("templates/quarterly.xlsx")
    q.properties.created = q.properties.modified = FIXED
    q.save(os.path.join(tmp, "q.xlsx"))
    rezip(os.path.join(tmp, "q.xlsx"), os.path.join(OUT, "quarterly-openpyxl.xlsx"))
    if shutil.which("soffice"):
        lo = os.path.join(tmp, "lo")
        subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "-env:UserInstallation=file://" + os.path.join(tmp, "profile"),
                        "--outdir", lo, raw], check=True, capture_output=True, timeout=300)
        shutil.copy(os.path.join(lo, "raw.xlsx"), os.path.join(OUT, "province-libreoffice.xlsx"))
        subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "-env:UserInstallation=file://" + os.path.join(tmp, "profile"),
                        "--outdir", lo, sraw], check=True, capture_output=True, timeout=300)
        shutil.copy(os.path.join(lo, "summary.xlsx"), os.path.join(OUT, "summary-libreoffice.xlsx"))
    else:
        print("soffice not found: province-libreoffice.xlsx not rebuilt", file=sys.stderr)
    spec = {
        "sheet": SHEET,
        "rows": [{"row": r, "label": l, "unit": u, "id": i, "format": f, "scale": s} for r, l, u, i, f, s, _ in ROWS],
        "total_row": TOTAL_ROW,
        "names": {"发展党员数": f"{SHEET}!C5", "合计_本期": f"{SHEET}!C{TOTAL_ROW}"},
    }
    with open(os.path.join(OUT, "forms.json"), "w", encoding="utf-8") as fp:
        json.dump(spec, fp, ensure_ascii=False, indent=1)
        fp.write("\n")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
