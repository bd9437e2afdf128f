"""Vietnamese language helpers, pure (no I/O, no Django):

- `text`: NFC, whitespace, markup, accent folding (`fold("Tài chính") == "tai chinh"`)
- `dates`: "29/12/2022", "ngày 29 tháng 12 năm 2022", months, quarters, due dates of a duty
- `timeframe`: timing phrases → (start, due, recurring); deadlines inside a task sentence
- `numbers`: "11,47" → 11.47, "7.000" → 7000; numeric targets of an indicator sentence
"""
