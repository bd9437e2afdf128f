""".docx → Document: body paragraphs and tables in document order.

python-docx opens the package (relationships, parts); the body XML is then walked
directly because what matters here is beyond its object model: Word automatic
numbering labels (docx_numbering), vertically merged cells copied down, tracked
changes (insertions kept, deletions dropped), legacy-font runs converted per font.
Headers, footers, footnotes, endnotes and comments live in other parts and are never
read, so they cannot leak into task text.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from nhiemvu.ingest.blocks import Cell, Document, Paragraph, Row, Table
from nhiemvu.ingest.errors import IngestError, UnreadableFile
from nhiemvu.ingest.legacy import convert, font_encoding, looks_legacy, to_unicode
from nhiemvu.ingest.limits import Limits, default_limits, open_zip
from nhiemvu.ingest.readers.docx_numbering import Numbering, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b]+")
_FALSE = ("0", "false", "off")
_SYMBOL_CHARS = {"F0B7": "•", "F0A7": "▪", "F02D": "-", "F0D8": "➢", "F0FC": "✓", "F0E0": "→"}

# Elements whose text is not document text, or not shown.
_SKIP = {
    W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "delInstrText",
    W + "footnoteReference", W + "endnoteReference", W + "commentReference", W + "annotationRef",
    W + "pPr", W + "rPr", W + "sectPr", W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd",
    W + "drawing", W + "pict", W + "object", MC + "AlternateContent", W + "fldData",
}


def _on(el) -> bool | None:
    """A toggle property (w:b, w:i, w:vanish): None when absent."""
    if el is None:
        return None
    return el.get(W + "val", "true").lower() not in _FALSE


@dataclass
class RunStyle:
    bold: bool | None = None
    italic: bool | None = None
    hidden: bool | None = None
    font: str | None = None

    def over(self, base: RunStyle) -> RunStyle:
        return RunStyle(
            bold=self.bold if self.bold is not None else base.bold,
            italic=self.italic if self.italic is not None else base.italic,
            hidden=self.hidden if self.hidden is not None else base.hidden,
            font=self.font or base.font,
        )


def _run_style(rpr) -> RunStyle:
    if rpr is None:
        return RunStyle()
    fonts = rpr.find(W + "rFonts")
    font = None
    if fonts is not None:
        # Vietnamese letters sit above ASCII, where Word uses the hAnsi font.
        font = fonts.get(W + "hAnsi") or fonts.get(W + "ascii")
    return RunStyle(
        bold=_on(rpr.find(W + "b")),
        italic=_on(rpr.find(W + "i")),
        hidden=_on(rpr.find(W + "vanish")),
        font=font,
    )


class Styles:
    """styles.xml resolved along basedOn chains, cached per style id."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.defaults = RunStyle()
        self._run: dict[str | None, RunStyle] = {}
        self._num: dict[str, tuple[str, int | None]] = {}
        if root is None:
            return
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            self.by_id[sid] = st
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self.default_para = sid
        self.defaults = _run_style(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))

    def name(self, sid: str | None) -> str | None:
        st = self.by_id.get(sid or "")
        if st is None:
            return sid
        name = st.find(W + "name")
        return name.get(W + "val") if name is not None else sid

    def run(self, sid: str | None, depth: int = 0) -> RunStyle:
        """Run properties a style gives (its own rPr over its base's), without defaults."""
        if sid in self._run:
            return self._run[sid]
        st = self.by_id.get(sid or "")
        if st is None or depth > 20:
            return RunStyle()
        own = _run_style(st.find(W + "rPr"))
        based = st.find(W + "basedOn")
        result = own.over(self.run(based.get(W + "val"), depth + 1)) if based is not None else own
        self._run[sid] = result
        return result

    def numbering(self, sid: str | None, depth: int = 0) -> tuple[str, int | None] | None:
        """(numId, ilvl) a paragraph style attaches to its paragraphs."""
        if not sid or depth > 20:
            return None
        if sid in self._num:
            return self._num[sid]
        st = self.by_id.get(sid)
        if st is None:
            return None
        numpr = st.find(f"{W}pPr/{W}numPr")
        result = None
        if numpr is not None:
            num_id = numpr.find(W + "numId")
            ilvl = numpr.find(W + "ilvl")
            if num_id is not None:
                result = (num_id.get(W + "val"), int(ilvl.get(W + "val", "0")) if ilvl is not None else None)
        if result is None:
            based = st.find(W + "basedOn")
            if based is not None:
                result = self.numbering(based.get(W + "val"), depth + 1)
        if result is not None:
            self._num[sid] = result
        return result

    def all_numbering(self) -> dict[str, tuple[str, int | None]]:
        out = {}
        for sid in self.by_id:
            num = self.numbering(sid)
            if num:
                out[sid] = num
        return out

    def outline_level(self, sid: str | None) -> int | None:
        st = self.by_id.get(sid or "")
        if st is None:
            return None
        lvl = st.find(f"{W}pPr/{W}outlineLvl")
        if lvl is not None:
            try:
                return int(lvl.get(W + "val"))
            except (TypeError, ValueError):
                return None
        name = (self.name(sid) or "").lower()
        m = re.match(r"heading (\d)", name)
        return int(m.group(1)) - 1 if m else None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


