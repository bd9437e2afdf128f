"""The one block model every reader produces and every layout consumes.

A reader turns a file (.txt/.md, .docx, .pdf, .xlsx, ...) into a `Document`: the
blocks in reading order plus a plain-text rendering of the whole document
(`lines`). Each block records the 1-based line range it occupies in that
rendering, so every extracted field can point back to its source and the review
screen can show the text beside it. For a text file the rendering is the file's
own lines; other readers render paragraphs as lines and table rows as
tab-separated lines.

Pure data: no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph of running text (markup removed, NFC, inner whitespace kept)."""

    text: str
    line: int  # first line in Document.lines (1-based)
    end_line: int | None = None  # last line; None = same as `line`
    # The numbering label the reader saw outside the text itself, e.g. Word automatic
    # numbering ("1.", "a)", "I.", "-"). None when the label, if any, is typed in `text`.
    label: str | None = None
    level: int | None = None  # numbering / outline level, 0-based, when known
    bold: bool = False  # the whole paragraph is bold (or a heading style)
    italic: bool = False  # the whole paragraph is italic
    style: str | None = None  # the reader's style name, e.g. "Heading 2"
    ocr: bool = False  # read by OCR: to be reviewed by a person

    @property
    def last_line(self) -> int:
        return self.end_line or self.line


@dataclass
class Cell:
    text: str  # markup removed, NFC; paragraphs inside the cell joined with "\n"
    bold: bool = False  # the whole cell is bold
    col_span: int = 1  # horizontally merged (gridSpan)
    # Vertically merged continuation (vMerge): the reader has already copied the
    # text of the cell above; this flag says it was not typed here.
    merged_from_above: bool = False


@dataclass
class Row:
    cells: list[Cell]
    line: int  # line in Document.lines
    end_line: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def last_line(self) -> int:
        return self.end_line or self.line


@dataclass
class Table:
    rows: list[Row]
    sheet: str | None = None  # spreadsheet sheet name, when from .xlsx

    @property
    def line(self) -> int:
        return self.rows[0].line if self.rows else 0

    @property
    def last_line(self) -> int:
        return self.rows[-1].last_line if self.rows else 0


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block]
    lines: list[str]  # plain-text rendering; Document.lines[n - 1] is line n
    name: str = ""  # file name, for messages
    kind: str = "text"  # reader that produced it: text, docx, pdf, xlsx, ...
    warnings: list[str] = field(default_factory=list)  # Vietnamese, shown to the user
    ocr: bool = False  # some text came from OCR

    def text(self) -> str:
        return "\n".join(self.lines)
