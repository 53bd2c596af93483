"""Spans -> linked, typed Records.

The rule pack finds where statistics are (spans with a label and a rule id); this module parses
each span with parsers.py and links, within one sentence or table row, every statistic to its
p-value, CI, SE and df, and to the outcome, group, timepoint and drug it reports. spaCy objects
never leave this module; phrase heuristics live in phrases.py.

Linking heuristics, all token-level (a blank pipeline has no parser):
- a p-value belongs to the estimates and test statistics between it and the previous p-value; a
  p after means or counts compares groups and, like a p with nothing before it, is its own record;
- a CI, SE or df belongs to the nearest statistic before it that has none yet;
- the outcome is the table row header (with the caption's instrument), else the nearest instrument
  before the value (or just after it), else "response"/"remission" where the sentence says so,
  else the phrase the sentence is about ("difference in X", "effect on X", "There was a X", its
  subject), else, for "The difference ..." sentences, the previous sentence's outcome;
- a group goes on descriptive values (means, counts, percentages): the column header in a table,
  else the groups the sentence names in order ("respectively"), a group named right after the
  value, the drugs an explicit comparison names, or the nearest group before; estimates get
  "A vs B" when their sentence compares two drugs, p-values "for 28 mg" their dose arm;
- a timepoint right after the value wins, else the nearest before it, else the next one after;
  a table row header or caption gives the timepoint of its values;
- a regimen (dose, route, frequency, duration, administrations) is stated once per document: each
  value is kept where its sentence states more of the regimen, never from the title line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evidencekit.nlp import SPANS_KEY, build_nlp, is_table_row, pack_of
from evidencekit.parsers import (
    numbers,
    parse_ci,
    parse_count,
    parse_df,
    parse_dose,
    parse_duration,
    parse_frequency,
    parse_mean_sd,
    parse_number,
    parse_p,
    parse_stat,
    parse_timepoint,
    stated_timepoint,
    timepoint_codes,
    EVENT_LABEL,
)
from evidencekit.phrases import _EFFECT_VERBS as _EFFECT_WORDS
from evidencekit.phrases import _PHRASE_STOP, _take_phrase
from evidencekit.phrases import _VERB_STOP as VERB_WORDS
from evidencekit.phrases import (
    ADMINISTRATION_NOUNS,
    AUXILIARIES,
    PEOPLE,
    PREPOSITIONS,
    after_from,
    clean_group,
    counts_context,
    expand_abbreviations,
    is_timepoint,
    label_unit,
    note_abbreviations,
    names_a_measure,
    object_phrase,
    table_cells,
    topic_phrase,
    words_only,
)
from evidencekit.records import Document, Record
from evidencekit.tables import WHOLE_SAMPLE
from evidencekit.rules import RulePack, load_rule_pack

ESTIMATES = ("b", "beta", "md", "smd", "d", "g", "or", "rr", "hr", "r")
TESTS = ("t", "f", "chi2", "z")
DESCRIPTIVES = ("mean", "count", "percent")
STATISTICS = ESTIMATES + TESTS + DESCRIPTIVES
DOSING = ("dose", "route", "frequency", "duration", "administrations")
SAMPLE = ("total_n", "group_n")
ATTACHMENTS = ("CI", "CI_BARE", "SE_VALUE", "SD_VALUE", "DF")
# Labels that compete for the same characters: the longest match wins.
VALUE_LABELS = set(STATISTICS + SAMPLE + DOSING + ATTACHMENTS + ("p", "MEAN_PAREN", "PERCENT_PAIR", "P_CELL")) - {"route"}
CONTEXT_LABELS = ("instrument", "DRUG", "TIMEPOINT", "BASELINE", "NEGATION", "GROUP", "route")
# rules whose matches are dosing only where the sentence names a drug, a dose or a route
_NEEDS_REGIMEN = {"dosing.duration_further", "dosing.freq_alternate", "dosing.freq_adverb", "dosing.freq_interval",
                  "dosing.freq_interval_at", "dosing.freq_interval_q"}
# a bare "daily" or "weekly" is a schedule after what is given ("50 mg orally daily for one week",
# "4 hours daily"), not when it qualifies a noun ("daily pain intensity", "a fixed daily dosage")
_ADVERB_FOLLOWERS = {"for", "until", "during", "thereafter", "throughout", "at", "in", "from", "and", "or", "then",
                     "before", "after", "over", "up", "with", "to", "on", "by", "via", "as", "plus", "starting", "beginning"}
# an interval is a dosing interval only right after what is given: "oral ketamine administered at
# 8-hour intervals", "ketamine 0.5 mg/kg every 12 h", not "VAS and sedation at 4-hour intervals"
_INTERVALS = {"dosing.freq_interval", "dosing.freq_interval_at", "dosing.freq_interval_q"}
_ASSESSMENT_NOUNS = re.compile(r"\b(assessments?|measurements?|evaluations?|monitoring|scores?|scales?|VAS|NRS|vital|"
                               r"pressure|rate|saturation|sedation|samples?|levels?|concentrations?|visits?)\b", re.I)
# verbs that make a period or a schedule one of assessment, not of treatment: "VAS ... were recorded
# for 60 minutes after the dose", "pain was assessed every 4 hours"
_ASSESSED = re.compile(r"\b(assessed|measured|recorded|rated|evaluated|monitored|scored|collected|documented|registered|"
                       r"noted|tested|examined|interviewed|seen|visited|contacted|reviewed|telephoned|phoned)\b", re.I)
_GIVEN = re.compile(r"\b(given|administered|received|receiving|infused|injected|taken|repeated|continued|dosed|applied|"
                    r"delivered|titrated|maintained)\b", re.I)
COMPARATORS = {"placebo", "saline", "midazolam"}
# drug rules whose spelling names a ketamine isomer as "<S or R>-ketamine"
_STEREO_SPELLINGS = {"dosing.drug_esketamine_stereo", "dosing.drug_esketamine_split", "dosing.drug_arketamine_stereo",
                     "dosing.drug_arketamine_split"}
_NOT_ARM_SUFFIXES = {"controlled", "naive", "naïve", "free", "induced", "related", "like", "experienced", "exposed"}
_REFERENCES = re.compile(r"^[ \t]*(references|bibliography|literature cited|works cited)[ \t]*:?[ \t]*$", re.I | re.M)

# words that end a clause's predicate, not an arm's name: "was lower (n=...)"
_NOT_AN_ARM = {"lower", "higher", "greater", "less", "more", "fewer", "better", "worse", "reduced", "increased",
               "decreased", "improved", "similar", "comparable", "significant", "different", "studies", "trials",
               "rarer", "commoner", "frequent", "common", "rare", "likely", "unlikely", "faster", "slower"}
# verbs of a design clause: "240 patients randomly assigned (30 in each group)"
_ARM_CLAUSE_WORDS = {"assigned", "randomly", "randomized", "randomised", "enrolled", "recruited", "included",
                     "allocated", "screened", "completed", "identified", "pooled"}
# what a statistic is called, never what it measures: "Q =", "t =", "OR", "I2"
_STATISTIC_LABEL = re.compile(r"(?i)(q|h|u|w|t|f|z|r|d|b|g|k|n|p|or|rr|hr|md|smd|wmd|ci|sd|se|sem|df|i2|i²|tau2|τ2|chi2|χ2|"
                              r"t-test|f-test|cohen's d|cohen’s d|hedges' g)\s*[=:]?")
_DEFAULT_NLP = None
# units of a duration printed after a mean ± SD ("3.5 ± 1.5 h", "127 ± 32 min")
_TIME_UNITS = r"h|hrs?|hours?|min|mins|minutes?|s|sec|seconds?|days?|weeks?"
# "27.9±11.1 and 46.4±15.2 mg": a unit printed once after a pair of mean ± SD; "3.5 ± 1.5 h": one after its SD
_UNIT_AFTER_PAIR = re.compile(rf"\s*(?:and|vs\.?|versus|,)\s*[\d.]+\s*±\s*[\d.]+\s*(mg|µg|μg|mcg|ml|mL|g|{_TIME_UNITS})\b")
_TIME_UNIT_AFTER = re.compile(rf"\s*({_TIME_UNITS})\b")
# "Lan X, Zhou Y, et al. ... 2022;13:793677." or "12. Berman RM, Cappiello A, ..."
_CITATION = re.compile(r"\bet al\b.*(?:19|20)\d\d\s*;\s*\d+|"
                       r"^\s*(?:\[?\d{1,3}[.\]]\s+)?[A-Z][A-Za-z'-]+ [A-Z]{1,3}, [A-Z][A-Za-z'-]+ [A-Z]{1,3}[,.]", re.S)
# a sentence that refers back to the previous one's outcome
_ANAPHORA = re.compile(r"\s*(?:(?:however|in contrast|by contrast|similarly|likewise|moreover|also|conversely),?\s+)?"
                       r"(the (difference|differences|effect|effects|change|improvement|reduction|groups)|this|these|it|they)\b", re.I)

BETWEEN_GROUP = ("md", "smd", "d", "g", "or", "rr", "hr")  # estimates that compare two arms
# what may separate an arm's name from the comparison word after it: "the ketamine group versus"
_ARM_WORD_GAP = re.compile(r"\s*(?:groups?|arms?)?\s*$", re.I)
# words that end right before the reference arm: "compared with the placebo"
_NAMES_REFERENCE = re.compile(r"(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?|than)\s+(?:the\s+|with\s+)?$", re.I)
_COMPARISON_WORD = re.compile(r"(?P<lead>(?:^|(?<=[.;:]\s))\s*compared\s+(?:with|to)\b)|\b(?:(?:as\s+)?compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|versus|vs\.?|relative\s+to)(?=\s)", re.I)
# "than" before the second arm of a comparison: "than in the placebo group", "than with diclofenac", "than placebo-treated"
_THAN_ARM = re.compile(r"\b(?:(?:superior|inferior|non-?inferior)\s+to|than)\s+(?:(?:that|those)\s+(?:in|of|on|with|receiving|given)\s+(?:the\s+)?|"
                       r"(?:(?:in|with|after|among|for|on|to|receiving|given)\s+)?(?:the\s+)?)", re.I)
_ARM_DIFFERENCE = re.compile(r"\b(?P<a>[A-Za-z][\w/+]*)\s*[–-]\s*(?P<b>placebo|control|saline|midazolam)\s+differences?\b", re.I)
_STATISTIC_COLUMN = re.compile(r"(?i)^\s*(?:(?:one|two)[- ]way\s+)?(?:(?:anova|ancova|welch'?s?|student'?s?|paired|unpaired|pearson'?s?)\s+)?(?:p|p[- ]?values?|[ftz]|[ft][- ]?(?:tests?|values?|statistics?)|df|χ2|chi2|chi-square|"
                               r"statistics?|test|(?:95\s*%\s*)?ci|estimated\s+effects?|effect\s+sizes?|(?:mean\s+)?differences?|"
                               r"or|rr|hr|odds\s+ratio|hazard\s+ratio|relative\s+risk|sig\.?)\b(?!\s+group)")
# endings of generic drug names (INN stems) the rule pack may not list: pembrolizumab, finerenone, sertraline
_DRUG_NAME = re.compile(r"(?i)(?:mab|[^aeiou]nib|pril|sartan|olol|azole|dipine|apine|azepam|azolam|amine|etine|oxetine|"
                        r"pram|faxine|idone|peridol|gliflozin|statin|parin|cillin|mycin|floxacin|vir|fenac|profen|caine|"
                        r"tadol|afil|tropium|lukast|enone|erone|aline|oxacin|cycline|semide|thiazide|idine)$")
_REFERENCE_ARM = re.compile(r"\b(placebo|saline|midazolam|control|controls|sham|usual care|standard care|CTRL)\b", re.I)
# words that end or open a phrase but never name an arm
_COMPARISON_STOP = {"the", "a", "an", "with", "for", "in", "of", "to", "and", "or", "at", "on", "by", "after", "before",
                    "from", "than", "was", "were", "is", "are", "group", "groups", "arm", "arms", "patients", "participants"}
_NOT_ARM_WORDS = {"baseline", "score", "scores", "significantly", "difference", "differences", "improvement", "change",
                  "changes", "effect", "effects", "outcome", "outcomes", "pain", "depression", "time", "day", "days", "week",
                  "weeks", "month", "months", "hours", "h", "min", "p", "ci", "sd", "se", "ratio", "risk", "odds", "mean",
                  "reduction", "increase", "decrease", "rate", "rates", "model", "models", "analysis", "each", "both",
                  "other", "treatment", "trial", "study", "studies", "all", "those", "them", "it", "this", "that", "which",
                  "similar", "compared", "versus", "vs", "not", "no", "only", "more", "less", "levels", "level", "values"}


def _is_reference(arm: str) -> bool:
    """A reference arm (placebo, control, ...); a combination arm ("ketamine-midazolam", "antidepressant
    plus placebo") is an active one."""
    return bool(_REFERENCE_ARM.search(arm)) and not re.search(r"\w[-/+]\w|\s\+\s|\bplus\b|\bwith\b", arm, re.I)


def _adds_to(arm: str, other: str) -> bool:
    """Whether arm is other with something added: "MK" to "M" (Group MK, Group M), "morphine-ketamine"
    or "ketamine plus morphine" to "morphine"."""
    a = re.sub(r"\b(?:the|groups?|arms?)\b", " ", arm, flags=re.I).split()
    b = re.sub(r"\b(?:the|groups?|arms?)\b", " ", other, flags=re.I).split()
    if len(a) == len(b) == 1 and a[0].isupper() and b[0].isupper():
        return len(a[0]) > len(b[0]) and a[0].startswith(b[0])
    if not a or not b or len(" ".join(a)) <= len(" ".join(b)) or re.match(r"(?:non|no|not|without|un)\b", " ".join(a), re.I):
        return False  # "non-liver metastasis" negates "liver metastasis", adds nothing to it
    return re.search(rf"(?:^|[\s/+-]){re.escape(' '.join(b))}(?:$|[\s/+-])", " ".join(a), re.I) is not None


def _names_same_arm(a: str, b: str) -> bool:
    """Whether two names denote one arm: "the ketamine group", "intranasal ketamine", "ketamine"."""
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a) and bool(b) and (a == b or re.search(rf"(?<![\w-]){re.escape(b)}(?![\w-])", a) is not None
                                    or re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", b) is not None)  # "non-liver metastasis" is no "liver metastasis"


def _clause_break(text: str) -> bool:
    """A semicolon outside brackets: "...(P = .37); the difference" starts a new clause, while
    "[9.0 versus 10.3 mg; mean difference: 1.3" stays inside the same bracket."""
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ";" and depth <= 0:
            return True
    return False


def _arm_name(text: str) -> str:
    """An arm as a comparison names it: "the DEX group" -> "DEX"."""
    text = clean_group(text)
    text = re.sub(r"\s+(?:groups?|arms?)$", "", text, flags=re.I)
    text = re.sub(r"^(?:groups?|arms?)\s+(?=[A-Z0-9])", "group ", text) if re.match(r"(?i)^(?:groups?|arms?)\s+[A-Z0-9]{1,4}$", text) else text
    return text.strip()


def _plausible_arm(phrase: str) -> bool:
    """A word or two that can name an arm: no number, no statistic or outcome word, and an arm word
    or a name as printed (an abbreviation, a capitalised name)."""
    words = phrase.split()
    if not words or len(words) > 2 or any(w.lower() in _NOT_AN_ARM or w.lower() in _NOT_ARM_WORDS for w in words):
        return False
    if _STATISTIC_LABEL.fullmatch(words[-1]):
        return False
    return bool(_REFERENCE_ARM.search(phrase) or re.search(r"[A-Z]", phrase) or _DRUG_NAME.search(words[-1]))


def _opens_next_clause(gap: str) -> bool:
    """Whether a ";" outside brackets lies between a value and a later timepoint: "(95% CI, -7.31
    to -0.64; p=0.02) at day 28" has none, nor "33.3% vs 60.0%; P=0.011) at ..." inside the value's own
    parentheses; "...; this improvement remained significant through day 3" has one."""
    depth = 0
    for i, char in enumerate(gap):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            rest = gap[i + 1:]
            closing = min((x for x in (rest.find(")"), rest.find("]")) if x >= 0), default=-1)
            opening = min((x for x in (rest.find("("), rest.find("[")) if x >= 0), default=-1)
            if closing < 0 or 0 <= opening < closing:  # not inside the brackets the value stands in
                return True
    return False


def default_nlp():
    """The nlp for the default pack, built once per process."""
    global _DEFAULT_NLP
    if _DEFAULT_NLP is None:
        _DEFAULT_NLP = build_nlp(load_rule_pack())
    return _DEFAULT_NLP


def extract_document(doc: Document, nlp=None) -> list[Record]:
    """Every value the rule pack finds in doc, typed, linked and checked for consistency."""
    from evidencekit.checks import check_records

    nlp = nlp if nlp is not None else default_nlp()
    pack = pack_of(nlp)
    sdoc = nlp(doc.text)
    spans = _drop_redefined_abbreviations(_select_spans(sdoc), doc.text, nlp)
    cutoff = _references_start(doc.text)
    state = _DocState(doc=doc, pack=pack, abbreviations=note_abbreviations(doc.text), timepoint_codes=timepoint_codes(doc.text),
                      design_arms=_design_arms(sdoc, spans, pack, cutoff),
                      declares_mean_sd=bool(re.search(r"\bmeans?\s*\((SD|s\.d\.)\)", doc.text, re.I)),
                      sections=_sections(doc.text),
                      racemic=bool(re.search(r"\bracemic\b|\(R,\s*S\)|\bR,S-ketamine\b", doc.text, re.I)),
                      ns_is_name=_defines_ns_name(doc.text))
    state.primary, state.primary_timepoint = _primary_outcome(sdoc, spans, pack, cutoff)
    records: list[Record] = []
    k = 0
    for sent in sdoc.sents:
        if sent.start_char >= cutoff:
            break
        sent_spans = []
        while k < len(spans) and spans[k].start < sent.end:
            if spans[k].start >= sent.start:
                sent_spans.append(spans[k])
            k += 1
        if _CITATION.search(sent.text):
            continue  # a reference: its numbers are volumes, pages and other studies' samples
        records.extend(_Sentence(state, sent, sent_spans).records())
    best: dict = {}
    for priority, offset, record in sorted(state.route_candidates, key=lambda c: (c[0], c[1])):
        best.setdefault(("route", record.unit), record)
    # One record per (kind, value, unit): where the regimen is stated, else first; another drug
    # given the same dose in that same sentence keeps its own record ("150 mg ... and diclofenac 150 mg").
    chosen: dict = {}
    for priority, offset, record in sorted(state.dosing_candidates, key=lambda c: (c[0], c[1])):
        key = (record.kind, record.value, record.unit, "infusion_length" in record.flags)
        kept = chosen.setdefault(key, [record])
        if record is not kept[0] and record.sentence == kept[0].sentence and record.drug not in {r.drug for r in kept}:
            kept.append(record)
    for key, kept in chosen.items():
        for record in kept:
            best[key + (record.char_start,)] = record
    records.extend(best.values())
    # Tables whose header names their columns are read column by column (tables.py); its records
    # replace the generic values in the rows it read. Tables without such a header stay as above.
    from evidencekit.tables import merge_table_records, table_records

    records = merge_table_records(records, *table_records(doc, pack, min(cutoff, len(doc.text))))
    records.sort(key=lambda r: (r.char_start, r.char_end, r.kind))
    _row_sizes_from_notes(records, doc.text)
    _infer_denominators(records)
    check_records(records)
    return records


# the words that lead from a subject's result to the group it is compared with, ending at that group
_COMPARED_WITH_LATER = re.compile(r"\b(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?|than)\s+(?:(?:those|patients|participants|"
                                  r"subjects|people|women|men|children|individuals)\s+)?(?:with\s+|without\s+|in\s+)?(?:the\s+)?$", re.I)

_SIZE_CELL = re.compile(r"\(?\s*[nN]\s*=\s*\d{1,3}(?:[ ,]?\d{3})*\s*\)?")

# a sentence that states how participants were put into arms ("randomly assigned to ketamine or
# midazolam", "randomly divided into a ketamine group and a placebo group", "the trial had two arms:
# ...", "Patients received either S(+)-ketamine (n = 30) or placebo (n = 30)")
_DESIGN_CUE = re.compile(r"\b(?:randomi[sz]ed|randomly|allocated|assigned|received\s+either|(?:two|2)\s+(?:parallel\s+)?(?:arms|groups))\b", re.I)
# a title that sets two treatments side by side ("Intranasal ketamine versus intravenous ketorolac ...")
_TITLE_COMPARISON = re.compile(r"\b(?:versus|vs\.?|against|compared\s+(?:with|to))\s", re.I)
# more than two arms: "one of five arms", "three groups", "randomized 3:1:1:1"
_MANY_ARMS = re.compile(r"\b(?:three|four|five|six|seven|eight|[3-9])\s+(?:\w+\s+){0,2}(?:arms|groups|conditions|cohorts)\b|"
                        r"\b\d+\s*:\s*\d+\s*:\s*\d+", re.I)

# what leads from the assignment to the arms: "assigned to", "divided into", "to receive", "either", "two arms:"
_ARMS_FOLLOW = re.compile(r"\b(?:to|into|receive|receiving|received|either|between)\b|\b(?:arms?|groups?)\s*:", re.I)
# doses listed as alternatives: "0.1, 0.5 or 1.0 mg/kg", "28, 56 or 84 mg"
_DOSE_ARMS = re.compile(r"\d+(?:\.\d+)?\s*(?:mg(?:/kg)?|µg|mcg)?\s*(?:,\s*\d+(?:\.\d+)?\s*(?:mg(?:/kg)?|µg|mcg)?\s*)*,?\s+(?:or|and)\s+"
                        r"\d+(?:\.\d+)?\s*(?:mg|µg|mcg)\b", re.I)


def _design_arms(sdoc, spans: list, pack: RulePack, cutoff: int) -> Optional[tuple[str, str]]:
    """The two arms of a two-arm trial, (experimental, reference), from the first sentence that
    states how participants were assigned and names two drugs, else from a title that compares two;
    none where the design names more than two arms or several doses of one drug ("ketamine 0.1,
    0.5 or 1.0 mg/kg"). A between-group result whose sentence names fewer than two arms ("the groups
    no longer differed", "lower in the ketamine group (P = 0.008)") compares these."""
    drugs = [s for s in spans if s.label_ == "DRUG"]
    title = None
    for number, sent in enumerate(sdoc.sents):
        if sent.start_char >= cutoff:
            break
        # a title states no numbers: a first sentence with them is a result, not a title
        titled = number == 0 and _TITLE_COMPARISON.search(sent.text) and len(sent.text) < 250 and not re.search(r"\d", sent.text)
        design = None if titled else _DESIGN_CUE.search(sent.text)  # "X versus Y: a randomized trial" is a title
        if not design and not titled:
            continue
        if design and _MANY_ARMS.search(sent.text):
            return None
        names: list[str] = []
        previous_end = None
        for d in drugs:
            if sent.start_char <= d.start_char < sent.end_char:
                name = pack.rule(d.id_).canonical
                alias = previous_end is not None and re.fullmatch(r"\s*\((?:[^()]*\s)?", sdoc.text[previous_end : d.start_char])
                previous_end = d.end_char
                if name == "antidepressant" or _Sentence._design_word(d) or alias:
                    continue  # "placebo-controlled" names the design, "placebo (saline)" one arm twice; an antidepressant background both arms share
                if design and not names and not _ARMS_FOLLOW.search(sdoc.text[sent.start_char + design.start() : d.start_char]):
                    continue  # "randomized after induction with propofol and fentanyl": drugs given to all, no arms
                if name not in names:
                    names.append(name)
        if len(names) > 2 or design and (_DOSE_ARMS.search(re.sub(r"\([^()]*\)", "", sent.text))
                                         or len(re.findall(r"\(\s*n\s*=", sent.text, re.I)) > 2):
            return None  # "ketamine 0.1, 0.5 or 1.0 mg/kg or placebo": one arm per dose ("(56 or 84 mg)" is one arm's range)
        if len(names) == 2:
            arms = (names[1], names[0]) if names[0] in COMPARATORS and names[1] not in COMPARATORS else (names[0], names[1])
            if design:
                return arms
            title = arms
    return title


def _abbreviates(phrase: str, abbreviation: str) -> bool:
    """Whether abbreviation's letters stand in phrase in order, the first opening it
    ("nonsurvivors" -> NS), and the phrase is no "not significant" (whose NS is the p-value)."""
    if re.fullmatch(r"(?i)(?:not|non)[- ]?significant|insignificant", phrase.strip()):
        return False
    letters = abbreviation.lower()
    words = phrase.lower()
    if not words.startswith(letters[0]):
        return False
    pos = 1
    for letter in letters[1:]:
        pos = words.find(letter, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_NS_NAME = re.compile(r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*\(\s*NS\s*\)")


def _ns_named(text: str):
    """The matches of re.finditer(_NS_NAME, text), in order, each searched for only in the run of
    words and spaces before one "(NS)" instead of from every letter of the text."""
    searched = 0  # where finditer would go on: the end of the previous match
    for tail in re.finditer(r"\(\s*NS\s*\)", text):
        low = tail.start()
        while low > searched and (text[low - 1].isspace() or text[low - 1].isalnum() or text[low - 1] in "_-"):
            low -= 1  # the name before "(NS)" is words (\w and -) and spaces only
        match = _NS_NAME.search(text, low, tail.end())
        if match:
            searched = match.end()
            yield match


def _defines_ns_name(text: str) -> bool:
    """"in nonsurvivors (NS)", "non-smokers (NS)": the article names a group NS."""
    for match in _ns_named(text):
        phrase = match.group(1)
        last = phrase.split()[-1]
        if not re.search(r"(?i)signific", phrase) and (_abbreviates(last, "NS") or _abbreviates(phrase, "NS")):
            return True
    return False


_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9-]{1,7}")


def _drop_redefined_abbreviations(spans: list[Span], text: str, nlp) -> list[Span]:
    """Instrument abbreviations the article defines as something else: "surgical site infection (SSI)"
    makes every "SSI" of that article an infection, not the Scale for Suicide Ideation."""
    foreign = set()
    for short in {s.text for s in spans if s.label_ == "instrument" and _ABBREVIATION.fullmatch(s.text)}:
        for before in _before_parenthesised(short, text):
            long_form = _long_form(short, before.rstrip())
            named = nlp(long_form) if long_form else None  # kept in a name: a SpanGroup dies with its Doc
            if named is not None and not any(x.label_ == "instrument" for x in named.spans[SPANS_KEY]):
                foreign.add(short)
                break
    return [s for s in spans if not (s.label_ == "instrument" and s.text in foreign)] if foreign else spans


def _before_parenthesised(short: str, text: str):
    """The text before each "(SHORT)": up to 120 characters back, after the last bracket or line
    break. Searched back from each "(SHORT" rather than forwards from every offset of the text."""
    for tail in re.finditer(rf"\(\s*{re.escape(short)}\s*[),;]", text):
        q = tail.start()
        low = max(0, q - 120)
        start = max(low, text.rfind("(", low, q) + 1, text.rfind(")", low, q) + 1, text.rfind("\n", low, q) + 1)
        if start < q:
            yield text[start:q]


def _long_form(short: str, before: str) -> Optional[str]:
    """The words before "(SHORT)" that SHORT abbreviates (Schwartz & Hearst 2003): its letters in
    order, the first one starting a word; None when they do not spell it."""
    words = before.split()
    before = " ".join(words[-min(len(short) + 5, 2 * len(short)):])
    s, i = len(short) - 1, len(before) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while (i >= 0 and before[i].lower() != ch) or (s == 0 and i > 0 and before[i - 1].isalnum()):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return before[before.rfind(" ", 0, i + 1) + 1:]


_PRIMARY = re.compile(r"\bprimary\s+(?:efficacy\s+)?(?:outcome|end\s?-?point)(?:\s+measure)?\s+(?:was|is|were)\b", re.I)


def _primary_outcome(sdoc: Doc, spans: list[Span], pack: RulePack, cutoff: int) -> tuple[Optional[tuple], Optional[str]]:
    """The instrument (canonical, domain) and the one timepoint of the first sentence that defines
    the primary outcome ("The primary outcome was the change in MADRS from baseline to 24 hours"),
    wherever it stands: an abstract's results come before the methods that define it."""
    for match in _PRIMARY.finditer(sdoc.text, 0, cutoff):
        sent = sdoc.char_span(match.start(), match.end(), alignment_mode="expand")[0].sent
        inside = [s for s in spans if sent.start <= s.start and s.end <= sent.end]
        instruments = [s for s in inside if s.label_ == "instrument"]
        if not instruments or is_table_row(sent.text):
            continue
        rule = pack.rule(instruments[0].id_)
        stated = {parse_timepoint(s.text) for s in inside if s.label_ == "TIMEPOINT" and not after_from(s)}
        return (rule.canonical, rule.domain), (stated.pop() if len(stated) == 1 else None)
    return None, None


# a table note giving the n of one row: "Baseline n = 16." under a table whose other rows print their own n
_ROW_N_NOTE = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][A-Za-z0-9 ]{1,25}?),?\s+n\s*=\s*(?P<n>\d{1,5})\s*(?:[.;]|$)")


