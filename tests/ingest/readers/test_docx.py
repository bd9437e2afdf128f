"""The .docx reader on small hand-made documents, one feature each."""

from __future__ import annotations

from nhiemvu.ingest.blocks import Paragraph, Table
from nhiemvu.ingest.read import read_bytes
from tests.fixtures.small_docs import abstract, add_footnotes, build, num, p, r, tbl, tc


def paragraphs(doc) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_word_numbering_labels_levels_and_restart():
    numbering = (
        abstract(1, [("upperRoman", "%1.")])
        + abstract(2, [("decimal", "%1."), ("decimal", "%1.%2."), ("lowerLetter", "%3)")])
        + abstract(3, [("bullet", "-")])
        + num(1, 1)
        + num(2, 2)
        + num(3, 2, {0: 1})  # the same list restarted at 1 under the next section
        + num(4, 3)
    )
    body = (
        p("MỤC ĐÍCH", num=(1, 0))
        + p("Mục đích", num=(2, 0))
        + p("Việc một", num=(2, 1))
        + p("Việc hai", num=(2, 1))
        + p("ý a", num=(2, 2))
        + p("ý b", num=(2, 2))
        + p("Yêu cầu", num=(2, 0))
        + p("Việc ba", num=(2, 1))
        + p("NỘI DUNG", num=(1, 0))
        + p("Nhóm đầu", num=(3, 0))
        + p("Gạch đầu dòng", num=(4, 0))
        + p("Nhóm sau", num=(3, 0))
    )
    doc = read_bytes(build(body, numbering), "numbering.docx")
    got = [(x.label, x.text, x.level) for x in paragraphs(doc)]
    assert got == [
        ("I.", "MỤC ĐÍCH", 0),
        ("1.", "Mục đích", 0),
        ("1.1.", "Việc một", 1),
        ("1.2.", "Việc hai", 1),
        ("a)", "ý a", 2),
        ("b)", "ý b", 2),
        ("2.", "Yêu cầu", 0),
        ("2.1.", "Việc ba", 1),  # the deeper level restarted under the new parent
        ("II.", "NỘI DUNG", 0),
        ("1.", "Nhóm đầu", 0),  # restarted by the startOverride
        ("-", "Gạch đầu dòng", 0),
        ("2.", "Nhóm sau", 0),
    ]
    # The plain-text rendering shows the label the way Word does; blocks point at it.
    assert doc.lines[2] == "1.1. Việc một"
    assert all(doc.lines[x.line - 1].endswith(x.text) for x in paragraphs(doc))


def test_numbering_from_paragraph_style():
    numbering = abstract(5, [("decimal", "%1.")]) + num(7, 5)
    body = p("Một", style="ListNumber") + p("Hai", style="ListNumber")
    data = build(body, numbering)
    # Point the built-in "List Number" style at our list.
    import io
    import zipfile

    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                content = content.replace(
                    b'w:styleId="ListNumber">',
                    b'w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr>',
                    1,
                )
            zout.writestr(item, content)
    doc = read_bytes(out.getvalue(), "style-numbering.docx")
    assert [(x.label, x.text) for x in paragraphs(doc)] == [("1.", "Một"), ("2.", "Hai")]


def test_vertical_and_horizontal_merges():
    header = [tc("STT", bold=True), tc("Nội dung", bold=True), tc("Chủ trì", bold=True), tc("Thời gian", bold=True)]
    rows = [
        header,
        [tc("I", bold=True), tc("Nhiệm vụ chung", span=3, bold=True)],
        [tc("1"), tc("Việc một"), tc("Phòng Tư pháp", vmerge="restart"), tc("Quý I/2023")],
        [tc("2"), tc("Việc hai"), tc(vmerge="continue"), tc("Quý II/2023")],
        [tc("3"), tc("Việc ba"), tc(vmerge="continue"), tc("Quý III/2023")],
    ]
    doc = read_bytes(build(tbl(rows, 4)), "merges.docx")
    (table,) = tables(doc)
    assert [len(row.cells) for row in table.rows] == [4, 4, 4, 4, 4]  # grid-aligned
    section = table.rows[1].cells
    assert section[1].text == "Nhiệm vụ chung" and section[1].col_span == 3 and section[1].bold
    assert [c.col_span for c in section[2:]] == [0, 0]
    leads = [row.cells[2] for row in table.rows[2:]]
    assert [c.text for c in leads] == ["Phòng Tư pháp"] * 3  # the lead applies to every row it spans
    assert [c.merged_from_above for c in leads] == [False, True, True]
    # The rendering shows the merged cell once, like the text version of the table.
    assert doc.lines[table.rows[3].line - 1] == "2\tViệc hai\t\tQuý II/2023"


def test_tracked_changes_footnotes_headers_hidden_text():
    body = (
        "<w:p>"
        + r("Giao Phòng ")
        + '<w:ins w:id="1" w:author="A" w:date="2023-01-01T00:00:00Z">' + r("Tư pháp ") + "</w:ins>"
        + '<w:del w:id="2" w:author="A" w:date="2023-01-01T00:00:00Z">'
        + '<w:r><w:delText xml:space="preserve">Nội vụ </w:delText></w:r></w:del>'
        + r("chủ trì.")
        + '<w:r><w:footnoteReference w:id="1"/></w:r>'
        + r(" (ghi chú ẩn)", hidden=True)
        + "</w:p>"
    )
    data = add_footnotes(build(body, header="ĐẦU TRANG"), "Chú thích cuối trang không phải nhiệm vụ")
    doc = read_bytes(data, "changes.docx")
    assert [x.text for x in paragraphs(doc)] == ["Giao Phòng Tư pháp chủ trì."]
    text = doc.text()
    assert "Nội vụ" not in text and "Chú thích" not in text and "ĐẦU TRANG" not in text


