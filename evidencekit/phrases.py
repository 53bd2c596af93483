"""Token-level phrase heuristics extract.py links values with (a blank pipeline has no parser).

What a sentence is about ("difference in X", "effect on X", its subject), the cells of a table row,
group names as printed ("ketamine group (n = 36)" -> "ketamine group"), abbreviations a table
note defines, and the words that mark timepoints.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

PEOPLE = {"patients", "participants", "subjects", "individuals", "adults", "women", "men", "people",
          "persons", "children", "those", "outpatients", "inpatients", "volunteers", "veterans", "cases",
          "students", "respondents", "nurses", "mothers", "infants", "neonates", "residents", "smokers", "survivors",
          "parturients"}
# words spaCy counts as numbers that belong in a phrase: "time to first rescue analgesic"
ORDINALS = {"first", "second", "third", "fourth", "fifth", "last", "final"}
_CELL_SPLIT = re.compile(r"\t+| {2,}")
ADMINISTRATION_NOUNS = {"infusion", "infusions", "injection", "injections", "administration", "formulation", "spray",
                         "bolus", "dose", "doses", "antidepressant", "antidepressants", "route", "delivery"}
PREPOSITIONS = {"of", "in", "at", "for", "with", "to", "vs", "versus", "and", "or", "on", "by", "from", "after", "during"}
AUXILIARIES = {"had", "have", "has", "were", "was", "are", "is", "used", "took", "take", "received", "reported", "being"}
_ABBREVIATION_NOTE = re.compile(r"(?:^|(?<=[;.]\s)|(?<=\n))([A-Z][A-Za-z]{1,6}), ([a-z][a-z -]{2,40}?)(?=;|\.(?:\s|$))", re.M)


def note_abbreviations(text: str) -> dict:
    """Abbreviations a table note defines: "Esk, esketamine; LS, least squares." """
    return {m.group(1): m.group(2) for m in _ABBREVIATION_NOTE.finditer(text)}


def expand_abbreviations(text: str, abbreviations: dict) -> str:
    for short, long in abbreviations.items():
        text = re.sub(rf"\b{re.escape(short)}\b", long, text)
    return text


def table_cells(sent: Span) -> list[tuple[int, int, str]]:
    """(start_char, end_char, text) of each cell of a table row."""
    text = sent.text
    cells = []
    position = 0
    for part in _CELL_SPLIT.split(text):
        index = text.index(part, position) if part else position
        if part.strip():
            lead = len(part) - len(part.lstrip())
            cells.append((sent.start_char + index + lead, sent.start_char + index + len(part.rstrip()), part.strip()))
        position = index + len(part)
    return cells


def counts_context(context: str) -> bool:
    return bool(re.search(r"\b(n|no\.)\s*\(%\)|n \(%\)|number \(%\)|\(%\)", context))


def is_timepoint(text: str) -> bool:
    return bool(re.search(r"\b(baseline|day|days|week|weeks|month|months|hours?|h|post|pre|endpoint|end point|end of|visit|"
                          r"follow-up|after|later|screening|period)\b", text, re.I))


def clean_group(text: str) -> str:
    text = re.sub(r"\(\s*[nN]\s*=\s*[\d,]+\s*\)", "", text)
    text = re.sub(r",?\s*(mean\s*)?(\((SD|SE|SEM|%)\)|n\s*\(%\)|±\s*SD)\s*$", "", text, flags=re.I)
    text = re.sub(r"^(in|for|of)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    text = re.sub(r"^(patients|participants|subjects|those)\s+with\s+", "", text, flags=re.I)
    return " ".join(text.split())


_LABEL_UNIT = re.compile(r"\s*(?:,\s*|\(\s*|\[\s*)(min|mins|minutes|s|sec|seconds|h|hr|hrs|hours|days|weeks|mg|µg|μg|mcg|ml|mL|"
                         r"mg/kg|µg/kg|mcg/kg|mg/day|mmHg|mm Hg|kg|cm|mm|bpm|beats/min|breaths/min|points)\s*[)\]]?\s*$")


def label_unit(label: str) -> tuple[str, Optional[str]]:
    """A row label's unit: "First analgesic (min)" -> ("First analgesic", "min"); "Morphine
    consumption, mg" -> ("Morphine consumption", "mg"); a label without one is returned whole."""
    match = _LABEL_UNIT.search(label)
    if not match or not re.search(r"[A-Za-z]{2}", label[: match.start()]):
        return label, None
    return label[: match.start()].rstrip(" ,;:"), match.group(1).replace("μ", "µ")