def _row_sizes_from_notes(records: list[Record], text: str) -> None:
    """The n a table note gives for the row it names ("Baseline n = 16.") goes on that row's means
    and counts that state none, in the table right above the note (corpora/README, *n of a table cell*)."""
    for note in _ROW_N_NOTE.finditer(text):
        label = note.group("label").strip()
        for record in records:
            if record.n is None and record.kind in ("mean", "count") and "table" in record.flags.split(";") \
                    and note.start() - 3000 < record.char_start < note.start() \
                    and re.match(rf"{re.escape(label)}\s", record.sentence, re.I) \
                    and all(not line.strip() or is_table_row(line) for line in text[record.char_end : note.start()].split("\n")[1:]):
                record.n = int(note.group("n"))  # only table rows between the row and its note


def _infer_denominators(records: list[Record]) -> None:
    """A count printed with its percentage but no denominator ("Seventeen patients (65%)") gets
    the latest sample size stated before it that gives that percentage (17/26 = 65%)."""
    sizes: list[float] = []
    percents = [r for r in records if r.kind == "percent"]
    for record in records:
        if record.kind in ("total_n", "group_n") and record.value:
            sizes.append(record.value)
        elif record.kind == "count" and record.n is None and record.value is not None:
            printed = next((p for p in percents if record.char_start <= p.char_start <= record.char_end + 40), None)
            if printed is None or printed.value is None:
                continue
            half = 0.5 * 10 ** -(len(str(printed.value).split(".")[1]) if "." in str(printed.value) and not str(printed.value).endswith(".0") else 0)
            for size in reversed(sizes):
                if size >= record.value and abs(100 * record.value / size - printed.value) <= half + 1e-9:
                    record.n = int(size)
                    break


def _select_spans(sdoc: Doc) -> list[Span]:
    found = list(sdoc.spans[SPANS_KEY])
    guards = [s for s in found if s.label_ == "GUARD"]
    guarded = set()
    for g in guards:
        guarded.update(range(g.start, g.end))
    kept = [s for s in found if s.label_ != "GUARD" and not guarded.intersection(range(s.start, s.end))]
    # "β = −0.32 (SE 0.11)": a value printed with its spread right after an estimate's name is that
    # estimate (its SE goes to it), not a mean that outranks it by being longer
    estimate_values = {s.end - 1 for s in kept if s.label_ in ESTIMATES}
    kept = [s for s in kept if not (s.label_ == "mean" and s.start in estimate_values)]
    selected = filter_spans([s for s in kept if s.label_ in VALUE_LABELS])
    for label in CONTEXT_LABELS:
        of_label = [s for s in kept if s.label_ == label]
        if label == "GROUP":  # "intervals Group A": the group is the one named after the word "group"
            of_label = [s for s in of_label if not any(t.start == s.end - 1 and t.end > s.end for t in of_label)]
        selected.extend(filter_spans(of_label))
    return sorted(selected, key=lambda s: (s.start, s.end))


# Section headings as journals and summaries print them: alone on a line ("Methods", "WHY IT
# MATTERS", "Design and participants") or opening one ("Background: ..."). What matters for dosing
# is whether a section states this trial's regimen (methods, results) or the field's and other
# studies' (background, discussion), or this trial's question (aim).
_SECTION_HEADS = (
    ("background", r"background|introduction|question|rationale|why this (?:trial|study)|context"),
    ("aim", r"aims?|objectives?|purpose"),
    ("methods", r"(?:materials|patients|participants|subjects) and methods|methods?|(?:study |trial )?design|interventions?|"
                r"treatments?|procedures?|participants|patients|setting|how the (?:trial|study) was (?:run|done)|"
                r"outcomes?(?: measures)?|statistical analys[ie]s"),
    ("results", r"(?:main )?results?|findings|what (?:they|we) found"),
    ("discussion", r"discussion|conclusions?|interpretation|comment|limitations?|implications|take[- ]home|bottom line|"
                   r"why (?:it|this) (?:still )?matters|what (?:it|this) means|limits and meaning"),
)
_SECTION_LINE = re.compile(r"^[ \t]*(?:\d{1,2}\.?\s+)?(?:(?P<alone>[A-Za-z][A-Za-z' -]{2,40}?)[ \t]*:?[ \t]*$|(?P<opening>[A-Za-z][A-Za-z ]{2,30}?):\s)",
                           re.M)


def _sections(text: str) -> list[tuple[int, str]]:
    """(offset, kind) of each section heading, in order; kind is one of _SECTION_HEADS' names."""
    out = []
    for match in _SECTION_LINE.finditer(text):
        heading = (match.group("alone") or match.group("opening")).strip().lower()
        for kind, pattern in _SECTION_HEADS:
            if re.fullmatch(rf"(?:{pattern})(?: [a-z]+){{0,3}}" if match.group("alone") else pattern, heading):
                out.append((match.start(), kind))
                break
    return out


def _references_start(text: str) -> int:
    matches = list(_REFERENCES.finditer(text))
    # Only a heading in the back half of the text starts the reference list.
    matches = [m for m in matches if m.start() > len(text) * 0.4]
    return matches[-1].start() if matches else len(text) + 1


def _capitalised_instruments(pack: RulePack) -> re.Pattern:
    """One regex for the pack's capitalised instrument names ("MADRS", "HAM-D") as whole words:
    table headers are tested against them many times per document."""
    names = tuple(sorted({r.canonical for r in pack.rules if r.label == "instrument" and r.canonical
                          and len(r.canonical) >= 3 and r.canonical.isupper()}))
    return _whole_words(names)


