"""Charts drawn as SVG at build time: no script, no CDN, works offline."""

from __future__ import annotations

import html


def bar_chart(title: str, bars: list[tuple[str, float]], unit: str) -> str:
    """A horizontal bar chart as one line of SVG (a raw HTML block in Markdown)."""
    label_width, bar_width, row, top = 110, 200, 26, 34
    height = top + row * len(bars) + 10
    biggest = max((value for _, value in bars), default=0) or 1
    parts = [
        f'<svg class="bg-chart" role="img" aria-label="{html.escape(title)}" '
        f'viewBox="0 0 {label_width + bar_width + 90} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text class="bg-chart-title" x="0" y="18">{html.escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        width = round(bar_width * value / biggest, 1)
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect class="bg-chart-bar" x="{label_width}" y="{y + 3}" width="{width}" height="16"/>')
        shown = f"{value:,.0f}{unit}"
        parts.append(f'<text x="{label_width + width + 6}" y="{y + 15}">{html.escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)
