"""build_nlp(pack): spacy.blank("en") + the pack's tokenizer additions + sentences + span_ruler.

No trained component: sentences come from a rule-based segmenter written for how articles print
statistics ("P <.001).", "vs.", "et al.", decimals, table rows), spans from the pack's patterns.
"""

from __future__ import annotations

import re
import weakref

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from evidencekit.rules import RulePack

SPANS_KEY = "evidence"

_PACKS: "weakref.WeakKeyDictionary[Language, RulePack]" = weakref.WeakKeyDictionary()

# A table row: two cells or more separated by tabs (HTML/JATS: one per column, so empty cells make
# runs) or a run of two spaces or more.
_CELL_GAP = re.compile(r"\S(?:\t+| {2,})\S")
_CELL_SPLIT = re.compile(r"\t+| {2,}")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_HEADING_MAX = 40
_CAPTION_NUMBER = re.compile(r"\b(?:table|figure|fig\.?|supplementary table)\s+[A-Z]?\d+[a-z]?$", re.I)


def build_nlp(pack: RulePack) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    extra = pack.tokenizer
    tokenizer = nlp.tokenizer
    prefixes = list(extra.get("prefixes", [])) + list(nlp.Defaults.prefixes)
    suffixes = list(extra.get("suffixes", [])) + list(nlp.Defaults.suffixes)
    infixes = list(extra.get("infixes", [])) + list(nlp.Defaults.infixes)
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("evidencekit_sentences", config={"abbreviations": list(extra.get("abbreviations", []))})
    # Phrase rules (literal names) go to spaCy's PhraseMatcher, whose cost does not grow with
    # their number; token patterns cost a little at every token each.
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True, "overwrite": True,
                                               "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([pattern for r in pack.rules for pattern in r.spacy_patterns()])
    nlp.meta["evidencekit_rule_pack"] = {"directory": pack.directory, "hash": pack.hash}
    _PACKS[nlp] = pack
    return nlp


def pack_of(nlp: Language) -> RulePack:
    """The RulePack an nlp was built from."""
    return _PACKS[nlp]


def is_table_row(line: str) -> bool:
    """Two cells or more, and cells after the first short (a table cell, not a column of prose
    that a PDF laid beside another)."""
    stripped = line.strip()
    if not _CELL_GAP.search(stripped):
        return False
    cells = [c for c in _CELL_SPLIT.split(stripped) if c.strip()]
    return len(cells[0].split()) <= 12 and all(len(c.split()) <= 6 or re.search(r"\d", c) for c in cells[1:])


def sentence_starts(text: str, abbreviations: frozenset[str]) -> list[int]:
    """Character offsets where sentences start.

    Breaks: after . ! ? (and closing quotes/brackets) followed by space and a capital, digit,
    quote or bracket, except after an abbreviation or an initial; at blank lines; around each
    table-row line; after a short heading line.
    """
    starts = {0}
    for match in _SENTENCE_END.finditer(text):
        word_start = text.rfind(" ", 0, match.start()) + 1
        word_start = max(word_start, text.rfind("\n", 0, match.start()) + 1)
        word = text[word_start : match.start() + 1].lstrip("([\"“").lower()
        if word in abbreviations or re.fullmatch(r"[a-z]\.", word) and text[match.start() - 1].isupper():
            continue
        if _CAPTION_NUMBER.search(text, max(0, match.start() - 20), match.start()):
            continue  # "Table 2. MADRS scores": the caption goes on
        starts.add(match.end())
    for match in _BLANK_LINE.finditer(text):
        starts.add(match.end())
    offset = 0
    lines = text.split("\n")
    previous_blank = True
    for i, line in enumerate(lines):
        stripped = line.strip()
        next_offset = offset + len(line) + 1
        if stripped and is_table_row(line):
            starts.add(offset + len(line) - len(line.lstrip()))
            starts.add(next_offset)
        elif (
            stripped
            and previous_blank
            and len(stripped) <= _HEADING_MAX
            and stripped[-1] not in ".,;:-–"
            and i + 1 < len(lines)
            and lines[i + 1].strip()[:1].isupper()
        ):
            starts.add(next_offset)
        previous_blank = not stripped
        offset = next_offset
    return sorted(s for s in starts if s < len(text))


@Language.factory("evidencekit_sentences", default_config={"abbreviations": []})
def _make_sentencer(nlp: Language, name: str, abbreviations: list[str]):
    known = frozenset(a.lower() for a in abbreviations)

    def set_sentences(doc):
        # Setting token.is_sent_start one by one re-checks the whole doc each time; one array is O(n).
        starts = sentence_starts(doc.text, known)
        flags = numpy.full(len(doc), -1, dtype="int64")
        token_starts = numpy.fromiter((t.idx for t in doc), dtype="int64", count=len(doc))
        # a start anywhere after the previous token's end and at or before this token's start begins here
        index = numpy.searchsorted(token_starts, numpy.asarray(starts, dtype="int64"), side="left")
        index = index[index < len(doc)]
        flags[index] = 1
        if len(doc):
            flags[0] = 1
        return doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))

    return set_sentences