class _Reader:
    def __init__(self, doc, name: str) -> None:
        part = doc.part
        self.name = name
        styles_el = None
        try:
            styles_el = part.styles.element
        except Exception:  # a document without a styles part
            styles_el = None
        self.styles = Styles(styles_el)
        numbering_el = None
        try:
            numbering_el = part.numbering_part.element
        except Exception:  # no numbering part: no automatic numbering
            numbering_el = None
        self.numbering = Numbering(numbering_el, self.styles.all_numbering())
        self.body = doc.element.body
        self.blocks: list[Paragraph | Table] = []
        self.lines: list[str] = []
        self.legacy_seen = False

    # --- text of runs -------------------------------------------------------------
    def _runs_text(self, el, para_style: RunStyle, out: list[tuple[str, RunStyle]]) -> None:
        """Collect (text, style) pieces of a paragraph in order, following wrappers."""
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == W + "r":
                self._run(child, para_style, out)
            elif tag in (W + "hyperlink", W + "ins", W + "moveTo", W + "smartTag", W + "customXml",
                         W + "fldSimple", W + "dir", W + "bdo"):
                self._runs_text(child, para_style, out)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._runs_text(content, para_style, out)

    def _run(self, r, para_style: RunStyle, out: list[tuple[str, RunStyle]]) -> None:
        rpr = r.find(W + "rPr")
        style = _run_style(rpr)
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        if rstyle is not None:
            style = style.over(self.styles.run(rstyle.get(W + "val")))
        style = style.over(para_style)
        if style.hidden:
            return
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab", W + "br", W + "cr"):
                parts.append(" ")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = (child.get(W + "char") or "").upper()
                parts.append(_SYMBOL_CHARS.get(code, ""))
        if parts:
            out.append(("".join(parts), style))

    def _para_text(self, p) -> tuple[str, bool, bool, str | None]:
        """(text, all bold, all italic, style id) of a w:p."""
        ppr = p.find(W + "pPr")
        sid = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            sid = ps.get(W + "val") if ps is not None else None
        sid = sid or self.styles.default_para
        para_style = self.styles.run(sid).over(self.styles.defaults)
        pieces: list[tuple[str, RunStyle]] = []
        self._runs_text(p, para_style, pieces)
        texts = []
        for text, style in pieces:
            if font_encoding(style.font):
                self.legacy_seen = True
                text = to_unicode(text, style.font)
            texts.append(text)
        visible = [(t, s) for t, s in zip(texts, pieces, strict=True) if t.strip()]
        bold = bool(visible) and all(s[1].bold for _, s in visible)
        italic = bool(visible) and all(s[1].italic for _, s in visible)
        return "".join(texts), bold, italic, sid

    def _label(self, p, sid: str | None) -> tuple[str | None, int | None]:
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            n = numpr.find(W + "numId")
            i = numpr.find(W + "ilvl")
            num_id = n.get(W + "val") if n is not None else None
            ilvl = int(i.get(W + "val", "0")) if i is not None and (i.get(W + "val") or "0").isdigit() else None
        if num_id is None:
            from_style = self.styles.numbering(sid)
            if from_style:
                num_id, style_ilvl = from_style
                ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":
            return None, None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, sid or "") or 0
        return self.numbering.next_label(num_id, ilvl), ilvl

    # --- blocks -------------------------------------------------------------------
    def _add_line(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    def paragraph(self, p) -> None:
        text, bold, italic, sid = self._para_text(p)
        label, level = self._label(p, sid)
        text = _clean(text)
        for box in self._text_boxes(p):
            self.paragraph(box)
        if not text:
            return  # Word still counted the number above; an empty item is not a block
        style_name = self.styles.name(sid) if sid else None
        if level is None:
            level = self.styles.outline_level(sid)
        shown = f"{label} {text}" if label else text
        line = self._add_line(shown)
        self.blocks.append(
            Paragraph(text=text, line=line, label=label or None, level=level, bold=bold, italic=italic, style=style_name)
        )

    def _text_boxes(self, p):
        # Text boxes hold their own paragraphs; the modern (mc:Choice) copy only, never
        # the VML fallback of the same box.
        for box in p.iter(W + "txbxContent"):
            if any(anc.tag == MC + "Fallback" for anc in box.iterancestors()):
                continue
            yield from box.iter(W + "p")

    def cell_text(self, tc) -> tuple[str, bool]:
        parts: list[str] = []
        bolds: list[bool] = []
        for child in self._cell_children(tc):
            if child.tag == W + "p":
                text, bold, _, sid = self._para_text(child)
                label, _ = self._label(child, sid)
                text = _clean(text)
                if label and not text:
                    # Only Word's number in the cell (an auto-numbered STT column): Word
                    # draws it with the paragraph mark's formatting.
                    bold = bool(self._mark_style(child, sid).bold)
                if label:
                    text = f"{label} {text}".strip()
                if text:
                    parts.append(text)
                    bolds.append(bold)
            elif child.tag == W + "tbl":
                # A table inside a cell: its rows become lines of the cell's text.
                for row in self.table_rows(child):
                    joined = " ".join(c.text.replace("\n", " ") for c in row if c.text and not c.merged_from_above)
                    if joined:
                        parts.append(joined)
                        bolds.append(all(c.bold for c in row if c.text))
        return "\n".join(parts), bool(bolds) and all(bolds)

    def _mark_style(self, p, sid: str | None) -> RunStyle:
        ppr = p.find(W + "pPr")
        mark = _run_style(ppr.find(W + "rPr") if ppr is not None else None)
        return mark.over(self.styles.run(sid).over(self.styles.defaults))

    def _cell_children(self, tc):
        for child in tc:
            if child.tag in (W + "p", W + "tbl"):
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self._cell_children(content)

    def _row_cells(self, tr):
        for child in tr:
            if child.tag == W + "tc":
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self._row_cells(content)

    def _table_row_elements(self, tbl):
        for child in tbl:
            if child.tag == W + "tr":
                trpr = child.find(W + "trPr")
                if trpr is not None and trpr.find(W + "del") is not None:
                    continue  # a row deleted with tracked changes on
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self._table_row_elements(content)

    def table_rows(self, tbl) -> list[list[Cell]]:
        """Rows as grid-aligned cells: a cell spanning n columns is followed by n-1 empty
        placeholders (col_span 0), so column k is cells[k] in every row; vertically merged
        continuations carry the text of the cell above (merged_from_above)."""
        rows: list[list[Cell]] = []
        previous: list[Cell] = []
        for tr in self._table_row_elements(tbl):
            cells: list[Cell] = []
            trpr = tr.find(W + "trPr")
            before = _int_val(trpr, "gridBefore") if trpr is not None else 0
            cells.extend(Cell(text="") for _ in range(before))
            for tc in self._row_cells(tr):
                tcpr = tc.find(W + "tcPr")
                if tcpr is not None and tcpr.find(W + "cellDel") is not None:
                    continue
                span = max(1, _int_val(tcpr, "gridSpan") or 1) if tcpr is not None else 1
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
                col = len(cells)
                if hmerge is not None and hmerge.get(W + "val", "continue") == "continue" and cells:
                    cells.append(Cell(text="", col_span=0))
                    continue
                if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                    above = previous[col] if col < len(previous) else Cell(text="")
                    cell = Cell(text=above.text, bold=above.bold, col_span=span, merged_from_above=True)
                else:
                    text, bold = self.cell_text(tc)
                    cell = Cell(text=text, bold=bold, col_span=span)
                cells.append(cell)
                cells.extend(Cell(text="", col_span=0) for _ in range(span - 1))
            rows.append(cells)
            previous = cells
        return rows

    def table(self, tbl) -> None:
        rows = self.table_rows(tbl)
        # A one-column frame around other tables (a layout trick) is unwrapped.
        if rows and all(len([c for c in r if c.col_span]) == 1 for r in rows) and tbl.find(f".//{W}tc/{W}tbl") is not None:
            for tr in self._table_row_elements(tbl):
                for tc in self._row_cells(tr):
                    self.container(tc)
            return
        out: list[Row] = []
        for cells in rows:
            if not any(c.text for c in cells):
                continue
            shown = "\t".join(
                "" if (c.merged_from_above or not c.col_span) else c.text.replace("\n", " ") for c in cells
            )
            line = self._add_line(shown.rstrip("\t") if shown.strip() else shown)
            out.append(Row(cells=cells, line=line))
        if out:
            self.blocks.append(Table(rows=out))

    def container(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.container(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self.container(child)


def _int_val(el, tag: str) -> int:
    child = el.find(W + tag) if el is not None else None
    if child is None:
        return 0
    try:
        return int(child.get(W + "val", "0"))
    except ValueError:
        return 0


def read_docx(data: bytes, name: str, limits: Limits | None = None) -> Document:
    limits = limits or default_limits()
    open_zip(data, name, limits)  # sound archive within the caps, before python-docx inflates it
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableFile("không phải tệp Word .docx hợp lệ (thiếu phần nội dung chính).", name) from exc
    except IngestError:
        raise
    except Exception as exc:  # lxml XMLSyntaxError, zlib errors...: a damaged file
        raise UnreadableFile(f"tệp Word bị hỏng, không đọc được ({type(exc).__name__}).", name) from exc
    reader = _Reader(doc, name)
    try:
        reader.container(reader.body)
    except RecursionError as exc:
        raise UnreadableFile("cấu trúc tệp Word lồng nhau quá sâu, không đọc được.", name) from exc
    document = Document(blocks=reader.blocks, lines=reader.lines, name=name, kind="docx")
    if reader.legacy_seen:
        document.warnings.append("Văn bản dùng phông chữ cũ (TCVN3/VNI); đã chuyển sang Unicode, cần rà soát.")
    elif encoding := looks_legacy("\n".join(reader.lines[:300])):
        # Legacy text typed in a font whose name does not say so.
        _convert_blocks(document, encoding)
        document.warnings.append("Văn bản có vẻ gõ bằng bảng mã cũ (TCVN3/VNI); đã chuyển sang Unicode, cần rà soát.")
    return document


def _convert_blocks(document: Document, encoding: str) -> None:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            block.text = convert(block.text, encoding)
        else:
            for row in block.rows:
                for cell in row.cells:
                    cell.text = convert(cell.text, encoding)
    document.lines[:] = [convert(line, encoding) for line in document.lines]