def words_only(text: str) -> str:
    return re.sub(r"[^A-Za-z\s-]", " ", text)


def after_from(span: Span) -> bool:
    """'change from baseline', 'since baseline' and 'still below baseline' / 'lower than at baseline'
    name the reference a value is compared with, not the timepoint of the value."""
    i = span.start - 1
    if i >= 1 and span.doc[i].lower_ == "at" and span.doc[i - 1].lower_ == "than":
        i -= 1
    return i >= 0 and span.doc[i].lower_ in ("from", "since", "over", "versus", "vs", "vs.", "relative", "below", "above", "than")


_VERB_STOP = {
    "was", "were", "is", "are", "did", "does", "do", "had", "has", "have", "decreased", "increased", "improved",
    "reduced", "declined", "differed", "remained", "showed", "rose", "fell", "changed", "correlated", "predicted",
    "occurred", "reached", "significantly", "compared", "dropped", "favoured", "favored", "led",
    "resulted", "yielded", "demonstrated", "produced", "reported", "exhibited", "responded", "achieved",
}
_PHRASE_STOP = {"between", "among", "across", "in", "at", "for", "from", "with", "vs", "vs.", "versus", "(", ",", ";",
                ":", ")", "was", "were", "compared", "after", "during", "on", "by", "than", "and", "or", "which", "that",
                "comparing", "when", "where", "whereas", "while"}
_LEAD_WORDS = {"the", "a", "an", "no", "significant", "significantly", "statistically", "greater", "higher", "lower",
               "larger", "smaller", "overall", "mean", "any", "there", "of", "more", "fewer", "most", "all",
               "however", "moreover", "similarly", "likewise", "conversely", "also"}  # connectives open a sentence, never name its topic
_VAGUE = {"difference", "differences", "effect", "effects", "treatment", "results", "result", "change", "changes",
          "analysis", "comparison", "this", "it", "they", "findings", "double", "scores", "score",
          "them", "these", "those", "evidence", "association", "associations", "interaction", "interactions", "test",
          "tests", "f value", "f-value", "t value", "p value", "odds ratio", "risk ratio", "rate ratio",
          "hazard ratio", "relative risk", "mean difference"}
# a sentence adverb that opens a sentence ("Likewise, the ...", "Globally the ..."): not part of its subject
_CONNECTIVES = {"likewise", "conversely", "however", "moreover", "furthermore", "similarly", "additionally", "also",
                "thus", "therefore", "hence", "consequently", "notably", "importantly", "interestingly", "finally",
                "again", "globally", "altogether", "besides", "nevertheless", "nonetheless", "instead", "only"}
# a subject that opens with one of these is a clause fragment, a pronoun or a subordinate clause, not a
# named measure: "Because of interactions between ...", "Based on ...", "This gives a PE of ...",
# "while in secondary ARDS it ...", "Except for 'Burning mouth syndrome'"
_NOT_A_SUBJECT = {"because", "based", "while", "whereas", "although", "though", "if", "unless", "except", "since",
                  "as", "when", "this", "these", "those", "that", "them", "it", "its", "they", "their", "we", "our",
                  "such", "here", "what", "which", "who"}
