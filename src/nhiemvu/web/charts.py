"""Charts drawn on the server as SVG (no script, nothing fetched). Pure: data in, markup out."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# One colour per task status, the same as the badges in app.css.
STATUS_COLOURS = {
    "not_yet_due": "#9aa4b1",
    "in_progress": "#0b5cab",
    "due_soon": "#e08e0b",
    "overdue": "#b3261e",
    "completed_on_time": "#1b7f3b",
    "completed_late": "#8a6d00",
    "recurring": "#6f4fa8",
    "cancelled": "#c5c9cf",
}


@dataclass
class Bar:
    label: str
    value: float
    colour: str = "#0b4f8a"
    note: str = ""  # shown after the value (e.g. "12/40")


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def hbar(bars: list[Bar], *, title: str, max_value: float | None = None, suffix: str = "",
         label_width: int = 120, width: int = 400) -> str:
    """Horizontal bars, one per row; labels on the left, values on the right."""
    row_h, pad = 26, 6
    height = max(1, len(bars)) * row_h + pad * 2
    top = max_value if max_value is not None else max((b.value for b in bars), default=0) or 1
    plot_w = width - label_width - 95
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, bar in enumerate(bars):
        y = pad + i * row_h
        w = 0 if top <= 0 else max(0.0, min(1.0, bar.value / top)) * plot_w
        label = bar.label if len(bar.label) <= 18 else bar.label[:17] + "…"
        value = _fmt(bar.value) + suffix + (f" ({bar.note})" if bar.note else "")
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="12" fill="#334">'
            f"<title>{escape(bar.label)}</title>{escape(label)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{plot_w}" height="16" rx="3" fill="#eef1f5"/>'
            f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="16" rx="3" fill="{escape(bar.colour)}"/>'
            f'<text x="{label_width + plot_w + 6}" y="{y + 17}" font-size="12" fill="#1d2733">{escape(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def donut(slices: list[Bar], *, title: str, centre: str = "", size: int = 180) -> str:
    """A ring split by value (status mix), with a figure in the middle."""
    import math

    total = sum(max(0.0, s.value) for s in slices)
    r, cx, cy, stroke = size / 2 - 18, size / 2, size / 2, 26
    circumference = 2 * math.pi * r
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#eef1f5" stroke-width="{stroke}"/>'
    ]
    offset = 0.0
    for s in slices:
        if total <= 0 or s.value <= 0:
            continue
        length = circumference * s.value / total
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{escape(s.colour)}" stroke-width="{stroke}" '
            f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" stroke-dashoffset="{-offset:.2f}" '
            f'transform="rotate(-90 {cx} {cy})"><title>{escape(s.label)}: {_fmt(s.value)}</title></circle>'
        )
        offset += length
    if centre:
        parts.append(
            f'<text x="{cx}" y="{cy + 7}" text-anchor="middle" font-size="22" font-weight="700" fill="#1d2733">'
            f"{escape(centre)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
