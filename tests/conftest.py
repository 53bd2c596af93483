"""Shared fixtures. ``make_pdf`` builds journal-like PDFs with reportlab for any test that needs one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def _fonts(unicode: bool) -> tuple[str, str]:
    """(regular, bold) font names; the DejaVu fonts matplotlib ships cover −, ·, ≤, ﬁ and thin spaces."""
    if not unicode:
        return "Helvetica", "Helvetica-Bold"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    import matplotlib

    ttf = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", os.path.join(ttf, "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", os.path.join(ttf, "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def build_pdf(path, pages, *, columns=1, title=None, abstract=None, header=None, page_numbers=None,
              bottom_note=None, font_size=9.5, unicode=False, justify=False, encrypt=None,
              margin=54, gutter=20):
    """Write a journal-like PDF to ``path`` and return the path.

    pages        list of pages; each a list of items flowed column by column (overflow continues in
                 the next column or on a new page): a ``str`` paragraph (a "\\n" inside forces a line
                 break there), ``{"heading": text}`` (bold line), ``{"table": [[cell, ...], ...]}``
                 (cells drawn at column positions, no ruling) or ``{"image": True}`` (a filled box,
                 no text)
    columns      1 or 2 body columns
    title        large bold full-width title on page 1; ``abstract`` a full-width paragraph under it
    header       running header drawn at the top of every page ("{n}" is replaced by the page number)
    page_numbers footer format, e.g. "{n}" or "Page {n} of {total}"; None for no footer
    bottom_note  full-width paragraph at the bottom of page 1 (a correspondence footnote)
    unicode      use DejaVu Sans (needed for −, ·, ≤, thin spaces); Helvetica otherwise
    justify      flush both sides: True draws each word at its own position (as LaTeX does, no space
                 chars), "wordspace" stretches the space chars with the Tw operator (as Word does)
    encrypt      a user password: the PDF cannot be opened without it
    """
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    regular, bold = _fonts(unicode)
    width, height = letter
    leading = font_size * 1.25
    body_width = width - 2 * margin
    col_width = (body_width - gutter * (columns - 1)) / columns
    ops: list[list[tuple]] = [[]]  # per page: (font, size, x, y, text) or ("rect", x, y, w, h)

    def wrap(text, font, size, max_width):
        lines = []
        for forced in text.split("\n"):
            words, line = forced.split(" "), ""
            for word in words:
                candidate = f"{line} {word}" if line else word
                if line and stringWidth(candidate, font, size) > max_width:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines

    def draw_line(page_ops, text, font, size, x, y, max_width, last):
        if not justify or last or " " not in text:
            page_ops.append((font, size, x, y, text))
            return
        words = text.split(" ")
        ink = sum(stringWidth(w, font, size) for w in words)
        space = (max_width - ink) / (len(words) - 1)
        if justify == "wordspace":
            page_ops.append((font, size, x, y, text, space - stringWidth(" ", font, size)))
            return
        for w in words:
            page_ops.append((font, size, x, y, w))
            x += stringWidth(w, font, size) + space

    # Page 1: title and abstract across the full width.
    y = height - margin
    if title:
        for line in wrap(title, bold, 16, body_width):
            y -= 20
            ops[0].append((bold, 16, margin, y, line))
        y -= 10
    if abstract:
        lines = wrap(abstract, regular, font_size, body_width)
        for k, line in enumerate(lines):
            y -= leading
            draw_line(ops[0], line, regular, font_size, margin, y, body_width, k == len(lines) - 1)
        y -= leading
    first_top = y
    first_bottom = margin
    if bottom_note:
        note = wrap(bottom_note, regular, font_size - 1.5, body_width)
        for k, line in enumerate(note):
            ops[0].append((regular, font_size - 1.5, margin, margin + (len(note) - 1 - k) * leading, line))
        first_bottom = margin + len(note) * leading + leading

    state = {"page": 0, "col": 0, "y": first_top}

    def bounds():
        top = first_top if state["page"] == 0 else height - margin
        bottom = first_bottom if state["page"] == 0 else margin
        return top, bottom

    def next_column():
        state["col"] += 1
        if state["col"] >= columns:
            new_page()
        else:
            state["y"] = bounds()[0]

    def new_page():
        ops.append([])
        state.update(page=state["page"] + 1, col=0)
        state["y"] = bounds()[0]

    def room(needed):
        if state["y"] - needed < bounds()[1]:
            next_column()

    def x_left():
        return margin + state["col"] * (col_width + gutter)

    for p, items in enumerate(pages):
        if p:
            new_page()
        for item in items:
            if isinstance(item, str):
                lines = wrap(item, regular, font_size, col_width)
                for k, line in enumerate(lines):
                    room(leading)
                    state["y"] -= leading
                    draw_line(ops[state["page"]], line, regular, font_size, x_left(), state["y"], col_width,
                              k == len(lines) - 1)
                state["y"] -= 0.7 * leading
            elif "heading" in item:
                room(2 * leading)
                state["y"] -= leading
                ops[state["page"]].append((bold, font_size, x_left(), state["y"], item["heading"]))
                state["y"] -= 0.4 * leading
            elif "table" in item:
                rows = item["table"]
                widths = [max(stringWidth(str(r[c]), regular, font_size) for r in rows if c < len(r))
                          for c in range(max(len(r) for r in rows))]
                gap = min(16.0, (col_width - sum(widths)) / max(1, len(widths) - 1))
                for row in rows:
                    room(leading)
                    state["y"] -= leading
                    x = x_left()
                    for c, cell in enumerate(row):
                        ops[state["page"]].append((regular, font_size, x, state["y"], str(cell)))
                        x += widths[c] + gap
                state["y"] -= 0.7 * leading
            elif "image" in item:
                room(120)
                state["y"] -= 120
                ops[state["page"]].append(("rect", x_left(), state["y"], col_width, 110))

    kwargs = {"encrypt": encrypt} if encrypt else {}
    c = canvas.Canvas(str(path), pagesize=letter, **kwargs)
    c.setTitle("")
    total = len(ops)
    for n, page_ops in enumerate(ops, 1):
        if header:
            c.setFont(regular, 8)
            c.drawString(margin, height - margin / 2, header.replace("{n}", str(n)))
        if page_numbers:
            c.setFont(regular, 8)
            c.drawCentredString(width / 2, margin / 2, page_numbers.format(n=n, total=total))
        for op in page_ops:
            if op[0] == "rect":
                c.setFillGray(0.5)
                c.rect(op[1], op[2], op[3], op[4], fill=1, stroke=0)
                c.setFillGray(0)
                continue
            font, size, x, y, text = op[:5]
            if len(op) == 6:  # stretched word spacing
                t = c.beginText(x, y)
                t.setFont(font, size)
                t.setWordSpace(op[5])
                t.textOut(text)
                c.drawText(t)
                continue
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return Path(path)


@pytest.fixture
def make_pdf(tmp_path):
    """``make_pdf(name, pages, **options)`` -> Path of a generated PDF in tmp_path; see ``build_pdf``."""

    def make(name="doc.pdf", pages=(), **options):
        return build_pdf(tmp_path / name, list(pages), **options)

    return make


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (tests/data/seed-article.txt), the model input of the project."""
    return (DATA / "seed-article.txt").read_text(encoding="utf-8")
