"""Read an article (PDF, HTML, plain text, PubMed Central JATS XML) into a Document.

Each reader returns raw pages -- text plus, for every character, its position in the original (the index
into the page's pdfplumber ``chars`` for PDFs, the character offset in the decoded file otherwise, -1 for
what the reader inserted). ``read_document`` normalises each page, composes the two maps, and joins the
pages with PAGE_MARKER lines. Bad input raises DocumentError and nothing else.
"""

from __future__ import annotations

import bisect
import hashlib
import html.entities
import io
import logging
import re
from array import array
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional, Union
from xml.parsers import expat

from evidencekit import _pdflayout
from evidencekit.errors import DocumentError
from evidencekit.normalise import normalise
from evidencekit.records import PAGE_MARKER, Document

__all__ = ["read_document", "FORMATS", "find_doi", "find_year"]

# pdfminer and pdfplumber log warnings about every oddity of a damaged file; with no logging set up,
# Python prints them on stderr, between the one line per bad file the CLI promises. A NullHandler
# (what libraries are meant to install) keeps them quiet unless the application configures logging.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

FORMATS = {
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "jats", ".nxml": "jats",
    ".txt": "txt", ".text": "txt",
}

# A raw page: its text and the origin of each character -- an array, or an int k meaning "k + j".
RawPage = tuple[str, Union[array, int]]


@dataclass
class _Raw:
    pages: list[RawPage]
    title: Optional[str] = None
    doi: Optional[str] = None
    year: Optional[int] = None
    cell_tabs: bool = False  # the pages' tabs are the reader's table-cell separators (HTML, JATS)


def read_document(path) -> Document:
    """Read ``path`` into a normalised Document; raise DocumentError with a one-line reason if it cannot."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(path, "no such file")
    if p.is_dir():
        raise DocumentError(path, "is a directory, not a file")
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        kind = f"'{p.suffix}'" if p.suffix else "without an extension"
        raise DocumentError(path, f"unsupported file type {kind} (expected .pdf, .html, .xml, .txt)")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise DocumentError(path, f"cannot read: {err.strerror or err}") from err
    if not data:
        raise DocumentError(path, "empty file (0 bytes)")
    reader = {"pdf": _read_pdf, "html": _read_html, "jats": _read_jats, "txt": _read_txt}[fmt]
    raw = reader(path, data)
    return _assemble(str(path), hashlib.sha256(data).hexdigest(), fmt, raw)


def _assemble(path: str, sha256: str, fmt: str, raw: _Raw) -> Document:
    pieces: list[str] = []
    origin = array("i")
    page_starts: list[int] = []
    pos = 0
    has_text = False
    for n, (page_text, page_origin) in enumerate(raw.pages, 1):
        if n > 1:
            marker = PAGE_MARKER.format(n=n)
            pieces.append(marker)
            origin.extend([-1] * len(marker))
            pos += len(marker)
        page_starts.append(pos)
        text, nmap = normalise(page_text, keep_tabs=raw.cell_tabs)
        if isinstance(page_origin, int):
            if page_origin == 0:
                origin.extend(nmap)
            else:
                origin.extend(page_origin + k if k >= 0 else -1 for k in nmap)
        else:
            origin.extend(page_origin[k] if k >= 0 else -1 for k in nmap)
        pieces.append(text)
        pos += len(text)
        has_text = has_text or bool(text)
    if not has_text:
        raise DocumentError(path, "no text found")
    text = "".join(pieces)
    title = raw.title
    if title:
        title = " ".join(normalise(title)[0].split()) or None
    elif fmt == "txt":
        first = text[: text.find("\n")] if "\n" in text else ""
        if 0 < len(first) <= 200 and not first.endswith("."):
            title = first
    return Document(
        path=path,
        sha256=sha256,
        format=fmt,
        text=text,
        page_starts=tuple(page_starts),
        origin=origin,
        title=title,
        doi=raw.doi or find_doi(text),
        year=raw.year or find_year(text),
    )


# --- metadata found in the text -------------------------------------------------------------------

_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_DOI_LABELLED = re.compile(r"(?:\bdoi\s*:?\s*|doi\.org/)(10\.\d{4,9}/[^\s\"<>]+)", re.I)
# The publication year, strongest evidence first: a "published" line, a citation "2022;13:793677",
# a copyright line. Never any four-digit number ("between 2016 and 2018").
_YEAR_PATTERNS = [
    re.compile(r"\b(?:published|epub|publication date)\b[^\n]{0,40}?\b((?:19|20)\d{2})\b", re.I),
    re.compile(r"\b((?:19|20)\d{2})\s*(?:[A-Z][a-z]{2}(?:\s+\d{1,2})?\s*)?;\s*\d+\s*(?:\([^()\n]{1,12}\))?\s*:\s*[A-Za-z]?\d+"),
    re.compile(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d{2})\b", re.I),
    # weakest: the first year in an author citation line ("Berman RM, ... et al. Biol Psychiatry, 2000.")
    re.compile(r"\bet al\.[^\n]{0,250}?\b((?:19|20)\d{2})\b"),
]


def find_doi(text: str) -> Optional[str]:
    """The article's DOI: a labelled one ("doi:", "doi.org/") first, else the first DOI in the text."""
    m = _DOI_LABELLED.search(text) or _DOI.search(text)
    if not m:
        return None
    doi = m.group(1) if m.re is _DOI_LABELLED else m.group()
    while doi and doi[-1] in ".,;:'\"]}>)":
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break  # a DOI like 10.1016/S0140-6736(20)30123-4 ends in its own bracket
        doi = doi[:-1]
    return doi or None