# the subject names the evidence, the study or the analysis that reported a value, not what it
# measured: "strong evidence", "Controlled studies demonstrated ...", "Pooling of mortality data
# across ...", "Random effect meta-analysis of all studies gave ...", "a convenience sample of"
_NOT_A_MEASURE = {"evidence", "trend", "studies", "study", "trials", "trial", "sample", "samples", "data", "model",
                  "models", "meta", "analysis", "analyses", "pooling", "regression", "cohort", "authors",
                  "interaction", "interactions", "association", "associations", "correlation", "correlations"}
# verbs that end a subject besides those of _VERB_STOP: "Advanced stage also varied by age"
_CLAUSE_VERBS = {"varied", "vary", "varies", "gave", "gives", "indicated", "indicates", "suggested", "suggests",
                 "revealed", "reveals", "found", "appeared", "tended", "also", "still"}
_TOPIC_CUES = ("difference in", "differences in", "effect on", "effects on", "improvement in", "improvements in",
               "reduction in", "reductions in", "change in", "changes in", "increase in", "decrease in",
               "decline in", "association with", "effect of")


def topic_phrase(sent: Span, value_span: Span) -> Optional[str]:
    """The phrase a sentence reports on, for values with no instrument near: "difference in X",
    "effect on X", "There was a X", else the sentence's subject up to its verb."""
    tokens = [t for t in sent if not t.is_space]
    lowered = [t.lower_ for t in tokens]
    limit = next((i for i, t in enumerate(tokens) if t.i >= value_span.start), len(tokens))
    # cue phrases before the value, nearest first
    for i in range(limit - 2, -1, -1):
        pair = f"{lowered[i]} {lowered[i + 1]}"
        if pair in _TOPIC_CUES:
            start = i + 2
            if pair == "effect of":
                # "the effect of IPTc on all-cause mortality": what it acted on; "a positive effect of
                # IPTc (risk ratio ...)" names the intervention, not what it measured
                on = next((k for k in range(start, limit) if lowered[k] in ("on", "against")), None)
                if on is None:
                    continue
                start = on + 1
            phrase = _take_phrase(tokens[start:limit], _PHRASE_STOP)
            if phrase:
                return phrase
    # "There was a significant interaction between X and Y"
    for i in range(min(limit, len(tokens) - 1)):
        if lowered[i] == "there" and lowered[i + 1] in ("was", "were", "is", "are"):
            phrase = _take_phrase(tokens[i + 2 : limit], _PHRASE_STOP - {"between", "and", "in"})
            if phrase and not names_a_measure(phrase) and phrase.split()[0].lower() in ("effect", "effects"):
                return None
            if phrase and phrase.split()[-1].lower() in ("evidence", "indication", "trend"):
                # "there was strong evidence that advanced stage at diagnosis was less likely in women":
                # what the evidence is about is the that-clause's subject
                that = next((k for k in range(i + 2, limit) if lowered[k] == "that"), None)
                phrase = _take_phrase(tokens[that + 1 : limit], _PHRASE_STOP | _VERB_STOP | _CLAUSE_VERBS) if that else None
                phrase = phrase if phrase and names_a_measure(phrase) else None
                if not phrase:
                    return None
            if phrase:
                return phrase
    # the subject: skip a leading prepositional phrase ("At day 26, ..."), then up to the verb
    start = _clause_start(lowered, limit)
    if start == 0 and len(lowered) > 2 and lowered[1] == ":":
        start = 2  # "Findings: ..."
    if len(lowered) > start + 1 and lowered[start + 1] == "," and lowered[start] in _CONNECTIVES:
        start += 2  # "Likewise, the F-value for ..."
    elif len(lowered) > start and lowered[start] in _CONNECTIVES:
        start += 1  # "Globally the main cause of death was ..."
    if len(lowered) > start and lowered[start] in ("at", "in", "on", "after", "during", "for", "by", "among", "within", "overall", "compared") \
            and not (len(lowered) > start + 1 and lowered[start + 1] == "-"):  # "in-hospital mortality was"
        comma = next((i for i in range(start, limit) if lowered[i] == ","), None)
        if comma is None:
            return None
        # "During the 1st, 2nd, and 4th hours ..., X was": the comma that ends the opening phrase is
        # the last one before the verb, not one inside a list
        verb = next((i for i in range(comma, limit) if lowered[i] in _VERB_STOP), limit)
        start = max(i for i in range(comma, verb) if lowered[i] == ",") + 1
    words = []
    for token in tokens[start:limit]:
        hyphen = token.text == "-" and words and token.i + 1 < sent.end and token.doc[token.i + 1].is_alpha \
            and not token.whitespace_  # "in-hospital mortality"
        if token.lower_ in _VERB_STOP or token.lower_ in _CLAUSE_VERBS or token.is_punct and not hyphen \
                or token.like_num and token.lower_ not in ORDINALS:
            break
        words.append(token)
    else:
        return None
    if len(words) > 2 and words[0].lower_ in ("meta", "pooling", "pooled", "analysis", "analyses"):
        # "Meta-analysis of the prevalence of anaemia in five studies showed ...": what was pooled
        of = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
        if of is None:
            return None
        words = words[of + 1 :]
        cut = next((k for k, t in enumerate(words) if t.lower_ in _PHRASE_STOP - {"and", "or"}), None)
        words = words[:cut] if cut is not None else words
    if len(words) > 6:  # "The time to the first rescue analgesic on the ward": the head, not where it was measured
        cut = next((i for i, t in enumerate(words) if i >= 3 and t.lower_ in _WHERE), None)
        words = words[:cut] if cut is not None else words
    phrase = _clean_phrase(words)
    if not phrase or phrase.split()[0].lower() in PEOPLE or len(phrase.split()) > 8:
        return None
    if not names_a_measure(phrase):  # a vague word ("difference") included
        return None
    return phrase


