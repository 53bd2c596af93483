"""Reading order of a PDF page from its pdfplumber chars (part of the ingest stage).

A page's glyphs are grouped into rows by height; a vertical gutter free of text across the body
splits rows into a left and a right column, while rows that cross it (title, abstract, a wide table
or footnote) stay full width and keep their place: a run of full-width rows, then the left column,
then the right column of the run of split rows that follows, and so on down the page. Words get one
space, table cells (a gap wider than 1.5 median character widths) two. Paragraph breaks come from
line pitch, font size, bold headings and short last lines. Running headers and footers -- lines in the
page's top or bottom rows that repeat across pages once digits are masked, and bare page numbers --
are dropped after all pages are read. Every character keeps its index into the page's ``chars``.
"""

from __future__ import annotations

import re
import statistics
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Optional

import numpy as np

# Glyph tuple fields (tuples are markedly faster than objects for thousands of glyphs a page).
X0, X1, TOP, BOTTOM, SIZE, INDEX, TEXT, BOLD, SPACES = range(9)

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
_CID = re.compile(r"\(cid:\d+\)")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_POWER = re.compile(r"[-\u2212\u2013]?\d{1,3}")
_SQUARED = set("χIRrηωτσsxTm")  # symbols a raised digit belongs to: χ², I², R², τ², σ², m²
_ABBREVIATION = re.compile(r"\b(?:al|vs|e\.g|i\.e|Fig|Figs|No|Eq|approx|ca|cf|Dr|Ref|Refs)\.$")
_EDGE_ZONE = 0.12  # fraction of the page height at top and bottom where running lines live


# Adobe's Symbol font encoding for the codes that print statistics and Greek letters. pdfminer decodes
# a Symbol font without a ToUnicode map through StandardEncoding, so "P ≤ 0.05" arrives as "P £ 0.05"
# and "±" as "–"; _symbol_text undoes that.
_SYMBOL_ENCODING = dict(zip(
    [0x22, 0x24, 0x27, 0x2A, 0x2D, 0x40]
    + list(range(0x41, 0x5B)) + [0x5C, 0x5E] + list(range(0x61, 0x7B)) + [0x7E]
    + list(range(0xA1, 0xBD)) + [0xD6, 0xD7, 0xE5],
    "∀∃∋∗−≅"
    "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ" "∴⊥" "αβχδεφγηιϕκλμνοπθρστυϖωξψζ" "∼"
    "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…" "√⋅∑",
))
_SYMBOL_FONT = re.compile(r"^(?:[A-Z]{6}\+)?Symbol(?:MT|PS)?$", re.I)
_symbol_fix: dict = {}


def _symbol_text(text: str) -> str:
    if not _symbol_fix:
        from pdfminer.encodingdb import EncodingDB

        for code, char in _SYMBOL_ENCODING.items():
            _symbol_fix[EncodingDB.std2unicode.get(code) or f"(cid:{code})"] = char
    return _symbol_fix.get(text, text)


@dataclass
class Line:
    text: str
    origin: array  # index into the page's chars for each character, -1 for inserted spaces
    sep: str  # separator before this line: "\n" inside a paragraph, "\n\n" between paragraphs
    edge_key: Optional[str] = None  # digit-masked text if the line sits in the page's edge rows
    drop: bool = False  # a page number or a lone journal line: never text
    bold: bool = False  # every glyph bold: a heading


@dataclass
class PageLines:
    lines: list
    glyph_count: int
    title: Optional[str] = None


@dataclass
class _Row:
    glyphs: list
    top: float
    bottom: float
    runs: list  # (x0, x1) of ink, words merged


@dataclass
class _Placed:
    glyphs: list
    block: int
    region: str  # "full" | "left" | "right"
    left: float
    right: float
    row: int


def page_chars(page) -> list:
    """The page's chars as (text, x0, x1, top, bottom, size, fontname, upright, matrix) tuples, in the order and
    with the coordinates of pdfplumber's ``page.chars`` -- read straight from the pdfminer layout, which
    skips the dict of some twenty attributes pdfplumber builds for every char (most of its time).
    ``plumber_chars`` is the reference; tests prove the two equal."""
    from pdfminer.layout import LTChar, LTContainer

    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    out = []

    def walk(objs):
        for obj in objs:
            if isinstance(obj, LTChar):
                fontname = obj.fontname
                if isinstance(fontname, bytes):
                    fontname = fontname.decode("latin-1")
                out.append((obj.get_text(), obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top,
                            height - obj.y0 + mb_top, obj.size, fontname, obj.upright, obj.matrix))
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(page.layout._objs)
    return out


