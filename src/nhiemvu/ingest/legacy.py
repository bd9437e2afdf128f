"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) → Unicode.

Placeholder interface: the readers' work (issue 3) fills it in. Readers call
`to_unicode(text, font=None)` on text that may have been typed with a legacy font.
"""

from __future__ import annotations


def looks_legacy(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text looks typed in that encoding, else None."""
    return None


def to_unicode(text: str, font: str | None = None) -> str:
    """Convert legacy-encoded text to NFC Unicode; unchanged when it is not legacy."""
    return text