def find_year(text: str) -> Optional[int]:
    for pattern in _YEAR_PATTERNS:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


# --- text decoding ----------------------------------------------------------------------------------

_TEXT_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r\f" + bytes(range(0x80, 0x100))


def _decode(path, data: bytes) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252 when it is clearly text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DocumentError(path, "not a text file (invalid UTF-16)") from err
    if b"\x00" in data:
        raise DocumentError(path, "not a text file (binary data)")
    controls = len(data.translate(None, _TEXT_BYTES))  # what is left: control bytes
    if controls > max(2, len(data) // 1000):
        raise DocumentError(path, "not a text file (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    # Bytes cp1252 leaves undefined became U+FFFD; many of them means this is not a legacy text file.
    if text.count("\ufffd") > max(2, len(text) // 1000):
        raise DocumentError(path, "not a text file (not UTF-8 or cp1252)")
    return text


def _read_txt(path, data: bytes) -> _Raw:
    text = _decode(path, data)
    pages: list[RawPage] = []
    start = 0
    for part in text.split("\f"):  # a form feed is a page break
        pages.append((part, start))
        start += len(part) + 1
    return _Raw(pages)


# --- shared builder for markup --------------------------------------------------------------------

_SPACE, _LINE, _PARA = 1, 3, 4
_SEPARATORS = {_SPACE: " ", _LINE: "\n", _PARA: "\n\n"}
_NONSPACE = re.compile(r"\S+")
# Table cells of HTML and JATS are written as tab-separated columns: a cell at column k of its row
# follows k tabs from the row's start, so empty cells, the columns a colspan cell covers and those a
# rowspan cell from a row above fills stay in place (readers of the text never see a tab otherwise:
# the builder collapses the markup's own whitespace). Spans beyond these bounds are markup errors.
_MAX_COLSPAN, _MAX_ROWSPAN, _MAX_COLUMNS = 50, 500, 200


class _Grid:
    """The column each cell of one table starts at, with the cells of rows above that span into a
    row (HTML's table model, as JATS uses it)."""

    def __init__(self):
        self.row = -1
        self.token: object = None  # identifies the current row
        self.col = 0
        self.covered: dict[int, int] = {}  # column -> first row a rowspan cell no longer covers

    def section(self) -> None:
        """<thead>, <tbody>, <tfoot>: row spans end with their row group."""
        self.covered.clear()

    def new_row(self) -> None:
        self.row += 1
        self.token = object()
        self.col = 0

    def place(self, attrs) -> tuple[object, int]:
        """(row, column) of the cell starting now, given its attributes (a dict or pairs)."""
        if self.token is None:  # <td> with no <tr> before it in this table
            self.new_row()
        while self.covered.get(self.col, -1) > self.row:
            self.col += 1
        col = self.col
        attrs = attrs if isinstance(attrs, dict) else dict(attrs)  # HTMLParser gives pairs, the JATS reader a dict
        colspan = _span(attrs, "colspan", _MAX_COLSPAN)
        rowspan = _span(attrs, "rowspan", _MAX_ROWSPAN)
        if rowspan > 1 and col < _MAX_COLUMNS:
            for c in range(col, col + colspan):
                self.covered[c] = self.row + rowspan
        self.col = min(col + colspan, _MAX_COLUMNS)
        return self.token, col


_SPAN_DIGITS = re.compile(r"\s*(\d{1,6})")


def _span(attrs: dict, name: str, limit: int) -> int:
    digits = _SPAN_DIGITS.match(attrs.get(name) or "")
    if not digits:
        return 1
    n = int(digits.group(1))
    if n == 0 and name == "rowspan":  # "to the end of the row group"
        return limit
    return min(max(n, 1), limit)


class _Builder:
    """Collects text with its origin, collapsing whitespace and emitting one separator between runs."""

    def __init__(self):
        self.parts: list[str] = []
        self.origin = array("i")
        self.pending = 0
        self.size = 0
        self.at_cell: Optional[tuple[object, int]] = None  # (row, column) of the table cell being read
        self.written_cell: Optional[tuple[object, int]] = None  # (row, column) of the last cell written to

    def brk(self, level: int) -> None:
        self.pending = max(self.pending, level)

    def cell(self, place: Optional[tuple[object, int]]) -> None:
        """The text that follows is the cell at ``place`` ((row, column)), or in no cell (None)."""
        self.at_cell = place

    def text(self, data: str, start: int, literal: bool = False) -> None:
        """Add ``data`` found at offset ``start`` of the original (literal=False: all chars map to start)."""
        for m in _NONSPACE.finditer(data):
            if m.start() > 0:  # whitespace before this run
                self.brk(_SPACE)
            self._flush()
            word = m.group()
            self.parts.append(word)
            if literal:
                self.origin.extend(range(start + m.start(), start + m.end()))
            else:
                self.origin.extend([start] * len(word))
            self.size += len(word)
        if data and data[-1].isspace():
            self.brk(_SPACE)

    def insert(self, text: str) -> None:
        """Add characters of the reader's own (origin -1)."""
        self._flush()
        self.parts.append(text)
        self.origin.extend([-1] * len(text))
        self.size += len(text)

    def tail(self) -> str:
        """The last few characters written, with a space if whitespace is pending."""
        return "".join(self.parts[-3:])[-3:] + (" " if self.pending else "")

    def _flush(self) -> None:
        tabs = 0
        if self.at_cell is not None:
            row, col = self.at_cell
            written = self.written_cell
            # one tab per column from the last cell written in this row (or from the row's start)
            tabs = max(0, col - written[1]) if written is not None and written[0] is row else col
            self.written_cell = self.at_cell
        sep = ""
        if tabs:
            sep = (_SEPARATORS[self.pending] if self.pending >= _LINE and self.size else "") + "\t" * tabs
        elif self.pending and self.size:
            sep = _SEPARATORS[self.pending]
        if sep:
            self.parts.append(sep)
            self.origin.extend([-1] * len(sep))
            self.size += len(sep)
        self.pending = 0

    def page(self) -> RawPage:
        return "".join(self.parts), self.origin


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


# --- HTML -------------------------------------------------------------------------------------------

_HTML_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template",
              "svg", "button", "select", "iframe", "head", "title", "object", "canvas", "math"}
_HTML_BLOCK = {"p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6",
               "ul", "ol", "dl", "li", "dt", "dd", "blockquote", "figure", "figcaption", "caption",
               "table", "pre", "address", "details", "summary", "hr", "center"}
_HTML_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source",
              "track", "wbr", "param"}


class _HTMLReader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.out = _Builder()
        self.starts = _line_starts(text)
        self.skip = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_h1 = 0
        self.meta: dict[str, str] = {}
        self.grids: list[_Grid] = []  # the tables open around the current position, innermost last
        self.in_cell = False  # inside <td>/<th>: a <br> or <p> only wraps the cell's text
        self.sup_depth = 0
        self.sup_items: list = []  # (text, offset, literal) inside <sup>, placed when it closes

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            attrs = dict(attrs)
            key = (attrs.get("name") or attrs.get("property") or "").lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"]
            return
        if tag == "title":
            self.in_title = True
        if tag == "body":
            self.skip = 0  # </head> is optional: whatever was left open before <body> has ended
        if tag in _HTML_SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "h1":
            self.in_h1 += 1
        if tag == "sup":
            self.sup_depth += 1
            return
        if tag == "tr":
            self.out.brk(_LINE)
            self._grid().new_row()
            self.out.cell(None)
            self.in_cell = False
        elif tag in ("td", "th"):
            self.out.cell(self._grid().place(attrs))
            self.in_cell = True  # </td> is optional: the next cell or row ends this one
        elif tag in ("thead", "tbody", "tfoot"):
            self._grid().section()
        elif tag == "br":
            self.out.brk(_SPACE if self.in_cell else _LINE)
        elif tag in _HTML_BLOCK:
            self._block(tag)
            if tag == "table":
                self.grids.append(_Grid())

    def _grid(self) -> _Grid:
        if not self.grids:  # a row or cell outside any <table>
            self.grids.append(_Grid())
        return self.grids[-1]

    def _block(self, tag: str) -> None:
        """The break a block element's start or end makes: a paragraph, or only a space inside a cell
        ("<td>2219<br>45%</td>", "<td><p>0.93 (0.89, 0.98)</p></td>": a new line would cut the row)."""
        self.out.brk(_SPACE if self.in_cell and tag != "table" else _PARA)
        if tag == "table":
            self.in_cell = False
            self.out.cell(None)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _HTML_VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "h1":
            self.in_h1 = max(0, self.in_h1 - 1)
        if tag == "sup" and self.sup_depth:
            self.sup_depth -= 1
            if not self.sup_depth:
                _place_superscript(self.out, self.sup_items)
                self.sup_items = []
            return
        if tag == "tr":
            self.out.brk(_LINE)
            self.out.cell(None)
            self.in_cell = False
        elif tag in ("td", "th"):
            self.out.cell(None)
            self.in_cell = False
        elif tag in _HTML_BLOCK:
            self._block(tag)
            if tag == "table" and self.grids:
                self.grids.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        if self.skip:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        if self.sup_depth:
            self.sup_items.append((data, self._offset(), True))
            return
        self.out.text(data, self._offset(), literal=True)

    def _entity(self, char: str):
        if self.in_title:
            self.title_parts.append(char)
        if self.skip:
            return
        if self.in_h1:
            self.h1_parts.append(char)
        if self.sup_depth:
            self.sup_items.append((char, self._offset(), False))
            return
        self.out.text(char, self._offset())

    def handle_entityref(self, name):
        char = html.entities.html5.get(name + ";") or html.entities.html5.get(name)
        self._entity(char if char else f"&{name}")

    def handle_charref(self, name):
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._entity(chr(code) if 0 < code < 0x110000 else "\ufffd")
        except ValueError:
            self._entity("\ufffd")


def _place_superscript(out: _Builder, items: list) -> None:
    """Write a superscript's text as the PDF reader does: 10^-5, I2, or nothing for a citation marker
    (``P<.001<sup>23</sup>`` must not read P<.00123)."""
    mode = _pdflayout.superscript_mode(out.tail(), "".join(text for text, _, _ in items))
    if mode == "drop":
        return
    if mode == "power":
        out.insert("^")
    for text, start, literal in items:
        out.text(text.strip(), start + (len(text) - len(text.lstrip())) if literal else start, literal)


def _read_html(path, data: bytes) -> _Raw:
    text = _decode(path, data)
    reader = _HTMLReader(text)
    try:
        reader.feed(text)
        reader.close()
    except Exception as err:  # html.parser is lenient; anything it does raise means unparseable markup
        raise DocumentError(path, f"HTML could not be parsed: {_short(err)}") from err
    meta = reader.meta
    title = (meta.get("citation_title") or meta.get("dc.title") or " ".join("".join(reader.h1_parts).split())
             or " ".join("".join(reader.title_parts).split()) or None)
    doi = meta.get("citation_doi") or meta.get("dc.identifier") or None
    if doi:
        doi = find_doi(doi)
    year = None
    for key in ("citation_publication_date", "citation_date", "dc.date", "article:published_time"):
        m = re.search(r"\b(?:19|20)\d{2}\b", meta.get(key, ""))
        if m:
            year = int(m.group())
            break
    return _Raw([reader.out.page()], title=title, doi=doi, year=year, cell_tabs=True)


# --- JATS XML ---------------------------------------------------------------------------------------


@dataclass
class _El:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # _El or (text, offset, literal)

    def find(self, tag: str) -> Optional["_El"]:
        for child in self.children:
            if isinstance(child, _El):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None

    def iter(self, tag: str):
        for child in self.children:
            if isinstance(child, _El):
                if child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def plain(self) -> str:
        return "".join(c[0] if isinstance(c, tuple) else c.plain() for c in self.children)


# JATS elements that are paragraphs of their own, and those whose text is not article prose.
_JATS_BLOCK = {"p", "title", "sec", "list-item", "caption", "label", "table-wrap", "fig", "abstract",
               "def-item", "disp-quote", "boxed-text", "statement", "table-wrap-foot", "fn", "list",
               "article-title", "table", "disp-formula"}
_JATS_SKIP = {"tex-math", "graphic", "inline-graphic", "media", "object-id", "permissions", "license",
              "ref-list", "alt-text", "ext-link-meta", "annotation"}


def _byte_to_char(text: str):
    """Map a UTF-8 byte offset of ``text`` to its character offset."""
    if text.isascii():
        return lambda b: b
    byte_starts: list[int] = []
    extra_after: list[int] = []
    extra = 0
    for m in re.finditer(r"[^\x00-\x7f]", text):
        byte_starts.append(m.start() + extra)
        extra += len(m.group().encode("utf-8", "surrogatepass")) - 1
        extra_after.append(extra)

    def convert(b: int) -> int:
        i = bisect.bisect_left(byte_starts, b) - 1
        return b - (extra_after[i] if i >= 0 else 0)

    return convert


def _parse_xml(path, text: str) -> _El:
    to_char = _byte_to_char(text)
    root = _El("#root", {})
    stack = [root]
    parser = expat.ParserCreate()

    def start(tag, attrs):
        if len(stack) > 500:  # the readers below recurse; no real article nests this deep
            raise DocumentError(path, "malformed JATS: elements nested more than 500 deep")
        el = _El(tag.split(":")[-1] if tag.startswith(("mml:", "xlink:")) else tag, attrs)
        stack[-1].children.append(el)
        stack.append(el)

    def end(tag):
        stack.pop()

    def chars(data):
        pos = to_char(parser.CurrentByteIndex)
        literal = text.startswith(data, pos)  # False for an expanded entity reference
        stack[-1].children.append((data, pos, literal))

    def skipped(name, is_parameter):
        if not is_parameter:
            char = html.entities.html5.get(name + ";")
            if char:
                stack[-1].children.append((char, to_char(parser.CurrentByteIndex), False))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.SkippedEntityHandler = skipped
    try:
        parser.Parse(text, True)
    except expat.ExpatError as err:
        raise DocumentError(path, f"malformed XML: {expat.errors.messages[err.code]} "
                                  f"(line {err.lineno}, column {err.offset + 1})") from err
    except (RecursionError, MemoryError, ValueError) as err:
        raise DocumentError(path, f"malformed XML: {_short(err)}") from err
    return root


def _read_jats(path, data: bytes) -> _Raw:
    text = _decode(path, data)
    root = _parse_xml(path, text)
    elements = [c for c in root.children if isinstance(c, _El)]
    article = elements[0] if elements else None
    if article is not None and article.tag == "pmc-articleset":
        article = article.find("article")
    if article is None or article.tag != "article":
        tag = elements[0].tag if elements else "none"
        raise DocumentError(path, f"not a JATS article (root element <{tag}>)")
    front = article.find("front")
    meta = front.find("article-meta") if front is not None else None
    body = next((c for c in article.children if isinstance(c, _El) and c.tag == "body"), None)
    abstracts = [a for a in (meta.iter("abstract") if meta is not None else [])
                 if a.attrs.get("abstract-type") not in ("graphical", "teaser", "toc")]
    if body is None and not abstracts:
        raise DocumentError(path, "malformed JATS: the article has neither an abstract nor a body")

    out = _Builder()
    title_el = meta.find("article-title") if meta is not None else None
    title = " ".join(title_el.plain().split()) if title_el is not None else None
    if title_el is not None:
        _emit_jats(title_el, out)
    for abstract in abstracts:
        _emit_jats(abstract, out)
    if body is not None:
        _emit_jats(body, out)
    floats = next((c for c in article.children if isinstance(c, _El) and c.tag == "floats-group"), None)
    if floats is not None:
        _emit_jats(floats, out)

    doi = year = None
    if meta is not None:
        for el in meta.iter("article-id"):
            if el.attrs.get("pub-id-type") == "doi":
                doi = find_doi(el.plain().strip()) or el.plain().strip() or None
                break
        dates = list(meta.iter("pub-date"))
        rank = {"epub": 0, "pub": 0, "ppub": 1, "epub-ppub": 1, "collection": 2}  # first publication first
        dates.sort(key=lambda d: rank.get(d.attrs.get("pub-type") or d.attrs.get("date-type"), 3))
        for date in dates:
            y = date.find("year")
            if y is not None and re.fullmatch(r"\s*\d{4}\s*", y.plain()):
                year = int(y.plain())
                break
    return _Raw([out.page()], title=title or None, doi=doi, year=year, cell_tabs=True)


def _texts(el: _El):
    for child in el.children:
        if isinstance(child, tuple):
            yield child
        elif child.tag not in _JATS_SKIP:
            yield from _texts(child)


def _emit_jats(el: _El, out: _Builder, in_cell: bool = False, grid: Optional[_Grid] = None) -> None:
    if el.tag in _JATS_SKIP:
        return
    # Inside a table cell a paragraph or line break only wraps the cell's text ("2219 <break/>45%",
    # "<td><p>...</p></td>"): a new line there would cut the row in two, so it is a space.
    block = el.tag in _JATS_BLOCK
    if block:
        out.brk(_SPACE if in_cell else _PARA)
    if el.tag == "table":
        grid = _Grid()
        out.cell(None)
    elif el.tag in ("thead", "tbody", "tfoot") and grid is not None:
        grid.section()
    elif el.tag == "tr":
        out.brk(_LINE)
        grid = grid or _Grid()
        grid.new_row()
        out.cell(None)
    for child in el.children:
        if isinstance(child, tuple):
            data, pos, literal = child
            out.text(data, pos, literal)
            continue
        if child.tag in ("td", "th"):
            grid = grid or _Grid()  # a cell with no <table> or <tr> around it
            out.cell(grid.place(child.attrs))
            _emit_jats(child, out, True, grid)
            out.cell(None)
            continue
        if child.tag == "break":
            out.brk(_SPACE if in_cell else _LINE)
        elif child.tag == "sup":
            _place_superscript(out, list(_texts(child)))
            continue
        elif child.tag == "xref" and child.attrs.get("ref-type") in ("table-fn", "fn") \
                and len(child.plain().strip()) <= 3:
            continue  # a footnote marker: "No. of episodes<xref>A</xref>", "0.03<xref>1</xref>" (not 0.031)
        elif child.tag == "xref" and child.attrs.get("ref-type") == "bibr" and not out.pending \
                and out.tail()[-1:] not in ("", "(", "[", ",", "-", "\u2013"):
            continue  # a citation number glued to the text before it: "P < .001)1." would read .0011
        _emit_jats(child, out, in_cell, grid)
    if el.tag == "tr":
        out.brk(_LINE)
        out.cell(None)
    elif el.tag == "table":
        out.cell(None)
    if block:
        out.brk(_SPACE if in_cell else _PARA)


# --- PDF --------------------------------------------------------------------------------------------

def _short(err: BaseException) -> str:
    msg = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return msg[:120]


def _pdf_failure(path, err: BaseException) -> DocumentError:
    chain, e = [], err
    while e is not None and len(chain) < 5:
        chain.append(e)
        e = e.__cause__ or e.__context__
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encryption" in names:
        return DocumentError(path, "encrypted PDF; a password is needed to read it")
    inner = chain[-1] if len(chain) > 1 else err
    return DocumentError(path, f"corrupt or truncated PDF: {_short(inner)}")


def _read_pdf(path, data: bytes) -> _Raw:
    if not data.lstrip(b"\x00\t\n\r\f ")[:5] == b"%PDF-":
        raise DocumentError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-4096:]:
        raise DocumentError(path, "corrupt or truncated PDF: no %%EOF marker (file cut short?)")
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:
        raise _pdf_failure(path, err) from err
    pages: list[_pdflayout.PageLines] = []
    try:
        # Only pdfminer's parsing is guarded: a failure there is the file's fault. The layout that
        # follows is ours, and a failure in it is a bug that must show its traceback.
        try:
            metadata_title = (pdf.metadata or {}).get("Title")
            pdf_pages = pdf.pages
        except Exception as err:
            raise _pdf_failure(path, err) from err
        for page in pdf_pages:
            try:
                chars = _pdflayout.page_chars(page)
                bbox = tuple(float(v) for v in page.bbox)
            except Exception as err:
                raise _pdf_failure(path, err) from err
            finally:
                page.close()
            pages.append(_pdflayout.layout_page(chars, bbox))
    finally:
        # pdfplumber's close() walks the pages again, which raises on the very files that failed; the
        # stream is our own BytesIO, so nothing leaks if it does not run.
        try:
            pdf.close()
        except Exception:
            pass
    if not pages:
        raise DocumentError(path, "corrupt or truncated PDF: no readable pages (broken cross-reference table?)")
    if not any(p.glyph_count for p in pages):
        raise DocumentError(path, "no text layer (scanned?); OCR it first")
    raw_pages = _pdflayout.drop_running_lines(pages)
    title = pages[0].title if pages else None
    if not title and isinstance(metadata_title, str) and len(metadata_title.split()) >= 3 \
            and not re.search(r"\.(docx?|pdf|tex)$|^microsoft|untitled", metadata_title, re.I):
        title = metadata_title
    return _Raw(raw_pages, title=title)