def plumber_chars(page) -> list:
    """The same tuples built from pdfplumber's ``page.chars`` (slow; the reference for page_chars)."""
    return [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"], c["upright"],
             c["matrix"]) for c in page.chars]


def layout_page(chars: list, bbox: tuple) -> PageLines:
    """Lines of one page in reading order. ``chars`` as from page_chars; ``bbox`` the page's
    (x0, top, x1, bottom) -- characters outside it are invisible."""
    left, page_top, right, page_bottom = bbox
    orientation = _orientation(chars)
    glyphs = []
    bold_fonts: dict = {}
    spaces = 0  # space chars just before this one in the content stream: the PDF's own word breaks
    for i, (text, x0, x1, top, bottom, size, fontname, upright, matrix) in enumerate(chars):
        if not text or text.isspace():
            spaces += 1
            continue
        before, spaces = spaces, 0
        if _orient(upright, matrix) != orientation:
            continue  # margin text at an angle to the page's text
        if orientation == "upright":
            if not x1 > left or not x0 < right or not bottom > page_top or not top < page_bottom:
                continue  # outside the page, or NaN coordinates
            top, bottom = top - page_top, bottom - page_top
        else:
            # Text set sideways (a landscape table): turn it upright. Its box's width is the type's height.
            # (pdfplumber's bbox does not follow /Rotate, so no clipping here.)
            if not (x0 <= x1 and top <= bottom):
                continue
            size = x1 - x0
            if orientation == "down":  # reads top to bottom: the page turned a quarter anticlockwise
                x0, x1, top, bottom = top, bottom, -x1, -x0
            else:  # reads bottom to top
                x0, x1, top, bottom = -bottom, -top, x0, x1
        if fontname and _SYMBOL_FONT.match(fontname):
            text = _symbol_text(text)
        if "(cid:" in text:
            text = _CID.sub("\ufffd", text)
        bold = bold_fonts.get(fontname)
        if bold is None:
            bold = bold_fonts[fontname] = bool(_BOLD.search(fontname or ""))
        glyphs.append((x0, x1, top, bottom, size or 1.0, i, text, bold, before))
    height = page_bottom - page_top
    if glyphs and orientation != "upright":
        # Shift the turned page to the origin; its height is the text's extent plus equal margins.
        dx = min(g[X0] for g in glyphs)
        dy = min(g[TOP] for g in glyphs)
        glyphs = [(g[X0] - dx, g[X1] - dx, g[TOP] - dy + 36, g[BOTTOM] - dy + 36) + g[4:] for g in glyphs]
        height = max(g[BOTTOM] for g in glyphs) + 36
    if not glyphs:
        return PageLines([], 0)
    rows = _rows(glyphs)
    body_size = statistics.median(g[SIZE] for g in glyphs)
    placed = _place(rows, body_size)
    lines = _lines(placed, rows, height, body_size)
    return PageLines(lines, len(glyphs), _title(placed, height, body_size))


def _orient(upright: bool, matrix) -> str:
    if upright:
        return "upright"
    return "down" if matrix[1] < 0 else "up"


def _orientation(chars: list) -> str:
    """How most of the page's text runs: "upright", "down" (top to bottom) or "up" (bottom to top)."""
    counts = Counter(_orient(c[7], c[8]) for c in chars if c[0].strip())
    return counts.most_common(1)[0][0] if counts else "upright"


def drop_running_lines(pages: list) -> list:
    """Raw pages (text, origin array) without running headers, footers and page numbers."""
    seen = Counter()
    for page in pages:
        seen.update({line.edge_key for line in page.lines if line.edge_key})
    raw = []
    for page in pages:
        parts: list[str] = []
        origin = array("i")
        for line in page.lines:
            if line.drop or (line.edge_key and seen[line.edge_key] >= 2):
                continue
            if parts:
                parts.append(line.sep)
                origin.extend([-1] * len(line.sep))
            parts.append(line.text)
            origin.extend(line.origin)
        raw.append(("".join(parts), origin))
    return raw


