"""Normalise extracted text so that statistics print one way, and record where every character came from.

``normalise(text)`` returns ``(clean, origin)``: ``origin[j]`` is the index in ``text`` of the character
``clean[j]`` was made from, or -1 for a character normalisation inserted. Rules, in order:

1. NFKC (ligatures ``ﬁ`` -> ``fi``, full-width forms, ``µ`` -> ``μ``); every character NFKC produces
   maps to the character it came from.
2. Characters: U+2212 minus and the hyphen U+2010 become ``-``; an en dash or figure dash that starts a
   number (not preceded by a digit) becomes ``-`` while one between digits stays, so ``0.55–0.94`` is
   still a range; a middle dot between digits, or starting a number, is a decimal point (``0·001``);
   thin, narrow and no-break spaces become spaces; soft hyphens, zero-width characters and control
   characters go; a tab becomes the two-space cell separator (``keep_tabs``: it stays, as the
   HTML and JATS readers separate table cells with tabs that keep empty and spanned cells in their
   columns); CR LF and CR become LF.
3. Lines: a paragraph's wrapped lines are joined with one space so sentences come out whole; a word
   split by a line-break hyphen is joined (``treat-``/``ment``) unless it is a real hyphenated term
   (``HAM-D``, ``SF-MPQ``, ``pre-treatment``); table rows (cells separated by two or more spaces),
   list items and blank-line paragraph breaks stay on lines of their own; runs of blank lines
   become one; spaces at line ends go.

``≤`` and ``≥`` are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

__all__ = ["normalise", "is_table_row"]

# (start, end, replacement, origin of each replacement char): one edit of a pass's input.
Edit = tuple[int, int, str, tuple[int, ...]]

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"

_CHAR_RULES = re.compile(
    rf"(?P<minus>[\u2212\u2010\u2011])"
    rf"|(?P<dash>(?<![0-9])[\u2012\u2013](?=\.?[0-9]))"
    rf"|(?P<middot>(?:(?<=[0-9])|(?<=^)|(?<=[\s(\[=<>≤≥\-]))[\u00b7\u22c5\u2219](?=[0-9]))"
    rf"|(?P<space>[{_SPACES}])"
    rf"|(?P<removed>\u00ad(?! *\r?\n)|[{_REMOVED[1:]}{_CONTROL}])"
    rf"|(?P<tab>\t)"
    rf"|(?P<crlf>\r\n?)",
    re.M,
)

# Two or more spaces inside a line separate table cells, unless they merely follow a sentence's end.
_CELL_GAP = re.compile(r"(?<=[^\s.!?;,:]) {2,}(?=\S)")
# A list item starts a line of its own: a bullet, "1. Adults", "(a) ". A wrapped line may well start
# with "30) or placebo" (from "(n =" / "30)"), so a number needs a capital after it.
_LIST_ITEM = re.compile(r"[•▪◦‣*·]\s|-\s|\(?[0-9]{1,2}[.)]\s+[A-Z]|\([a-z]\)\s")
_WORD_BEFORE = re.compile(r"([A-Za-z0-9]+)-$")
_WORD_AFTER = re.compile(r"^([A-Za-z0-9]+)")

# Prefixes and second parts that make a compound a real hyphenated term in clinical writing.
_KEEP_PREFIXES = {
    "pre", "post", "non", "anti", "self", "cross", "double", "single", "open", "placebo", "well",
    "long", "short", "high", "low", "half", "full", "dose", "mid", "meta", "sub", "semi", "multi",
    "intra", "inter", "extra", "co", "ex", "first", "second", "third", "add", "follow", "wash",
    "treatment", "ketamine", "drug", "age", "sex", "all", "two", "three", "four", "one",
}
_KEEP_SUFFIXES = {
    "induced", "related", "based", "resistant", "term", "analysis", "analyses", "blind", "blinded",
    "label", "arm", "up", "dependent", "specific", "controlled", "adjusted", "matched", "free",
    "naive", "naïve", "treated", "month", "week", "day", "year", "hour", "point", "item", "group",
    "level", "like", "wide", "scale", "off", "out", "in", "over", "dose", "response", "risk",
}


def normalise(text: str, keep_tabs: bool = False) -> tuple[str, array]:
    """Return the normalised text and, for each of its characters, its index in ``text`` (-1: inserted)."""
    text1, map1 = _nfkc(text)
    text2, map2 = _apply(text1, _char_edits(text1, keep_tabs), map1)
    return _apply(text2, _line_edits(text2), map2)


def is_table_row(line: str) -> bool:
    """A line whose cells are separated by tabs (HTML and JATS tables) or two or more spaces (PDF
    and text tables), by ``|`` (markdown and text dumps), or a single-space row of a label and three
    numeric cells or more (author manuscripts): see evidencekit.tables.is_table_line."""
    from evidencekit.tables import is_table_line  # tables imports nothing from here

    return "\t" in line or bool(_CELL_GAP.search(line)) or is_table_line(line)


def _apply(text: str, edits: list[Edit], base: array | None) -> tuple[str, array | None]:
    """Apply non-overlapping edits; the returned map points through ``base`` (None = identity)."""
    if not edits:
        return text, base if base is not None else array("i", range(len(text)))
    edits.sort(key=lambda e: (e[0], -e[1]))  # an edit enclosing others wins
    pieces: list[str] = []
    out = array("i")
    pos = 0
    for start, end, repl, origins in edits:
        if start < pos:  # overlapping edit: the earlier one wins
            continue
        pieces.append(text[pos:start])
        out.extend(base[pos:start] if base is not None else range(pos, start))
        pieces.append(repl)
        out.extend(base[o] if (base is not None and o >= 0) else o for o in origins)
        pos = end
    pieces.append(text[pos:])
    out.extend(base[pos:] if base is not None else range(pos, len(text)))
    return "".join(pieces), out


def _nfkc(text: str) -> tuple[str, array | None]:
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None
    edits: list[Edit] = []
    # A non-ASCII run together with the character before it, so combining marks compose with their base.
    for m in re.finditer(r".?[^\x00-\x7f]+", text, re.S):
        chunk = m.group()
        norm = unicodedata.normalize("NFKC", chunk)
        if norm == chunk:
            continue
        start = m.start()
        per_char = [unicodedata.normalize("NFKC", c) for c in chunk]
        origins: list[int] = []
        if "".join(per_char) == norm:
            for i, piece in enumerate(per_char):
                origins.extend([start + i] * len(piece))
        else:  # composition across characters: spread the output over the run
            origins = [start + min(i, len(chunk) - 1) for i in range(len(norm))]
        edits.append((start, m.end(), norm, tuple(origins)))
    return _apply(text, edits, None)


def _char_edits(text: str, keep_tabs: bool = False) -> list[Edit]:
    edits: list[Edit] = []
    for m in _CHAR_RULES.finditer(text):
        kind, i = m.lastgroup, m.start()
        if kind == "tab" and keep_tabs:
            continue
        if kind in ("minus", "dash"):
            edits.append((i, i + 1, "-", (i,)))
        elif kind == "middot":
            edits.append((i, i + 1, ".", (i,)))
        elif kind == "space":
            edits.append((i, i + 1, " ", (i,)))
        elif kind == "removed":
            edits.append((i, i + 1, "", ()))
        elif kind == "tab":
            edits.append((i, i + 1, "  ", (i, i)))
        else:  # CR LF or CR
            edits.append((i, m.end(), "\n", (m.end() - 1,)))
    return edits


def _line_edits(text: str) -> list[Edit]:
    """Join wrapped lines, dehyphenate, drop line-end spaces, collapse blank lines."""
    first = len(text) - len(text.lstrip(" \n"))
    last = len(text.rstrip(" \n"))
    if first >= last:
        return [(0, len(text), "", ())] if text else []
    first = text.rfind("\n", 0, first) + 1  # keep the first line whole; its spaces are trimmed below
    edits: list[Edit] = []
    if first:
        edits.append((0, first, "", ()))
    if last < len(text):
        edits.append((last, len(text), "", ()))
    lines: list[tuple[int, int]] = []  # (start, end) of each line; text[end] is its newline
    pos = first
    while True:
        nl = text.find("\n", pos, last)
        if nl < 0:
            lines.append((pos, last))
            break
        lines.append((pos, nl))
        pos = nl + 1
    for start, end in lines:
        _trim_spaces(text, start, end, edits)

    vocab: list = [None]  # the text's own words, built only if a hyphen decision needs them
    i = 0
    while i < len(lines) - 1:
        start, end = lines[i]
        line = text[start:end].strip(" ")
        nxt = text[lines[i + 1][0]:lines[i + 1][1]].strip(" ")
        if not nxt:
            # Blank lines after this one: keep exactly one, drop the rest.
            j = i + 1
            while not text[lines[j + 1][0]:lines[j + 1][1]].strip(" "):
                j += 1  # the last line is never blank, so this stops
            if j > i + 1:
                edits.append((lines[i + 1][1] + 1, lines[j][1] + 1, "", ()))
            i = j + 1
            continue
        if is_table_row(line) or is_table_row(nxt) or _LIST_ITEM.match(nxt):
            i += 1
            continue
        if line.endswith("-") and len(line) > 1 and line[-2].isalnum() and nxt[0].isalnum():
            if _is_linebreak_hyphen(line, nxt, text, vocab):
                hyphen = start + len(text[start:end].rstrip(" ")) - 1
                edits.append((hyphen, hyphen + 1, "", ()))
            edits.append((end, end + 1, "", ()))  # joined word, or a real hyphenated term kept whole
        elif line.endswith("\u00ad"):  # soft hyphen at the break: the word continues
            soft = start + len(text[start:end].rstrip(" ")) - 1
            edits.append((soft, soft + 1, "", ()))
            edits.append((end, end + 1, "", ()))
        else:
            edits.append((end, end + 1, " ", (end,)))
        i += 1
    return edits


def _trim_spaces(text: str, start: int, end: int, edits: list[Edit]) -> list[Edit]:
    line = text[start:end]
    lead = len(line) - len(line.lstrip(" "))
    if lead and lead < len(line):
        edits.append((start, start + lead, "", ()))
    trail = len(line) - len(line.rstrip(" "))
    if trail:
        edits.append((end - trail if trail < len(line) else start, end, "", ()))
    return edits


def _is_linebreak_hyphen(line: str, nxt: str, text: str, vocab: list) -> bool:
    """True if ``line`` ends in a hyphen that only splits a word across lines (``treat-``/``ment``)."""
    before = _WORD_BEFORE.search(line)
    after = _WORD_AFTER.match(nxt)
    if not before or not after:
        return False
    first, second = before.group(1), after.group(1)
    if not first.isalpha() or not second[0].islower():
        return False  # a digit, or a capital after the break: HAM-D, COVID-19, IL-6
    if any(c.isupper() for c in first[1:]) or first.isupper():
        return False  # an abbreviation before the break: SF-MPQ
    if vocab[0] is None:
        vocab[0] = _vocabulary(text)
    joined, hyphenated = (first + second).lower(), f"{first}-{second}".lower()
    if hyphenated in vocab[0]:
        return False
    if joined in vocab[0]:
        return True
    if first.lower() in _KEEP_PREFIXES or second.lower() in _KEEP_SUFFIXES:
        return False
    return True


def _vocabulary(text: str) -> set[str]:
    return set(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text))