def names_a_measure(phrase: str) -> bool:
    """False for a subject that is a clause fragment, a pronoun, or the evidence/study/analysis that
    reported a value rather than what it measured."""
    words = phrase.lower().replace("-", " ").split()
    # "older patients with bladder cancer": the people a value is about, not what it measured
    head = next((words[:k] for k, w in enumerate(words) if k and w in ("with", "in", "of", "who", "receiving", "on")), words)
    if len(words) > 1 and words[0] in ("effect", "effects") and words[1] == "of":
        return False  # "no effect of training": what was given, not what it was measured on
    return bool(words) and bool(head) and words[0] not in _NOT_A_SUBJECT and head[0] not in ("pooling", "meta") \
        and head[-1] not in _NOT_A_MEASURE and phrase.lower() not in _VAGUE and not any(w in PEOPLE for w in head)


def _clause_start(lowered: list[str], limit: int) -> int:
    """Where the clause holding the value starts when an earlier clause of the sentence already
    reported its own value: "ICU mortality was 49% and in-hospital mortality was 55%" -> the second
    value's subject is "in-hospital mortality", not the sentence's. 0 when there is no such clause."""
    start = 0
    for b in range(1, limit - 1):
        if lowered[b] not in ("and", "but", "whereas", "while"):
            continue
        verb = next((k for k in range(0, b) if lowered[k] in _VERB_STOP), None)
        if verb is None or not any(_is_number(w) and lowered[k - 1] not in ("table", "figure", "fig", "fig.")
                                   for k, w in enumerate(lowered[verb + 1 : b], verb + 1)):
            continue  # the words before are no clause that reported a value ("nausea and vomiting were")
        if lowered[b + 1].endswith("ed"):
            continue  # "... and faded afterwards": the same subject goes on
        verb = next((k for k in range(b + 1, limit) if lowered[k] in _VERB_STOP), None)
        # the new clause has a subject of words before its verb: "and in-hospital mortality was 55%",
        # not "and 46.44 ± 15.21 mg compared to", "; risk difference [RD] -10.2%, ... were"
        if verb is not None and verb > b + 1 and not any(_is_number(w) or w in ("(", "[", ",", ")", ";") for w in lowered[b + 1 : verb]):
            start = b + 1
    return start


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"[-−]?\d+(?:[.,·]\d+)?%?", word))