@functools.lru_cache(maxsize=8)
def _whole_words(names: tuple) -> re.Pattern:
    """Compiled once per pack; with no names, a pattern that never matches."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b" if names else r"(?!)")


_REST_OF_LINE = re.compile(r"[ \t]*\n?([^\n]*)")


@dataclass
class _DocState:
    doc: Document
    pack: RulePack
    instruments_seen: set = field(default_factory=set)
    dosing_candidates: list = field(default_factory=list)  # (priority, offset, Record)
    route_candidates: list = field(default_factory=list)  # (priority, offset, Record)  # (kind, value, unit): a regimen is stated once per document
    abbreviations: dict = field(default_factory=dict)  # "Esk" -> "esketamine", from "Esk, esketamine;" notes
    first_domain: Optional[str] = None  # domain of the first instrument the article names
    declares_mean_sd: bool = False  # the article prints "mean (SD)" somewhere
    ns_is_name: bool = False  # the article defines "NS" as a group's name ("nonsurvivors (NS)")
    caption_instrument: Optional[tuple] = None
    caption_timepoint: Optional[str] = None
    last_outcome_end: Optional[int] = None  # where the sentence that named last_outcome ends
    previous_timepoint: Optional[str] = None  # the one timepoint the previous sentence of the paragraph states
    previous_domain: Optional[str] = None  # and the symptom domain it is about ("Depressive symptoms improved ...")
    previous_text: str = ""  # and its words ("At 12 months ... the mean Beck scores")
    timepoint_codes: dict = field(default_factory=dict)  # "T30" -> "30 minutes", as the article defines them
    rows_state_time: bool = False  # a row of the current table names its own time: the caption's is that row's only
    last_outcome: Optional[tuple] = None  # (outcome, domain) of the previous sentence with values  # "Table 1. Response at day 1"  # (canonical, domain) named in the current table's caption
    table_header: Optional[list] = None  # cells of the current table's header row
    table_context: str = ""  # caption/header text of the current table (for "mean (SD)" / "n (%)")
    last_sentence_end: int = 0
    active_drugs: list = field(default_factory=list)  # non-comparator drugs named so far, in order
    sections: list = field(default_factory=list)  # (offset, kind) of the section headings, from _sections
    # "S(+)-ketamine" named before any plain "ketamine", in an article that never says "racemic":
    # its later plain "ketamine" is the same isomer ("the ketamine dose averaged ...")
    isomer: Optional[str] = None
    plain_ketamine_first: bool = False
    racemic: bool = False
    comparators: list = field(default_factory=list)  # comparator drugs (placebo, saline, midazolam) named so far
    capitalised_instruments: Optional[re.Pattern] = None  # from _capitalised_instruments, on first use
    paragraph_instruments: set = field(default_factory=set)  # (canonical, domain) named so far in the current paragraph
    paragraph_end: int = 0  # where the last sentence of running text ended
    variable_label: Optional[str] = None  # the last "Variable = ..." line of statistics-package output
    # "Beck" -> ("BDI", "depression"): the proper name that opens an instrument's full name, for a later "Beck scores"
    instrument_names: dict = field(default_factory=dict)
    design_arms: Optional[tuple] = None  # (experimental, reference) of a two-arm trial, from _design_arms
    # the instrument (canonical, domain) and the one timepoint of the first "The primary outcome was ..." sentence
    primary: Optional[tuple] = None
    primary_timepoint: Optional[str] = None


@dataclass
class _Value:
    span: Span
    record: Record


class _Sentence:
    def __init__(self, state: _DocState, sent: Span, spans: list[Span]):
        self.state = state
        self.doc = state.doc
        self.sent = sent
        self.text = sent.text
        self.table_row = is_table_row(self.text)
        self.by_label: dict[str, list[Span]] = {}
        spans = [s for s in spans if not (s.text in ("NS", "N.S.") and self._ns_names_group(s))]
        self.spans = spans
        for span in spans:
            self.by_label.setdefault(span.label_, []).append(span)
        self.cells = table_cells(sent) if self.table_row else []
        self._active_before = list(state.active_drugs)  # drugs named before this sentence
        # the previous sentence's timepoint carries over only within a paragraph
        new_paragraph = re.search(r"\n[ \t]*\n\s*$", self.doc.text[max(0, sent.start_char - 40):sent.start_char])
        self._carried = None if new_paragraph or state.previous_timepoint is None \
            else (state.previous_timepoint, state.previous_domain, state.previous_text)
        for span in self.by_label.get("DRUG", []):
            name = state.pack.rule(span.id_).canonical
            if span.id_ in _STEREO_SPELLINGS and state.isomer is None and not (state.plain_ketamine_first or state.racemic):
                state.isomer = name
            elif name == "ketamine" and state.isomer is None:
                state.plain_ketamine_first = True
            if name not in COMPARATORS and name not in ("antidepressant", "morphine") and name not in state.active_drugs:
                state.active_drugs.append(name)
            if name in COMPARATORS and name not in state.comparators:
                state.comparators.append(name)
        self._track_table()
        self.row = self._row_info() if self.table_row else {}

    def _ns_names_group(self, span: Span) -> bool:
        """"NS" that abbreviates a group ("24 ± 6 in nonsurvivors (NS)", "20.79 ± 20.73 in NS")
        rather than "not significant": where it follows the noun it abbreviates or a preposition
        that takes a group ("in NS", "than NS"), or anywhere but a p position ("p = NS", a number
        or statistic right before it) in an article that defines NS as a name."""
        text = self.doc.text
        before = text[max(self.sent.start_char, span.start_char - 40) : span.start_char]
        if re.search(r"\b[Pp](?:[- ]?values?)?\s*[=:]?\s*$", before) or re.search(r"[\d%]\s*[*†‡]*\s*\(?\s*$", before):
            return False  # "p = NS", "3.44 NS", "12.9 (NS)": a p position
        if re.search(r"\b(?:in|among|than|versus|vs\.?)\s*$", before):
            return True
        previous = re.search(r"([A-Za-z][\w-]*)\s*\(\s*$", before)
        if previous and _abbreviates(previous.group(1), "NS"):
            return True
        return self.state.ns_is_name

    # ---- table state
    def _track_table(self):
        state = self.state
        gap = self.doc.text[state.last_sentence_end : self.sent.start_char]
        if not self.table_row:
            continuation = len(self.text.strip()) <= 40 and not self.text.strip().endswith(".")
            if not continuation or state.table_header is None:
                state.table_header = None
                is_caption = bool(re.match(r"\s*table\b", self.text, re.I))
                state.table_context = self.text if is_caption else ""
                instruments = self.by_label.get("instrument", [])
                state.caption_instrument = None
                if is_caption and instruments:
                    rule = state.pack.rule(instruments[0].id_)
                    state.caption_instrument = (rule.canonical, rule.domain)
                points = self.by_label.get("TIMEPOINT", []) + self.by_label.get("BASELINE", [])
                state.caption_timepoint = parse_timepoint(points[0].text) if is_caption and len(points) == 1 else None
                state.rows_state_time = False
                # a caption, or a title line over a table ("MADRS total score: mean change from baseline
                # to day 15"), that states one timepoint: "change from T0 to T30", "scores at 6 weeks"
                titled = is_caption or (len(self.text.strip()) <= 160 and not re.search(r"[.;:,]\s*$", self.text))
                if state.caption_timepoint is None and titled:
                    state.caption_timepoint = stated_timepoint(self.text, state.timepoint_codes)
        else:
            if "\n\n" in gap and state.table_header is not None and not state.table_context:
                state.table_header = None
            # "(95% CI)" in a column label is no value: "RR, HR, or estimated difference (95% CI)"
            has_values = any(s.label_ in VALUE_LABELS and s.label_ not in ("dose", "group_n", "total_n")
                             and not re.match(r"\s*C\.?I\b", self.doc.text[s.end_char : s.end_char + 4])
                             for s in self.spans)
            # a header row names its columns: no values but doses and sizes ("Esk 28 mg", "Ketamine (n=24)")
            sizes_only = len(self.cells) >= 2 and all(_SIZE_CELL.fullmatch(text) for _, _, text in self.cells)
            if sizes_only and state.table_header is not None and len(state.table_header) == len(self.cells):
                pass  # "n = 4924  n = 22 447 ..." under "Bladder  Breast ...": the columns' sizes, not their names
            elif not has_values and all(re.search(r"[A-Za-z]", text) for _, _, text in self.cells[1:]):
                state.table_header = self.cells
                state.table_context += " " + self.text
                if state.caption_timepoint is None and self.cells:  # "Change from T0 to T30  Ketamine  Morphine  P"
                    state.caption_timepoint = stated_timepoint(self.cells[0][2], state.timepoint_codes)
        state.last_sentence_end = self.sent.end_char

    def _row_info(self) -> dict:
        """What a table row's header says about its values: timepoint, SD or SE, P row, outcome."""
        header = self._row_header()
        if header is None:
            return {}
        following = _REST_OF_LINE.match(self.doc.text, self.sent.end_char)  # no copy of the rest of the document
        line = following.group(1).strip() if following else ""
        if line and len(line) <= 40 and not is_table_row(line) and not re.search(r"\d", line):
            header = f"{header} {line}"  # a row header wrapped onto the next line
        info = {"header": header}
        prefix = re.match(r"^([^:]{1,30}):\s*(.*)$", header)
        rest = header
        in_header = [s for s in self.by_label.get("TIMEPOINT", []) if s.end_char <= self.cells[0][1]]
        if in_header:  # "MADRS, week 4"
            info["timepoint"] = parse_timepoint(in_header[0].text)
            rest = (header[: in_header[0].start_char - self.cells[0][0]] + header[in_header[0].end_char - self.cells[0][0]:]).strip(" ,;:")
        elif prefix and is_timepoint(prefix.group(1)):
            info["timepoint"] = parse_timepoint(prefix.group(1))
            rest = prefix.group(2)
        elif re.match(r"^\s*baseline\b", header, re.I):
            info["timepoint"] = "baseline"
            rest = re.sub(r"^\s*baseline\b[,:]?", "", header, flags=re.I)
        else:
            event = re.match(r"^(.*?)[,;:]\s*([^,;:]+)$", header)
            if event and EVENT_LABEL.match(event.group(2)):  # "VAS, recovery unit"
                info["timepoint"], rest = parse_timepoint(event.group(2)), event.group(1)
            elif stated_timepoint(header, self.state.timepoint_codes):  # "Improvement from depressive symptoms at 3 months"
                info["timepoint"] = stated_timepoint(header, self.state.timepoint_codes)
        if re.search(r"\b(SE|SEM|s\.e\.)\b", header):
            info["spread"] = "se"
        elif re.search(r"\b(SD|s\.d\.)\b|±", header):
            info["spread"] = "sd"
        info["p_row"] = bool(re.search(r"^\s*(p|p[- ]values?)\s*$", rest, re.I))
        info["difference"] = bool(re.search(r"\bdifferences?\b", rest, re.I))
        info["counts"] = bool(re.search(r"\bn\s*/\s*N\b|\bn\s*\(%\)|\bno\.\s*\(%\)", rest, re.I))
        info["mean"] = bool(re.search(r"\bmeans?\b|±|\bSD\b|\bSE\b", rest, re.I))
        cleaned = re.sub(r",?\s*(mean\s*)?(\(\s*(SD|SE|SEM|%)\s*\)|n\s*/\s*N\s*\(%\)|n\s*\(%\))\s*", " ", rest, flags=re.I)
        cleaned = re.sub(r"^\s*(p|p[- ]values?)\s*$", "", cleaned, flags=re.I)
        cleaned = re.sub(r",?\s*\bmean\s*$", "", cleaned.strip(), flags=re.I).strip(" ,;:")
        cleaned, info["unit"] = label_unit(cleaned)  # "First analgesic (min)": the unit of the row's values
        instrument = next((s for s in self.by_label.get("instrument", []) if s.end_char <= self.cells[0][1]), None)
        if instrument is not None:
            rule = self.state.pack.rule(instrument.id_)
            info["outcome"], info["domain"] = (rule.canonical if len(instrument.text) >= len(cleaned) - 2 else cleaned), rule.domain
        elif self.state.caption_instrument:
            name, domain = self.state.caption_instrument
            info["outcome"], info["domain"] = f"{name} {cleaned}".strip(), domain
        elif cleaned:
            info["outcome"], info["domain"] = cleaned, None
        return info

    def _column_header(self, span: Span) -> Optional[str]:
        header = self.state.table_header
        if not self.table_row or not header:
            return None
        index = next((i for i, (start, end, _) in enumerate(self.cells) if start <= span.start_char < end), None)
        by_tab = self._tab_column_header(span, header) if index else None
        if by_tab is not None:
            return by_tab or None
        if index is not None and len(header) == len(self.cells) and all(_SIZE_CELL.fullmatch(t) for _, _, t in self.cells):
            return header[index][2]  # a row of the columns' sizes under their names, first cell included
        if index is None or index == 0:
            return None
        h = index - (len(self.cells) - len(header))
        return header[h][2] if 0 <= h < len(header) and (h > 0 or len(header) == len(self.cells) - 1) else None

    def _tab_column_header(self, span: Span, header: list) -> Optional[str]:
        """The header of a value's column counted by tabs (HTML/JATS rows keep one tab per column, empty
        cells included: "Men | 3625 74% | | 6069 51%" under "| Bladder | Breast | Colon"); a header cell
        spanning the empty columns after it heads them too. "" when no header cell heads the column,
        None when row or header is no tab row (then cells align as they come)."""
        text = self.doc.text
        row_start = text.rfind("\n", 0, span.start_char) + 1
        head_start = text.rfind("\n", 0, header[0][0]) + 1
        if "\t" not in text[row_start:span.start_char] or "\t" not in text[head_start:header[-1][1]]:
            return None
        column = text.count("\t", row_start, span.start_char)
        heads = {text.count("\t", head_start, start): name for start, _, name in header}
        if column in heads:
            return heads[column]
        left = max((k for k in heads if k < column), default=None)
        return heads[left] if left is not None and max(heads) > column else ""

    def _row_header(self) -> Optional[str]:
        if not self.table_row or not self.cells:
            return None
        start, end, text = self.cells[0]
        if any(s.start_char >= start and s.end_char <= end and s.label_ in VALUE_LABELS for s in self.spans):
            return None
        return text if re.search(r"[A-Za-z]", text) else None

    # ---- building records
    def _record(self, span: Span, kind: str, start: Optional[int] = None, end: Optional[int] = None, **values) -> Record:
        start = span.start_char if start is None else start
        end = span.end_char if end is None else end
        rule = self.state.pack.rule(span.id_)
        record = Record(
            doc_sha256=self.doc.sha256,
            file=self.doc.path,
            page=self.doc.page_of(start),
            char_start=start,
            char_end=end,
            sentence=" ".join(self.text.split()),
            rule_id=span.id_,
            kind=kind,
            text=self.doc.text[start:end],
            **values,
        )
        for flag in rule.flags:
            record.add_flag(flag)
        if self.table_row:
            record.add_flag("table")
        return record

    # the line a statistics package prints above its output: "Variable = Depression level", "Dependent Variable: VAS"
    _VARIABLE_LINE = re.compile(r"\s*(?:dependent\s+)?variable\s*[=:]\s*([A-Za-z][\w ,'/-]{1,60}?)\s*$", re.I)

    def records(self) -> list[Record]:
        variable = self._VARIABLE_LINE.fullmatch(self.text)
        if variable:
            self.state.variable_label = variable.group(1)
        if self.table_row or "\n\n" in self.doc.text[self.state.paragraph_end : self.sent.start_char] \
                or self.sent.start_char < self.state.paragraph_end:
            self.state.paragraph_instruments = set()  # a new paragraph (or a table) names its own scores
        out: list[Record] = []
        out += self._instruments()
        sizes = self._sample_sizes()
        out += sizes + self._elliptic_arms(sizes)
        out += self._dosing()
        stats = self._statistics()
        ps = self._link_attachments(stats)
        for value in stats + ps:
            self._describe(value)
            self._paragraph_outcome(value.record)
        if not self.table_row:
            self.state.paragraph_instruments |= {(self.state.pack.rule(s.id_).canonical, self.state.pack.rule(s.id_).domain)
                                                 for s in self.by_label.get("instrument", [])}
            self.state.paragraph_end = self.sent.start_char + len(self.text.rstrip())
        self._link_compared_arms(stats + ps)
        out += [v.record for v in stats + ps]
        described = [v.record for v in stats + ps if v.record.outcome]
        if described and not self.table_row:
            # "Pooling ... across twelve studies ... This gives a PE of": a count of studies or people is no
            # measure for the next sentence to go on reporting
            self.state.last_outcome = (described[-1].outcome, described[-1].domain) \
                if names_a_measure(described[-1].outcome) else None
            self.state.last_outcome_end = self.sent.start_char + len(self.text.rstrip())  # (a paragraph break may trail the span)
        elif not stats and not ps and not self.table_row:
            named = self._stated_outcome()
            if named:  # "Patients in the ketamine group had significantly lower pain scores." (values follow)
                self.state.last_outcome, self.state.last_outcome_end = (named, None), self.sent.start_char + len(self.text.rstrip())
        stated = {parse_timepoint(s.text) for s in self.by_label.get("TIMEPOINT", []) if not after_from(s)}
        self.state.previous_timepoint = stated.pop() if len(stated) == 1 and not self.table_row \
            and not self.by_label.get("BASELINE") else None
        domains = {self.state.pack.rule(s.id_).domain for s in self.by_label.get("instrument", [])}
        if not domains:
            domains = {d for d, word in (("depression", r"\bdepress"), ("pain", r"\bpain\b")) if re.search(word, self.text, re.I)}
        self.state.previous_domain = domains.pop() if len(domains) == 1 else None
        self.state.previous_text = self.text
        self._share_of_count(out)
        return sorted(out, key=lambda r: (r.char_start, r.char_end, r.kind))

    def _paragraph_outcome(self, record: Record) -> None:
        """A test or estimate whose sentence names no outcome is on the one score its paragraph named
        before it ("The group-by-time interaction was significant for the HAM-D-6. In post hoc
        pairwise comparisons ... The lowest dose was significant only before adjustment (p = 0.02,
        p-adj = 0.14, d = -0.82 at day 1)")."""
        if record.outcome or self.table_row or record.kind not in ESTIMATES + TESTS + ("p",):
            return
        if self.state.variable_label:  # statistics-package output under "Variable = Depression level"
            record.outcome = self.state.variable_label
            record.domain = "pain" if re.search(r"\bpain\b", record.outcome, re.I) \
                else "depression" if re.search(r"\bdepress", record.outcome, re.I) else None
            return
        if len(self.state.paragraph_instruments) != 1 or self._section() in ("methods", "background", "aim"):
            return
        (record.outcome, record.domain), = self.state.paragraph_instruments

    # a p printed right after the relation it tests: "a significant dose-response relationship (P < .001)"
    _RELATION_BEFORE = re.compile(r"\b(?:an?|the|no)\s+(?:(?:statistically\s+)?(?:significant|strong|weak|positive|negative|"
                                  r"linear)\s+)*((?:[\w-]+\s+){0,2}?(?:relationship|trend|interaction|association|correlation))"
                                  r"\s*[(\[]\s*$", re.I)

    def _share_of_count(self, records: list[Record]) -> None:
        """"207 of them men (87.3%)": the share in brackets right after a count is of what the count counts."""
        counts = [r for r in records if r.kind == "count" and r.outcome]
        for record in records:
            if record.kind != "percent" or record.outcome or self.table_row:
                continue
            count = next((c for c in counts if c.char_end <= record.char_start and
                          re.fullmatch(r"\s*[(\[]\s*", self.doc.text[c.char_end : record.char_start])), None)
            if count is not None:
                record.outcome, record.domain = count.outcome, record.domain or count.domain
                record.group = record.group or count.group
                record.timepoint = record.timepoint or count.timepoint

    # a generic name for the symptom the primary instrument scores: "Depressive symptoms improved ..."
    _SYMPTOM_PHRASE = re.compile(r"(?i)(?:the\s+)?(?:depressive|depression)\s+(?:symptoms?|symptomatology|severity)|"
                                 r"symptoms\s+of\s+depression|depression")
    # a test of how the arms' scores changed over time that names no score: "the two groups changed differently"
    _GROUPS_CHANGED = re.compile(r"\b(?:treatment|group|arm)[- ]by[- ]time\s+interaction|\b(?:groups|arms)\s+(?:changed|differed|diverged)\b", re.I)
    _CHANGE_WORDS = re.compile(r"\b(?:change[sd]?|fell|fall|dropped|decreased?|declined?|reduc(?:ed|tion)|improve[sd]?|improvement|"
                               r"differences?|differed)\b", re.I)

    def _primary_outcome(self, record: Record, outcome: Optional[str], domain: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """The primary instrument for a result that names its symptom only in general words, or a
        test of the arms' change over time that names no score (corpora/README, *outcome*)."""
        primary = self.state.primary
        if primary is None or self.table_row or self._section() != "results" or record.kind not in ESTIMATES + TESTS:
            return outcome, domain
        if outcome and primary[1] == "depression" and self._SYMPTOM_PHRASE.fullmatch(outcome.strip()):
            return primary
        if outcome is None and record.kind in TESTS and self._GROUPS_CHANGED.search(self.text):
            return primary
        return outcome, domain

    def _primary_timepoint(self, record: Record) -> Optional[str]:
        """The primary outcome's time for a change in the primary instrument that states no time of
        its own ("MADRS scores fell by 16.5 points with ketamine (t(46) = -10.31 ...)")."""
        primary = self.state.primary
        if primary is None or self.state.primary_timepoint is None or self.table_row or self._section() != "results":
            return None
        if record.outcome != primary[0] or self.by_label.get("BASELINE") or self.by_label.get("TIMEPOINT"):
            return None
        if record.kind in ("md", "smd", "d", "g") or (record.kind in ("t", "mean") and self._CHANGE_WORDS.search(self.text)):
            if record.kind == "mean" and not re.search(r"\b(?:by|of)\s*$", self.doc.text[self.sent.start_char : record.char_start]):
                return None  # a change "by 16.5 points", not a score
            return self.state.primary_timepoint
        return None

    _COMPARED = r"(?:lower|higher|less|more|greater|smaller|fewer|reduced|increased|decreased|improved|better|worse|shorter|longer)"
    _HAD_COMPARED = re.compile(rf"\b(?:had|have|has|showed|show|reported|experienced|achieved|exhibited|demonstrated)\s+"
                               rf"(?:(?:a|an|the)\s+)?(?:(?:statistically\s+)?\w+ly\s+)?{_COMPARED}\s+", re.I)
    _WAS_COMPARED = re.compile(rf"\b(?:was|were)\s+(?:(?:statistically\s+)?\w+ly\s+)?{_COMPARED}\b", re.I)

    def _compared_phrase(self, before: int) -> Optional[str]:
        """What a group "had significantly lower" before the value: "Group A had significantly lower
        mean pain score at rest (1.10 ± 1.37 vs 2.10 ± 1.65)" -> "pain score"."""
        found = list(self._HAD_COMPARED.finditer(self.doc.text, self.sent.start_char, before))
        if not found:
            return None
        rest = [t for t in self.sent if t.idx >= found[-1].end() and t.idx < before]
        phrase = _take_phrase(rest, _PHRASE_STOP | {"than", "on", "over", "throughout"})
        if not phrase or self._names_arm(phrase) or phrase.split()[0].lower() in PEOPLE:
            return None
        return phrase

    def _stated_outcome(self) -> Optional[str]:
        """The outcome a sentence without values states a result for, which the values of the next
        sentence report: "Patients in the ketamine group had significantly lower postoperative pain
        scores." -> "postoperative pain scores"; "Pain scores were significantly lower with ketamine."
        -> "Pain scores"."""
        tokens = [t for t in self.sent if not t.is_space]
        if not tokens:
            return None
        end = tokens[-1]
        phrase = None
        if self._HAD_COMPARED.search(self.text):
            phrase = self._compared_phrase(self.sent.end_char)
        elif self._WAS_COMPARED.search(self.text):
            phrase = topic_phrase(self.sent, end.doc[end.i : end.i + 1])
        if not phrase or self._names_arm(phrase) or phrase.split()[0].lower() in PEOPLE \
                or any(s.label_ in ("DRUG", "GROUP") for s in self.spans if s.start_char >= self.sent.start_char + self.text.find(phrase)
                       and s.end_char <= self.sent.start_char + self.text.find(phrase) + len(phrase)):
            return None
        return phrase

    # words that open instruments' full names without naming one: "Visual Analogue Scale", "Brief Pain Inventory"
    _GENERIC_NAME_WORDS = {"Visual", "Numeric", "Numerical", "Verbal", "Brief", "Clinical", "Clinician", "Clinically",
                           "Patient", "Global", "Short", "Quick", "Profile", "State", "Pain", "Self", "Positive", "Mini",
                           "Hospital", "General", "Generalized", "Total", "Mean", "Quality", "Depression", "Anxiety",
                           "Modified", "Revised", "Inventory", "Scale", "Rating", "Children", "Child", "Pediatric",
                           "Paediatric", "Geriatric", "Edinburgh", "Richmond", "Observer", "Confusion", "Sheehan"}

    def _named_instrument_domain(self, outcome: str) -> Optional[str]:
        """The domain of the instrument a short name stands for ("Beck scores" after "Beck Depression
        Inventory"), when the article named one such instrument in full."""
        found = {self.state.instrument_names[w][1] for w in re.findall(r"\b[A-Z][a-z]{3,}\b", outcome)
                 if w in self.state.instrument_names}
        return found.pop() if len(found) == 1 else None

    def _instruments(self) -> list[Record]:
        out = []
        for span in self.by_label.get("instrument", []):
            rule = self.state.pack.rule(span.id_)
            first = span[0].text
            if len(span) >= 3 and first[:1].isupper() and first[1:].islower() and len(first) >= 4 and first not in self._GENERIC_NAME_WORDS:
                self.state.instrument_names.setdefault(first, (rule.canonical, self._subscale_domain(span) or rule.domain))
            if rule.canonical in self.state.instruments_seen:
                continue
            self.state.instruments_seen.add(rule.canonical)
            domain = self._subscale_domain(span) or rule.domain
            out.append(self._record(span, "instrument", unit=rule.canonical, domain=domain))
            if self.state.first_domain is None:
                self.state.first_domain = domain
        return out

    def _sample_sizes(self) -> list[Record]:
        out = []
        for span in self.by_label.get("total_n", []) + self.by_label.get("group_n", []):
            # "n=25 697": a space (a normalised thin space) as thousands separator
            digits = re.sub(r"\b(\d{1,3})((?: \d{3})+)\b", lambda m: m.group(1) + m.group(2).replace(" ", ""), span.text)
            value = parse_number(digits) if not span.id_.endswith("words") else None
            if value is None:
                value = parse_number(words_only(span.text))
            if span.id_.endswith("none_of_arm"):
                # "Three of 56 ... (5%), and none receiving placebo, had ...": a count of 0 beside the
                # counts of other arms; a "none of the patients" on its own states no count
                if self._counts_beside(span):
                    out.append(self._counted(span, start=span.start_char, end=span[0].idx + len(span[0].text), value=0.0))
                continue
            if value is None or value != int(value) or value <= 0:
                continue
            if self._not_a_sample(span):
                continue
            if span.id_.endswith("one_person"):
                # "One woman in the ketamine group developed an emergence reaction": one person is
                # counted for what they had, never a sample; a discussion restates the results
                if self._section() != "discussion":
                    out.append(self._counted(span, value=1.0))
                continue
            kind = span.label_
            group = None
            if kind == "group_n" and "group_n_eq" in span.id_:
                group = self._group_before(span)
                if group is None and self.table_row:
                    group = self._row_arm()
                if group is None and self.table_row:  # "73 (73) (n = 100)" under "Placebo group (n = 102)"
                    header = self._column_header(span)
                    group = clean_group(header) if header and self._header_names_arm(header) else None
                if group is None and not re.match(r"\s*(per|in each|each|in every|for each)\s+(group|arm|condition)",
                                                  self.doc.text[span.end_char : span.end_char + 30], re.I) \
                        and not self._compared_subgroup(span):
                    kind = "total_n"  # "Patients (n=104)", "mean ± SD (n = 25)": no group named; "(n = 30 per group)" stays
            elif kind == "total_n":
                following = self._group_span_after(span)
                after_text = self.doc.text[span.end_char : span.end_char + 40]
                arm = self._arm_of_people(span)
                if following is not None:
                    kind, group = "group_n", clean_group(following.text)
                elif arm is not None:
                    kind, group = "group_n", arm
                elif named_arm := re.match(r"\s*(?:in|(?:were\s+|was\s+)?(?:recruited|randomi[sz]ed|assigned|allocated)\s+to)\s+the\s+"
                                           r"((?:(?!both\b|all\b|each\b|two\b|three\b|four\b|other\b|same\b|study\b|trial\b)"
                                           r"[\w+/-]+\s+){1,2}(?:arms?|groups?))\b", after_text, re.I):
                    # "35,350 children in the IPTc arms", "220 patients were recruited to the preference arms"
                    kind, group = "group_n", clean_group(named_arm.group(1))
                elif re.match(r"\s*(in each|per|in every|in both)\s+(arm|group|condition)", after_text, re.I):
                    kind = "group_n"
                counted = re.match(r"\s*(?:were\s+)?(screened|assessed|excluded|approached|eligible|declined)", after_text, re.I) \
                    or self._event_count(after_text) \
                    or re.search(r"\b(non-?included|excluded|ineligible|non-?eligible)\b", span.text, re.I)  # "111 non-included patients"
                inside = span.start > 0 and span.doc[span.start - 1].text == "("
                if counted:
                    out.append(self._counted(span, value=float(value), outcome=counted.group(1).lower()))
                    continue
                if re.match(r"\s*[(\[]\s*\d+(?:[.,]\d+)?\s*%\s*[)\],;]", after_text):
                    out.append(self._counted(span, value=float(value)))  # "Seventeen patients (65%) met ...", "6 patients [10%]"
                    continue
                if inside and group is None and self._listed_arm_size(span):
                    # "acupuncture plus usual care (302 patients), ... or usual care alone (151 patients)":
                    # people in parentheses after each of several named arms are the arms' sizes
                    kind, group = "group_n", self._group_before(span)
                elif inside and (treated := self._size_before_bracket(span)) is not None:
                    # "67 (45 women) received treatment": the bare number before the bracket is the
                    # sample the sentence goes on about, and the bracket counts people within it
                    total, token = treated
                    out.append(self._record(span, "total_n", start=token.idx, end=token.idx + len(token.text),
                                            value=float(total), unit="participants"))
                    noun = span[-1].text if span[-1].is_alpha else None
                    out.append(self._counted(span, value=float(value), n=total, outcome=noun))
                    continue
                elif inside and span.start > 1 and (span.doc[span.start - 2].text == "%" or self._total_before(span)):
                    total = self._total_before(span)
                    noun = span[-1].text if span[-1].is_alpha else None
                    out.append(self._counted(span, value=float(value), n=total, outcome=noun))
                    continue
            elif kind == "group_n":
                group = self._group_before(span)
            # "36 completed the study": the record is the number and the verb, not what was completed
            end = span[1].idx + len(span[1].text) if span.id_.endswith("completers") else None
            record = self._record(span, kind, end=end, value=float(value), unit="participants", group=group)
            after = self.doc.text[span.end_char : span.end_char + 60].lower()
            before = self.doc.text[max(self.sent.start_char, span.start_char - 40) : span.start_char].lower()
            if re.match(r"[^.;]{0,25}\brandom", after) or re.search(r"\brandomi[sz]ed\s*$", before) or "random" in span.text.lower():
                record.add_flag("randomised")
            if re.match(r"[^.;]{0,25}\b(analy[sz]ed|completed|included in the analys)", after) or re.search(r"\banaly[sz]ed\s*$", before):
                record.add_flag("analysed")
            if self.table_row:
                header = self._column_header(span)
                if header and record.group is None and self._header_names_arm(header):
                    record.group = clean_group(header)
                record.timepoint = self.row.get("timepoint")
            out.append(record)
        return out

    # what a number of things other than the sample counts: "three studies that followed children",
    # "a total of 14 missing answers", "47 deaths among 35,350 children"
    _COUNTED_THINGS = re.compile(
        r"(?i)\b(?:studies|trials|reports|articles|papers|reviews|sites|centres|centers|hospitals|clinics|practices|"
        r"villages|districts|countries|clusters|regions|schools|households|episodes|events|deaths|admissions|"
        r"answers|responses|items|questions|questionnaires|records|samples|specimens|visits|sessions|doses|"
        r"infusions|cycles|procedures|operations|observations|measurements|lesions|teeth|eyes)\b")

    def _not_a_sample(self, span: Span) -> bool:
        """Numbers of people that are no sample size, as journals print them: a rate's denominator
        ("4544 episodes per 1000 children", "per 100 person-years", "/1000 PYAR"), an average per
        provider ("an average of 13 patients each"), a count of other things before the people
        ("three studies that followed children"), a total of things that are not people ("a total of
        14 missing answers"), an age ("65–69-year-old patients"), or a table's number run into its caption across a paragraph break
        ("Table 1" / "Patients ...")."""
        text = self.doc.text
        before = text[max(self.sent.start_char, span.start_char - 30) : span.start_char]
        after = text[span.end_char : span.end_char + 40]
        if re.search(r"(?:\bper|/)\s*$", before, re.I) and re.fullmatch(r"10+", re.sub(r"[ ,]", "", span[0].text)):
            return True  # a rate's unit is a round 100, 1000, 100 000; "16 deaths per 5,186 children" is an arm's size
        if re.search(r"\b(?:an?\s+)?(?:average|mean|median)\s+of\s*$", before, re.I):
            return True
        if "\n\n" in span.text or re.search(r"\b(?:Table|Fig\.?|Figure|Box|Panel)\s*$", before):
            return True
        if re.match(r"[\d,]+\s*-\s*(?:years?|months?|weeks?|days?)\s*-?\s*olds?\b", span.text, re.I):
            return True  # "compared with 65–69-year-old patients": an age, not a number of people
        if span.id_.endswith(("people", "people_words", "people_spaced")) and self._COUNTED_THINGS.search(span.text):
            return True  # "three studies that followed children": the studies are counted
        if span.id_.endswith(("total_of", "total_of_spaced")):
            words = re.match(r"\s*((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)?", after).group(1) or ""
            if self._COUNTED_THINGS.search(words) and not any(w.lower() in PEOPLE for w in words.split()):
                return True  # "a total of 14 missing answers"
        return False

    # what the people a sentence opens with then did: "67 (45 women) received treatment"
    _TREATED = re.compile(r"[^()]{0,30}\)\s+(?:received|completed|underwent|started|began|were\s+(?:randomi[sz]ed|treated|"
                          r"included|enrolled|analy[sz]ed|assigned|allocated))\b", re.I)

    def _size_before_bracket(self, span: Span) -> Optional[tuple[int, object]]:
        """The bare number right before the bracket span opens ("67 (45 women) received ..."), when
        no rule read it and the bracket is followed by what those people did."""
        if span.start < 2 or span.start - 2 < self.sent.start:
            return None
        token = span.doc[span.start - 2]
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d{1,5}", token.text) or any(s.start <= token.i < s.end for s in self.spans):
            return None
        if token.i > self.sent.start and span.doc[token.i - 1].text in ("=", "/", "-", "–", "±", "(", ".", "of"):
            return None  # "n = 67 (45 women)", "12/67 (..."
        if not self._TREATED.match(self.doc.text, span.end_char):
            return None
        total = int(token.text.replace(",", ""))
        return (total, token) if total >= parse_number(span[0].text or "0") else None

    def _event_count(self, after_text: str):
        """"27 children were admitted to hospital", "12 patients died": people counted for an event
        they had, not the sample. "admitted to the study/trial" is enrolment."""
        match = re.match(r"\s*(?:were\s+|had\s+been\s+|was\s+)?(admitted|hospitali[sz]ed|re-?admitted|died|developed|experienced)\b"
                         r"(?!\s+(?:in)?to\s+(?:the\s+|this\s+|our\s+)?(?:study|trial))", after_text, re.I)
        return match

    def _listed_arm_size(self, span: Span) -> bool:
        """"(302 patients)" after an arm's name where the sentence lists two or more such sizes, each
        in parentheses right after a phrase: the arms' sizes."""
        inside = [s for s in self.by_label.get("total_n", []) + self.by_label.get("group_n", [])
                  if s.start > 0 and s.doc[s.start - 1].text == "(" and s.start - 2 >= self.sent.start
                  and s.doc[s.start - 2].is_alpha]
        return len(inside) >= 2 and span in inside and bool(self._group_before(span))

    def _compared_subgroup(self, span: Span) -> bool:
        """"patients that had virological failure (n = 55) and those patients (n = 871) who did
        not": where a sentence sets two or more "(n = ...)" side by side, each is a subgroup's
        size, never the total, even when its phrase names no arm."""
        sizes = [s for s in self.by_label.get("group_n", []) if "group_n_eq" in s.id_]
        return len(sizes) >= 2 and span.start > 0 and span.doc[span.start - 1].text == "(" \
            and span.start - 2 >= self.sent.start and span.doc[span.start - 2].is_alpha \
            and span.doc[span.start - 2].lower_ not in ("total", "overall", "all", "whole", "sample", "population", "cohort") \
            and not self.table_row and "\n" not in self.text.strip()

    def _title_line(self) -> bool:
        """The document's first line when it reads as a title (no full stop at its end): it names
        a design, not the regimen. A passage that opens with a sentence states the regimen."""
        return self.sent.start_char == 0 and not re.search(r"[.;]\s*$", self.text)

    # "and 2291 to placebo", "and ten receiving placebo": a bare number (or number word) and the
    # arm verb of the sentence's first arm, ending right where the next arm's name starts
    _ASSIGNED_NEXT = re.compile(r"(?:\band|,)\s+(\d{1,3}(?:,\d{3})+|\d+)\s+to\s+(?:receive\s+)?(?:the\s+)?")
    _RECEIVING_NEXT = re.compile(r"(?:\band|,)\s+(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                                 r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
                                 r"\s+(?:receiving|given|treated\s+with|taking)\s+(?:the\s+)?", re.I)

    def _elliptic_arms(self, sizes: list[Record]) -> list[Record]:
        """The second arm of "2294 were assigned to ketamine and 2291 to placebo" or "seven patients
        receiving ketamine and ten receiving placebo": a bare number (or number word) followed by the
        same arm verb and an arm, after a size already given to an arm in the same sentence."""
        assigned = [r for r in sizes if r.kind == "group_n" and r.group and (re.search(r"\b(assigned|allocated|randomi[sz]ed)$", r.text, re.I)
                    or re.match(r"\s*(?:were|was)\s+(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to\b", self.doc.text[r.char_end : r.char_end + 40], re.I))]
        given = [r for r in sizes if r.kind == "group_n" and r.group and
                 re.match(r"\s*(?:receiving|given|treated\s+with|taking)\b", self.doc.text[r.char_end : r.char_end + 30], re.I)]
        return (self._elliptic_sizes(self._ASSIGNED_NEXT, assigned[0]) if assigned else []) \
            + (self._elliptic_sizes(self._RECEIVING_NEXT, given[0]) if given else [])

    def _elliptic_sizes(self, pattern: re.Pattern, first: Record) -> list[Record]:
        """A group_n for each number pattern finds after the first arm's size that runs into an arm's name."""
        out = []
        arms = self.by_label.get("DRUG", []) + self.by_label.get("GROUP", [])
        for match in pattern.finditer(self.text):
            start = self.sent.start_char + match.start(1)
            arm = next((d for d in arms if d.start_char == self.sent.start_char + match.end()), None)
            if arm is None or start < first.char_end or any(s.start_char <= start < s.end_char for s in self.spans):
                continue
            span = next(s for s in self.spans if s.start_char == first.char_start)
            group = self._canonical(arm) if arm.label_ == "DRUG" else clean_group(arm.text)
            out.append(self._record(span, "group_n", start=start, end=start + len(match.group(1)),
                                    value=float(parse_number(match.group(1))), unit="participants", group=group))
        return out

    # A regimen stated as the field's or another study's, not this trial's: "Given by mouth it has
    # been used to treat stump pain", "Placebo-controlled studies have shown that ...", "an approved
    # intranasal esketamine product", a question.
    _OTHER_STUDIES = re.compile(
        r"\b(?:ha[sd]|have) been (?:used|shown|reported|studied|found|given|administered|tested|proposed|suggested|"
        r"recommended|approved)\b|\b(?:previous|prior|earlier|other|past|recent)\s+(?:[\w-]+\s+){0,2}(?:studies|trials|reports|"
        r"work|research|investigations|meta-analys[ie]s)\b|\b(?:studies|trials|reports) (?:have|has) (?:shown|found|reported|"
        r"suggested|demonstrated|confirmed|established|indicated|used)\b|\b(?:is|are) known to\b|\bin the literature\b|"
        r"\bapproved (?:[\w-]+ ){0,3}(?:products?|drugs?|formulations?|sprays?|medications?|therap(?:y|ies))\b", re.I)
    # In a background or discussion section a hedge or a citation in the regimen's own clause marks a
    # claim about the drug in general ("A single subanaesthetic dose of ketamine can relieve ..."),
    # unless the sentence says it is about this trial. In the methods "doses could be raised to 84
    # mg" is the regimen, and "infusions maintained the effect over 15 days, so the less frequent
    # schedule may be enough" hedges another clause.
    _HEDGED = re.compile(r"\b(?:can|could|may|might)\b|\bet al\b|\[\d+(?:\s*[-–,]\s*\d+)*\]", re.I)
    _CLAUSE_BREAK = re.compile(r",\s*(?:so|but|and|whereas|while|although|because|which)\b|;|\s[-–—]\s")
    _THIS_STUDY = re.compile(r"\b(?:this|the present|the current|our) (?:trial|study|pilot|report|analysis)\b|\bwe\b|"
                             r"\bthe investigators\b", re.I)

    def _section(self) -> str:
        """Kind of the section the sentence is in ("lead" before the first heading)."""
        kind = "lead"
        for offset, heading in self.state.sections:
            if offset > self.sent.start_char:
                break
            kind = heading
        return kind

    def _assessment_period(self, span: Span) -> bool:
        """Whether the span's clause says how long or how often something was assessed, not given."""
        before = self.doc.text[self.sent.start_char : span.start_char]
        clause = re.split(r"[;:]|,\s*(?:and|but|while|whereas)\b", before)[-1]
        assessed = None
        for assessed in _ASSESSED.finditer(clause):
            pass
        return assessed is not None and not _GIVEN.search(clause[assessed.end():])

    def _interval_of_regimen(self, span: Span) -> bool:
        """Whether an interval follows what is given, with no assessment named in between."""
        clause_start = self.sent.start_char
        for match in re.finditer(r"[;:]|,\s*(?:and|but|while|whereas)\b", self.doc.text[self.sent.start_char : span.start_char]):
            clause_start = self.sent.start_char + match.end()
        cues = [s.end_char for label in ("DRUG", "dose", "route") for s in self.by_label.get(label, [])
                if clause_start <= s.end_char <= span.start_char]
        cues += [clause_start + m.end() for m in _GIVEN.finditer(self.doc.text[clause_start : span.start_char])]
        if not cues:
            return False
        return not _ASSESSMENT_NOUNS.search(self.doc.text[max(cues) : span.start_char])

    def _given_for(self, span: Span) -> bool:
        """Whether the span's clause says a drug was given for that long ("Study drugs were
        administered for 24 hours postoperative"), not that a result was counted over it."""
        clause = re.split(r"[;:]|,\s*(?:and|but|while|whereas)\b", self.doc.text[self.sent.start_char : span.start_char])[-1]
        return bool(_GIVEN.search(clause)) and not re.search(r"\b(consumption|consumed|requirements?|scores?|pain|used|use|"
                                                           r"need(?:ed)?|incidence)\b", clause, re.I)

    def _states_other_studies(self) -> bool:
        """Whether the whole sentence is about the field or other studies (its regimen is not this trial's)."""
        text = self.text.strip()
        return text.endswith("?") or bool(self._OTHER_STUDIES.search(text))

    def _hedged_claim(self, span: Span) -> bool:
        """Whether the span's clause, in a background or discussion section, is a hedged or cited claim."""
        section = self._section()
        if not (section in ("background", "discussion") or (section == "lead" and self.state.sections)):
            return False
        if self._THIS_STUDY.search(self.text):
            return False
        at = span.start_char - self.sent.start_char
        breaks = [0] + [m.end() for m in self._CLAUSE_BREAK.finditer(self.text)] + [len(self.text)]
        start = max(b for b in breaks if b <= at)
        end = min((b for b in breaks if b > at), default=len(self.text))
        return bool(self._HEDGED.search(self.text[start:end]))

    def _dosing(self) -> list[Record]:
        out = []
        if self._states_other_studies():
            return out
        # Background, aim and discussion restate the regimen; the methods state it (corpora/README).
        demoted = 3 if self._section() in ("background", "aim", "discussion") else 0
        regimen = any(self.by_label.get(label) for label in ("dose", "frequency", "duration", "administrations"))
        for label in DOSING:
            for span in self.by_label.get(label, []):
                rule = self.state.pack.rule(span.id_)
                if self._hedged_claim(span):
                    continue
                if rule.id == "dosing.freq_adverb" and span.end < len(span.doc) and span.doc[span.end].is_alpha \
                        and span.doc[span.end].lower_ not in _ADVERB_FOLLOWERS:
                    continue  # "daily pain intensity"
                if rule.id in ("dosing.duration_over_the", "dosing.duration_period_of", "dosing.duration_over") and any(
                        self.by_label.get(k) for k in STATISTICS + ("p", "MEAN_PAREN", "PERCENT_PAIR")):
                    continue  # "pain over the first 24 h was lower (P < 0.05)": the value's timepoint
                if label == "frequency" and self._assessment_period(span):
                    continue  # "pain was assessed daily" (an observation period is a duration: corpora/README)
                if rule.id in _INTERVALS and not self._interval_of_regimen(span):
                    continue  # "pain scores at 4-hour intervals": a schedule of assessment
                if span.id_ in _NEEDS_REGIMEN and not (self.by_label.get("DRUG") or self.by_label.get("dose") or self.by_label.get("route")):
                    continue  # "for a further 48 hours", "on alternate days": a schedule only beside a regimen
                drug = self._regimen_drug(span)
                if label == "route":
                    # A route is stated once per document: best where the regimen is given, else
                    # where it is tied to a drug or an administration ("i.v. ketamine"); never in
                    # the title line.
                    after_route = span.end
                    if after_route + 2 < len(span.doc) and span.doc[after_route].text == "(" and span.doc[after_route + 2].text == ")":
                        after_route += 3  # "intravenous (IV) ketamine"
                    following = span.doc[after_route].lower_ if after_route < len(span.doc) else ""
                    tied = following in ADMINISTRATION_NOUNS or any(d.start == after_route for d in self.by_label.get("DRUG", []))
                    given = bool(re.search(r"\b(given|administered|infused|injected|delivered|taken)\s*$",
                                           self.doc.text[self.sent.start_char : span.start_char]))  # "Both regimens were given intravenously"
                    if self._title_line() or not (regimen or tied or given):
                        continue
                    record = self._record(span, "route", unit=rule.canonical, drug=drug)
                    with_dose = bool(self.by_label.get("dose"))
                    self.state.route_candidates.append((demoted + (0 if with_dose else 1 if regimen else 2), span.start_char, record))
                    continue
                if label == "dose" and self._dose_is_result(span):
                    continue  # a result in mg (consumption, a mean or median): _statistics keeps it
                if label == "dose":
                    value, unit = parse_dose(span.text)
                    pair = re.match(r"(\s*)(\d*\.?\d+)(\s+(?:or|and)\s+)(\d*\.?\d+)", span.text)
                    if pair:  # "56 or 84 mg": two doses
                        first_start = span.start_char + len(pair.group(1))
                        first = self._record(span, "dose", start=first_start, end=first_start + len(pair.group(2)),
                                             value=float(pair.group(2)), unit=unit, drug=drug)
                        second_start = span.start_char + pair.start(4)
                        out += [first, self._record(span, "dose", start=second_start, value=float(pair.group(4)), unit=unit, drug=drug)]
                        continue
                    out += self._listed_doses(span, unit, drug)
                    record = self._record(span, "dose", value=value, unit=unit, drug=drug)
                    if "±" in span.text:  # "the ketamine dose averaged 22.2 ± 2.0 mg/h/70 kg": a mean dose with its SD
                        record.sd = parse_mean_sd(span.text)[1]
                        # a dose the patients reached is measured at a time ("At the end of the infusion ...")
                        record.timepoint = self._timepoint_for(span, span.start_char, span.end_char)
                    out.append(record)
                elif label == "route":
                    route_drug = drug
                    out.append(self._record(span, "route", unit=rule.canonical, drug=route_drug))
                elif label == "frequency":
                    value, unit = parse_frequency(span.text)
                    out.append(self._record(span, "frequency", value=value, unit=unit, drug=drug))
                elif label == "duration":
                    following = self.doc.text[span.end_char : span.end_char + 15]
                    if re.match(r"\s*(follow|visit|assessment|time ?point|post(?!-?op))", following, re.I):
                        continue  # "15-month follow-up": when it was measured, not how long treatment lasted
                    if re.match(r"\s*post-?op", following, re.I) and not self._given_for(span):
                        continue  # "morphine consumption for 24 h postoperatively": a result's period
                    bound = re.search(r"\b(?:at\s+least|more\s+than|longer\s+than|a\s+minimum\s+of)\b|[≥>]", span.text, re.I) \
                        or re.match(r"\s*or\s+(?:more|longer)\b", following, re.I)
                    if bound and re.search(r"\b(?:included|inclusion|eligib\w*|criteri\w*|needed|required|underwent|enrolled)\b",
                                           self.text, re.I):
                        # "All patients who underwent MV during 48 hours or more ... were included", "697
                        # needed MV for at least 48 hours": an entry threshold, not how long anything lasted
                        continue
                    value, unit = parse_duration(span.text)
                    # a duration belongs to the whole regimen, not to one drug, unless one drug is said to
                    # go on that long ("oxycodone-PCA was continued for further 48 hours", "a 32-day ...
                    # continuation trial of flexibly dosed riluzole")
                    out.append(self._record(span, "duration", value=value, unit=unit, drug=self._alias(self._drug_lasting(span))))
                elif label == "administrations":
                    value = parse_number(span.text)
                    unit = span[-1].lower_
                    out.append(self._record(span, "administrations", value=float(value) if value else None, unit=unit, drug=drug))
        # A regimen is stated once per document: each (kind, value, unit) is kept where the
        # sentence states more of the regimen (a dose with its route or schedule), else first.
        kinds = {r.kind for r in out}
        for record in out:
            if record.kind == "dose" and record.group is None:
                # "dexmedetomidine 0.5 μg/kg (Group D) or ... saline (Group C)": the arm the dose defines
                label = re.match(r"\s*\(\s*((?:group|arm)\s+[A-Z0-9]{1,4}|[A-Za-z][\w-]*\s+(?:group|arm))\s*[),;]",
                                 self.doc.text[record.char_end : record.char_end + 30], re.I)
                if label:
                    record.group = label.group(1)
            if self._title_line() and record.kind != "dose":
                continue  # the title line names a design, not the regimen
            # best where the dose is given too, then beside another part of the regimen
            priority = demoted + (0 if "dose" in kinds - {record.kind} else 1 if len(kinds - {record.kind}) >= 1 else 2)
            if self.table_row and len(self.cells) > 1 and record.char_end <= self.cells[0][1]:
                priority += 0.5  # a row header names the row ("Single infusion" phase); its cells state the regimen
            self.state.dosing_candidates.append((priority, record.char_start, record))
        return []

    def _listed_doses(self, span: Span, unit: Optional[str], drug: Optional[str]) -> list[Record]:
        """Doses listed before the one that carries the unit: "(0.25, 0.5, and 0.75 mg ml−1)" ->
        0.25 and 0.5 as well, in that unit. Only a plain list opened by a bracket or a word."""
        before = self.doc.text[self.sent.start_char : span.start_char]
        match = re.search(r"(?:^|[(\[:]|[A-Za-z]\s)\s*((?:\d*\.?\d+\s*,\s*)*\d*\.?\d+\s*,?\s*(?:and|or)\s+|(?:\d*\.?\d+\s*,\s*)+)$", before)
        if not match or unit is None:
            return []
        out = []
        base = self.sent.start_char + match.start(1)
        for number in re.finditer(r"\d*\.?\d+", match.group(1)):
            start, end = base + number.start(), base + number.end()
            if any(s.start_char < end and start < s.end_char for s in self.spans if s.label_ != "P_CELL"):
                return []  # (a bare number is a P_CELL candidate only in a table's p column)
            out.append(self._record(span, "dose", start=start, end=end, value=float(number.group()), unit=unit, drug=drug))
        return out

    def _statistics(self) -> list[_Value]:
        out: list[_Value] = []
        context = (self.text + " " + (self.state.table_context if self.table_row else "")).lower()
        for span in self.spans:
            label = span.label_
            if label in ESTIMATES or label in TESTS:
                op, value = parse_stat(span.text)
                if value is None:
                    continue
                df, n = parse_df(span.text) if label in TESTS + ("r",) else (None, None)
                record = self._record(span, label, value=value, op=op if op != "=" else None, df=df, n=n)
                # "LS mean difference (SE) was −4.0 (1.69)": the name says what the parentheses after it hold
                declared = re.search(r"\(\s*(SE|SEM|s\.e\.)\s*\)", span.text)
                spread = re.match(r"\s*\(\s*(\d+(?:\.\d+)?)\s*\)", self.doc.text[span.end_char : span.end_char + 20])
                if declared and spread and label in ESTIMATES:
                    record.se = float(spread.group(1))
                out.append(_Value(span, record))
            elif label == "dose" and self._dose_is_result(span) == "mean":
                out.extend(self._dose_means(span))
            elif label == "P_CELL":
                column = self._column_header(span) if self.table_row else None
                if self.row.get("p_row") or (column and re.fullmatch(r"\s*p(\s*[- ]?values?)?\s*[a-z]?\s*", column, re.I)):
                    op, value = parse_p("=" + span.text if not re.match(r"\s*[<>=≤≥]", span.text) else span.text)
                    if value is not None:
                        out.append(_Value(span, self._record(span, "p", value=value, op=op, p_op=op, p_value=value)))
            elif label == "mean" and span.id_ in ("descriptives.change_points", "descriptives.change_points_listed"):
                out.extend(self._change_in_points(span, out))
            elif label == "mean" or (label == "MEAN_PAREN" and self._is_mean_context(context)):
                mean, spread, which = parse_mean_sd(span.text)
                if mean is None or spread is None:
                    continue
                if self.row.get("spread"):
                    which = self.row["spread"]
                elif which == "sd" and re.search(r"\b(se|sem)\b|standard error", context) and not re.search(r"\bsd\b|standard deviation", context):
                    which = "se"
                values = {"sd": spread} if which == "sd" else {"se": spread}
                kind = "md" if self._is_difference(span) else "mean"
                # "27.9±11.1 and 46.4±15.2 mg": the unit printed once after the pair serves both
                following = self.doc.text[span.end_char : span.end_char + 40]
                shared = _UNIT_AFTER_PAIR.match(following)
                own = _TIME_UNIT_AFTER.match(following) if "±" in span.text else None
                if shared or own:  # "3.5 ± 1.5 h": a duration's unit printed after its SD
                    values["unit"] = (own or shared).group(1).replace("μ", "µ")
                if kind == "md" and which == "sd" and not self.row:
                    values = {"sd": spread}
                out.append(_Value(span, self._record(span, kind, value=mean, **values)))
            elif label == "MEAN_PAREN" and (self.row.get("counts") or counts_context(context)):
                count, _, percent = parse_count(span.text.replace(")", "%)"))
                if count is not None:
                    out.append(_Value(span, self._record(span, "count", value=float(count))))
                    out.extend(self._percent_inside(span))
            elif label == "count" and span.id_ == "descriptives.count_pair":
                # "the number of patients who needed rescue haloperidol ... (5 vs. 3; p=0.7)": each arm's count
                number_of = r"\bnumbers?\s+of\s+(patients|participants|subjects|women|men|children|people|infants|cases)\b"
                continued = _ANAPHORA.match(self.text) and re.search(number_of, self.state.previous_text, re.I) \
                    and "\n\n" not in self.doc.text[self.state.paragraph_end : self.sent.start_char]
                if re.search(number_of, self.doc.text[self.sent.start_char : span.start_char], re.I) or continued:
                    # (or "However, the difference was higher in Ondan group ... (11 vs. 3; p=0.03)" right after it)
                    for match in re.finditer(r"\d+", span.text):
                        start = span.start_char + match.start()
                        out.append(_Value(span, self._record(span, "count", start=start, end=start + len(match.group()),
                                                             value=float(match.group()))))
            elif label == "count":
                count, denominator, percent = parse_count(span.text)
                if span[0].is_alpha:  # "Three of 56 participants (5%)", "three (15%)", "Eighteen out of 55 (33%)"
                    count = parse_number(span[0].text)
                    of = 2 if len(span) > 3 and span[1].lower_ == "out" else 1
                    denominator = parse_number(span[of + 1].text) if span[of].lower_ in ("of", "/") else None
                if count is None:
                    continue
                noun = span[-1].lower_ if span[-1].lower_ in ("women", "men", "females", "males", "girls", "boys") else None
                if denominator is None and re.search(r"\bof\s+(them|whom|these)\b", span.text, re.I):
                    denominator = self._size_before(span)  # "236 patients were enrolled, 207 of them men": out of 236
                if span[-1].lower_ in ("trials", "studies", "rcts", "articles", "reports", "cohorts"):
                    if span.start > 0 and span.doc[span.start - 1].lower_ in ("phase", "stage", "level", "grade", "type", "tier"):
                        continue  # "phase 3 trials": a label, not a number of trials
                    noun = span[1:].text  # "172 observational studies": what is counted
                out.append(_Value(span, self._record(span, "count", value=float(count), n=denominator, outcome=noun)))
                out.extend(self._percent_inside(span, n=denominator))
            elif label == "percent":
                value = parse_number(span.text)
                if value is not None and 0 <= value <= 100 and not self._percent_is_label(span):
                    out.append(_Value(span, self._record(span, "percent", value=value, unit="%")))
            elif label == "PERCENT_PAIR":
                first = re.match(r"\s*([\d.]+)", span.text)
                second = re.search(r"([\d.]+)\s*%\s*$", span.text)
                if first and second:
                    start = span.start_char + first.start(1)
                    r1 = self._record(span, "percent", start=start, end=start + len(first.group(1)), value=float(first.group(1)), unit="%")
                    start2 = span.start_char + second.start(1)
                    r2 = self._record(span, "percent", start=start2, end=span.end_char, value=float(second.group(1)), unit="%")
                    out += [_Value(span, r1), _Value(span, r2)]
        out += self._labelled_estimates(out)
        return out

    _ESTIMATE_NAMES = (  # the name an estimate is given earlier in its clause, nearest wins
        # words in any case, abbreviations as printed ("OR", never the word "or")
        (r"(?i:standardi[sz]ed\s+mean\s+differences?|effect\s+sizes?)|\bSMD\b", "smd"),
        (r"(?i:cohen[’']?s?\s+d\b)", "d"), (r"(?i:hedges[’']?\s+g\b)", "g"),
        (r"(?i:(?:mean\s+)?differences?)|\b(?:LS)?MD\b", "md"), (r"(?i:odds\s+ratios?)|\ba?ORs?\b", "or"),
        (r"(?i:hazard\s+ratios?)|\ba?HRs?\b", "hr"), (r"(?i:risk\s+ratios?|relative\s+risks?)|\b(?:a|I)?RRs?\b", "rr"),
        # an unnamed effect between arms: a difference when its scale reaches below zero (see _effect_kind)
        (r"(?i:(?:treatment|intervention|between[- ]groups?)\s+effects?)", "effect"),
    )
    _RATIOS = ("or", "hr", "rr")
    # a unit printed between an estimate and its interval: "−4.0 points (95% CI ...)"
    _UNIT_GAP = r"(?:\s*(?:points?|mg|µg|ml|mL|kg|mmHg|min(?:utes)?|h(?:ours)?|days?|%))?"
    # the estimate before an interval: "1.3 (95% CI ...", "4.6; 95% CI"; a bare interval follows its estimate directly
    # ("0.50 [95% CI, 0.20-0.81]": square brackets as well)
    _ESTIMATE_BEFORE_CI = re.compile(rf"(?<![\w.\d])([-−]?\d+(?:\.\d+)?)\*{{0,3}}{_UNIT_GAP}\s*(?:\(|\[|,|;)?\s*[(\[]?$")
    _ESTIMATE_BEFORE_BARE_CI = re.compile(rf"(?<![\w.\d])([-−]?\d+(?:\.\d+)?)\*{{0,3}}{_UNIT_GAP}\s*$")

    def _labelled_estimates(self, found: list[_Value]) -> list[_Value]:
        """A bare number right before its CI is an estimate named earlier in the clause: "The effect
        size of the main endpoint was −0.2 (95% CI [−0.6 to 0.3]" -> smd −0.2; "The mean difference
        ... was not significant (−5.82, 95% CI −13.3 to 1.64" -> md −5.82; "the HR ... was 0.92
        (0.85, 0.99)" -> hr (a bare interval only after a named ratio or difference). Only where no
        other number stands between the name and the value, and no rule read the value; a footnote
        star after it ("1.60*") is no obstacle. An estimate listed after one so named, with its own
        interval, is of the same kind ("−0.2 (95% CI ...) for A versus B, 0.2 (95% CI ...) for C");
        an unnamed one opening its parentheses with an interval symmetric about it and below zero
        ("(−5.82, 95% CI −13.3 to 1.64") is a difference. A median difference is none of these."""
        out: list[_Value] = []
        previous = None  # (kind, end of its interval) of the last estimate named in this sentence
        intervals = sorted(self.by_label.get("CI", []) + self.by_label.get("CI_BARE", []), key=lambda c: c.start_char)
        for ci in intervals:
            bare = ci.label_ == "CI_BARE"
            named = next((v for v in found if v.record.kind in ESTIMATES and v.record.char_end <= ci.start_char
                          and re.fullmatch(r"[\s(,;:\[]*", self.doc.text[v.record.char_end : ci.start_char])), None)
            if named is not None:  # a rule read this interval's estimate: later ones may be listed after it
                previous = (named.record.kind, ci.end_char)
                continue
            before = self.doc.text[self.sent.start_char : ci.start_char]
            # "0.92 (0.85, 0.99)", "4.6, 0.0 to 9.2": a bare interval follows its estimate directly
            pattern = self._ESTIMATE_BEFORE_BARE_CI if bare else self._ESTIMATE_BEFORE_CI
            se = next((v for v in self.by_label.get("SE_VALUE", []) if v.end_char <= ci.start_char
                       and re.fullmatch(r"[\s,;]*", self.doc.text[v.end_char : ci.start_char])), None)
            if se is not None:  # "−3.5 (SE, 1.2; 95% CI, −5.9 to −1.1)": the estimate is before its SE
                before = self.doc.text[self.sent.start_char : se.start_char]
            number = pattern.search(before)
            if not number or self.table_row:
                continue
            start = self.sent.start_char + number.start(1)
            end = self.sent.start_char + number.end(1)
            if any(s.start_char < end and start < s.end_char for s in self.spans if s.label_ not in ("CI", "CI_BARE", "P_CELL")) \
                    or any(v.record.char_start < end and start < v.record.char_end for v in found + out):
                continue
            clause = re.split(r"[;.]\s", before[: number.start(1)])[-1]
            best = None
            for name_pattern, kind in self._ESTIMATE_NAMES:
                for match in re.finditer(name_pattern, clause):
                    if best is None or match.end() > best[0]:
                        best = (match.end(), kind, match.start())
            kind = None
            # what the name says its parentheses hold is no number between it and the value
            after_name = re.sub(r"[(\[]\s*(?:9[05]\s*%\s*C[Il]|SE|SEM|SD)\s*[)\]]", " ", clause[best[0]:]) if best else ""
            if best is not None and not re.search(r"\d", after_name) and len(clause) - best[0] <= 80:
                if re.search(r"\bmedian\s*$|\bhodges", clause[: best[2]], re.I):
                    continue  # "median difference 1, 95% CI −1 to 3": no mean difference
                gap_start = ci.start_char - len(before) + (len(before[: number.start(1)]) - len(clause)) + best[0]
                if any(gap_start <= d.start_char < start for d in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", [])) \
                        or re.search(r"\b(vs\.?|versus|compared|respectively)\b", clause[best[0]:], re.I):
                    continue  # "difference ...: ketamine 12.1 (95% CI ...)": an arm's own value, not the difference
                kind = best[1]
                if kind == "effect":
                    kind = self._effect_kind(number.group(1), ci, before[number.end(1):])
                    if kind is None:
                        continue
            elif previous is not None and (not bare or re.fullmatch(r"\s*to\s*", self.doc.text[previous[1] : start])):
                # (a bare interval only in a span "ranging from 1.26 (1.01–1.59) to 1.52 (1.07–2.17)")
                # listed after a named estimate: nothing but its P and the comparison between them
                gap = list(self.doc.text[previous[1] : start])
                # an arm named by its dose ("for 0.5 mg/kg versus saline") or the time of each estimate
                # ("6.16 (95% CI ...) in 2-4 h, 9.96 (95% CI ...) in 24 h") is no number
                for other in self.spans:
                    if other.label_ in ("dose", "DRUG", "GROUP", "TIMEPOINT"):
                        for position in range(max(other.start_char, previous[1]), min(other.end_char, start)):
                            gap[position - previous[1]] = " "
                between = re.sub(r"^[^()]*\)", " ", "".join(gap))  # the rest of its parentheses
                between = re.sub(r"\b(?:at|in|after|on|by)\s+\d+(?:\s*[-–]\s*\d+)?\s*(?:h|hours?|days?|weeks?|months?|min(?:utes)?)\b",
                                 " ", between, flags=re.I)
                between = re.sub(r"\bp\s*(?:[<=>≤≥]|&lt;)\s*0?\.\d+|[-−]?\d+(?:\.\d+)?\s*[)\]]", " ", between, flags=re.I)
                # a list: "... for A versus B, 0.2 (...)", "... for moderate and 2.31 (...)", a span "ranging
                # from 0.50 [95% CI ...] to 0.73 [95% CI ...]"; a verb starts a new statement
                if not re.search(r"\d", between) and not any(re.search(n, between) for n, _ in self._ESTIMATE_NAMES) \
                        and len(between) <= 80 and re.search(r"(?:,|\band|\bto)\s*$", between) \
                        and not re.search(r"\b(?:was|were|is|are|had|has|have|showed|mean|median|age)\b|;", between, re.I):
                    kind = previous[0]
            elif best is None and not bare and re.search(r"\(\s*$", before[: number.start(1)]):
                low, high, _ = parse_ci(ci.text)
                value = parse_number(number.group(1).replace("−", "-"))
                if low is not None and value is not None and low < high and (value < 0 or low < 0) \
                        and abs((low + high) / 2 - value) <= 0.05 * (high - low) + 0.01:
                    kind = "md"  # symmetric about the estimate and reaching below zero: a difference on its scale
            if kind is None or (bare and kind not in self._RATIOS + ("md",)):
                continue
            value = parse_number(number.group(1).replace("−", "-"))
            if value is None:
                continue
            tokens = self.sent.doc.char_span(start, end, alignment_mode="expand")
            if tokens is None:
                continue
            span = Span(self.sent.doc, tokens.start, tokens.end, label=kind, span_id=ci.id_)
            out.append(_Value(span, self._record(span, kind, start=start, end=end, value=value)))
            previous = (kind, ci.end_char)
        return out

    @staticmethod
    def _effect_kind(value_text: str, ci: Span, gap: str) -> Optional[str]:
        """"The treatment effect was −5.3 (95% CI −8.1 to −2.5)", "... 3.2 points (95% CI ...)": a
        difference between arms when its value or interval is below zero or it is printed in points;
        an effect above zero on no stated scale may be a ratio, so it gets no kind."""
        low, high, _ = parse_ci(ci.text)
        value = parse_number(value_text)  # reads a "−" sign itself
        if value is None or low is None:
            return None
        if value < 0 or low < 0 or re.match(r"\s*points?\b", gap):
            return "md"
        return None

    _DOSING_CUE = re.compile(r"\b(receiv\w*|given|giving|administ\w*|bolus|doses?|dosing|dosage|infus\w*|inject\w*|"
                             r"titrat\w*|premedicat\w*|assigned|randomi[sz]ed|allocated|prescribed|loading|maintenance)\b", re.I)
    _RESULT_CUE = re.compile(r"\b(consumption|consumed|requirements?|required|cumulative|total|use|used|usage|rescue|"
                             r"median|mean|average|interquartile|IQR|differ\w*|lower|higher|reduced|less|more|"
                             r"comparable|similar)\b|±|\bp\s*[<=>≤≥]", re.I)

    def _change_in_points(self, span: Span, found: list[_Value]) -> list[_Value]:
        """An arm's mean change with no spread: "MADRS scores fell by 16.5 points with ketamine ... and
        8.8 points with midazolam". Not a difference between arms ("by 4 points more than placebo"),
        and the listed form only after a change so stated in the sentence."""
        if re.match(r"\s*(more|greater|less|fewer|than|over|compared|relative|versus|vs)\b", self.doc.text[span.end_char : span.end_char + 20], re.I):
            return []
        if span.id_ == "descriptives.change_points_listed" and not any(
                v.span.id_ == "descriptives.change_points" for v in found):
            return []
        number = re.search(r"[-−+]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*points?", span.text)
        value = parse_number(number.group().split()[0].replace("−", "-")) if number else None
        if value is None:
            return []
        start = span.start_char + number.start()
        # "reduced by 1.8 points (95% CI ...) compared with placebo": set against the other arm with no
        # change of its own, the points are the difference between the arms
        rest = re.split(r"[;.]\s", self.doc.text[span.end_char : self.sent.end_char])[0]
        rest = re.sub(r"\([^()]*\)", " ", rest)
        compared = re.search(r"\b(compared|versus|vs\.?|than|relative\s+to)\b", rest, re.I)
        kind = "md" if compared and not re.search(r"\d\s*points?\b", rest[compared.end():]) else "mean"
        return [_Value(span, self._record(span, kind, start=start, end=span.start_char + number.end(), value=value))]

    def _dose_is_result(self, span: Span) -> Optional[str]:
        """A number in mg that reports a result, not a regimen: "morphine consumption was 27.9±11.1
        mg" or "9.0 versus 10.3 mg" (a mean: "mean"), "median = 27 mg, interquartile range = [19]"
        or "48 mg [41.5]" (a median: "median", kept out). A dose needs a dosing cue (received,
        given, bolus, at a dose of, infusion ...) and no result cue between it and the cue."""
        before = self.doc.text[self.sent.start_char : span.start_char]
        after = self.doc.text[span.end_char : span.end_char + 25]
        clause = re.split(r"[;:]|\.\s", before)[-1]
        if re.search(r"\bmedian\b[^;]{0,20}$", clause, re.I) or re.match(r"\s*[\[(]\s*(IQR|interquartile|range)?[\s:=]*[\d.]+\s*[\]),–-]", after, re.I):
            return "median" if not re.match(r"\s*\(\s*[\d.]+\s*(mg|µg|mcg|g)?\s*/", after) else None
        if self._parallel_result(span):
            return "mean"
        cue = None
        for cue in self._DOSING_CUE.finditer(clause):
            pass
        tail = clause[cue.end():] if cue else clause
        result = self._RESULT_CUE.search(tail)
        plus_minus = "±" in span.text or re.search(r"±\s*[\d.]+\s*$", clause)
        if cue and not result and not plus_minus:
            return None
        if plus_minus and cue and re.search(r"\bdoses?\b", clause[cue.start():], re.I) and not result:
            return None  # "the ketamine dose averaged 22.2 ± 2.0 mg/h"
        if plus_minus:
            return "mean"
        if re.search(r"\b(for|with|of)\s*(the\s*)?$", clause, re.I):
            return None  # "P = .02 for 28 mg": an arm named by its dose
        amount = re.search(r"\b(consumption|consumed|requirements?|required|cumulative|total|used|usage|use|rescue|"
                           r"mean|average|needed|needs?)\b", tail, re.I)
        if amount or (result and re.search(r"\b(vs\.?|versus)\s*[\d.]+\s*$|[\d.]\s*(vs\.?|versus)\s*$", clause)):
            return "mean"
        return None

    def _parallel_result(self, span: Span) -> bool:
        """An amount in brackets after an arm, in a sentence whose first such amount is a result:
        "needed 25% less oxycodone (61.2 mg) compared with patients receiving 0.5 mg ml−1 (74.7 mg)
        ... or oxycodone alone (81.9 mg)"."""
        value, unit = parse_dose(span.text)
        if unit not in ("mg", "µg", "g", "ng") or not re.search(r"\(\s*$", self.doc.text[self.sent.start_char : span.start_char]) \
                or not re.match(r"\s*\)", self.doc.text[span.end_char : span.end_char + 3]):
            return False
        for other in self.by_label.get("dose", []):
            if other.start >= span.start:
                return False
            if re.search(r"\(\s*$", self.doc.text[self.sent.start_char : other.start_char]) and parse_dose(other.text)[1] == unit:
                return self._dose_is_result(other) == "mean"
        return False

    def _dose_means(self, span: Span) -> list[_Value]:
        """Means printed in mg: "46.44±15.21 mg" (with its SD) and the "9.0" of "9.0 versus 10.3 mg"."""
        value, unit = parse_dose(span.text)
        if value is None:
            return []
        mean, spread, _ = parse_mean_sd(span.text)
        out = [_Value(span, self._record(span, "mean", value=mean if mean is not None else value, sd=spread, unit=unit))]
        before = self.doc.text[self.sent.start_char : span.start_char]
        partner = re.search(r"(?<![\d.±])(\d+(?:\.\d+)?)\s*(vs\.?|versus)\s*$", before)
        if partner:
            start = self.sent.start_char + partner.start(1)
            if not any(s.start_char <= start < s.end_char for s in self.spans):
                out.insert(0, _Value(span, self._record(span, "mean", start=start, end=start + len(partner.group(1)),
                                                        value=float(partner.group(1)), unit=unit)))
        return out

    def _percent_is_label(self, span: Span) -> bool:
        """A percentage that is no proportion of people: an interval's level ("95% CI", "95%
        confidence interval"), heterogeneity ("I2 = 70%", "I² of 45%"), a solution's strength
        ("0.9% saline", "2% lidocaine")."""
        after = self.doc.text[span.end_char : span.end_char + 30]
        if re.match(r"\s*(CI|CrI|CL|UI|PI|confidence|credible|prediction|uncertainty)\b", after, re.I):
            return True
        if re.match(r"\s*(?:(?:IV|i\.v\.|intravenous|normal|isotonic|hypertonic|sterile|topical)\s+)?(saline|NaCl|sodium|dextrose|glucose|lidocaine|lignocaine|bupivacaine|ropivacaine|"
                    r"chlorhexidine|solution|w/v|v/v|aqueous)\b", after, re.I):
            return True
        before = self.doc.text[max(self.sent.start_char, span.start_char - 20) : span.start_char]
        return bool(re.search(r"(\bI\s*(2|²|\^2)|\bI-squared|\bheterogeneity)\s*(=|:|of|was|is)?\s*$", before, re.I))

    def _is_mean_context(self, context: str) -> bool:
        if self.row:
            return self.row.get("mean") or self.row.get("difference") or (
                not self.row.get("counts") and bool(re.search(r"\bmean\b|\bsd\b|±", context)))
        if re.search(r"\bmean\b|\bsd\b|±|\bm \(sd\)", context) and not counts_context(context):
            return True
        # "scores fell from 5.94 (0.25) to 0.81 (1.22)" where the article declares mean (SD)
        return self.state.declares_mean_sd and bool(self.by_label.get("instrument") or re.search(r"\bscores?\b", context))

    def _is_difference(self, span: Span) -> bool:
        """A mean difference printed like a mean: a table row headed "difference", or "mean
        difference ... was 7.6 ± 3.7" in a sentence with no estimate of its own."""
        if self.row:
            return bool(self.row.get("difference"))
        if any(s.label_ == "md" for s in self.spans):
            return False
        before = self.doc.text[max(self.sent.start_char, span.start_char - 120) : span.start_char].lower()
        return "difference" in before and not re.search(r"\d", before.split("difference")[-1])

    def _percent_inside(self, span: Span, n=None) -> list[_Value]:
        match = re.search(r"(\d+(?:\.\d+)?)\s*%?\s*\)\s*$", span.text)
        if not match or not re.search(r"[%)]\s*$", span.text):
            return []
        start = span.start_char + match.start(1)
        end = span.start_char + match.end(1) + (1 if "%" in match.group(0) else 0)
        value = float(match.group(1))
        if not 0 <= value <= 100:
            return []
        return [_Value(span, self._record(span, "percent", start=start, end=end, value=value, unit="%"))]

    def _link_attachments(self, stats: list[_Value]) -> list[_Value]:
        """Attach p, CI, SE, SD and df spans to statistics; return the p-values that stand alone."""
        alone: list[_Value] = []
        claimed_from = 0  # index into stats of the first statistic a p-value may still claim
        stats_by_pos = sorted(stats, key=lambda v: v.record.char_start)
        for span in self.spans:
            label = span.label_
            if label == "p":
                op, value = parse_p(span.text)
                if value is None:
                    continue
                # a p after means or counts compares groups: it stands alone
                owners = [v for v in stats_by_pos[claimed_from:] if v.record.char_end <= span.start_char
                          and v.record.p_value is None and v.record.kind in ESTIMATES + TESTS
                          # "(aOR 0.18 ...); protection increased ... (RR 2.02 per m; P=0.041)": a
                          # parenthesis closed and a new statement opened another; the P is the new one's
                          and not re.search(r"\)[^()]*[A-Za-z]{3,}[^()]*\(", self.doc.text[v.record.char_end : span.start_char])]
                if re.search(r"\bvalues\b", span.text, re.I):
                    owners = []  # "p values > 0.65": a summary of several tests, no one estimate's p
                elif owners and ";" in self.doc.text[owners[-1].record.char_end : span.start_char] and self._listed_outcome(span):
                    owners = []  # "(d 0.98, CI ...); decreases were observed for X (P < .02)": X's own p
                if owners:
                    for owner in owners:
                        owner.record.p_op, owner.record.p_value = op, value
                        if "p_ns" in self.state.pack.rule(span.id_).flags:
                            owner.record.add_flag("p_ns")
                    claimed_from = stats_by_pos.index(owners[-1]) + 1
                elif (ahead := self._estimate_after_p(stats_by_pos, span)) is not None:
                    ahead.record.p_op, ahead.record.p_value = op, value
                else:
                    record = self._record(span, "p", value=value, op=op, p_op=op, p_value=value)
                    alone.append(_Value(span, record))
            elif label in ("CI", "CI_BARE"):
                low, high, level = parse_ci(span.text)
                if low is None:
                    continue
                owner = self._owner_before(stats_by_pos, span, lambda r: r.ci_low is None and r.kind in ESTIMATES + ("mean", "percent"),
                                           adjacent=label == "CI_BARE")
                if owner is not None and owner.record.kind in ("mean", "percent") \
                        and re.search(r"\bdifference\b", self.doc.text[owner.record.char_end : span.start_char], re.I):
                    owner = None  # "63% ... vs 46% (P = .026; difference 95% CI 2%, 30%)": the difference's interval
                if owner is not None:
                    owner.record.ci_low, owner.record.ci_high = low, high
                    owner.record.ci_level = level if level is not None else (95.0 if label == "CI" and "%" not in span.text else None)
            elif label == "SE_VALUE":
                owner = self._owner_before(stats_by_pos, span, lambda r: r.se is None and r.kind in ESTIMATES + ("mean",))
                if owner is not None:
                    owner.record.se = abs(numbers(span.text)[-1])
            elif label == "DF":
                owner = self._owner_before(stats_by_pos, span, lambda r: r.df is None and r.kind in TESTS + ("r",))
                if owner is not None:
                    owner.record.df = parse_df(span.text)[0]
        return alone

    def _estimate_after_p(self, stats, span) -> Optional[_Value]:
        """The estimate a parenthesis gives after its P: "(p = 0.02, p-adj = 0.14, d = −0.82 at day 1)",
        "(P < .001; d = 1.2)". Only an unadjusted P that opens the parenthesis, with nothing but other
        P values between it and the estimate."""
        if re.search(r"adj|corr|fdr|bonf|holm", span.text, re.I) \
                or not re.search(r"\(\s*$", self.doc.text[self.sent.start_char : span.start_char]):
            return None
        ahead = next((v for v in stats if v.record.char_start >= span.end_char), None)
        if ahead is None or ahead.record.kind not in ESTIMATES + TESTS or ahead.record.p_value is not None:
            return None
        gap = list(self.doc.text[span.end_char : ahead.record.char_start])
        for other in self.spans:
            if other.label_ == "p":
                for position in range(max(other.start_char, span.end_char), min(other.end_char, ahead.record.char_start)):
                    gap[position - span.end_char] = " "
        return ahead if re.fullmatch(r"[\s,;]*", "".join(gap)) else None

    def _owner_before(self, stats, span, accepts, adjacent=False) -> Optional[_Value]:
        candidates = [v for v in stats if v.record.char_end <= span.start_char and accepts(v.record)]
        if not candidates:
            return None
        owner = candidates[-1]
        if adjacent and span.start - owner.span.end > 1:
            return None
        # a statistic separated from its interval by another statistic is not its owner
        between = [v for v in stats if owner.record.char_end <= v.record.char_start < span.start_char]
        if between and not adjacent:
            return None
        # nor by a number no rule read: "15.1% (difference, -2.7 percentage points [95% CI, ...])"
        gap = list(self.doc.text[owner.record.char_end : span.start_char])
        for other in self.spans:
            for position in range(max(other.start_char, owner.record.char_end), min(other.end_char, span.start_char)):
                gap[position - owner.record.char_end] = " "
        if re.search(r"\d", "".join(gap)):
            return None
        # an interval printed after a median's IQR or range is no CI of a value before it:
        # "12,199 (11.4%) ... median (IQR [range]) dose of 0.35 (0.25-0.52 [0.01-3.86])"
        if re.search(r"\b(?:IQR|interquartile|range|median)\b", self.doc.text[owner.record.char_end : span.start_char], re.I):
            return None
        return owner

    # ---- context: outcome, group, timepoint, drug, flags
    def _describe(self, value: _Value):
        record, span = value.record, value.span
        start = record.char_start
        outcome, domain = self._outcome_for(span, start)
        if outcome is None and self.state.last_outcome and (_ANAPHORA.match(self.text) or self._continues_last()):
            outcome, domain = self.state.last_outcome  # "The difference was largest ...": the last outcome named
        if record.outcome:  # set by the rule itself ("48 of them women")
            outcome, domain = record.outcome, None
        elif record.kind in ("percent", "count") and not self.table_row and (event := self._event_verb_after(record)):
            outcome, domain = event, None  # "9/25 patients (36%) had remitted": remission, whatever instrument defined it
        elif record.kind in ("percent", "count") and not self.table_row:
            described = self._phrase_after_value(record) or self._event_after_value(record) or self._item_before_share(span)
            if described and not (outcome in ("response", "remission") and re.search(r"\b(respon|remi)", described, re.I)):
                outcome, domain = described, None  # "met response criteria": the response already named
        elif record.kind == "p" and not self.table_row:
            listed = self._listed_outcome(span)
            relation = self._RELATION_BEFORE.search(self.doc.text, self.sent.start_char, record.char_start)
            if listed:
                outcome, domain = listed, None
            elif relation:  # "with a significant ascending dose-response relationship (P < .001)": the relation
                outcome = relation.group(1)  # tested, on the score the sentence is about (its domain stays)
        if outcome and (_STATISTIC_LABEL.fullmatch(outcome.strip()) or re.search(r"[=:<>]\s*$", outcome)):
            outcome, domain = None, None  # "t = 5.785, ..., d = .88": a statistic's label is no outcome
        if outcome and domain is None and not self.table_row and not re.search(r"\b(interaction|association|correlation|between)\b", outcome, re.I):
            # a phrase that names the symptom ("pain score at rest", "depressive symptoms") gives its domain
            # (a bare "pain" counted in a share of patients, "pain (28.9% vs 57.8%)", is an event, not a pain measure)
            event = outcome.strip().lower() == "pain" and (record.kind in ("percent", "count") or record.kind == "p" and not any(
                s.label_ in ("mean", "MEAN_PAREN", "md", "smd", "d", "g", "b", "beta") for s in self.spans))
            domain = "pain" if re.search(r"\bpain\b", outcome, re.I) and not event \
                else "depression" if re.search(r"\bdepress", outcome, re.I) else None
        outcome, domain = self._primary_outcome(record, outcome, domain)
        if outcome and domain is None and self.state.instrument_names:
            domain = self._named_instrument_domain(outcome)
        if outcome and domain is None and not self.table_row and self._THRESHOLD_CHANGE.search(outcome):
            domain = self._event_domain() if self.by_label.get("instrument") else None
        if outcome and domain is None and self._DEFINED_EVENT.fullmatch(outcome.strip()):
            domain = self._event_domain()  # "remission", "time to relapse": a result defined on the trial's symptom score
        if outcome and domain is None and not self.table_row and re.search(r"\b(primary|main|principal)\s+(end\s?points?|outcomes?)\b", outcome, re.I) \
                and self._follows_last() and self.state.last_outcome:
            domain = self.state.last_outcome[1]  # "Daily pain intensity was ... The effect size of the main endpoint was"
        record.outcome, record.domain = outcome, domain
        if self.row.get("unit") and record.kind in ("mean", "md") and not record.unit:
            record.unit = self.row["unit"]
        if self.row.get("timepoint"):
            self.state.rows_state_time = True  # "NRS pain, week 1" under "Pain at the end of week 1 and side effects"
        record.timepoint = (self.row.get("timepoint") or self._timepoint_for(span, start, record.char_end)
                            or (self.state.caption_timepoint if self.table_row and not self.state.rows_state_time else None)
                            or self._carried_over(record) or self._primary_timepoint(record))
        if record.kind in DESCRIPTIVES or self.table_row:
            record.group = self._group_for(value)
        else:
            record.group = self._compared_group(record)
        if self.table_row and record.kind in ("mean", "count", "percent") and record.n is None:
            sizes = self.by_label.get("group_n", []) + self.by_label.get("total_n", [])
            cell = next(((a, b) for a, b, _ in self.cells if a <= span.start_char < b), None)
            own = [z for z in sizes if cell and cell[0] <= z.start_char < cell[1]]
            if own:  # "26 (7.5%) (n = 347)": the n printed in the value's own cell (a share's is its count's)
                record.n = None if record.kind == "percent" else int(parse_number(own[0].text) or 0) or None
            elif len(sizes) == 1:  # "Day 1  16.75 (9.71)  n = 16, t15 = 11.3": the row's n
                record.n = int(parse_number(sizes[0].text) or 0) or None
            elif record.kind in ("count", "mean"):  # a column headed "Ketamine (N = 24)": its counts and means are of 24
                header = self._column_header(span) or ""
                stated = re.search(r"\b[nN]\s*=\s*(\d{1,3}(?:,\d{3})*|\d+)\b", header)
                if stated:
                    record.n = int(stated.group(1).replace(",", ""))
        if not self.table_row and record.kind == "mean" and record.n is None:
            record.n = self._n_beside(span)
        record.drug = self._stat_drug(record)
        if self.by_label.get("NEGATION"):
            record.add_flag("negated")
        if record.timepoint == "baseline":
            record.add_flag("baseline")

    # an n that closes the parentheses it stands in: "n = 30)", "n=1,204)"
    _N_CLOSING = r"[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\s*\)"
    _N_AFTER_SPREAD = re.compile(rf"\s*{_N_CLOSING}")
    _N_AFTER_SEPARATOR = re.compile(rf"\s*[;,]\s*{_N_CLOSING}")
    _N_IN_OWN_PARENTHESES = re.compile(rf"\s*\(\s*{_N_CLOSING}")

    def _n_beside(self, span: Span) -> Optional[int]:
        """The n a mean in running text is printed with: "3.1 ± 1.2 (n=30)", "12.7 (SD 7.6; n = 20)".
        Only an n printed right there counts; one elsewhere in the sentence may be another arm's."""
        if re.search(r"[;,]\s*$", span.text):  # the SD's parentheses go on with the n
            n_after = self._N_AFTER_SPREAD
        elif re.search(r"\(\s*$", self.doc.text[max(0, span.start_char - 3) : span.start_char]):
            # "(M = 4.2, SD = 1.1, n = 45)": mean, spread and n share one pair of parentheses
            n_after = self._N_AFTER_SEPARATOR
        else:  # the n in parentheses of its own after the mean and its spread
            n_after = self._N_IN_OWN_PARENTHESES
        stated = n_after.match(self.doc.text, span.end_char, span.end_char + 40)
        return int(stated.group(1).replace(",", "")) or None if stated else None

    # a sentence that goes on reporting the previous one's outcome: "At 16 h, ...", "The scores were ..."
    _CONTINUATION = re.compile(r"\s*(?:(?:at|on|by|after|within|during|over|from|through|until)\s+(?:the\s+)?"
                               r"(?:\d|day|week|month|hour|baseline|end|follow|discharge|each|all|both|later)|"
                               r"(?:the\s+)?(?:mean\s+|median\s+|corresponding\s+)?(?:scores?|values?|ratings?|levels?)\b)", re.I)

    def _follows_last(self) -> bool:
        """Whether the sentence that named the last outcome is the one right before this, in the same paragraph."""
        end = self.state.last_outcome_end
        if end is None or end > self.sent.start_char:
            return False
        gap = self.doc.text[end : self.sent.start_char]
        return not gap.strip() and "\n\n" not in gap

    def _continues_last(self) -> bool:
        """Whether this sentence opens as a continuation of the sentence right before it in the same
        paragraph, which named the outcome."""
        return self._follows_last() and bool(self._CONTINUATION.match(self.text))

    # a value printed right after "age": "(mean age = 57.1 ± 12.2 yrs)", "mean age ± SD = 57.1 ± 12.2",
    # "The patients' age was 52 ± 12", "aged 45.2 (SD 11.3) years"
    _AGE_LABEL = re.compile(r"(?:\b(?:mean|median|average)\s+age(?:\s*(?:±|\+/-)\s*SD)?\s*(?:[=:,(]|was|were|of)?"
                            r"|\bage\s*(?:[=:]|was|were)|\baged)\s*$", re.I)

    def _outcome_for(self, span: Span, start: int) -> tuple[Optional[str], Optional[str]]:
        if self.row:
            return self.row.get("outcome"), self.row.get("domain")
        if self._AGE_LABEL.search(self.doc.text[max(self.sent.start_char, start - 40) : start]):
            return "age", None
        instruments = self.by_label.get("instrument", [])
        before = [s for s in instruments if s.end_char <= start]
        if before:
            return self._instrument_phrase(before)
        after = [s for s in instruments if s.start_char >= start and s.start - span.end <= 6]
        if after:
            rule = self.state.pack.rule(after[0].id_)
            return rule.canonical, rule.domain
        cue = re.search(r"(?<!non-)(?<!non)\b(respon\w*|remission|remitted|remitters?)\b", self.text, re.I)  # not "non-responders"
        if cue:  # "8 of 18 patients (44%) met response criteria"
            name = "remission" if cue.group(1).lower().startswith("remi") else "response"
            pair = re.search(r"\b(respon\w*|remission) and (respon\w*|remission) rates\b", self.text, re.I)
            if pair and "respectively" in self.text.lower() and span.label_ in ("percent", "count"):
                # "Response and remission rates ... were 52.2% and 20.6%; 47.9% and 23.8%": in turn
                names = ["remission" if g.lower().startswith("remi") else "response" for g in pair.groups()]
                values = [s.start_char for s in self.spans if s.label_ in ("percent", "count") and s.start_char > pair.end() + self.sent.start_char]
                if span.start_char in values and len(values) % 2 == 0:
                    name = names[values.index(span.start_char) % 2]
            return name, self.state.first_domain
        listed = self._coordinated_outcome(span)
        if listed:
            return listed, None
        phrase = self._had_of_phrase(span.start_char) or self._compared_phrase(span.start_char) or topic_phrase(self.sent, span)
        if phrase and self._names_arm(phrase):
            phrase = object_phrase(self.sent, span)  # an arm is never an outcome: what it acted on is
            if phrase and self._names_arm(phrase):
                phrase = None
        return (phrase, None) if phrase else (None, None)

    # "Primary ARDS had an ICU mortality of 47%, an in-hospital mortality of 52%": the subject is the
    # subgroup, the noun phrase before "of" what the value measures
    _HAD_A = r"\b(?:had|has|have|showed|gave|yielded|reached)\s+(?:a|an|the)\s+"
    _HAD_OF = re.compile(_HAD_A + r"((?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s+of\s*$")
    _HAD_OF_NUMBER = re.compile(_HAD_A + r"[A-Za-z][\w\s-]{0,40}?\s+of\s+[-−]?\d")  # "had an ICU mortality of 47%"
    _LISTED_OF = re.compile(r"[,;]\s*(?:and\s+)?(?:a|an|the)\s+((?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s+of\s*$")
    _STATISTIC_WORDS = {"mean", "median", "average", "total", "dose", "doses", "difference", "reduction", "increase",
                        "decrease", "change", "improvement", "range", "maximum", "minimum", "score", "value", "rate",
                        "ratio", "odds", "risk", "proportion", "percentage", "number", "duration", "period", "sample"}

    def _had_of_phrase(self, start: int) -> Optional[str]:
        before = self.doc.text[self.sent.start_char : start]
        found = self._HAD_OF.search(before)
        if found is None:
            listed = self._LISTED_OF.search(before)
            if listed is None or not self._HAD_OF_NUMBER.search(before, 0, listed.start()):
                return None  # a listed phrase only continues a "had a X of" list
            found = listed
        phrase = found.group(1)
        words = phrase.lower().split()
        if all(w in self._STATISTIC_WORDS or w.endswith("ly") for w in words) or not names_a_measure(phrase):
            return None  # "had a mean of 12.1": the statistic, not what it measures
        return phrase

    def _names_arm(self, phrase: str) -> bool:
        """A phrase made of a drug or group name ("dexmedetomidine", "the ketamine group")."""
        rest = phrase.lower()
        for s in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []):
            rest = rest.replace(s.text.lower(), " ")
        # "the lowest dose", "the standard and the high dose": an arm named by its dose
        return not re.sub(r"\b(the|group|groups|arm|arms|and|or|alone|treatment|infusion|plus|with|"
                          r"(?:(?:very\s+)?(?:low|lower|lowest|high|higher|highest|standard|medium|middle|intermediate)\s+)+doses?)\b|[\s,/+-]", "", rest)

    def _instrument_phrase(self, before: list[Span]) -> tuple[str, Optional[str]]:
        """The nearest instrument before a value, with an adjacent qualifier ("MADRS total pain")."""
        outcome, domain = self._instrument_phrase_only(before)
        return outcome, self._subscale_domain(before[-1]) or domain

    def _subscale_domain(self, span: Span) -> Optional[str]:
        """"the HADS depression subscale", "the depression subscale of the POMS": depression."""
        around = self.doc.text[max(0, span.start_char - 80) : span.end_char + 30].lower()
        return "depression" if re.search(r"depress\w* (sub)?scale", around) else None

    def _instrument_phrase_only(self, before: list[Span]) -> tuple[str, Optional[str]]:
        last = before[-1]
        rule = self.state.pack.rule(last.id_)
        chain = [last]
        for s in reversed(before[:-1]):
            gap = self.doc.text[s.end_char : chain[0].start_char]
            if gap.strip() in ("", "(", ")") and self.state.pack.rule(s.id_).canonical != rule.canonical:
                if gap.strip() == "":
                    chain.insert(0, s)
                continue
            break
        if len(chain) == 1:
            return rule.canonical, rule.domain
        return " ".join(self.state.pack.rule(s.id_).canonical if i == 0 else s.text for i, s in enumerate(chain)), rule.domain

    _COMPARATIVES = {"less", "more", "fewer", "lower", "higher", "greater", "reduced", "increased", "decreased",
                     "improved", "worse", "better", "shorter", "longer", "smaller", "larger"}

    def _coordinated_outcome(self, span: Span) -> Optional[str]:
        """The outcome of values in the second or later bracket of a list of outcomes, each with its
        own bracket: "decreased the incidence of ED (31.1% vs 53.3%; P=0.033) and pain (28.9% vs
        57.8%; P=0.006), but it prolonged extubation time (P⩽0.001)" -> "pain", "extubation time"."""
        doc = span.doc
        depth, opening = 0, None
        for i in range(span.start - 1, self.sent.start - 1, -1):
            if doc[i].text == ")":
                depth += 1
            elif doc[i].text == "(":
                if depth == 0:
                    opening = i
                    break
                depth -= 1
        if opening is None or not any(doc[i].text == ")" for i in range(self.sent.start, opening)):
            return None  # the first bracket: the sentence's own topic or object names its outcome
        words, i = [], opening - 1
        while i >= self.sent.start and len(words) < 6:
            token = doc[i]
            if not (token.is_alpha or token.text in ("-", "'")) or token.lower_ in self._COMPARATIVES or token.lower_ in AUXILIARIES \
                    or token.lower_ in PREPOSITIONS - {"of"} or token.lower_ in VERB_WORDS or token.lower_ in _EFFECT_WORDS \
                    or token.lower_ in ("it", "they", "but", "the", "a", "an", "also", "than"):
                break
            words.insert(0, token)
            i -= 1
        previous = doc[i].lower_ if i >= self.sent.start else None
        if not words or not (previous in ("and", "or", ",") or previous in _EFFECT_WORDS):
            return None
        if previous in ("and", "or", ",") and not doc[i - 1].text == ")":
            return None  # "... and pain (": only a phrase that follows another outcome's bracket
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(s.start_char < end and start < s.end_char for s in self.spans if s.label_ in ("DRUG", "GROUP", "TIMEPOINT", "BASELINE", "instrument")):
            return None
        if any(t.lower_ in PEOPLE or t.lower_ in ("group", "groups", "arm", "respectively") for t in words) or is_timepoint(" ".join(t.text for t in words)):
            return None
        return " ".join(t.text for t in words)

    def _noun_phrase_before_paren(self, span: Span) -> tuple[list, Optional[str]]:
        """The words right before the "(" that opens span ("pruritus (P < 0.001)") and the word
        before them; ([], None) when a verb, comparative, number or bracket comes first."""
        doc = span.doc
        i = span.start - 1
        if i < self.sent.start or doc[i].text != "(":
            return [], None
        i -= 1
        words = []
        while i >= self.sent.start and len(words) < 5:
            token = doc[i]
            lower = token.lower_
            if (token.is_punct and token.text not in ("-", "'")) or token.like_num or lower in self._COMPARATIVES \
                    or lower in AUXILIARIES or lower in PREPOSITIONS - {"of"} or lower in ("reporting", "than", "compared", "between", "both") \
                    or lower in VERB_WORDS or lower.endswith("ly"):
                break
            words.insert(0, token)
            i -= 1
        while words and words[0].lower_ in ("of", "the", "a", "an"):
            words = words[1:]
        previous = doc[i].lower_ if i >= self.sent.start else None
        return words, previous

    def _listed_outcome(self, span: Span) -> Optional[str]:
        """The outcome of a p-value printed right after its noun phrase, as in a list of side effects:
        "less nausea (P < 0.05), pruritus (P < 0.001), and urinary retention (P < 0.05)". Only where
        the sentence lists such phrases or a comparative announces one ("less nausea"); never a
        group, drug, timepoint, people or a statistic's label."""
        words, previous = self._noun_phrase_before_paren(span)
        if not words or not words[-1].is_alpha or words[-1].lower_.endswith("ed"):
            return None  # "... differed (P = 0.07)": a verb, not a noun phrase
        phrase = " ".join(t.text for t in words)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(s.start_char < end and start < s.end_char for s in self.spans if s.label_ in ("DRUG", "GROUP", "TIMEPOINT", "BASELINE", "instrument")):
            return None
        if is_timepoint(phrase) or any(t.lower_ in PEOPLE or t.lower_ in ("group", "groups", "arm", "who", "which", "that") for t in words):
            return None
        if len(words[-1].text) <= 2 and words[-1].text.isupper():
            return None  # "Q (P ...)": a statistic's label
        others = [s for s in self.by_label.get("p", []) if s is not span and self._noun_phrase_before_paren(s)[0]]
        if previous in self._COMPARATIVES or previous in (",", "and", "or") and others:
            return phrase
        if previous == "for" and len(words) <= 3 and re.search(r"\b(observed|found|seen|noted|significant\w*)\s+for\s*$",
                                                               self.doc.text[self.sent.start_char : start], re.I):
            return phrase  # "significant decreases were observed for suicidality (P < .02)"
        return None

    # a verb that says the people counted before it responded, remitted or relapsed: "9/25 patients
    # (36%) had remitted", "12 (40%) met response criteria"; the gap holds no other value's verb
    _EVENT_VERB = re.compile(r"\s*[)\]]?(?:\s*(?:patients|participants|subjects|people|of\s+(?:the\s+)?(?:patients|participants|them))\b)?"
                             r"(?:\s*[(\[][^()\[\]]{1,25}[)\]])?\s*(?:\w+\s+){0,4}?(?:had\s+|have\s+|has\s+)?"
                             r"(remitted|responded|relapsed|remitting|responding|relapsing|(?:achieved|attained|met|reached)\s+(?:the\s+)?(?:criteria\s+for\s+)?"
                             r"(?:a\s+)?(remission|response|relapse))\b", re.I)
    _EVENT_NOUN = {"remitted": "remission", "responded": "response", "relapsed": "relapse", "remitting": "remission",
                   "responding": "response", "relapsing": "relapse"}
    # a share defined by a change on the score the sentence names: "at least a 2-point improvement"
    _THRESHOLD_CHANGE = re.compile(r"(?i)\b(?:at\s+least|≥|more\s+than|or\s+more)\b.*\b(?:improvement|reduction|decrease)\b|"
                                   r"\b\d+\s*(?:%|-point|-?per\s?cent)\s+(?:or\s+(?:greater|more)\s+)?(?:improvement|reduction|decrease)\b")
    # an outcome that is a result defined on a symptom score: response, remission, relapse
    _DEFINED_EVENT = re.compile(r"(?i)(?:(?:time|days)\s+to\s+(?:the\s+)?(?:first\s+)?|rates?\s+of\s+)?(?:sustained\s+)?"
                                r"(?:response|remission|relapse|responders?|remitters?|relapsing|responding|remitted|relapsed)"
                                r"(?:\s+(?:rates?|criteria))?")

    def _event_verb_after(self, record: Record) -> Optional[str]:
        """Response, remission or relapse when the clause after a count says the people counted had it."""
        match = self._EVENT_VERB.match(self.doc.text, record.char_end, self.sent.end_char)
        if not match or any(w.lower() in ("not", "never", "no", "who", "and", "or", "whereas", "while", "but") for w in
                            re.findall(r"[A-Za-z]+", self.doc.text[record.char_end : match.start(1)])):
            return None  # "... who had responded relapsed", "... and 5 remitted": another clause's verb
        verb = match.group(1).lower()
        return self._EVENT_NOUN.get(verb) or match.group(2).lower()

    def _event_domain(self) -> Optional[str]:
        """The domain of the score a response or remission is defined on: the one instrument the
        sentence names, else the article's first."""
        domains = {self.state.pack.rule(s.id_).domain for s in self.by_label.get("instrument", [])}
        return domains.pop() if len(domains) == 1 else self.state.first_domain

    _PREDICATES = {"frequent", "infrequent", "common", "uncommon", "rare", "similar", "present", "absent", "mild",
                   "moderate", "severe", "transient", "low", "high", "elevated", "normal", "abnormal", "significant",
                   "comparable", "reported", "observed", "seen", "noted", "positive", "negative", "successful", "complete"}

    def _item_before_share(self, span: Span) -> Optional[str]:
        """The item a share in brackets belongs to when the sentence lists items of a category: "The
        most common adverse events were nausea (20%), ...", "The most common aetiology was pneumonia
        (53%) followed by sepsis (15%)", "Adverse events included nausea (12%)". Only the first item
        after the copula or "included"; later ones are _coordinated_outcome's."""
        if not (span.start > 0 and span.doc[span.start - 1].text == "(" and span.label_ in ("percent", "count")):
            return None
        words, previous = self._noun_phrase_before_paren(span)
        cut = max((k for k, t in enumerate(words) if t.lower_ in ("included", "including")), default=None)
        if cut is not None:  # "Adverse events included nausea (12%)"
            words, previous = words[cut + 1 :], words[cut].lower_
        if not words or len(words) > 4 or previous not in ("were", "was", "are", "is", "included", "including", ":", "as", "by"):
            return None
        if len(words) == 1 and words[0].lower_ in self._PREDICATES:
            return None  # "Side effects were frequent (35%)": what the share says of the subject, not an item
        first = words[0].i
        if previous == "as" and span.doc[first - 2].lower_ != "such" or previous == "by" and span.doc[first - 2].lower_ != "followed":
            return None
        phrase = " ".join(t.text for t in words)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(s.start_char < end and start < s.end_char for s in self.spans if s.label_ in ("DRUG", "GROUP", "TIMEPOINT", "BASELINE", "instrument")):
            return None
        if any(t.lower_ in PEOPLE or t.lower_ in ("group", "groups", "arm", "who", "which", "that") or t.like_num for t in words) \
                or is_timepoint(phrase):
            return None
        return phrase

    # the clause goes on to say what the people counted had: "... in Group S had nausea"
    _HAD_EVENT = r"[^;.]*?\b(?:had|experienced|developed|reported|suffered|required|needed)"
    _HAS_EVENT_VERB = re.compile(_HAD_EVENT + r"\b")
    _EVENT_HAD = re.compile(_HAD_EVENT + r"\s+(?:an?\s+|the\s+)?([a-z][a-z\- ]{2,60}?)\s*"
                            r"(?=[,;.()]|\s(?:and|but|while|whereas|compared|than|in|during|after)\b|$)")

    def _event_after_value(self, record: Record) -> Optional[str]:
        """What people counted "had" later in the clause: "3 (10%) patients in Group K and 9 (30%) in
        Group S had nausea" -> "nausea"."""
        rest = self.doc.text[record.char_end : self.sent.end_char]
        before = self.doc.text[self.sent.start_char : record.char_start]
        elliptic = re.search(r";\s*(?:and\s+)?so\s+(?:did|were|was|had)\s+[^;]*$", before)
        if elliptic and not self._HAS_EVENT_VERB.match(rest):
            rest = before[: elliptic.start()]  # "...(5%) had adverse events ...; so did 1 of 57 (2%)": the same event
            rest = rest[rest.rfind(";") + 1 :]
        match = self._EVENT_HAD.match(rest)
        if not match or re.search(r"\d", match.group(1)) or match.group(1).split()[0] in _NOT_AN_ARM | {"no", "any", "significantly"}:
            return None
        if re.match(r"(respon|remi)", match.group(1)) or self.by_label.get("instrument") and re.match(r"(improv|worsen|deterior)", match.group(1)):
            return None  # "had remitted": response and remission are named by their instrument or cue
        return match.group(1)

    def _phrase_after_value(self, record: Record) -> Optional[str]:
        """What a percentage counts when the words after it say so: "52.0% and 48.1% men",
        "20.0% and 14.8% were taking 2 or more antidepressants"."""
        doc = self.sent.doc
        i = next((t.i for t in self.sent if t.idx >= record.char_end), None)
        if i is None:
            return None
        end = self.sent.end
        # skip the rest of a run of values: "and 48.1%", "vs 87%"
        while i + 2 < end and doc[i].lower_ in ("and", "vs", "vs.", "versus", "or", ",") and doc[i + 1].like_num:
            i += 2
            if i < end and doc[i].text == "%":
                i += 1
            if i + 3 < end and doc[i].text == "(" and doc[i + 2].text == "%" and doc[i + 3].text == ")":
                i += 4  # "and 301 (74%)"
        if i + 1 < end and doc[i].lower_ == "of" and (doc[i + 1].lower_ in PEOPLE or doc[i + 1].lower_ in ("the", "all")
                                                       and i + 2 < end and doc[i + 2].lower_ in PEOPLE):
            i += 2 if doc[i + 1].lower_ in PEOPLE else 3  # "36.8% of participants guessed ...": who was counted
            if i >= end or doc[i].lower_ in PREPOSITIONS or not doc[i].is_alpha or doc[i - 1].lower_ == "those":
                return None  # "45% of patients in the ketamine group", "5.6% of those admitted"
            if doc[i].lower_ not in AUXILIARIES and (i + 1 >= end or not doc[i + 1].is_alpha or doc[i + 1].lower_ in PREPOSITIONS):
                return None  # "12% of patients treated with ketamine": a participle that says who, not what
        if record.kind == "count" and i + 3 < end and doc[i].text == "(" and doc[i + 1].like_num and doc[i + 2].text == "%" \
                and doc[i + 3].text == ")":
            i += 4  # "with 133 patients (50.0%) having completed ...": the count's own share, then what was counted
        if i < end and doc[i].text == ")" and record.char_start > self.sent.start_char and "(" in self.doc.text[self.sent.start_char : record.char_start][-3:]:
            i += 1  # "54% (N=43) were taking ...": the N's own bracket closes
        if i + 2 < end and doc[i].text == "(" and re.fullmatch(r"\(\s*[nN]\s*=\s*[\d,]+\s*\)", doc[i : min(end, i + 6)].text.split(")")[0] + ")"):
            i = next((k + 1 for k in range(i, end) if doc[k].text == ")"), end)  # "54% (N=43) were taking ..."
        if i >= end or not doc[i].is_alpha or doc[i].lower_ in PREPOSITIONS:
            return None
        if doc[i].lower_ in ("receiving", "given", "treated", "allocated", "assigned", "randomized", "randomised"):
            return None  # "46% receiving ketamine infusions": the arm, not what was counted
        if doc[i].lower_ == "followed" and i + 1 < end and doc[i + 1].lower_ == "by":
            return None  # "pneumonia (53%) followed by sepsis (15%)": the next item, not this one
        words = []
        while i < end and len(words) < 8:
            token = doc[i]
            if token.like_num and words and i + 2 < end and doc[i + 1].text in ("-", "%") and doc[i + 2].is_alpha \
                    and (doc[i + 1].text == "%" or not doc[i + 1].whitespace_):
                words += [doc[i], doc[i + 1]]  # "at least a 2-point improvement", "a 30% reduction": a threshold's number
                i += 2
                continue
            if token.like_num and words and i + 3 < end and doc[i + 1].lower_ == "or" \
                    and doc[i + 2].lower_ in ("more", "fewer", "less") and doc[i + 3].is_alpha and doc[i + 3].lower_ != "than":
                words += [doc[i], doc[i + 1], doc[i + 2]]  # "were taking 2 or more antidepressants": a count threshold
                i += 3
                continue
            if token.is_punct and token.text not in ("-",) or token.like_num or token.text[:1].isdigit() or \
                    token.lower_ in ("and", "respectively", "while", "whereas", "but", "than", "compared"):
                break
            words.append(token)
            i += 1
        while words and (words[0].lower_ in AUXILIARIES or words[0].lower_ in ("experienced", "achieved", "attained", "showed")):
            words = words[1:]
        while words and (words[-1].lower_ in PREPOSITIONS or words[-1].lower_ in ("the", "a", "an")):
            words = words[:-1]  # "at least a 30% reduction in" cut by the length limit
        if not words or len([t for t in words if t.text != "-"]) - sum(1 for t in words if t.like_num) > 6 \
                or all(t.lower_ in PEOPLE - {"women", "men"} for t in words) \
                or words[0].lower_ in PEOPLE - {"women", "men"}:
            return None  # "6/30 (20.0%) patients": who was counted, not what
        return "".join(t.text_with_ws for t in words).strip()

    def _compared_group(self, record: Record) -> Optional[str]:
        """Group of an estimate or p-value: "P = .02 for 28 mg", or the group the sentence is about
        ("Patients with severe pain (n=27) reported higher VAS (P=.042)")."""
        after = self.doc.text[record.char_end : record.char_end + 30]
        match = re.match(r"\s*for\s+(?:the\s+)?", after)
        if match:
            dose = next((d for d in self.by_label.get("dose", []) if d.start_char == record.char_end + match.end()), None)
            if dose is not None:
                active = [d for d in self._drugs_in_order() if d not in COMPARATORS]
                drug = active[0] if active else self._drug_near(dose)
                return f"{drug} {dose.text}" if drug else dose.text
        if record.kind in BETWEEN_GROUP:
            named = self._comparison_for(record)
            if named:
                return named
        drugs = self._drugs_in_order()
        if record.kind in ESTIMATES + TESTS and len(drugs) == 2:
            active = sorted(drugs, key=lambda d: d in COMPARATORS)
            return f"{active[0]} vs {active[1]}"
        arms = self._distinct_arms()
        if record.kind in BETWEEN_GROUP and len(drugs) < 2 and len(arms) == 2:
            # "4.9% in the DEX group vs 7.7% in the CTRL group; OR 0.62": the two arms the sentence sets side by side
            first, second = sorted(arms, key=lambda a: bool(_REFERENCE_ARM.search(a)))
            return f"{first} vs {second}"
        groups = self.by_label.get("GROUP", [])
        if groups and groups[0].start - self.sent.start <= 1 and groups[0].end_char <= record.char_start:
            subject = clean_group(groups[0].text)
            # "Patients with severe pain (n=27) reported higher VAS (P=.042) ... compared with patients
            # with mild pain (n=23)": the group the subject is compared with, printed later
            for other in groups[1:]:
                lead = self.doc.text[record.char_end : other.start_char]
                if other.start_char > record.char_end and _COMPARED_WITH_LATER.search(lead) \
                        and clean_group(other.text) != subject:
                    return f"{subject} vs {clean_group(other.text)}"
            return subject
        return None

    # ---- arms a between-group result compares, where the sentence does not print "A vs B" next to it
    # the sentence says the arms were compared without naming both: "the groups no longer differed",
    # "between the two groups", "the two groups changed differently", "between-group difference"
    _GROUPS_COMPARED = re.compile(r"\bbetween[- ](?:the\s+)?(?:two\s+|treatment\s+|study\s+)?(?:groups?|arms?|conditions)\b|"
                                  r"(?<!\bin\s)(?<!\bof\s)(?<!within\s)\bthe\s+two\s+(?:treatment\s+|study\s+)?(?:groups|arms)\b|"
                                  r"\bthe\s+groups\s+(?:\w+\s+){0,2}(?:differ|changed\s+differently|were\s+(?:similar|comparable))|"
                                  r"\bgroup\s+differences?\b", re.I)
    # a test across all arms or of a trend, not of two arms
    _OMNIBUS = re.compile(r"\bdose[- ]response|\btrend\b|\bacross\s+(?:all\s+|the\s+)?(?:doses|groups|arms|conditions)\b|"
                          r"\bomnibus\b|\bamong\s+(?:the\s+|all\s+)?(?:three|four|five|\d)\s+(?:groups|arms)\b", re.I)
    # a comparative the sentence states for one named arm: "lower in the ketamine group", "More patients responded to ketamine"
    _COMPARATIVE = re.compile(r"\b(?:lower|higher|less|more|greater|smaller|fewer|better|worse|shorter|longer|superior|inferior|faster|slower)\b", re.I)
    # a sentence about change within arms, or about more than two arms: no two-arm comparison
    _WITHIN_ARM = re.compile(r"\bwithin[- ](?:each\s+|both\s+|the\s+)?(?:groups?|arms?|subjects?)\b|\bfrom\s+(?:the\s+)?baseline\b|"
                             r"\b(?:than|compared\s+(?:with|to)|relative\s+to|versus|vs\.?)\s+(?:at\s+|on\s+)?(?:the\s+)?(?:baseline|pre-?treatment|before|week|day|visit|T0)\b|"
                             r"\bin\s+(?:each|both|all)\s+(?:of\s+the\s+)?(?:two\s+|three\s+)?(?:groups|arms)\b|"
                             r"\b(?:three|four|five|six|all)\s+(?:\w+\s+)?(?:groups|arms|doses)\b", re.I)

    def _link_compared_arms(self, values: list[_Value]) -> None:
        """The arms a between-group result compares where the sentence does not print "A vs B" beside
        it (the corpus convention: such a p, estimate or test carries "A vs B", experimental arm
        first; a within-arm test carries its arm; an omnibus or whole-sample one none):
        - a within-arm test printed right after its arm ("fell by 16.5 points with ketamine (t(46) =
          -10.31" in a sentence about change within groups) carries that arm;
        - a p-value, estimate or test after the values of exactly two arms compares them ("10.1 mg vs.
          13.4 mg in the placebo group; P < 0.05"; a table row's P or RR after its two arm columns);
        - else a p-value takes a comparison the sentence prints ("lower in the ketamine group than in
          the placebo group (P < 0.001)");
        - else, in a two-arm trial, a p, estimate or test whose sentence says the groups were compared
          ("the groups no longer differed (P = 0.07)") or states a comparative for one of the two arms
          ("significantly lower in the ketamine group at week 6 (P = 0.008)") compares the two arms
          the design names."""
        ordered = sorted(values, key=lambda v: v.record.char_start)
        for value in ordered:
            record = value.record
            if record.kind not in ("p",) + TESTS + BETWEEN_GROUP:
                continue
            own = self._within_arm_of(record)
            if own:
                record.group = own
                continue
            if record.group is not None and " vs " not in record.group and record.kind == "p" and not self.table_row:
                # "The ketamine group had lower pain scores than the control group (P = 0.01)": the one arm
                # the sentence opened with is the first of the comparison it prints
                compared = self._arms_of_values_before(record, ordered) or self._comparison_for(record)
                own = _arm_name(record.group) or record.group
                if compared and _names_same_arm(compared.split(" vs ")[0], own):
                    record.group = f"{own} vs {compared.split(' vs ', 1)[1]}"  # "esketamine 28 mg" keeps its dose
                continue
            if record.group is not None:
                continue
            if self._OMNIBUS.search(self.doc.text[self._after_previous_p(record) : record.char_start]):
                continue  # "with a significant ascending dose-response relationship (P < .001)": a trend across arms
            record.group = self._arms_of_values_before(record, ordered)
            if record.group is None and record.kind == "p":
                record.group = self._comparison_for(record)
            if record.group is None and not self.table_row:
                record.group = self._design_comparison(record)
            if record.group is None and record.kind == "p" and not self.table_row:
                record.group = self._one_arms_change(record)

    def _after_previous_p(self, record: Record) -> int:
        """Where the text that leads to record's result starts: the end of the last p-value before it, else the sentence's start."""
        return max([self.sent.start_char] + [s.end_char for s in self.spans if s.label_ == "p" and s.end_char <= record.char_start])

    def _span_arm(self, span: Span) -> Optional[str]:
        """The arm a DRUG or GROUP span names: the drug's canonical name, a group's name without "the ... group"."""
        return self._canonical(span) if span.label_ == "DRUG" else _arm_name(span.text)

    def _clause_start(self, position: int, breaks: str) -> int:
        """Where the clause holding position starts: after the last of breaks (";", ":") before it outside
        brackets ("(Table 1; odds ratio=2.85": a semicolon inside brackets opens no clause), else the sentence's start."""
        clause_start = self.sent.start_char
        depth = 0
        for i, ch in enumerate(self.doc.text[self.sent.start_char : position]):
            depth += (ch in "([") - (ch in ")]")
            if ch in breaks and depth <= 0:
                clause_start = self.sent.start_char + i + 1
        return clause_start

    # what one arm did, as the subject of the clause: "ketamine produced significant reductions in", "esketamine improved"
    _CHANGE_VERB = re.compile(r"\b(?:produced|caused|induced|led\s+to|resulted\s+in|showed|achieved)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,3}?"
                              r"(?:reductions?|decreases?|improvements?|increases?|relief|declines?)\b|"
                              r"\b(?:reduced|decreased|improved|increased|relieved|lowered|alleviated)\b", re.I)
    _NAMES_COMPARISON = re.compile(r"\b(?:than|compared|comparison|versus|vs\.?|between|relative\s+to|over\s+(?:the\s+)?(?:placebo|saline|sham|control|midazolam)|differ\w*|groups)\b", re.I)

    def _one_arms_change(self, record: Record) -> Optional[str]:
        """The arm of a p-value whose clause says what that one arm did and compares it with nothing:
        "Outpatient intravenous ketamine produced statistically significant reductions in many of the
        pain parameters (p < 0.05)" -> ketamine. A reference arm (placebo) as the subject, or a
        second arm named, gives none."""
        clause_start = self._clause_start(record.char_start, ";:")
        clause = self.doc.text[clause_start : record.char_start]
        verb = self._CHANGE_VERB.search(clause)
        if verb is None or self._NAMES_COMPARISON.search(clause) or self._WITHIN_ARM.search(clause) and "baseline" not in clause.lower():
            return None
        arms = [a for a in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", [])
                if clause_start <= a.start_char < record.char_start and not self._design_word(a)]
        names = {(self._span_arm(a) or "").lower() for a in arms} - {"", "antidepressant"}
        if len({n for n in names if not any(n != m and _names_same_arm(n, m) for m in names) or n in [min(names, key=len)]}) != 1:
            return None
        subject = min(arms, key=lambda a: a.start_char)
        if subject.start_char > clause_start + verb.start():
            return None  # "pain was reduced with ketamine" names the arm after the verb: no subject to read
        name = self._span_arm(subject)
        return None if not name or _is_reference(name) else name

    def _sentence_pair(self, record: Record) -> Optional[str]:
        """Without a design to go by: the two arms the sentence names before a result it says compares
        the groups ("The depression score did not differ between groups: median 9 (...) with ketamine
        vs. 8 (...) with placebo; median difference 1, ...; P = 0.608")."""
        before = self.doc.text[self.sent.start_char : record.char_start]
        if not self._GROUPS_COMPARED.search(before) or self._WITHIN_ARM.search(self.text) \
                or re.search(r"[\w-]+,\s+(?:the\s+)?[\w-]+,?\s+(?:and|or)\s+(?:the\s+)?[\w-]+\s+(?:groups|arms)\b", self.text, re.I):
            return None  # "the ketofol, ketamine and propofol groups": more arms than the spans name
        names: list[str] = []
        for a in sorted(self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []), key=lambda a: a.start_char):
            if a.start_char < record.char_start and not self._design_word(a):
                name = self._span_arm(a)
                if name and name != "antidepressant" and not any(_names_same_arm(name, n) for n in names):
                    names.append(name)
        return " vs ".join(self._experimental_first(*names)) if len(names) == 2 else None

    def _within_arm_of(self, record: Record) -> Optional[str]:
        """The arm of a within-arm test: the sentence is about change within arms and the test sits in
        the brackets right after the arm's name ("Within groups, MADRS scores fell by 16.5 points with
        ketamine (t(46) = -10.31, p < 0.0001) and by 8.8 points with midazolam (t(24) = -4.63")."""
        if self.table_row or record.kind not in TESTS + ("p",) or not re.search(
                r"\bwithin[- ](?:each\s+|both\s+|the\s+)?(?:groups?|arms?)\b|\bfrom\s+(?:the\s+)?baseline\b", self.text, re.I):
            return None
        before = self.doc.text[self.sent.start_char : record.char_start]
        depth, opened = 0, None
        for i in range(len(before) - 1, -1, -1):
            if before[i] in ")]":
                depth += 1
            elif before[i] in "([":
                if depth == 0:
                    opened = self.sent.start_char + i
                    break
                depth -= 1
        if opened is None or re.search(r"[;]", self.doc.text[opened : record.char_start]):
            return None
        arms = [a for a in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []) if a.end_char <= opened]
        arm = max(arms, key=lambda a: (a.end_char, a.end_char - a.start_char), default=None)
        if arm is None or not re.fullmatch(r"\s*(?:groups?|arms?)?\s*", self.doc.text[arm.end_char : opened]) \
                or not re.search(r"\b(?:with|in|for|among|after|on)\s+(?:the\s+)?$", self.doc.text[max(self.sent.start_char, arm.start_char - 12) : arm.start_char]):
            return None
        return self._span_arm(arm)

    def _arms_of_values_before(self, record: Record, ordered: list[_Value]) -> Optional[str]:
        """"A vs B" when the descriptive values between the previous p-value (or the sentence's start)
        and this one belong to exactly two arms: the p compares them."""
        start = self._after_previous_p(record)
        arms: list[str] = []
        for v in ordered:
            r = v.record
            if r.kind in DESCRIPTIVES and start <= r.char_start < record.char_start and r.group:
                name = _arm_name(r.group) or r.group  # "control group (Group C)" as printed: one arm with its alias
                core = re.sub(r"\s*\([^()]*\)\s*$", "", name)
                if len(core.split()) > 6 or name.count("(") != name.count(")"):
                    return None  # a caption taken for an arm's name ("Analyses of primary outcome (log-transformed ...")
                if not any(core.lower() == re.sub(r"\s*\([^()]*\)\s*$", "", a).lower() for a in arms):
                    arms.append(name)
        if len(arms) != 2:
            return None
        return " vs ".join(self._experimental_first(*arms))

    def _experimental_first(self, a: str, b: str) -> tuple[str, str]:
        """The pair in "A vs B" order: the reference arm (placebo, control, ...) last; else the
        design's experimental arm first; else as printed."""
        if _is_reference(a) and not _is_reference(b):
            return b, a
        if _adds_to(b, a):  # "Group M vs Group MK", "morphine vs morphine-ketamine": the add-on arm is the experimental one
            return b, a
        design = self.state.design_arms
        if design and not _REFERENCE_ARM.search(b) and _names_same_arm(b, design[0]) and _names_same_arm(a, design[1]):
            return b, a
        return a, b

    def _design_comparison(self, record: Record) -> Optional[str]:
        """The design's two arms, for a result whose sentence says the groups were compared or
        states a comparative for one of them and names no other arm (see _link_compared_arms)."""
        design = self.state.design_arms
        if not design:
            return self._sentence_pair(record)
        clause_start = self._clause_start(record.char_start, ";")
        clause = self.doc.text[clause_start : record.char_start]
        if self._WITHIN_ARM.search(self.text):
            return None
        named = set()
        for a in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []):
            if clause_start <= a.start_char < record.char_start:
                name = self._span_arm(a)
                if name and name != "antidepressant":
                    named.add(name.lower())
        matched = {d for d in design if any(_names_same_arm(n, d) for n in named)}
        if any(not any(_names_same_arm(n, d) for d in design) for n in named):
            return None  # another drug is named: not (only) the design's comparison
        if self._GROUPS_COMPARED.search(clause) or len(matched) == 1 and self._COMPARATIVE.search(clause) \
                and not re.search(r"\bthan\s+(?:at|on|before|after|baseline|week|day)\b", clause, re.I):
            return f"{design[0]} vs {design[1]}"
        return None

    def _comparison_for(self, record: Record) -> Optional[str]:
        """The comparison a between-group estimate reports, as the sentence prints it: "RR 1.26 for
        improvement with TCAs compared with placebo", "-0.2 (95% CI ...) for ketamine versus
        placebo, 0.2 (...) for placebo versus ketamine/magnesium", "between the ketamine and
        midazolam groups", "Compared with placebo, esketamine ...", "the ketamine-placebo difference".
        The comparison printed after the estimate (before the next estimate) is its own; else the
        last one before it."""
        found = self._comparisons()
        if not found:
            return None
        others = [s.start_char for s in self.spans if s.label_ in BETWEEN_GROUP and s.start_char > record.char_end]
        next_estimate = min(others, default=self.sent.end_char)
        after = [c for c in found if record.char_end <= c[0] < next_estimate]
        if after:
            return after[0][1]
        before = [c for c in found if c[0] < record.char_start]
        if not before:
            return None
        earlier = [c[2] for c in found if c[2] <= before[-1][0]]
        opened = max(earlier, default=self.sent.start_char)
        if any(opened <= s.start_char < before[-1][0] for s in self.spans if s.label_ in BETWEEN_GROUP):
            return None  # "RR 1.26 ... for improvement with TCAs compared with placebo": that estimate's own
        if _clause_break(self.doc.text[before[-1][2] : record.char_start]) or \
                re.search(r"\bbetween\b|\binteraction\b|\bsubgroups?\b", self.doc.text[before[-1][2] : record.char_start], re.I):
            return None  # "..., with no significant interaction between patients with and without CVD (HR 0.85": another contrast
        return before[-1][1]

    def _comparisons(self) -> list[tuple[int, str, int, str]]:
        """(start, "A vs B", end, B) of each comparison the sentence names, in order."""
        text, offset = self.text, self.sent.start_char
        arms = sorted(self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []), key=lambda s: s.start_char)
        out = []
        for match in _COMPARISON_WORD.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            if match.group("lead"):  # "Compared with placebo, esketamine reduced ..."
                reference = self._arm_after(end, arms)
                if reference is None:
                    continue
                active = re.match(r"\s*(?:\([^()]*\)\s*)?,\s*(?:the\s+)?", self.doc.text[reference[1] : reference[1] + 40])
                first = self._arm_after(reference[1] + active.end(), arms) if active else None
                if first is not None:
                    out.append((start, f"{first[0]} vs {reference[0]}", first[1], reference[0]))
                continue
            second = self._arm_after(end, arms)
            first = self._arm_before(start, arms)
            if first is None and second is not None and _REFERENCE_ARM.search(second[0]):
                first = self._subject_arm(start, arms)  # "finerenone reduced the risk of X compared with placebo"
            if first is None or second is None:
                continue
            word = "versus" if match.group(0).lower() == "versus" else "vs"  # as printed; "compared with" reads "vs"
            out.append((first[1], f"{first[0]} {word} {second[0]}", second[1], second[0]))
        for match in re.finditer(r"\bbetween\s+", text, re.I):  # "between IN ketamine and IV analgesics (OR 1.66"
            first = self._arm_after(offset + match.end(), arms)
            joined = first and re.match(r"\s*(?:and|&)\s+", self.doc.text[first[1] : first[1] + 8])
            second = self._arm_after(first[1] + joined.end(), arms) if joined else None
            if second is not None:
                a, b = (second[0], first[0]) if _REFERENCE_ARM.search(first[0]) and not _REFERENCE_ARM.search(second[0]) else (first[0], second[0])
                out.append((offset + match.start(), f"{a} vs {b}", second[1], b))  # the reference arm last
        for match in _THAN_ARM.finditer(text):  # "lower in the ketamine group than in the placebo group"
            at = offset + match.end()
            second = max((s for s in arms if s.start_char == at), key=lambda s: s.end_char, default=None)
            words = None
            if second is None:  # "than that in the non-liver metastasis group": the group's words before its span
                second = next((s for s in arms if s.label_ == "GROUP" and 0 < s.start_char - at <= 30
                               and re.fullmatch(r"(?:[A-Za-z][\w-]*\s+){1,3}", self.doc.text[at : s.start_char])
                               and not set(self.doc.text[at : s.start_char].lower().split()) & (_COMPARISON_STOP | _NOT_ARM_WORDS)), None)
                words = self.doc.text[at : second.end_char] if second is not None else None
            first = self._arm_before_than(offset + match.start(), arms)
            if second is None or first is None:
                continue
            b = _arm_name(words) if words else self._span_arm(second)
            # "than in the INTRA group (48 mg) and CTRL group (50 mg)": the reference is both arms
            joined = re.match(r"\s*(?:groups?\s*|arms?\s*)?(?:\([^()]*\)\s*)?(?:and|or)\s+(?:in\s+)?(?:the\s+)?",
                              self.doc.text[second.end_char : second.end_char + 60], re.I)
            third = next((s for s in arms if joined and s.start_char == second.end_char + joined.end()), None)
            if third is not None:
                c = self._span_arm(third)
                b = f"{b} {joined.group(0).split()[-1] if joined.group(0).split()[-1] in ('and', 'or') else 'and'} {c}" if c else b
            a = first[0]
            if not a or not b or _names_same_arm(a, b):
                continue
            a, b = self._experimental_first(a, b)
            out.append((first[1], f"{a} vs {b}", second.end_char, b))
        for match in _ARM_DIFFERENCE.finditer(text):  # "the ketamine–placebo difference"
            a, b = match.group("a"), match.group("b")
            if not _NOT_ARM_WORDS.intersection({a.lower()}) and a.lower() not in _COMPARISON_STOP:
                out.append((offset + match.start(), f"{a} vs {b}", offset + match.end(), b))
        return sorted(out)

    def _arm_before(self, position: int, arms: list) -> Optional[tuple[str, int]]:
        """The arm named right before position: a drug or group span ("TCAs compared", "the ketamine
        group versus"), else one or two plausible words ("SSRIs versus")."""
        for s in reversed(arms):
            if s.end_char <= position and _ARM_WORD_GAP.fullmatch(self.doc.text[s.end_char : position]):
                name = self._canonical(s) if s.label_ == "DRUG" else _arm_name(s.text)
                return name, s.start_char
            if s.end_char <= position:
                break
        words = re.search(r"(?:^|[\s(\[,;:])((?:[A-Za-z][\w/+'-]*\s+)?[A-Za-z][\w/+'-]*)\s*$", self.doc.text[max(self.sent.start_char, position - 40) : position])
        if not words:
            return None
        phrase = words.group(1).split()
        while phrase and phrase[0].lower() in _COMPARISON_STOP:
            phrase = phrase[1:]
        phrase = " ".join(phrase)
        if not phrase or not _plausible_arm(phrase):
            return None
        return _arm_name(phrase), position - len(words.group(0)) + words.start(1)

    def _arm_before_than(self, position: int, arms: list) -> Optional[tuple[str, int]]:
        """(name, start) of the arm a "than" comparison opens with: the arm printed right before it
        ("in the ketamine group than", "more ketamine-treated than"), else the last arm named earlier
        in the same clause, after a comparative ("lower with ketamine at week 6 than with placebo")."""
        before = [s for s in arms if s.end_char <= position]
        if not before:
            return None
        arm = max(before, key=lambda s: (s.end_char, s.end_char - s.start_char))
        gap = re.sub(r"\([^()]*\)", "", self.doc.text[arm.end_char : position])  # "in the X group (15.8 months) than"
        if not re.fullmatch(r"\s*(?:[-‐]\s*treated\s*)?(?:groups?|arms?|patients|participants)?\s*", gap, re.I) and (
                len(gap) > 60 or re.search(r"[,;:()\[\]]", gap) or not self._COMPARATIVE.search(
                    self.doc.text[max(self.sent.start_char, arm.start_char - 40) : position + 12])):  # (+ "superior to")
            return None
        start = arm.start_char
        if arm.label_ == "GROUP":  # "in the liver metastasis group": the words the group span leaves out
            lead = re.search(r"\b(?:the|a|an)\s+((?:[A-Za-z][\w-]*\s+){1,3})$", self.doc.text[max(self.sent.start_char, start - 30) : start])
            if lead and not set(lead.group(1).lower().split()) & (_COMPARISON_STOP | _NOT_ARM_WORDS):
                start -= len(lead.group(1))
        name = self._canonical(arm) if arm.label_ == "DRUG" else _arm_name(self.doc.text[start : arm.end_char])
        # "lower in the PERI group and INTRA group than in the CTRL group": the comparison's first arm is both
        other = max((s for s in arms if s.end_char <= start and re.fullmatch(
            r"\s*(?:groups?|arms?)?\s*(?:and|or)\s+(?:the\s+)?", self.doc.text[s.end_char : start], re.I)), key=lambda s: s.end_char, default=None)
        if other is not None and name:
            first = self._span_arm(other)
            joint = re.search(r"\b(and|or)\b", self.doc.text[other.end_char : start]).group(1)
            if first and not _names_same_arm(first, name):
                name, start = f"{first} {joint} {name}", other.start_char
        return (name, start) if name else None

    def _subject_arm(self, position: int, arms: list) -> Optional[tuple[str, int]]:
        """The one active drug named earlier in the clause, when the comparison's first arm is not
        printed next to it ("finerenone reduced the risk of the composite outcome compared with placebo")."""
        clause_start = max([self.sent.start_char] + [self.sent.start_char + m.end() for m in re.finditer(r"[;:]", self.doc.text[self.sent.start_char : position])])
        names = {}
        for s in arms:
            if clause_start <= s.start_char and s.end_char <= position and s.label_ == "DRUG" \
                    and self._canonical(s) not in COMPARATORS and self._canonical(s) not in ("antidepressant", "morphine"):
                names.setdefault(self._canonical(s), s.start_char)
        for m in re.finditer(r"[A-Za-z][\w-]+", self.doc.text[clause_start:position]):
            if _DRUG_NAME.search(m.group(0)) and not any(s.start_char <= clause_start + m.start() < s.end_char for s in arms):
                names.setdefault(m.group(0), clause_start + m.start())
        if len(names) != 1:
            return None
        name, at = next(iter(names.items()))
        return name, at

    def _arm_after(self, position: int, arms: list) -> Optional[tuple[str, int]]:
        """(name, end) of the arm named right after position ("with placebo", "the control group (Group C)")."""
        lead = re.match(r"\s*(?:the\s+|with\s+(?:the\s+)?|to\s+(?:the\s+)?)?", self.doc.text[position : position + 20])
        at = position + lead.end()
        for s in arms:
            if s.start_char == at:
                name = self._canonical(s) if s.label_ == "DRUG" else _arm_name(s.text)
                end = s.end_char
                combined = re.match(r"(?:/|\s*\+\s*|\s+plus\s+)[A-Za-z][\w-]*", self.doc.text[end : end + 30])
                if combined:  # "ketamine/magnesium", "esketamine plus antidepressant": one arm
                    name, end = name + self.doc.text[end : end + combined.end()], end + combined.end()
                tail = re.match(r"\s+(?:groups?|arms?)\b", self.doc.text[end : end + 8], re.I)
                end += tail.end() if tail else 0
                alias = re.match(r"\s*\((?:groups?|arms?)\s+[A-Z0-9]{1,4}\)", self.doc.text[end : end + 16], re.I)
                if alias:  # "the control group (Group C)": the arm with the label the article uses for it
                    name, end = f"{name} {alias.group(0).strip()}", end + alias.end()
                return name, end
        words = re.match(r"([A-Za-z][\w/+'-]*(?:\s+[A-Za-z][\w/+'-]*)?)", self.doc.text[at : at + 40])
        if not words:
            return None
        phrase = words.group(1).split()
        while phrase and phrase[-1].lower() in _COMPARISON_STOP:
            phrase = phrase[:-1]
        phrase = " ".join(phrase)
        if not phrase or not _plausible_arm(phrase):
            return None
        return _arm_name(phrase), at + len(phrase)

    def _distinct_arms(self) -> list[str]:
        """The arms a sentence names, one name each: "the control group (Group C)" is one arm."""
        names: list[str] = []
        spans = sorted(self.by_label.get("GROUP", []), key=lambda s: s.start_char)
        previous_end = None
        for s in spans:
            alias = previous_end is not None and re.fullmatch(r"\s*\(\s*", self.doc.text[previous_end : s.start_char])
            previous_end = s.end_char
            if alias:
                continue
            for part in re.split(r"\s+(?:and|or|vs\.?|versus)\s+", s.text):
                name = _arm_name(part)
                if name and name.lower() not in (n.lower() for n in names):
                    names.append(name)
        return names

    _TIME_UNIT = r"(?:h|hrs?|hours?|min|minutes?|days?|weeks?|wk|months?)"
    _TIME_ITEM = re.compile(rf"(?:(?:day|week|month)\s+\d+|\d+(?:\.\d+)?(?:\s*-?\s*{_TIME_UNIT}\b)?)", re.I)
    _TIME_UNIT_WORD = re.compile(rf"{_TIME_UNIT}\b", re.I)
    _LISTED_TIME_UNIT = re.compile(rf"{_TIME_UNIT}\b|\b(day|week|month)\b", re.I)

    def _listed_timepoints(self) -> list[str]:
        """Timepoints printed as a list: "at 24 and 72 h, and day 7" -> ["24 hours", "72 hours",
        "day 7"] (a unit printed once serves every number before it); "attended 12- and 15-month
        follow-up" -> ["12 months", "15 months"]."""
        hyphens = re.search(r"\b(\d+)-\s*((?:,\s*\d+-\s*)*)(?:,\s*)?(?:and|or)\s+(\d+)-(hour|day|week|month|year)\b", self.text, re.I)
        if hyphens:
            numbers_listed = [hyphens.group(1)] + re.findall(r"\d+", hyphens.group(2)) + [hyphens.group(3)]
            return [parse_timepoint(f"{n} {hyphens.group(4)}") for n in numbers_listed]
        match = re.search(r"\b(?:at|on|after)\s+((?:day|week|month)\s+)?\d", self.text, re.I)
        if not match:
            return []
        position = match.start(1) if match.group(1) else match.end() - 1
        items = []
        while True:
            item = self._TIME_ITEM.match(self.text, position)
            if not item:
                break
            items.append(item.group(0))
            joint = re.match(r"\s*(?:,\s*and|,\s*or|,|and|or)\s*", self.text[item.end():])
            if not joint:
                break
            position = item.end() + joint.end()
        if len(items) < 2 or not self._LISTED_TIME_UNIT.search(items[-1]) \
                and not any(re.search(r"\b(day|week|month)\b", i, re.I) for i in items):
            return []
        units = []
        unit = None
        for text in reversed(items):  # "24 and 72 h": the unit printed last serves the numbers before it
            found = self._TIME_UNIT_WORD.search(text)
            if found and not re.match(r"(day|week|month)\s", text, re.I):
                unit = found.group(0)
            units.insert(0, text if found or re.match(r"(day|week|month)\s", text, re.I) or unit is None else f"{text} {unit}")
        return [parse_timepoint(u) for u in units]

    _RUN_JOINT = re.compile(r"\s*(?:%|mg|µg|μg|mcg|ml|mL|points?|mm|cm)?\s*(?:,\s*and|,\s*or|,|and|or)\s*")

    def _value_runs(self) -> list[list[Span]]:
        """Means (or percentages) printed as lists: "5.2 ± 1.2, 4.9 ± 1.6 and 4.4 ± 2.2" is one run;
        a word other than a joint ("against", "in the placebo group") ends it."""
        def kind(s):  # "187 ± 90 mg" read by the dose rule is a mean too
            return "mean" if s.label_ == "dose" and self._dose_is_result(s) == "mean" else s.label_

        values = sorted((s for s in self.spans if kind(s) in ("mean", "MEAN_PAREN", "percent")), key=lambda s: s.start_char)
        runs: list[list[Span]] = []
        for s in values:
            if runs and kind(runs[-1][-1]) == kind(s) \
                    and self._RUN_JOINT.fullmatch(self.doc.text[runs[-1][-1].end_char : s.start_char]):
                runs[-1].append(s)
            else:
                runs.append([s])
        return runs

    def _run_of(self, span: Span) -> tuple[Optional[list[Span]], int]:
        for run in self._value_runs():
            for i, s in enumerate(run):
                if s.start_char == span.start_char:
                    return (run, i) if len(run) >= 2 else (None, 0)
        return None, 0

    def _run_timepoint(self, span: Span) -> Optional[str]:
        """"at 2, 4 and 8 h were 5.2 ± 1.2, 4.9 ± 1.6 and 4.4 ± 2.2, against 7.7 ± 1.5, 7.3 ± 1.6 and
        6.3 ± 1.9": every run of as many means as the listed timepoints takes them in order."""
        if span.label_ not in ("mean", "MEAN_PAREN", "dose"):
            return None
        points = self._listed_timepoints()
        run, index = self._run_of(span)
        if len(points) < 2 or run is None:
            return None
        listed_at = re.search(r"\b(?:at|on|after)\s+(?:(?:day|week|month)\s+)?\d", self.text, re.I)
        if not listed_at:
            return None
        # the list governs its own ";"-clause: "at 2, 4 and 8 h ... ; at 16 h the scores were ..."
        lo = self.sent.start_char + self.text.rfind(";", 0, listed_at.start()) + 1
        hi = self.text.find(";", listed_at.end())
        hi = self.sent.end_char if hi < 0 else self.sent.start_char + hi
        runs = [r for r in self._value_runs() if r[0].label_ in ("mean", "MEAN_PAREN", "dose") and len(r) >= 2
                and lo <= r[0].start_char < hi]
        if not runs or not lo <= span.start_char < hi or listed_at.start() + self.sent.start_char > runs[0][0].start_char:
            return None  # the timepoints must be listed before the values they label
        if any(len(r) != len(points) for r in runs):
            return None
        return points[index]

    def _chunk_timepoint(self, span: Span) -> Optional[str]:
        """"at 1 and 7 days after discharge (33.3% vs 60.0%; 20.0% vs 46.7%)": as many ";"-chunks of
        values as listed timepoints, each chunk the same size, take the timepoints in order."""
        points = self._listed_timepoints()
        if len(points) < 2:
            return None
        values = [s for s in self.spans if s.label_ in ("mean", "MEAN_PAREN", "percent", "count", "PERCENT_PAIR")]
        listed_at = re.search(r"\b(?:at|on|after)\s+(?:(?:day|week|month)\s+)?\d", self.text, re.I)
        if not values or not listed_at or listed_at.start() + self.sent.start_char > values[0].start_char:
            return None
        if not any(s.start_char <= span.start_char < s.end_char or s.start_char == span.start_char for s in values):
            return None
        first, last = values[0].start_char, values[-1].end_char
        text = self.doc.text[first:last]
        bounds = [first] + [first + m.end() for m in re.finditer(";", text)] + [last + 1]
        if len(bounds) - 1 != len(points):
            return None
        sizes = [sum(1 for s in values if lo <= s.start_char < hi) for lo, hi in zip(bounds, bounds[1:])]
        if len(set(sizes)) != 1 or sizes[0] == 0:
            return None
        index = next(i for i, (lo, hi) in enumerate(zip(bounds, bounds[1:])) if lo <= span.start_char < hi)
        return points[index]

    def _respectively_timepoint(self, span: Span) -> Optional[str]:
        """The timepoint of a value in a "respectively" sentence listing timepoints: values in k
        chunks split by ";" take the k-th timepoint by chunk ("52.2% and 20.6%; 47.9% and 23.8%"),
        otherwise runs of k values take them in turn ("at 24 and 48 h ... 27.9±11.1 and 46.4±15.2
        mg compared to ... 43.2±15.3 and 71.3±19.7 mg")."""
        if "respectively" not in self.text.lower():
            return None
        points = self._listed_timepoints()
        if len(points) < 2:
            return None
        values = [s for s in self.spans if s.label_ in ("mean", "MEAN_PAREN", "percent", "count")
                  or s.label_ == "dose" and self._dose_is_result(s) == "mean"]
        starts = [s.start_char for s in values]
        listed_after = not self._groups_in_sentence()  # "318 (78%) and 301 (74%) attended 12- and 15-month follow-up"
        if span.start_char not in starts or (not listed_after and starts[0] < self.text.lower().find(points[0].split()[0]) + self.sent.start_char):
            return None
        index = starts.index(span.start_char)
        first, last = values[0].start_char, values[-1].end_char
        chunks = self.doc.text[first:last].split(";")
        if len(chunks) == len(points):
            offset = span.start_char - first
            return points[self.doc.text[first : first + offset].count(";")]
        if len(values) % len(points) == 0:
            return points[index % len(points)]
        return None

    def _interleaved_timepoint(self, span: Span) -> Optional[str]:
        """Timepoints whose statistics sit in parentheses after each number and whose unit comes
        once at the end: "at 5 (MD 0.94, p = 0.26), 15 (MD 0.15, p = 0.74) ... and 60 (MD -0.42,
        p = 0.53) minutes" -> MD 0.94 at "5 minutes"."""
        before = self.doc.text[self.sent.start_char : span.start_char]
        opening = before.rfind("(")
        if opening < 0 or ")" in before[opening:]:
            return None
        number = re.search(r"(?:\bat|\bon|\bafter|,|\band)\s+(\d+(?:\.\d+)?)\s*$", before[:opening])
        if not number:
            return None
        rest = self.doc.text[span.start_char : self.sent.end_char]
        closing = rest.find(")")
        if closing < 0:
            return None
        tail = re.match(r"\)(?:\s*,?\s*(?:and\s+)?\d+(?:\.\d+)?\s*\([^()]*\))*\s*(minutes?|min|hours?|h|days?|weeks?|months?)\b",
                        rest[closing:])
        if not tail:
            return None
        return parse_timepoint(f"{number.group(1)} {tail.group(1)}")

    @staticmethod
    def _names_an_end_point(span: Span) -> bool:
        """"the primary/main endpoint" is an outcome, not the time at the end of treatment."""
        return span.text.lower() in ("endpoint", "end-point") and span.start > 0 and \
            span.doc[span.start - 1].lower_ in ("primary", "secondary", "main", "co-primary", "composite", "exploratory", "efficacy", "safety")

    # "(P < 0.05 at each time point)": a value that holds at every timepoint has none of its own
    _EVERY_TIMEPOINT = re.compile(r"[\s,]*(?:at|for|across|over)\s+(?:each|every|all)(?:\s+of\s+the)?\s+(?:the\s+)?"
                                  r"(?:time[\s-]?points?|times|assessments?|visits?|measurements?|intervals?)\b", re.I)

    def _carried_over(self, record: Record) -> Optional[str]:
        """The timepoint the previous sentence of the same paragraph stated, for a sentence that
        states none and goes on with the same results: "Depressive symptoms improved within 72
        hours. Mean HDRS scores decreased by 14 ± SD 10 points ..." (same symptom domain), or
        refers back to them ("The difference ...", "This effect ..."). A new topic takes none."""
        if self.table_row or self._carried is None:
            return None
        if any(self.by_label.get(label) for label in ("TIMEPOINT", "BASELINE")):
            return None
        timepoint, domain, previous = self._carried
        if _ANAPHORA.match(self.text) or domain is not None and record.domain == domain:
            return timepoint
        # the same outcome named again: "At 12 months there was no difference between the mean Beck
        # scores. ..., the difference in Beck scores was 0.4"
        words = [w for w in re.findall(r"[A-Za-z][\w-]{2,}", record.outcome or "")
                 if w.lower() not in ("score", "scores", "mean", "total", "the", "difference", "change", "and", "rate", "rates")]
        if words and all(re.search(rf"\b{re.escape(w)}\b", previous, re.I) for w in words):
            return timepoint
        return None

    def _listed_timepoint(self, span: Span) -> Optional[str]:
        """The timepoint a value takes from timepoints listed in its sentence, if they are."""
        return self._respectively_timepoint(span) or self._run_timepoint(span) or self._chunk_timepoint(span) \
            or self._interleaved_timepoint(span)

    _PERIOD_RULES = {"dosing.duration_over", "dosing.duration_over_the"}
    _FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)
    _TO_AFTER = re.compile(r"\s*to\s+[-−]?\d")

    def _starts_change(self, start: int, end: int) -> bool:
        """The first value of "fell from 4.94 (0.25) to 0.38 (0.72)" in a sentence that names
        baseline: the score the change starts from ("from 5.94 (0.25) at baseline to 0.81 at day 1;
        ... fell from 4.94 (0.25) to 0.38")."""
        return bool(self.by_label.get("BASELINE")) and bool(self._FROM_BEFORE.search(self.doc.text, self.sent.start_char, start)) \
            and bool(self._TO_AFTER.match(self.doc.text, end, self.sent.end_char))

    def _timepoint_for(self, span: Span, start: int, end: int) -> Optional[str]:
        if self._EVERY_TIMEPOINT.match(self.doc.text, end, self.sent.end_char):
            return None
        if self.table_row:
            header = self._column_header(span)
            columns = len(self.state.table_header or [])
            if header and is_timepoint(header):
                # a row with fewer cells than timepoint columns ("HAM-A  22.6 ± 5.0  8.7 ± 4.2" under
                # "Scale  Baseline  1 h  After sixth dose  1 month later") does not say which it fills
                return parse_timepoint(header) if len(self.cells) in (columns, columns + 1) else None
        else:
            if self._starts_change(start, end):
                return "baseline"
            listed = self._listed_timepoint(span)
            if listed:
                return listed
            # "(33.3% vs 60.0%; P=0.011 and 24.4% vs 46.7%; P=0.028, respectively)": one p per listed
            # timepoint, each after the values it compares; a single p after the whole list has none
            p_spans = self.by_label.get("p", [])
            if span.label_ == "p" and len(p_spans) >= 2 and len(p_spans) == len(self._listed_timepoints()):
                compared = [s for s in self.spans if s.label_ in ("mean", "MEAN_PAREN", "percent", "count") and s.end_char <= start]
                if compared and not any(s.label_ == "p" and compared[-1].end_char <= s.start_char < start for s in self.spans):
                    listed = self._listed_timepoint(compared[-1])  # the p of the values before it
                    if listed:
                        return listed
        points = sorted((s for s in self.by_label.get("TIMEPOINT", []) + self.by_label.get("BASELINE", []) if not after_from(s)
                         and not self._names_an_end_point(s)), key=lambda s: s.start)
        if not points and not self.table_row:
            # "Daily pain intensity ... over 35 days (mean area under the curve = 185 ± 100 ...)": in a
            # sentence that reports values, a period "over N days" is when they were measured (_dosing
            # leaves it out for that reason); an infusion's length is no such period
            points = [s for s in self.by_label.get("duration", []) if s.id_ in self._PERIOD_RULES and
                      not _GIVEN.search(self.doc.text, max(self.sent.start_char, s.start_char - 40), s.start_char)
                      and s.end_char <= start and not _opens_next_clause(self.doc.text[s.end_char:start])]
        if not points:
            return None
        after = [s for s in points if s.start_char >= end and s.start - span.end <= 1]
        chosen = after[0] if after else None
        if chosen is None:
            before = [s for s in points if s.end_char <= start]
            # a timepoint after the value but past a ";" opens the next clause ("...; this
            # improvement remained significant through day 3"): it is not this value's
            later = [s for s in points if s.start_char >= end and not _opens_next_clause(self.doc.text[end:s.start_char])]
            chosen = before[-1] if before else (later[0] if later else None)
            if before and later and _opens_next_clause(self.doc.text[before[-1].end_char:start]):
                chosen = later[0]  # "...in the double-blind phase; so did 1 of 57 (2%) in the open-label phase"
        if chosen is None:
            return None
        return "baseline" if chosen.label_ == "BASELINE" else parse_timepoint(chosen.text)

    def _group_for(self, value: _Value) -> Optional[str]:
        if self.table_row:
            header = self._column_header(value.span)
            if header and self._header_names_arm(header):
                return expand_abbreviations(clean_group(header), self.state.abbreviations)
            return None
        run_group = self._run_group(value)
        if run_group:
            return run_group
        groups = self._groups_in_sentence()
        paired = self._pair_group(value.record, groups)
        if paired is not None and not (len(groups) >= 2 and "respectively" in self.text.lower()):
            return paired or None
        people = self._arm_of_value_people(value)
        if people:
            return people
        if not groups:
            return self._group_by_drug(value)
        values = [s for s in self.spans if s.label_ in DESCRIPTIVES + ("PERCENT_PAIR", "MEAN_PAREN")]
        if len(groups) >= 2 and values and "respectively" in self.text.lower():
            starts = []
            for s in values:
                if s.label_ == "PERCENT_PAIR":
                    starts += [s.start_char, s.end_char - 1]
                else:
                    starts.append(s.start_char)
            if len(starts) % len(groups) == 0 and value.record.char_start in starts:
                return groups[starts.index(value.record.char_start) % len(groups)][1]
        if len(groups) < 2:
            by_drug = self._group_by_drug(value)
            if by_drug:
                return by_drug
        if value.span.label_ == "PERCENT_PAIR" and len(groups) >= 2:
            return groups[0 if value.record.char_start == value.span.start_char else 1][1]
        if value.span.label_ == "PERCENT_PAIR" and value.record.char_start != value.span.start_char:
            return None
        # "24 of 60 patients (40.0%) in the esketamine group": the group named right after the value
        # "301 patients (13.1%) in the ketamine group": the count's own percentage is no later value
        # "12.7 (SD 7.6; n = 20) in the ketamine group": nor is the value's own n
        later_values = [s.start_char for s in self.spans if s.label_ in DESCRIPTIVES and s.start_char > value.span.end_char
                        and not re.fullmatch(r"\s*[(\[]\s*", self.doc.text[value.span.end_char : s.start_char])]  # "4.9% [7/142]": its own count
        next_value = min(later_values, default=len(self.doc.text))
        for position, name in groups:
            gap = self.doc.text[value.span.end_char : position]
            if value.span.end_char <= position < next_value and len(gap) <= 40 and re.fullmatch(
                    r"[\s(),.%\d\[\]/]*(?:[;,]?\s*[nN]\s*=\s*\d+\s*[)\]]?\s*)?(?:(?:of\s+)?(?:the\s+)?(?:patients|participants|subjects|adults|children|women|men|people)\s+)?(in|among|for|of)?( the)?\s*", gap):
                return name
        before = [g for g in groups if g[0] <= value.record.char_start]
        if before and re.search(r";\s*(?:the\s+)?(?:mean\s+|absolute\s+|between[- ]group\s+)?differences?\b",
                                self.doc.text[before[-1][0] : value.record.char_start], re.I):
            return None  # "...in the placebo group; P = .37); the difference between groups was 5%": no one arm's
        return before[-1][1] if before else None

    _PEOPLE_GIVEN = r"(?:who\s+(?:were|was)\s+)?(?:receiving|given|treated\s+with|randomi[sz]ed\s+to|assigned\s+to|allocated\s+to)\s+"
    _PEOPLE_WORDS = "|".join(sorted(PEOPLE))
    _TREATMENT_LEAD = r"(?:a\s+|an\s+|the\s+)?(?:[\d.]+-(?:day|week|hour|h)\s+)?"
    # "46% receiving ketamine", "45 (38%) of the patients given ketamine": the arm after the value
    _PEOPLE_AFTER = re.compile(r"[\s(),.%\d\[\]/]*(?:(?:of\s+)?(?:the\s+)?(?:" + _PEOPLE_WORDS + r")\s+)?" + _PEOPLE_GIVEN
                               + _TREATMENT_LEAD, re.I)
    # "Among patients receiving ECT, ...": the arm opening the clause
    _PEOPLE_LEAD = re.compile(r"(?:^|[;:]\s*)(?:among|in|of|for)\s+(?:the\s+)?(?:" + _PEOPLE_WORDS + r")\s+" + _PEOPLE_GIVEN
                              + _TREATMENT_LEAD, re.I)

    def _arm_of_value_people(self, value: _Value) -> Optional[str]:
        """The arm named as the people a share belongs to: "Among patients receiving ECT, 63% remitted
        compared with 46% receiving ketamine infusions" -> ECT, ketamine. The arm opens the clause
        the value is in, or follows the value ("46% receiving ketamine")."""
        start, end = value.record.char_start, value.span.end_char
        after = self._PEOPLE_AFTER.match(self.doc.text[end : end + 60])
        if after:
            arm = self._named_arm_at(end + after.end())
            if arm:
                return arm
        clause = self.doc.text[self.sent.start_char : start]
        lead = self._PEOPLE_LEAD.search(clause)
        if lead and re.fullmatch(r"[^,;]{0,60},\s*(?:[^,;\d]{0,20}\s)?", clause[lead.end():]):
            return self._named_arm_at(self.sent.start_char + lead.end())
        return None

    def _named_arm_at(self, position: int) -> Optional[str]:
        """The arm named at position: a drug or group span, else an abbreviation ("ECT")."""
        for s in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", []):
            if s.start_char == position:
                return self._canonical(s) if s.label_ == "DRUG" else clean_group(s.text)
        word = re.match(r"[A-Z][A-Za-z0-9-]{1,20}\b|[a-z][a-z-]{3,20}\b", self.doc.text[position : position + 24])
        if word is None or _STATISTIC_LABEL.fullmatch(word.group(0)) or word.group(0)[0].islower() and not _DRUG_NAME.search(word.group(0)):
            return None  # a name as printed ("ECT", "Entyvio") or a drug by its stem ("ivonescimab")
        return word.group(0)

    def _run_group(self, value: _Value) -> Optional[str]:
        """The arm of a mean in a run: the names listed "for A, B, and C, respectively" after it, in
        order; else the group named right after the run ("..., 4.4 ± 2.2 in the ketamine group");
        else, where the other run of the sentence names the comparator, the one active drug the
        article has named ("5.2 ± 1.2, ... against 7.7 ± 1.5, ... in the placebo group")."""
        if value.span.label_ not in ("mean", "MEAN_PAREN", "dose"):
            return None
        run, index = self._run_of(value.span)
        if run is None:
            return None
        tail = self.doc.text[run[-1].end_char : self.sent.end_char]
        listed = re.match(r"[^;()]*?\b(?:for|in)\s+(?:the\s+)?([^;()]+?),?\s+respectively\b", tail)
        if listed:
            names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", listed.group(1)) if n.strip()]
            plural = re.search(r"\s+(group|arm|condition)s$", names[-1]) if names else None
            if plural:  # "in the ketamine and placebo groups, respectively": each one a group
                names = [re.sub(r"\s+(group|arm|condition)s$", "", n) + f" {plural.group(1)}" for n in names]
            if len(names) == len(run) and all(len(n.split()) <= 4 for n in names):
                return clean_group(names[index])
            return None
        runs = [r for r in self._value_runs() if len(r) == len(run) and r[0].label_ in ("mean", "MEAN_PAREN", "dose")]
        named = {}
        for r in runs:
            after = re.match(r"\s*(?:mg|points?|%)?\s*(?:in|among|for|with)\s+(?:the\s+)?(?P<name>[\w/+-]+(?:\s+[\w/+-]+)?\s+(?:group|arm)s?|[\w/+-]+)\b",
                             self.doc.text[r[-1].end_char : self.sent.end_char])
            if after:
                name = after.group("name")
                drug = next((self._canonical(d) for d in self.by_label.get("DRUG", []) + self.by_label.get("GROUP", [])
                             if d.start_char == r[-1].end_char + after.start("name")), None)
                if drug or re.search(r"\b(group|arm)s?$", name):
                    named[r[0].start_char] = clean_group(name) if not drug or re.search(r"\b(group|arm)s?$", name) else drug
        if run[0].start_char in named:
            return named[run[0].start_char]
        if len(runs) == 2 and len(named) == 1:
            other = next(iter(named.values()))
            if re.search(r"\b(placebo|saline|control|sham)\b", other, re.I):
                active = [d for d in self._drugs_in_order() if d not in COMPARATORS and d != "morphine" and d not in other] \
                    or [d for d in self._active_before if d not in other]
                if len(set(active)) == 1:
                    return active[0]
        return None

    _UNIT_WORD = r"(?:%|mg|µg|μg|mcg|ml|mL|points?|h|hrs?|hours?|min|minutes?|days?|s)"
    _PAIR_UNIT = rf"\s*{_UNIT_WORD}?\s*(?:\([^()]*\)|\[[^\[\]]*\]|±\s*[\d.]+)?\s*(?:{_UNIT_WORD}\b)?\s*"
    _PAIR_FIRST = re.compile(r"\s*[\])]?" + _PAIR_UNIT + r"(?:vs\.?|versus)\s*[-−]?\.?\d")  # the value is a pair's first
    _PAIR_SECOND = re.compile(r"(?<![\w.])[-−]?\d[\d.]*\s*[\])]?" + _PAIR_UNIT + r"(?:vs\.?|versus)\s*(?:\d+\s*[\[(]\s*)?$")

    def _pair_group(self, record: Record, groups: list) -> Optional[str]:
        """The arm of one value of an "A vs B" pair: "nausea in the CTRL group compared with the PERI
        group (27% vs 4%)" -> 27% CTRL, 4% PERI; "between placebo and ketamine [9.0 versus 10.3 mg]"
        -> 9.0 placebo. The arms are the last two groups (else drugs) named before the pair, in
        order. None when the value is in no pair; "" when its arm is not named."""
        after = self.doc.text[record.char_end : record.char_end + 40]
        before = self.doc.text[max(self.sent.start_char, record.char_start - 40) : record.char_start]
        if self._PAIR_FIRST.match(after):
            index, pair_start = 0, record.char_start
        else:
            # "... 3.5 ± 1.5 h vs. 1.9", "22 [40%] vs 13 [24%]": the count before a bracketed share is part of the pair
            match = self._PAIR_SECOND.search(before)
            if not match:
                return None
            index, pair_start = 1, record.char_start - len(before) + match.start()
        for position, _ in groups:  # "13.4 ± 7.8 mg in the placebo group": named right after, it wins
            if 0 <= position - record.char_end <= 30 and re.fullmatch(
                    r"[\s(),.%\d±]*(mg\s*)?(in|among|for|of|with)?( the)?\s*", self.doc.text[record.char_end : position]):
                return None
        named = self._arms_before(groups, pair_start)
        arms = [name for _, name in named]
        if len(arms) >= 2:
            (first_at, first), (second_at, second) = named[-2:]
            if _NAMES_REFERENCE.search(self.doc.text[max(self.sent.start_char, first_at - 25) : first_at]) \
                    and not _NAMES_REFERENCE.search(self.doc.text[max(self.sent.start_char, second_at - 25) : second_at]):
                first, second = second, first  # "Compared with placebo, X decreased ... (31% vs 53%)": X first
            return (first, second)[index]
        if len(arms) == 1:
            if index == 1 and len(self.state.comparators) == 1 and arms[0] not in self.state.comparators \
                    and not _REFERENCE_ARM.search(arms[0]):
                return self.state.comparators[0]  # "longer with ketamine (3.5 vs 1.9 h)": against the trial's one comparator
            return arms[0] if index == 0 else ""
        return None

    def _arms_before(self, groups: list, end: int) -> list[tuple[int, str]]:
        """The arms named before character end, in order: groups as printed ("the control group
        (Group C)" is one arm), and drugs named outside any group ("dexmedetomidine decreased")."""
        spans = sorted((s for s in self.by_label.get("GROUP", []) if s.start_char < end), key=lambda s: s.start_char)
        named: list[tuple[int, str]] = []
        for position, name in groups:
            if position >= end:
                continue
            alias = next((s for s in spans if s.start_char == position), None)
            earlier = next((s for s in spans if alias is not None and s.end_char <= position
                            and re.fullmatch(r"\s*\(\s*", self.doc.text[s.end_char : position])), None)
            if earlier is not None and named and named[-1][0] == earlier.start_char:
                named[-1] = (earlier.start_char, f"{named[-1][1]} ({name})")
                continue
            named.append((position, name))
        grouped = [(s.start_char, s.end_char) for s in spans]
        for d in self.by_label.get("DRUG", []):
            name = self._canonical(d)
            if d.start_char >= end or name == "antidepressant" or any(a <= d.start_char < b for a, b in grouped):
                continue
            if re.search(r"\b(of|rescue|supplemental)\s+$", self.doc.text[max(0, d.start_char - 14) : d.start_char], re.I) or \
                    re.match(r"\s+(consumption|requirements?|use|usage|doses?|equivalents?)\b", self.doc.text[d.end_char : d.end_char + 14], re.I):
                continue  # "the amount of morphine", "morphine consumption": what was measured, not an arm
            if name not in [n for _, n in named]:
                named.append((d.start_char, name))
        return sorted(named)

    def _header_names_arm(self, header: str) -> bool:
        """A column header that names an arm: not a timepoint, an instrument, a statistic's column
        ("P value", "F test", "95% CI", "Estimated effects") or the whole sample ("Total (n = 331)")."""
        return not (is_timepoint(header) or self._names_instrument(header) or _STATISTIC_COLUMN.match(header)
                    or WHOLE_SAMPLE.match(header))

    def _names_instrument(self, text: str) -> bool:
        """A column headed "MADRS total" holds an outcome, not a group."""
        if any(s.text in text for s in self.by_label.get("instrument", [])):
            return True
        if self.state.capitalised_instruments is None:
            self.state.capitalised_instruments = _capitalised_instruments(self.state.pack)
        return bool(self.state.capitalised_instruments.search(text))

    def _drugs_in_order(self) -> list[str]:
        names = []
        for s in self.by_label.get("DRUG", []):
            name = self._canonical(s)
            if name != "antidepressant" and name not in names:
                names.append(name)
        return names

    def _group_by_drug(self, value: _Value) -> Optional[str]:
        """Values of one kind that come in as many as the drugs the sentence compares belong to
        them in order: "6.95±1.47 versus 8.40±1.6 ... with ketamine than with diclofenac"."""
        inside = [d for d in self.by_label.get("DRUG", []) if value.span.start <= d.start and d.end <= value.span.end]
        if inside:  # "Three of 56 esketamine-treated participants (5%)"
            return self._canonical(inside[0])
        for d in self.by_label.get("DRUG", []):  # "45% (ketamine) and 20% (placebo)"
            if d.start_char >= value.record.char_end and re.fullmatch(r"\s*\(\s*", self.doc.text[value.record.char_end : d.start_char]) \
                    and re.match(r"\s*\)", self.doc.text[d.end_char : d.end_char + 3]):
                return self._canonical(d)
            # "MADRS scores fell by 16.5 points with ketamine and by 8.8 points with midazolam": the drug right after the change
            if value.record.kind == "mean" and d.start_char >= value.record.char_end and not self._design_word(d) and re.fullmatch(
                    r"\s*(?:points?|%|mg)?\s*(?:with|after|under)\s+(?:the\s+)?", self.doc.text[value.record.char_end : d.start_char]):
                return self._canonical(d)
        drugs = self._drugs_in_order()
        if len(drugs) < 2 or not re.search(r"\b(vs\.?|versus|compared|than|respectively)\b", self.text, re.I):
            return None
        same_kind = [v for v in self._values_of_kind(value.record.kind)]
        if not same_kind or len(same_kind) % len(drugs) or value.record.char_start not in same_kind:
            return None
        return drugs[same_kind.index(value.record.char_start) % len(drugs)]

    def _values_of_kind(self, kind: str) -> list[int]:
        starts = []
        for s in self.spans:
            if s.label_ == kind or (kind == "mean" and s.label_ == "MEAN_PAREN"):
                starts.append(s.start_char)
            elif kind == "percent" and s.label_ == "count" and s.text.rstrip().endswith(")"):
                match = re.search(r"(\d+(?:\.\d+)?)\s*%?\s*\)\s*$", s.text)
                if match:
                    starts.append(s.start_char + match.start(1))
            elif kind == "percent" and s.label_ == "PERCENT_PAIR":
                second = re.search(r"([\d.]+)\s*%\s*$", s.text)
                starts += [s.start_char, s.start_char + second.start(1)] if second else [s.start_char]
        return starts

    def _groups_in_sentence(self) -> list[tuple[int, str]]:
        groups = []
        for s in self.by_label.get("GROUP", []):
            pair = re.fullmatch(r"(\w+) (?:and|or|vs|versus) (\w+) (groups|arms|conditions)", s.text, re.I)
            if pair:  # "the ketamine and placebo groups": two groups
                noun = pair.group(3)[:-1]
                groups += [(s.start_char, f"{pair.group(1)} {noun}"), (s.start_char + pair.start(2), f"{pair.group(2)} {noun}")]
            else:
                groups.append((s.start_char, clean_group(s.text)))
        for s in self.by_label.get("group_n", []):
            g = self._group_before(s)
            if g and not any(abs(pos - s.start_char) < 40 and name in g for pos, name in groups):
                groups.append((s.start_char, g))
        return sorted(groups)

    def _stat_drug(self, record: Record) -> Optional[str]:
        """The drug an estimate is about, when its sentence names exactly one ("ketamine was found
        to have a significant effect on VAS (b, -0.992 ..."). p-values and per-group values carry
        their group instead."""
        if record.kind not in ESTIMATES:
            return None  # test statistics carry their arms in group, not a drug (corpora/README)
        if self.table_row:  # "LS mean difference from placebo" under "Esk 28 mg": the column's drug
            cell = next((s for s in self.spans if s.start_char <= record.char_start < s.end_char), None)
            header = self._column_header(cell) if cell is not None else None
            named = self._drugs_named_in(header) if header else []
            active = [d for d in named if d not in COMPARATORS]
            return self._alias(active[0]) if len(set(active)) == 1 else None
        # the experimental arm's drug, also in a comparison: "More patients responded to ketamine
        # (odds ratio=2.85" is ketamine's effect; with no drug or several it is none
        active = [d for d in self._drugs_in_order() if d not in COMPARATORS]
        if not active and not self._drugs_in_order() and self.state.comparators:
            return self._trial_drug()  # "The lowest dose was significant ... d = -0.82" in a controlled trial
        return self._alias(active[0]) if len(active) == 1 else None

    def _drugs_named_in(self, text: str) -> list[str]:
        """Canonical drugs a header names, abbreviations included ("Esk 28 mg" with "Esk, esketamine")."""
        names = [full for short, full in self.state.abbreviations.items() if re.search(rf"\b{re.escape(short)}\b", text)]
        lowered = text.lower()
        names += [r.canonical for r in self.state.pack.rules if r.label == "DRUG" and r.canonical
                  and re.search(rf"\b{re.escape(r.canonical.lower())}\b", lowered)]
        return names

    def _alias(self, name: Optional[str]) -> Optional[str]:
        return self.state.isomer if name == "ketamine" and self.state.isomer else name

    @staticmethod
    def _design_word(span: Span) -> bool:
        """"placebo-controlled" names a design and "ketamine-naïve patients" a history, not an arm."""
        following = [t.lower_ for t in span.doc[span.end : span.end + 2]]
        return following[:1] == ["controlled"] or (following[:1] == ["-"] and following[1:] and following[1] in _NOT_ARM_SUFFIXES)

    def _trial_drug(self) -> Optional[str]:
        """The article's one active drug so far (comparators and drug classes aside), if it has one."""
        names = {self._alias(name) for name in self.state.active_drugs}
        return names.pop() if len(names) == 1 else None

    def _regimen_drug(self, span: Span) -> Optional[str]:
        """The drug a dose, route or schedule belongs to: the one _drug_near finds; where the
        sentence names none, the article's one active drug ("Six doses were given over 2 weeks");
        none where a schedule is given to several arms at once ("either dexmedetomidine (..) or
        ondansetron (..) or haloperidol (..), administered twice daily", "ketamine or placebo, each
        given ... twice weekly", "one infusion every 35 days: ketamine/placebo or ketamine/magnesium")."""
        named = [d for d in self.by_label.get("DRUG", []) if not self._design_word(d)]
        if not named:  # a dose without a drug is often a co-medication's ("PCA ... 1 mg bolus"): it stays unnamed
            return self._trial_drug() if span.label_ != "dose" else None
        drugs = [d for d in named if self._canonical(d) != "antidepressant"]
        if not drugs and span.label_ != "route":  # "five sessions alongside their regular antidepressants"
            return self._trial_drug()
        if span.label_ in ("frequency", "administrations") and drugs and self._right_after(span, drugs) is None \
                and self._shared_schedule(span, drugs):
            return self._trial_drug()  # every arm's schedule carries the study drug, if the article has one
        return self._alias(self._drug_near(span))

    def _shared_schedule(self, span: Span, drugs: list[Span]) -> bool:
        active = [d for d in drugs if self._canonical(d) not in COMPARATORS]
        before = [d for d in drugs if d.end <= span.start]
        if any(d.start >= span.end for d in drugs) and not [d for d in before if self._canonical(d) not in COMPARATORS]:
            after = [d for d in active if d.start >= span.end]
            gap = self.doc.text[span.end_char : after[0].start_char] if after else ""
            return len({self._canonical(d) for d in after}) >= 2 and not re.fullmatch(r"\s*(of\s+)?", gap)
        if not before:
            return False
        between = self.doc.text[before[-1].end_char : span.start_char]
        if len(before) >= 2 and re.search(r",\s*(each|both|all)\b", between):
            return True
        listed = [d for d in before if self._canonical(d) not in COMPARATORS]
        if len({self._canonical(d) for d in listed}) < 2 or listed[-1] is not before[-1] or "," not in between:
            return False
        return bool(re.search(r"\b(or|and)\b", self.doc.text[listed[-2].end_char : listed[-1].start_char]))

    def _drug_near(self, span: Span) -> Optional[str]:
        """The drug a dose or regimen belongs to: right after it ("0.5 mg/kg ketamine", "0.5 mg/kg
        of ketamine"), else the nearest before it ("ketamine hydrochloride (0.5 mg/kg) or
        midazolam"), else the nearest after it."""
        drugs = [d for d in self.by_label.get("DRUG", []) if self._canonical(d) != "antidepressant" and not self._design_word(d)]
        if span.label_ == "route":
            drugs = [d for d in self.by_label.get("DRUG", []) if not self._design_word(d)]
            active = [d for d in drugs if self._canonical(d) not in COMPARATORS]
            drugs = active or drugs
        if not drugs:
            return None
        active = [d for d in drugs if self._canonical(d) not in COMPARATORS]
        # a schedule is the active arm's, placebo only mimics it: "8 infusions administered twice
        # weekly of intravenous placebo (n = 54) ... or standard dose (0.5 mg/kg) ketamine"
        schedule = span.label_ in ("administrations", "frequency")
        attached = self._right_after(span, (active or drugs) if schedule else drugs)
        if attached is not None:
            return self._canonical(attached)
        before = [d for d in drugs if d.end <= span.start]
        if schedule:  # "ketamine and saline ... five applications"
            before = [d for d in before if self._canonical(d) not in COMPARATORS] or before
        named = [d for d in before if self._canonical(d) != "placebo"]  # "midazolam (active placebo) 0.045 mg/kg"
        if named:
            return self._canonical(named[-1])
        after = [d for d in active if d.start >= span.end]
        if after and (schedule or span.label_ == "dose"):  # placebo gets no dose: "placebo (n = 54), low dose (0.2 mg/kg) ... ketamine"
            return self._canonical(after[0])
        if before:
            return self._canonical(before[-1])
        return self._canonical(min(drugs, key=lambda d: abs(d.start - span.end)))

    def _drug_lasting(self, span: Span) -> Optional[str]:
        """The drug a duration is the length of: the subject of "was continued / administered /
        infused for N", or the drug of "an N-day continuation phase of X"."""
        drugs = [d for d in self.by_label.get("DRUG", []) if not self._design_word(d) and self._canonical(d) not in COMPARATORS]
        before = [d for d in drugs if d.end <= span.start]
        if before:
            between = self.doc.text[before[-1].end_char : span.start_char]
            if re.fullmatch(r"[\w\s/().\u2212-]{0,40}?\b(?:(?:was|were|is|are)\s+)?(?:continued|maintained|administered|infused|given)"
                            r"(?:\s+[\w-]+){0,4}\s*", between) and not re.search(r"[;:]|\band\b", between):
                return self._canonical(before[-1])
        after = [d for d in drugs if d.start >= span.end]
        if after and re.fullmatch(r"[\w\s,-]{0,80}?\b(?:continuation|maintenance|extension)\s+(?:trial|phase|period|study)\s+of\s+"
                                  r"(?:[\w-]+\s+){0,3}", self.doc.text[span.end_char : after[0].start_char]):
            return self._canonical(after[0])
        return None

    def _right_after(self, span: Span, drugs: list[Span]) -> Optional[Span]:
        """The drug right after span ("0.5 mg/kg ketamine", "six infusions of ketamine"); regimen
        words stacked before a drug modify it ("single-dose intravenous (IV) ketamine")."""
        modifiers = {i for label in ("route", "frequency") for s in self.by_label.get(label, []) for i in range(s.start, s.end)}
        # the doses of a list share the drug named after its last one: "0.5 mg ml−1 (74.7 mg) or 0.25 mg ml−1 (74.1 mg) S-ketamine"
        listed = {i for s in self.by_label.get("dose", []) for i in range(s.start, s.end)} if span.label_ == "dose" else set()
        for d in drugs:
            if d.start < span.end:
                continue
            words, depth = [], 0
            for t in span.doc[span.end : d.start]:
                depth = max(0, depth + (t.text == "(") - (t.text == ")"))  # a bracket the span itself is in closes at 0
                if t.i not in modifiers and t.text not in "()" and depth == 0:
                    words.append(t)
            gap = [t.lower_ for t in words]
            if gap == [] or gap == ["of"]:
                return d
            if listed and any(t.i in listed for t in words) and all(t.i in listed or t.lower_ in ("or", "and", ",") for t in words):
                return d
        return None

    def _canonical(self, span: Span) -> Optional[str]:
        return self.state.pack.rule(span.id_).canonical

    # ---- groups named around sample sizes
    def _group_before(self, span: Span) -> Optional[str]:
        """The group phrase before "(n=50)": "ketamine group (n = 36)" -> "ketamine group";
        "with (n=50) or without pain (n=54)" -> "with pain" and "without pain"."""
        i = span.start - 1
        if i >= 0 and span.doc[i].text == "(":
            i -= 1
        dose = next((d for d in self.by_label.get("dose", []) if d.end - 1 == i), None)
        if dose is not None:
            drug = self._drug_near(dose)
            return f"{drug} {dose.text}" if drug else dose.text
        words = self._phrase_before(span)
        if not words and i > self.sent.start and span.doc[i].text in (";", ","):
            # "low dose (0.2 mg/kg; n = 53)": the arm named before parentheses that give its dose first
            dose = next((d for d in self.by_label.get("dose", []) if d.end == i), None)
            if dose is not None and dose.start > self.sent.start and span.doc[dose.start - 1].text == "(":
                named = self._phrase_before(span, dose.start - 1)
                if named and not any(w.lower() in _NOT_AN_ARM or w.lower() in _ARM_CLAUSE_WORDS for w in named):
                    return " ".join(named)
        if not words and i > self.sent.start and span.doc[i].text == ",":
            # "(Group M, n = 176)": the arm named first inside the same parentheses
            words = self._phrase_before(span, i)
            if not words or span.doc[i - len(words) - 1].text not in ("(", "["):
                return None
        if not words:
            return None
        if any(w.lower() in _NOT_AN_ARM or w.lower() in _ARM_CLAUSE_WORDS for w in words):
            return None  # "was lower (n=10 736)", "patients randomly assigned (30 in each group)"
        while words and (words[0].lower() in PEOPLE or words[0].lower() in ("the", "a", "an", "in", "of")
                         or words[0].lower() == "with" and len(words) > 1):
            words = words[1:]
        if words in (["with"], ["without"]):
            sibling = self._sibling_noun(span)
            if sibling:
                return f"{words[0]} {sibling}"
            return None
        phrase = re.sub(r"(?<=\w) - (?=\w)", "-", " ".join(words))  # "low-intensity", as printed
        if re.fullmatch(r"(?i)(?:both|all|other|study|treatment)?\s*(?:groups|arms|conditions|cohorts)", phrase):
            return None  # "between the three groups (n = 20)": the whole sample, no one arm
        if is_timepoint(phrase) or re.search(r"\b(sd|se|mean|scores?|total|sizes?|sample)\b|±", phrase, re.I):
            return None
        return phrase if re.search(r"[a-z]{2}", phrase, re.I) else None

    _ARM_VERBS = r"(?:receiv(?:ed|ing)|given|treated with|allocated to|assigned to|randomi[sz]ed to|in the)"
    _ARM_VERB_GAP = re.compile(rf"\s*(?:were\s+|who\s+)?{_ARM_VERBS}\s+(?:the\s+|only\s+)?", re.I)  # "30 were given the ..."

    def _arm_of_people(self, span: Span) -> Optional[str]:
        """The arm a number of people belongs to: "seven patients receiving ketamine", "34 patients
        in the MK group", "Ketamine was given to 4588 participants" -> the drug or group named. Only
        where the sentence sets arms side by side (two drugs or groups, or two sample sizes): in
        "Forty patients received ketamine" the forty are the whole sample."""
        arms = {self._canonical(d) for d in self.by_label.get("DRUG", [])} | {g.text.lower() for g in self.by_label.get("GROUP", [])}
        sizes = self.by_label.get("total_n", []) + self.by_label.get("group_n", [])
        if len(arms) < 2 and len(sizes) < 2:
            return None
        arm_spans = self.by_label.get("DRUG", []) + self.by_label.get("GROUP", [])
        for d in arm_spans:
            if any(re.fullmatch(r"\s*(?:,|or|and|vs\.?|versus)\s+(?:the\s+|to\s+)?", self.doc.text[d.end_char : o.start_char])
                   for o in arm_spans if o.start_char > d.end_char):
                continue  # "67 were randomized to ketamine or placebo": the whole sample, not one arm
            gap_after = self.doc.text[span.end_char : d.start_char]
            if d.start_char >= span.end_char and self._ARM_VERB_GAP.fullmatch(gap_after):
                return self._canonical(d) if d.label_ == "DRUG" else clean_group(d.text)
            if d.start_char >= span.end_char and (re.search(r"\b(assigned|allocated|randomi[sz]ed)$", span.text, re.I)
                                                  and re.fullmatch(r"\s*to\s+(?:receive\s+)?(?:the\s+)?", gap_after, re.I)
                                                  or re.fullmatch(r"\s*(?:were|was)\s+(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+"
                                                                  r"to\s+(?:receive\s+)?(?:the\s+)?", gap_after, re.I)):
                # "2294 were assigned to ketamine", "120 patients were randomly assigned to ketamine and 118 to placebo"
                return self._canonical(d) if d.label_ == "DRUG" else clean_group(d.text)
            gap_before = self.doc.text[d.end_char : span.start_char]
            if d.end_char <= span.start_char and re.fullmatch(r"\s*(?:\w+\s+){0,2}(?:was|were)\s+(?:given|administered)\s+to\s+", gap_before, re.I):
                return self._canonical(d) if d.label_ == "DRUG" else clean_group(d.text)
        if re.match(r"\s*(?:served|acted)\s+as\s+(?:the\s+)?controls?\b", self.doc.text[span.end_char : span.end_char + 30], re.I):
            return "control"
        return None

    def _phrase_before(self, span: Span, end: Optional[int] = None) -> list[str]:
        """The words before span (or before token end), up to a stop word, number or bracket."""
        doc = span.doc
        i = span.start - 1 if end is None else end - 1
        if i >= 0 and doc[i].text in ("(", "[") and end is None:
            i -= 1
        words = []
        stop = {"and", "or", "vs", "vs.", "versus", "compared", "than", "to", ",", ";", ":", "(", ")", "of", "between", "among", "into", "were", "was"}
        while i >= self.sent.start and len(words) < 6:
            token = doc[i]
            if token.lower_ in stop or token.is_punct and token.text not in ("-", "'"):
                break
            if token.like_num or token.is_space:
                break
            words.insert(0, token.text)
            i -= 1
        return words

    def _sibling_noun(self, span: Span) -> Optional[str]:
        """For "with (n=50) or without pain (n=54)": the noun the coordinated phrase ends with."""
        for other in self.by_label.get("group_n", []):
            if other.start > span.start:
                words = self._phrase_before(other)
                if len(words) >= 2 and words[0].lower() in ("with", "without"):
                    return " ".join(words[1:])
                break
        return None

    def _row_arm(self) -> Optional[str]:
        """A table row that describes an arm: "Ketamine, very low dose  0.1 mg/kg  n = 18"."""
        doses = self.by_label.get("dose", [])
        drugs = [d for d in self.by_label.get("DRUG", []) if d.end_char <= self.cells[0][1]] if self.cells else []
        if not drugs:
            return None
        drug = self._canonical(next((d for d in drugs if self._canonical(d) != "placebo"), drugs[0]))
        return f"{drug} {doses[0].text}" if doses else drug

    def _counts_beside(self, span: Span) -> bool:
        """Whether the sentence counts people in another arm before span ("Three of 56 ...")."""
        return any(s.label_ in ("count", "percent", "PERCENT_PAIR") and s.end <= span.start for s in self.spans)

    def _counted(self, span: Span, start: Optional[int] = None, end: Optional[int] = None, **values) -> Record:
        """A number of people that counts something ("126 adults screened", "(38 women)"): a
        count, described like any other count."""
        value = _Value(span, self._record(span, "count", start=start, end=end, **values))
        self._describe(value)
        return value.record

    def _size_before(self, span: Span) -> Optional[int]:
        """The last number of people the sentence states before span ("Two hundred and thirty-six
        patients were enrolled, 207 of them men" -> 236)."""
        for other in reversed(self.by_label.get("total_n", []) + self.by_label.get("group_n", [])):
            if other.end <= span.start:
                value = parse_number(other.text) if not other.id_.endswith("words") else None
                if value is None:
                    value = parse_number(words_only(other.text))
                return int(value) if value else None
        return None

    def _total_before(self, span: Span) -> Optional[int]:
        for other in reversed(self.by_label.get("total_n", [])):
            if other.end <= span.start - 1:
                value = parse_number(other.text)
                return int(value) if value is not None else None
        return None

    def _group_span_after(self, span: Span) -> Optional[Span]:
        for g in self.by_label.get("GROUP", []):
            if 0 <= g.start - span.end <= 3 and span.doc[span.end].lower_ in ("in", "from", "of", "received", "receiving", "to"):
                return g
        return None
