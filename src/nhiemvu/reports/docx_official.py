"""An administrative document in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the header
table (issuing body and number on the left, Quốc hiệu and Tiêu ngữ on the right, the
place and date under them), document type and subject centred, the body justified
at 14 pt with a first-line indent, then "Nơi nhận" and the signer block side by side;
page numbers centred at the top from the second page.

Large tables are written as XML in one go: python-docx's per-cell API takes seconds
for the ten thousand rows of a big plan's appendix.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from nhiemvu.reports.data import Issuer

FONT = "Times New Roman"
BODY_PT = 14
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def vn_date_line(place: str, day: dt.date) -> str:
    """"Vũng Tàu, ngày 05 tháng 7 năm 2023": day < 10 and months 1–2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text or "")


class OfficialDocument:
    """Builds one document; call the parts in reading order, then `to_bytes()`."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        # East-Asian and complex-script fonts too, or Word falls back for some glyphs.
        rfonts = style.element.rPr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        self._page_numbers(section)

    # --- building blocks -------------------------------------------------------------

    def _page_numbers(self, section) -> None:
        """Page number centred in the top margin, not on the first page (Điều 15)."""
        section.different_first_page_header_footer = True
        para = section.header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run()
        run.font.size = Pt(13)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
            else:
                instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{text}</w:instrText>')
                run._r.append(instr)

    @staticmethod
    def _run(para, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False):
        run = para.add_run(_clean(text))
        run.font.size = Pt(size)
        run.font.name = FONT
        run.bold = bold
        run.italic = italic
        return run

    @staticmethod
    def _underline_rule(para, width_mm: float, total_mm: float) -> None:
        """A short centred rule under a header line (the lines under the body name and
        the Tiêu ngữ): a bottom border on an empty paragraph indented to `width_mm`."""
        side = max(0.0, (total_mm - width_mm) / 2)
        para.paragraph_format.left_indent = Mm(side)
        para.paragraph_format.right_indent = Mm(side)
        ppr = para._p.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        ))
        para.paragraph_format.space_before = Pt(0)
        para.paragraph_format.line_spacing = Pt(3)
        para.paragraph_format.space_after = Pt(0)
        run = para.add_run("")
        run.font.size = Pt(4)

    @staticmethod
    def _no_borders(table) -> None:
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(parse_xml(
            f'<w:tblBorders {nsdecls("w")}>'
            + "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        ))

    @staticmethod
    def _widths(table, widths_mm: Sequence[float]) -> None:
        # Both the grid (LibreOffice reads it) and every cell (Word reads those).
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)

    def header(self, issuer: Issuer, number: str, doc_code: str, day: dt.date) -> None:
        """The two-column header: body and number | Quốc hiệu, Tiêu ngữ, place and date."""
        left_mm, right_mm = 72.0, 98.0
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self._no_borders(table)
        self._widths(table, (left_mm, right_mm))
        body, nation = table.rows[0].cells
        p = body.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, issuer.parent.upper(), size=12)
        p = body.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, issuer.name.upper(), size=12, bold=True)
        self._underline_rule(body.add_paragraph(), 25, left_mm - 4)
        p = nation.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, QUOC_HIEU, size=12, bold=True)
        p = nation.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, TIEU_NGU, size=14, bold=True)
        self._underline_rule(nation.add_paragraph(), 62, right_mm - 4)
        numbering, date_cell = table.rows[1].cells
        p = numbering.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The number stays blank for the clerk (văn thư) who registers the document.
        suffix = f"{doc_code}-{issuer.code}" if doc_code else issuer.code
        self._run(p, f"Số: {number or '       '}/{suffix}", size=13)
        p = date_cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, vn_date_line(issuer.place, day), size=14, italic=True)

    def title(self, kind: str, subject: str | Sequence[str]) -> None:
        """Document type (BÁO CÁO, KẾ HOẠCH) and subject, centred; a công văn passes
        kind="" and gets its "V/v …" under the number instead (see `subject_line`)."""
        p = self.doc.add_paragraph()
        p.paragraph_format.space_before = Pt(18)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, kind.upper(), size=14, bold=True)
        lines = [subject] if isinstance(subject, str) else list(subject)
        for line in lines:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(p, line, size=14, bold=True)
        self._underline_rule(self.doc.add_paragraph(), 40, 165)
        self.doc.paragraphs[-1].paragraph_format.space_after = Pt(12)

    def subject_line(self, subject: str) -> None:
        """The "V/v …" trích yếu of a công văn, centred under the number (12–13 pt)."""
        p = self.doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(0)
        p.paragraph_format.right_indent = Mm(98)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, f"V/v {subject}", size=12)

    def addressee(self, names: Sequence[str]) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.space_after = Pt(6)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, "Kính gửi: ", size=14)
        self._run(p, "; ".join(names) + ".", size=14)

    def heading(self, text: str) -> None:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.first_line_indent = Mm(10)
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self._run(p, text, bold=True)

    def paragraph(self, text: str, *, italic: bool = False, bold_prefix: str = "") -> None:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.first_line_indent = Mm(10)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if bold_prefix:
            self._run(p, bold_prefix, bold=True)
        self._run(p, text, italic=italic)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        *,
        size: float = 12,
        center_cols: Sequence[int] = (),
        total_row: Sequence[str] | None = None,
    ) -> None:
        """A bordered table with a repeated bold header row, written as XML in one go.

        Cell text takes its size and spacing from a paragraph style, so each cell is a few
        dozen bytes of XML: a 10,000-row appendix stays a few megabytes to parse."""
        twips = [int(w * 56.7) for w in widths_mm]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        left_style, center_style = self._table_styles(size)
        centered = set(center_cols)
        opens = [
            f'<w:tc><w:p><w:pPr><w:pStyle w:val="{center_style if i in centered else left_style}"/></w:pPr>'
            for i in range(len(twips))
        ]
        head_open = f'<w:tc><w:p><w:pPr><w:pStyle w:val="{center_style}"/></w:pPr>'

        def t(text: str) -> str:
            # xml:space only where needed: moving thousands of xml:-attributes into the
            # document makes lxml search namespaces for each (seconds on a big appendix).
            if text[:1].isspace() or text[-1:].isspace():
                return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
            return f"<w:t>{escape(text)}</w:t>"

        def runs(text: str, bold: bool = False) -> str:
            text = _clean(str(text))
            props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            if "\n" not in text:
                return f"<w:r>{props}{t(text)}</w:r>"
            return "".join(
                f'<w:r>{props}{"<w:br/>" if i else ""}{t(line)}</w:r>' for i, line in enumerate(text.split("\n"))
            )

        borders = "".join(
            f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        parts = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            '<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
            + "".join(f"{head_open}{runs(h, True)}</w:p></w:tc>" for h in headers)
            + "</w:tr>",
        ]
        width = len(twips)
        if len(headers) != width:
            raise ValueError(f"table has {len(headers)} headers, expected {width}")
        for row in rows:
            if len(row) != width:
                raise ValueError(f"table row has {len(row)} cells, expected {width}")
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            parts.extend(f"{o}{runs(v)}</w:p></w:tc>" for o, v in zip(opens, row))  # noqa: B905
            parts.append("</w:tr>")
        if total_row is not None:
            parts.append("<w:tr>")
            parts.extend(f"{o}{runs(v, True)}</w:p></w:tc>" for o, v in zip(opens, total_row, strict=True))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        tbl = parse_xml("".join(parts))
        body = self.doc.element.body
        body.insert(len(body) - 1, tbl)  # before the final sectPr
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(6)

    def _table_styles(self, size: float) -> tuple[str, str]:
        """Paragraph styles for table cells at `size` pt: (left-aligned, centred) style ids."""
        ids = []
        for align, suffix in ((WD_ALIGN_PARAGRAPH.LEFT, "L"), (WD_ALIGN_PARAGRAPH.CENTER, "C")):
            name = f"Table Text {size:g} {suffix}"
            try:
                style = self.doc.styles[name]
            except KeyError:
                style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = self.doc.styles["Normal"]
                style.font.size = Pt(size)
                fmt = style.paragraph_format
                fmt.space_before = fmt.space_after = Pt(1)
                fmt.line_spacing = 1.0
                fmt.first_line_indent = Mm(0)
                fmt.alignment = align
            ids.append(style.style_id)
        return ids[0], ids[1]

    def recipients_and_signer(self, recipients: Sequence[str], issuer: Issuer) -> None:
        """"Nơi nhận" (bold italic 12, list 11) left; the signer block right."""
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        self._no_borders(table)
        self._widths(table, (80, 85))
        left, right = table.rows[0].cells
        p = left.paragraphs[0]
        p.paragraph_format.space_before = Pt(12)
        self._run(p, "Nơi nhận:", size=12, bold=True, italic=True)
        names = [*recipients, f"Lưu: VT, {issuer.code}."]
        for i, name in enumerate(names):
            p = left.add_paragraph()
            end = "" if i == len(names) - 1 else ";"
            self._run(p, f"- {name}{end}", size=11)
        p = right.paragraphs[0]
        p.paragraph_format.space_before = Pt(12)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if issuer.signer_authority:
            self._run(p, issuer.signer_authority.upper(), size=14, bold=True)
            p = right.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, issuer.signer_title.upper(), size=14, bold=True)
        for _ in range(4):  # room for the signature and seal
            right.add_paragraph()
        p = right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, issuer.signer_name or "", size=14, bold=True)

    def landscape_section(self) -> None:
        """Start a new A4 landscape section (the Phụ lục tables)."""
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        # The paragraph that now ends the previous section: make it a hairline so it never
        # spills onto a page of its own after a full page.
        mark = self.doc.paragraphs[-1]
        mark.paragraph_format.space_before = mark.paragraph_format.space_after = Pt(0)
        mark.paragraph_format.line_spacing = Pt(1)
        # Schema order: the paragraph mark's rPr comes right before its sectPr.
        ppr = mark._p.get_or_add_pPr()
        # Hidden as well: LibreOffice still gives a 1 pt mark a line after a page-filling table.
        ppr.find(qn("w:sectPr")).addprevious(
            parse_xml(f'<w:rPr {nsdecls("w")}><w:vanish/><w:sz w:val="2"/></w:rPr>')
        )
        # A separate first-page header here makes LibreOffice insert a blank page.
        section.different_first_page_header_footer = False
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(20), Mm(15)

    def centered(self, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(p, text, size=size, bold=bold, italic=italic)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