_WHERE = {"on", "in", "at", "during", "within", "among", "from", "over", "throughout"}
_EFFECT_VERBS = {"decreased", "increased", "reduced", "improved", "lowered", "raised", "attenuated", "prevented",
                 "shortened", "prolonged", "alleviated", "relieved", "diminished", "lessened", "worsened", "affected",
                 "decreases", "increases", "reduces", "improves", "lowers", "prevents", "shortens", "prolongs",
                 # after "did not" / "failed to": "Dexmedetomidine did not decrease the incidence of delirium"
                 "decrease", "increase", "reduce", "improve", "lower", "prevent", "shorten", "prolong", "alleviate",
                 "relieve", "attenuate", "affect", "change", "alter"}


def object_phrase(sent: Span, value_span: Span) -> Optional[str]:
    """What an arm did something to, when the subject names the arm: "dexmedetomidine decreased the
    incidence of ED (31.1% vs 53.3%)" -> "incidence of ED"; None when no effect verb comes first."""
    tokens = [t for t in sent if not t.is_space and t.i < value_span.start]
    verb = next((i for i, t in enumerate(tokens) if t.lower_ in _EFFECT_VERBS), None)
    if verb is None:
        return None
    rest = tokens[verb + 1 :]
    while rest and (rest[0].lower_.endswith("ly") or rest[0].lower_ in ("the", "a", "an")):
        rest = rest[1:]  # "significantly reduced the ..."
    phrase = _take_phrase(rest, _PHRASE_STOP)
    if not phrase or phrase.lower() in _VAGUE:
        return None
    return phrase


# words after "and"/"or" that start a new clause or arm rather than continue an outcome's name
_NOT_COORDINATED = _VERB_STOP | _EFFECT_VERBS | PEOPLE | {"the", "a", "an", "it", "they"}


def _take_phrase(tokens, stop) -> Optional[str]:
    words = []
    quoted = False
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if token.text[:1] in ("“", "”", '"') and words:
            if quoted or token.text[:1] == "”" or len(token.text) > 1:
                break  # the closing quote ends the quoted name and the phrase
            quoted = True  # "the number of patients who needed “rescue haloperidol”": the name goes on
            continue
        if quoted and "”" in token.text:  # a closing quote run into the next word: 'haloperidol”between'
            words.append(token)
            phrase = _clean_phrase(words)
            return phrase.split("”")[0].strip() or None if phrase else None
        if token.lower_ in ("and", "or") and words and following is not None and following.is_alpha \
                and following.lower_ not in stop and following.lower_ not in _NOT_COORDINATED \
                and not following.lower_.endswith("ly"):
            words.append(token)  # "the incidence of nausea and vomiting": one outcome
            continue
        if token.lower_ in stop or token.like_num and token.lower_ not in ORDINALS or (token.is_punct and token.text not in ("-", "'")):
            break
        words.append(token)
    return _clean_phrase(words)


def _clean_phrase(words) -> Optional[str]:
    while words and words[0].lower_ in _LEAD_WORDS and not (len(words) > 1 and words[1].text == "-"):  # "all-cause"
        words = words[1:]
    if len(words) > 4 and words[0].lower_ == "number" and words[1].lower_ == "of" and words[2].lower_ in PEOPLE \
            and words[3].lower_ in ("who", "that"):
        words = words[4:]  # "the number of patients who needed rescue haloperidol": what they needed
    while words and words[-1].lower_ in ("the", "a", "an", "of", "at", "in", "on", "for", "with", "scores", "score"):
        if words[-1].lower_ in ("scores", "score") and len(words) == 1:
            break
        words = words[:-1]
    if not words or len(words) > 8 or not any(t.is_alpha for t in words):
        return None
    if all(t.lower_ in _PHRASE_STOP or t.lower_ in PREPOSITIONS or not t.is_alpha for t in words):
        return None  # "at" left over from "at 24 h": no phrase
    text = "".join(t.text_with_ws for t in words).strip()
    return text