def _rows(glyphs: list) -> list:
    """Group glyphs whose vertical centres lie within half a font size of the row's first glyph."""
    glyphs.sort(key=lambda g: g[TOP] + g[BOTTOM])
    rows, current, anchor, anchor_size = [], [], 0.0, 0.0
    for g in glyphs:
        mid = (g[TOP] + g[BOTTOM]) / 2
        if current and mid - anchor <= 0.5 * max(anchor_size, g[SIZE]):
            current.append(g)
            anchor_size = max(anchor_size, g[SIZE])
        else:
            if current:
                rows.append(current)
            current, anchor, anchor_size = [g], mid, g[SIZE]
    rows.append(current)
    out = []
    for row in rows:
        row.sort(key=lambda g: g[X0])
        runs = []
        for g in row:
            if runs and g[X0] - runs[-1][1] < 0.6 * g[SIZE]:
                runs[-1][1] = max(runs[-1][1], g[X1])
            else:
                runs.append([g[X0], g[X1]])
        out.append(_Row(row, min(g[TOP] for g in row), max(g[BOTTOM] for g in row), runs))
    return out


def _gutter(rows: list, body_size: float) -> Optional[tuple[float, float]]:
    """The x-band of a two-column gutter, or None for a one-column page."""
    lo = min(r.runs[0][0] for r in rows)
    hi = max(r.runs[-1][1] for r in rows)
    span = hi - lo
    if not 150 <= span <= 20000 or len(rows) < 6:
        return None  # too narrow for columns, or a page too absurdly wide to bin by the point
    base = int(lo)
    cover = np.zeros(int(hi) - base + 2, dtype=np.int32)
    q1, q3 = lo + 0.25 * span, lo + 0.75 * span
    for r in rows:
        if any(a <= q1 and b >= q3 for a, b in r.runs) or \
                statistics.median(g[SIZE] for g in r.glyphs) > 1.25 * body_size:
            # Unbroken ink across the middle half, or title type: full width whatever the gutter. Left
            # out, they cannot hide a short column's lines (whose ends they would otherwise match).
            continue
        for a, b in r.runs:
            cover[int(a) - base:int(b) - base + 1] += 1
    mid_lo, mid_hi = int(0.25 * span), int(0.75 * span)
    best = _valley(cover, mid_lo, mid_hi, max(1, len(rows) // 10), body_size)
    if best is None:
        return None
    b0, b1 = base + best[0], base + best[1]
    centre = (b0 + b1) / 2
    left_width, right_width = b0 - lo, hi - b1
    left_rows, right_rows, open_rows, two_sided, measured, word_gap_wide = [], [], 0, 0, 0, 0
    for r in rows:
        if _crosses(r, b0, b1, body_size):
            continue
        open_rows += 1
        left = [(a, b) for a, b in r.runs if b < centre]
        right = [(a, b) for a, b in r.runs if a > centre]
        if left:
            left_rows.append(left)
        if right:
            right_rows.append(right)
        if left and right:
            # Beside a gutter the gap between the columns is wider than the row's word gaps; a gap no
            # wider than them may be a word gap of a one-column line that happens to fall in the band.
            # Only a few rows line up by chance: loose justified columns beside a narrow gutter give
            # many rows whose word gaps match the gutter, all aligned down the page.
            two_sided += 1
            verdict = _word_gap_wide(left, right, body_size)
            if verdict is not None:
                measured += 1
                word_gap_wide += verdict
    # Either column may be short (the last lines of an article beside a long first column, or a few
    # lines of abstract that spilled into the left column), but both must hold text.
    if (open_rows < 0.3 * len(rows) or not left_rows or not right_rows
            or len(left_rows) + len(right_rows) < 4 or (two_sided < 6 and word_gap_wide > measured / 2)
            or not 0.4 <= left_width / max(right_width, 1) <= 2.5):
        return None
    # A right column is flush left at the gutter's edge: most of its lines (at least three, or half of
    # a short one) start there. The right-hand text that a one-column page shows beside a band of
    # aligned word gaps or short lines (a running header, a table's last cells) starts anywhere.
    flush = sum(1 for right in right_rows if abs(right[0][0] - b1) <= max(2.0, 0.3 * body_size))
    if flush < min(3, (len(right_rows) + 1) // 2):
        return None
    # A wide table on a one-column page also leaves a free band in the middle, but its cells leave more
    # free bands, aligned down the rows, on either side. Prose columns have none: their word gaps
    # never line up through nine rows in ten.
    # (Each side is measured over its own text: the few ragged lines of a short column leave the
    # page's right margin beyond them empty in every row.)
    for side in (left_rows, right_rows):
        if _free_band(side, min(runs[0][0] for runs in side), max(runs[-1][1] for runs in side), body_size):
            return None
    return b0, b1


def _word_gap_wide(left: list, right: list, body_size: float) -> Optional[bool]:
    """Whether the gap between a row's ``left`` and ``right`` runs is no wider than its word gaps (None
    when the row shows no word gaps to compare: its words were merged into runs)."""
    gaps = [q[0] - p[1] for side in (left, right) for p, q in zip(side, side[1:])
            if q[0] - p[1] < 3 * body_size]  # word gaps, however loose; not a table's cell gaps
    if not gaps or not left or not right:
        return None
    return right[0][0] - left[-1][1] < 1.5 * statistics.median(gaps)


def _valley(cover, mid_lo: int, mid_hi: int, most: int, body_size: float) -> Optional[tuple[int, int]]:
    """The bins [start, end) of the gutter: of the valleys in cover[mid_lo:mid_hi] at least a word gap
    wide, the one with the lowest floor, then the widest.

    A valley is a run of equal coverage with more rows on both sides, its walls: the rows of the
    columns beside it, each wall measured as the most rows within four font sizes of the run. Its floor
    counts the rows that cross the gutter (title, abstract, a wide table). A few more rows may stand in
    the gutter -- a centred page number, a short title, a line that runs a little long -- so the valley
    widens over bins up to a tolerance above its floor: on each side less than half of what that wall
    adds to the floor, and never more than ``most``; an island narrower than a font size (a page
    number) does not stop it. A short column (a few lines beside a long one, or
    under a tall full-width abstract) adds only a few rows; a tolerance counted from the page's row
    total alone took the body of such a column for the gutter, and the page was read as one column
    with the two columns' lines interleaved."""
    window = max(4, int(4 * body_size))
    hop_width = max(2, int(body_size))
    best, best_key = None, None
    k = mid_lo
    while k < mid_hi:
        level = int(cover[k])
        start = end = k
        while end < mid_hi and cover[end] == level:
            end += 1
        k = end
        left_wall = int(cover[max(0, start - window):start].max()) if start else level
        right_wall = int(cover[end:end + window].max()) if end < len(cover) else level
        if min(left_wall, right_wall) <= level:
            continue  # a slope or a plain, not a valley
        ceiling = level + min(most, (left_wall - level - 1) // 2)
        a = start
        while a > mid_lo:
            if cover[a - 1] <= ceiling:
                a -= 1
                continue
            # Hop over an island narrower than a font size: a page number standing in the gutter.
            hop = next((j for j in range(a - 2, max(mid_lo, a - hop_width) - 1, -1) if cover[j] <= ceiling), None)
            if hop is None:
                break
            a = hop
        ceiling = level + min(most, (right_wall - level - 1) // 2)
        b = end
        while b < mid_hi:
            if cover[b] <= ceiling:
                b += 1
                continue
            hop = next((j for j in range(b + 1, min(mid_hi, b + hop_width)) if cover[j] <= ceiling), None)
            if hop is None:
                break
            b = hop
        if b - a < 0.8 * body_size:
            continue
        key = (level, -(b - a))
        if best_key is None or key < best_key:
            best, best_key = (a, b), key
    return best


def _crosses(row: _Row, b0: float, b1: float, body_size: float) -> bool:
    """A full-width row has ink across the gutter's centre -- unless that ink stops inside a gutter of
    plausible width and, after a gap wider than any word gap, the row goes on beyond it: a long table
    label followed by the row's cells."""
    centre = (b0 + b1) / 2
    for k, (a, b) in enumerate(row.runs):
        if a <= centre <= b:
            if b1 - b0 <= 6 * body_size and b < b1 - 1 and k + 1 < len(row.runs):
                following = row.runs[k + 1][0]
                return not (following >= b1 - 1 and following - b >= 1.2 * body_size)
            return True
        if a > centre:
            # A word gap right at the centre: ink enters the band from both sides and leaves less than
            # half of it free -- a one-column line, not two columns' lines side by side.
            if k > 0 and a - row.runs[k - 1][1] < 0.5 * (b1 - b0) and row.runs[k - 1][1] > b0 and a < b1:
                return True
            # A row of a full-width table whose cell gap falls on the gutter: cells on the left, and
            # on the right ink that does not start flush with the right column as its lines do.
            left = row.runs[:k]
            cells = any(q[0] - p[1] >= 1.5 * body_size for p, q in zip(left, left[1:]))
            return cells and a > b1 + max(2.0, 0.3 * body_size)
    return False


def _free_band(side_rows: list, x_lo: float, x_hi: float, body_size: float) -> bool:
    """True if the inner 80% of [x_lo, x_hi] has a band, wider than a word gap, that nine in ten rows
    with text on this side leave empty."""
    if len(side_rows) < 3:
        return False
    base = int(x_lo)
    cover = np.zeros(int(x_hi) - base + 2, dtype=np.int32)
    for runs in side_rows:
        for a, b in runs:
            cover[max(0, int(a) - base):int(b) - base + 1] += 1
    width = x_hi - x_lo
    inner = cover[int(0.1 * width):int(0.9 * width)]
    free = np.append(inner <= 0.1 * len(side_rows), False)
    longest = start = 0
    for i, f in enumerate(free):
        if not f:
            longest = max(longest, i - start)
            start = i + 1
    return longest >= 0.8 * body_size


def _place(rows: list, body_size: float) -> list:
    """Lines in reading order: full-width runs of rows keep their place; split runs go left then right."""
    gutter = _gutter(rows, body_size)
    lo = min(r.runs[0][0] for r in rows)
    hi = max(r.runs[-1][1] for r in rows)
    if gutter is None:
        return [_Placed(r.glyphs, 0, "full", lo, hi, i) for i, r in enumerate(rows)]
    b0, b1 = gutter
    centre = (b0 + b1) / 2
    placed: list[_Placed] = []
    block, left_lines, right_lines, in_split = 0, [], [], False

    def close_split():
        placed.extend(left_lines)
        placed.extend(right_lines)
        left_lines.clear()
        right_lines.clear()

    for i, r in enumerate(rows):
        full = _crosses(r, b0, b1, body_size)
        if not full and not in_split and placed and placed[-1].region == "full" \
                and all(b < centre for a, b in r.runs):
            full = True  # the short last line of a full-width paragraph (abstract, caption)
        if full:
            if in_split:
                close_split()
                block += 1
                in_split = False
            placed.append(_Placed(r.glyphs, block, "full", lo, hi, i))
        else:
            if not in_split:
                block += 1
                in_split = True
            left = [g for g in r.glyphs if (g[X0] + g[X1]) / 2 < centre]
            right = [g for g in r.glyphs if (g[X0] + g[X1]) / 2 >= centre]
            if left:
                left_lines.append(_Placed(left, block, "left", lo, b0, i))
            if right:
                right_lines.append(_Placed(right, block, "right", b1, hi, i))
    close_split()
    return placed


def _superscripts(glyphs: list) -> list:
    """For each glyph: None for ordinary text, else what to do with the raised small run it belongs to:
    "power" (10 to the power -5: written ``10^-5``), "attach" (χ², I², R², τ², m²: the digit joins the
    symbol) or "drop" (a citation or footnote marker: ``ketamine¹²`` would read as ketamine12, and
    ``P<.001²³`` as P<.00123)."""
    sizes = sorted(g[SIZE] for g in glyphs)
    size = sizes[len(sizes) // 2]
    ordinary = sorted(g[BOTTOM] for g in glyphs if g[SIZE] > 0.85 * size)
    baseline = ordinary[len(ordinary) // 2] if ordinary else glyphs[0][BOTTOM]
    raised = [g[SIZE] < 0.85 * size and g[BOTTOM] < baseline - 0.2 * size for g in glyphs]
    modes: list = [None] * len(glyphs)
    i = 0
    while i < len(glyphs):
        if not raised[i]:
            i += 1
            continue
        j = i
        while j < len(glyphs) and raised[j]:
            j += 1
        run = "".join(g[TEXT] for g in glyphs[i:j])
        before = "".join(glyphs[k][TEXT] for k in range(max(0, i - 3), i) if not raised[k])
        modes[i:j] = [superscript_mode(before, run)] * (j - i)
        i = j
    return modes


def superscript_mode(before: str, run: str) -> str:
    """What a superscript ``run`` right after the text ``before`` is: "power" (10 to the -5, to be
    written 10^-5), "attach" (the 2 of χ², I², R², m²) or "drop" (a citation or footnote marker).
    Shared by the PDF, HTML and JATS readers."""
    run = run.strip()
    if before.endswith("10") and _POWER.fullmatch(run):
        return "power"
    if before[-1:] in _SQUARED and not before[-2:-1].isalpha() and run.isdigit():
        return "attach"
    return "drop"


def _line_text(glyphs: list) -> tuple[str, array]:
    widths = sorted((g[X1] - g[X0]) / len(g[TEXT]) for g in glyphs)
    cell_gap = 1.5 * widths[len(widths) // 2]
    # A justified line without space chars (LaTeX) stretches every word gap by the same amount: three or
    # more gaps equal to within 10% are word gaps however wide. Table cells are rarely spaced so evenly.
    gaps = [b[X0] - a[X1] for a, b in zip(glyphs, glyphs[1:]) if b[X0] - a[X1] > 0.15 * b[SIZE]]
    if len(gaps) >= 3 and max(gaps) > cell_gap and max(gaps) <= 1.1 * min(gaps):
        cell_gap = float("inf")
    modes = _superscripts(glyphs)
    parts, origin = [], array("i")
    prev = prev_mode = None
    for g, mode in zip(glyphs, modes):
        if prev is not None:
            if g[TEXT] == prev[TEXT] and abs(g[X0] - prev[X0]) < 0.2 * (prev[X1] - prev[X0]):
                continue  # the same glyph printed twice (fake bold)
            if mode == "drop":
                prev, prev_mode = g, mode  # gone, but the next gap is measured from it: "treatment¹²."
                continue
            gap = g[X0] - prev[X1]
            if mode == "power" and prev_mode != "power":
                parts.append("^")
                origin.append(-1)
            elif mode is not None:
                pass  # inside a superscript, or one attached to its symbol: no spaces
            elif g[SPACES] == 1 and prev[INDEX] == g[INDEX] - 2 and gap > 0:
                parts.append(" ")  # one space char: a word break, however far justification stretched it
                origin.append(g[INDEX] - 1)
            elif g[SPACES] >= 2 and prev[INDEX] == g[INDEX] - 1 - g[SPACES]:
                parts.append("  ")  # cells padded with space chars
                origin.extend((g[INDEX] - 2, g[INDEX] - 1))
            elif gap > cell_gap:
                parts.append("  ")
                origin.extend((-1, -1))
            elif gap > 0.15 * min(g[SIZE], prev[SIZE]):
                parts.append(" ")
                origin.append(-1)
        elif mode == "drop":
            prev, prev_mode = g, mode
            continue
        parts.append(g[TEXT])
        origin.extend([g[INDEX]] * len(g[TEXT]))
        prev, prev_mode = g, mode
    return "".join(parts), origin


def _lines(placed: list, rows: list, height: float, body_size: float) -> list:
    # Rows that may hold running matter: the first and last two, if near the page edge. A row's key is
    # its whole text (both columns), digits masked and spaces dropped, so "Page 3" matches "Page 4".
    edge_keys: dict[int, str] = {}
    for k in (0, 1, len(rows) - 2, len(rows) - 1):
        if 0 <= k < len(rows) and ((k < 2 and rows[k].top < _EDGE_ZONE * height) or
                                   (k >= len(rows) - 2 and rows[k].bottom > (1 - _EDGE_ZONE) * height)):
            edge_keys[k] = re.sub(r"\d+", "#", "".join(g[TEXT] for g in rows[k].glyphs).lower())
    # Rows dropped outright: a bare page number, or small type set apart from the body at the very top
    # or bottom (a journal line), so running matter goes even from a one-page document.
    drop_rows = set()
    for k, neighbour in ((0, 1), (len(rows) - 1, len(rows) - 2)):
        if k not in edge_keys or not 0 <= neighbour < len(rows) or neighbour == k:
            continue
        row = rows[k]
        text = " ".join(g[TEXT] for g in row.glyphs)
        apart = (rows[neighbour].top - row.bottom) if neighbour > k else (row.top - rows[neighbour].bottom)
        small = statistics.median(g[SIZE] for g in row.glyphs) <= 0.9 * body_size
        if _PAGE_NUMBER.fullmatch(text.strip()) or (small and apart > 1.2 * body_size):
            drop_rows.add(k)

    sizes = [statistics.median(g[SIZE] for g in p.glyphs) for p in placed]
    tops = [_top(p) for p in placed]
    pitches = [tops[i] - tops[i - 1]
               for i in range(1, len(placed))
               if placed[i].block == placed[i - 1].block and placed[i].region == placed[i - 1].region
               and abs(sizes[i] - sizes[i - 1]) < 0.5]
    pitches = [p for p in pitches if p > 0]
    para_pitch = 1.35 * statistics.median(pitches) if pitches else 1.7 * body_size

    lines = []
    for i, p in enumerate(placed):
        text, origin = _line_text(p.glyphs)
        bold = all(g[BOLD] for g in p.glyphs)
        sep = ""
        if i:
            q = placed[i - 1]
            prev_text = lines[-1].text
            prev_bold = lines[-1].bold
            # A sentence-final line ending well short of its column ends a paragraph.
            short_end = (prev_text[-1:] in ".?!:" and not _ABBREVIATION.search(prev_text)
                         and text[:1].isupper()
                         and max(g[X1] for g in q.glyphs) < q.right - 0.2 * (q.right - q.left))
            if p.block != q.block or abs(sizes[i] - sizes[i - 1]) > 0.12 * sizes[i - 1] \
                    or bold != prev_bold or short_end:
                sep = "\n\n"
            elif "  " in text and "  " in prev_text:
                sep = "\n"  # rows of one table, however tall
            elif p.region == q.region and tops[i] - tops[i - 1] > para_pitch * sizes[i] / body_size:
                sep = "\n\n"
            else:
                sep = "\n"
        line = Line(text, origin, sep, bold=bold)
        line.edge_key = edge_keys.get(p.row)
        line.drop = p.row in drop_rows
        lines.append(line)
    return _join_wrapped_cells(lines, placed, sizes, tops, para_pitch / 1.35)


def _join_wrapped_cells(lines: list, placed: list, sizes: list, tops: list, pitch: float) -> list:
    """A row label too long for its cell wraps onto a line of its own under the first cell
    ("24 h: LS mean difference from  -9.1 (3.08) ..." / "placebo (SE)"); put it back into the cell so
    the row stays one line. Only a lower-case or bracketed continuation at line spacing qualifies: a
    capitalised line there is a group heading of the table. The row must have a table line among the
    two lines above it: a loose justified line of prose with two or three words also shows wide gaps."""
    out: list = []
    row = None  # (line, placed, first cell's x0, second cell's x0, size, top of its last line)
    for i, line in enumerate(lines):
        p = placed[i]
        if row is not None and "  " not in line.text and line.text[:1] and (
                line.text[0].islower() or line.text[0] in "([") and not line.edge_key:
            r_line, r_place, x_first, x_second, r_size, r_top = row
            x0 = min(g[X0] for g in p.glyphs)
            if (p.block == r_place.block and p.region == r_place.region and abs(sizes[i] - r_size) < 0.5
                    and 0 < tops[i] - r_top <= 1.25 * pitch and x_first - 1 <= x0
                    and max(g[X1] for g in p.glyphs) < x_second):
                k = r_line.text.index("  ")
                r_line.text = r_line.text[:k] + " " + line.text + r_line.text[k:]
                r_line.origin = r_line.origin[:k] + array("i", [-1]) + line.origin + r_line.origin[k:]
                row = (r_line, r_place, x_first, x_second, r_size, tops[i])
                continue
        row = None
        if "  " in line.text and any("  " in q.text for q in out[-2:]):
            k = line.text.index("  ")
            second = line.origin[k + 2] if k + 2 < len(line.origin) else -1
            x_second = next((g[X0] for g in p.glyphs if g[INDEX] == second), None)
            if x_second is not None:
                row = (line, p, min(g[X0] for g in p.glyphs), x_second, sizes[i], tops[i])
        out.append(line)
    return out


def _top(p: _Placed) -> float:
    return min(g[TOP] for g in p.glyphs)


def _title(placed: list, height: float, body_size: float) -> Optional[str]:
    """The largest-type lines in the top half of the page, if clearly larger than the body text."""
    candidates = [(statistics.median(g[SIZE] for g in p.glyphs), k) for k, p in enumerate(placed)
                  if _top(p) < 0.5 * height]
    if not candidates:
        return None
    biggest = max(s for s, _ in candidates)
    if biggest < 1.2 * body_size:
        return None
    picked = [k for s, k in candidates if s >= biggest - 0.5]
    # Only the first consecutive run of such lines.
    run = [picked[0]]
    for k in picked[1:]:
        if k != run[-1] + 1:
            break
        run.append(k)
    title = " ".join(_line_text(placed[k].glyphs)[0] for k in run)
    return title if len(title) >= 8 else None