def test_nested_table_and_layout_frame():
    inner = tbl([[tc("a"), tc("b")], [tc("c"), tc("d")]], 2)
    rows = [[tc("Ngoài"), tc(inner=p("Trong:") + inner)]]
    doc = read_bytes(build(tbl(rows, 2)), "nested.docx")
    (table,) = tables(doc)
    assert table.rows[0].cells[1].text == "Trong:\na b\nc d"
    # A one-column frame around a real table is unwrapped into its content.
    framed = tbl([[tc(inner=p("Tiêu đề khung") + tbl([[tc("STT"), tc("Nội dung")], [tc("1"), tc("Việc")]], 2))]], 1)
    doc = read_bytes(build(framed), "frame.docx")
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "Tiêu đề khung"
    assert tables(doc)[0].rows[1].texts == ["1", "Việc"]


def test_legacy_font_runs_are_converted():
    body = p("Phßng Tµi chÝnh", font=".VnTime") + p("phßng néi vô", font=".VnTimeH") + p("Phoøng Kinh teá", font="VNI-Times")
    doc = read_bytes(build(body), "legacy.docx")
    assert [x.text for x in paragraphs(doc)] == ["Phòng Tài chính", "PHÒNG NỘI VỤ", "Phòng Kinh tế"]
    assert doc.warnings


def test_bold_paragraph_and_partial_bold():
    body = p("TIÊU ĐỀ", bold=True) + "<w:p>" + r("Đậm", bold=True) + r(" thường") + "</w:p>"
    doc = read_bytes(build(body), "bold.docx")
    assert [x.bold for x in paragraphs(doc)] == [True, False]


def test_deleted_table_row_and_text_box():
    rows = [
        [tc("STT"), tc("Nội dung")],
        [tc("1"), tc("Việc giữ lại")],
        '<w:trPr><w:del w:id="9" w:author="A" w:date="2023-01-01T00:00:00Z"/></w:trPr>' + tc("2") + tc("Việc đã xoá"),
    ]
    box = (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><w:txbxContent>' + p("Số: 12/KH-UBND") + "</w:txbxContent></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:txbxContent>" + p("Số: 12/KH-UBND") + "</w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    doc = read_bytes(build(box + tbl(rows, 2)), "xoa-dong.docx")
    assert [x.text for x in paragraphs(doc)] == ["Số: 12/KH-UBND"]  # once: the fallback copy is skipped
    assert [r.texts for r in tables(doc)[0].rows] == [["STT", "Nội dung"], ["1", "Việc giữ lại"]]


def test_number_and_content_in_one_spanning_cell_extracts_aligned_columns():
    """Real Word appendices sometimes merge the STT and content cells of a row and type
    "31 Xây dựng…" in it; the reader keeps the grid aligned (span + placeholder)."""
    from nhiemvu.ingest.extract import extract_bytes

    head = [tc("STT", bold=True), tc("Nội dung nhiệm vụ", bold=True), tc("Cơ quan chủ trì", bold=True),
            tc("Thời gian hoàn thành", bold=True)]
    rows = [head, [tc("1"), tc("Kiểm tra văn bản quy phạm pháp luật"), tc("Phòng Tư pháp"), tc("Quý I/2023")],
            [tc("2 Xây dựng kế hoạch cải cách hành chính", span=2), tc("Phòng Nội vụ"), tc("Quý II/2023")]]
    data = build(p("PHỤ LỤC", bold=True) + p("PHÂN CÔNG NHIỆM VỤ NĂM 2023", bold=True) + tbl(rows, 4))
    assert tables(read_bytes(data, "gop.docx"))[0].rows[2].texts == [
        "2 Xây dựng kế hoạch cải cách hành chính", "", "Phòng Nội vụ", "Quý II/2023"]
    tasks = extract_bytes(data, "gop.docx")["tasks"]
    assert [(t["lead"], t["due_text"]) for t in tasks] == [(["Phòng Tư pháp"], "Quý I/2023"), (["Phòng Nội vụ"], "Quý II/2023")]


def test_auto_numbered_stt_column():
    """Real appendices often number the STT column with Word numbering: the cell holds
    no text, only the number Word draws."""
    from nhiemvu.ingest.extract import extract_bytes

    numbering = abstract(3, [("decimal", "%1.")]) + num(3, 3)

    def stt() -> str:
        return tc(inner=p(num=(3, 0)))

    rows = [[tc("STT", bold=True), tc("Nội dung nhiệm vụ", bold=True), tc("Cơ quan chủ trì", bold=True),
             tc("Thời gian hoàn thành", bold=True)]]
    rows += [[stt(), tc(f"Kiểm tra văn bản quy phạm pháp luật đợt {i}"), tc("Phòng Tư pháp"), tc(f"Quý {'I' * i}/2023")]
             for i in (1, 2, 3)]
    data = build(p("PHỤ LỤC", bold=True) + p("PHÂN CÔNG NHIỆM VỤ NĂM 2023", bold=True) + tbl(rows, 4), numbering)
    (table,) = tables(read_bytes(data, "stt.docx"))
    assert [r.cells[0].text for r in table.rows] == ["STT", "1.", "2.", "3."]
    tasks = extract_bytes(data, "stt.docx")["tasks"]
    assert [(t["ref"], t["lead"], t["due_text"]) for t in tasks] == [
        ("1", ["Phòng Tư pháp"], "Quý I/2023"), ("2", ["Phòng Tư pháp"], "Quý II/2023"),
        ("3", ["Phòng Tư pháp"], "Quý III/2023")]
