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
        shown = f"{_short(value)}{unit}"
        parts.append(f'<text x="{label_width + width + 6}" y="{y + 15}">{html.escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, points: list[tuple[str, float]], unit: str) -> str:
    """A line over years (``points`` in order: label, value) as one line of
    SVG. Years are placed by their distance (a year missing leaves its gap);
    the axis starts at zero so that growth is not exaggerated; at most
    `MAX_LABELS` points are labelled (the first, the last, and evenly
    between), so the text stays legible at a phone's width."""
    left, width, top, height, bottom = 18, 364, 34, 120, 42
    biggest = max((value for _, value in points), default=0) or 1
    positions = _positions([label for label, _ in points], width)
    parts = [
        f'<svg class="bg-chart bg-chart-line" role="img" aria-label="{html.escape(title)}" '
        f'viewBox="0 0 {left * 2 + width} {top + height + bottom}" xmlns="http://www.w3.org/2000/svg">',
        f'<text class="bg-chart-title" x="0" y="18">{html.escape(title)}</text>',
        f'<line class="bg-chart-axis" x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}"/>',
    ]
    coordinates = [
        (round(left + position, 1), round(top + height - height * value / biggest, 1))
        for position, (_, value) in zip(positions, points, strict=True)
    ]
    parts.append(f'<polyline class="bg-chart-series" points="{" ".join(f"{x},{y}" for x, y in coordinates)}"/>')
    labelled = _labelled(positions, width / MAX_LABELS)
    for index, ((label, value), (x, y)) in enumerate(zip(points, coordinates, strict=True)):
        parts.append(f'<circle class="bg-chart-point" cx="{x}" cy="{y}" r="3"/>')
        if index in labelled:
            parts.append(f'<text x="{x}" y="{y - 7}" text-anchor="middle">{html.escape(_short(value))}</text>')
            parts.append(f'<text x="{x}" y="{top + height + 18}" text-anchor="middle">{html.escape(label)}</text>')
    parts.append(f'<text x="{left + width}" y="{top + height + 36}" text-anchor="end">{html.escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _positions(labels: list[str], width: float) -> list[float]:
    """Where each point stands along the axis: by year when every label is
    one, else evenly."""
    if len(labels) < 2:
        return [0.0] * len(labels)
    if all(label.isdigit() for label in labels):
        first, last = int(labels[0]), int(labels[-1])
        if last > first:
            return [width * (int(label) - first) / (last - first) for label in labels]
    return [width * index / (len(labels) - 1) for index in range(len(labels))]


def _labelled(positions: list[float], gap: float) -> set[int]:
    """The points to label: the first and the last, and between them each
    point at least `gap` from the one labelled before it and from the last."""
    if not positions:
        return set()
    chosen = [0]
    last = len(positions) - 1
    for index in range(1, last):
        if positions[index] - positions[chosen[-1]] >= gap and positions[last] - positions[index] >= gap:
            chosen.append(index)
    return {*chosen, last}


# A line chart labels at most this many of its points.
MAX_LABELS = 6


def _short(value: float) -> str:
    """A value as a chart labels it: at most four significant digits."""
    return f"{value:,.0f}" if value >= 1000 else f"{value:.4g}"


def display_scale(values: list[float], unit: str) -> tuple[float, str]:
    """A divisor and the unit a reader expects for values this large:
    8.27e13 元 reads as 82.7 万亿元."""
    biggest = max(values, default=0)
    for divisor, prefix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if biggest >= divisor * 10 and unit in SCALED_UNITS:
            return divisor, prefix + unit
    return 1, unit


# Base units that take 万 and 亿 in Chinese reports.
SCALED_UNITS = frozenset({"元", "美元", "人", "吨", "户", "平方米", "亩", "人次", "公里"})
