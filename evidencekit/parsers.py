"""Span text -> numbers. Rule files say where a statistic is; this module says what it means.

Every function takes the characters of a matched span and returns plain Python values, or None
when the text does not hold what was asked for.
"""

from __future__ import annotations

import re
from typing import Optional

MINUS = "-−"
# A number: optional minus (only where it is not a range dash: "0.55-0.94" is two positives),
# thousands separators, decimals with or without a leading zero, and e-notation.
_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>(?<![\d)])[-−])?"
    r"(?P<body>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:[eE](?P<exp>[-−+]?\d+))?"
)
_SCI_TIMES_TEN = re.compile(
    r"(?P<mant>\d+(?:\.\d+)?)\s*[×x*·]\s*10\s*(?:\^|\s)?\s*(?P<exp>[-−–]?\s*\d+)"
)
OPERATORS = {"=": "=", "<": "<", ">": ">", "≤": "≤", "≥": "≥", "<=": "≤", ">=": "≥", "⩽": "≤", "⩾": "≥"}
_OPERATOR = re.compile(r"<=|>=|[=<>≤≥⩽⩾]")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "single": 1, "once": 1, "twice": 2,
    "thrice": 3,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def numbers(text: str) -> list[float]:
    """All numbers in text, in order: "-7.31 to -0.64" -> [-7.31, -0.64]; "0.55–0.94" -> [0.55, 0.94]."""
    text = _SCI_TIMES_TEN.sub(lambda m: _sci(m), text)
    found = []
    for match in _NUMBER.finditer(text):
        value = float(match.group("body").replace(",", ""))
        if match.group("exp"):
            value *= 10 ** int(match.group("exp").replace("−", "-"))
        if match.group("sign"):
            value = -value
        found.append(value)
    return found


def _sci(match: re.Match) -> str:
    exponent = int(re.sub(r"\s", "", match.group("exp")).replace("−", "-").replace("–", "-"))
    return f"{match.group('mant')}e{exponent}"


def parse_number(text: str) -> Optional[float]:
    """The first number in text ("1,204" -> 1204.0, ".001" -> 0.001), or a number word ("forty-seven")."""
    found = numbers(text)
    if found:
        return found[0]
    return words_to_number(text)


def words_to_number(text: str) -> Optional[int]:
    """English number words: "forty-seven" -> 47, "one hundred and four" -> 104, "six" -> 6."""
    words = re.findall(r"[a-z]+", text.lower())
    total, current, seen = 0, 0, False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word == "and" and seen:
            continue
        else:
            if seen:
                break
            continue
        seen = True
    return total + current if seen else None


def parse_operator(text: str) -> Optional[str]:
    match = _OPERATOR.search(text)
    return OPERATORS[match.group()] if match else None


def parse_p(text: str) -> tuple[Optional[str], Optional[float]]:
    """("<", 0.001) from "P <.001"; ("=", 1.2e-4) from "p = 1.2 × 10−4"; (">", 0.05) from "NS"."""
    if re.fullmatch(r"\s*(NS|n\.?s\.?|N\.S\.)\s*", text):
        return ">", 0.05
    # the value is what follows the operator (or "of"/"was"), so "P" itself never counts
    match = re.search(r"(<=|>=|[=<>≤≥⩽⩾]|\bof\b|\bwas\b|\bis\b)(.*)$", text, re.S)
    if not match:
        # "P value 0.03", "P value, .004": no operator printed, so the value is equal
        match = re.search(r"\bvalues?\b\s*([:,]?)(\s*(?:0?\.\d+|0|1(?:\.0+)?)\s*)$", text, re.I)
        return ("=", numbers(match.group(2))[0]) if match else (None, None)
    op = OPERATORS.get(match.group(1), "=")
    found = numbers(match.group(2))
    return (op, found[0]) if found else (None, None)


def parse_stat(text: str) -> tuple[Optional[str], Optional[float]]:
    """The operator and value of an estimate or test statistic: the number after its last operator
    or separator ("t(46) = 2.31" -> ("=", 2.31); "b, -0.992" -> ("=", -0.992); "OR 2.1" -> ("=", 2.1))."""
    match = None
    for match in re.finditer(r"<=|>=|[=<>≤≥⩽⩾,:]|\bof\b|\bwas\b", text):
        pass
    tail = text[match.end():] if match and numbers(text[match.end():]) else text
    op = OPERATORS.get(match.group(), "=") if match and tail is not text else "="
    # skip the df in parentheses when no operator separates it
    if tail is text:
        tail = re.sub(r"\([^)]*\)", " ", text)
    found = numbers(tail)
    return (op, found[-1]) if found else (None, None)


def parse_df(text: str) -> tuple[Optional[str], Optional[int]]:
    """Degrees of freedom in parentheses after the statistic's letter and the N some journals add:
    "t(46) = 2.31" -> ("46", None); "F(1, 48)" -> ("1, 48", None); "χ²(2, N = 100)" -> ("2", 100)."""
    match = re.search(r"\(([^)]*)\)", text)
    if match:
        inside = match.group(1)
        n_match = re.search(r"\bN\s*=\s*([\d,]+)", inside)
        n = int(n_match.group(1).replace(",", "")) if n_match else None
        inside = re.sub(r",?\s*N\s*=\s*[\d,]+", "", inside)
        parts = [p for p in re.split(r"[,;]\s*|\s+", inside.strip()) if p]
        if parts and all(re.fullmatch(r"\d+(\.\d+)?", p) for p in parts):
            return ", ".join(parts), n
        return None, n
    subscript = re.match(r"\s*[tF](\d+)(?:\s*,\s*(\d+))?\s*[=<>]", text)  # "t15 = 11.3", "F1,70 = 9.62"
    if subscript:
        return ", ".join(g for g in subscript.groups() if g), None
    match = re.search(r"\bd\.?f\.?\s*[=,:]?\s*(\d+(?:\.\d+)?)", text, re.I)
    return (match.group(1), None) if match else (None, None)


def parse_ci(text: str) -> tuple[Optional[float], Optional[float], Optional[float]]:
    """(low, high, level): "95% CI, -7.31 to -0.64" -> (-7.31, -0.64, 95.0); "[0.2, 0.9]" -> (0.2, 0.9, None)."""
    level = None
    level_match = re.search(r"(\d{2}(?:\.\d+)?)\s*%", text)
    body = text
    if level_match:
        level = float(level_match.group(1))
        body = text[level_match.end():]
    # "0.20%-0.55%": a dash after a bound's % joins the bounds, it is no minus sign
    body = re.sub(r"%\s*[-–—](?=\s*[-−]?\.?\d)", "% to ", body)
    found = numbers(body)
    if len(found) < 2:
        return None, None, level
    low, high = found[-2], found[-1]
    if high < 0 <= low and -high >= low and re.search(r"\d\s+[-−–]\s*\.?\d[\d.]*\s*[)\]]?\s*$", body):
        high = -high  # "0.64 –1.33": a range dash against the upper limit, not a minus
    return low, high, level


def parse_mean_sd(text: str) -> tuple[Optional[float], Optional[float], str]:
    """(mean, spread, "sd" | "se"): "21.3 ± 5.2", "21.3 (5.2)", "45.2 (SD 10.1)", "M = 21.3, SD = 5.2"."""
    spread = "se" if re.search(r"\b(SE|SEM|s\.e\.)\b", text, re.I) else "sd"
    cleaned = re.sub(r"\b(SD|SE|SEM|M|mean)\b", " ", text, flags=re.I)
    found = numbers(cleaned.replace("±", " ± "))
    if len(found) < 2:
        return (found[0] if found else None), None, spread
    return found[0], abs(found[1]), spread


def parse_count(text: str) -> tuple[Optional[int], Optional[int], Optional[float]]:
    """(count, denominator, percent): "14/24 (58%)" -> (14, 24, 58.0); "14 (58%)" -> (14, None, 58.0)."""
    percent_match = re.search(r"([\d.]+)\s*%", text)
    percent = float(percent_match.group(1)) if percent_match else None
    head = text[: percent_match.start()] if percent_match else text
    head = head.rstrip(" (")
    found = numbers(head.replace("/", " / "))
    count = int(found[0]) if found else None
    denominator = int(found[1]) if len(found) > 1 else None
    return count, denominator, percent


def parse_dose(text: str) -> tuple[Optional[float], Optional[str]]:
    """(0.5, "mg/kg") from "0.5 mg/kg"; (0.15, "mg/kg/h") from "0.15mg/kg/h"; (0.5, "mg/kg") from "0.5 mg per kg"."""
    text = re.sub(r"\s*±\s*\d*\.?\d+", "", text)  # "22.2 ± 2.0 mg/h": the mean dose
    match = re.match(r"\s*(\d*\.?\d+)\s*(?:(?:[-–—]|to|or|and)\s*\d*\.?\d+\s*)?(.*)$", text, re.S)
    if not match:
        return None, None
    return float(match.group(1)), dose_unit(match.group(2))


def dose_unit(text: str) -> Optional[str]:
    """One spelling per dose unit: "mg kg−1 h−1", "mg.kg-1.h-1", "mg per kg per hour" -> "mg/kg/h";
    "microg x kg(-1) x min(-1)", "mcg/kg/min" -> "µg/kg/min"; "mg mL-1" -> "mg/mL"."""
    unit = text.strip().replace("μ", "µ")
    unit = re.sub(r"\b(?:microg(?:rams?)?|mcg)\b", "µg", unit)
    unit = re.sub(r"\bmilligrams?\b", "mg", unit)
    # negative exponents: "kg−1", "kg^-1", "kg(-1)" are "/kg", whatever joins them (space, x, ·, .)
    unit = re.sub(r"[\s.·×x]*\b([A-Za-z]+\d?)\s*(?:\^\s*|\(\s*)?[-−–]\s*1\s*\)?", r"/\1", unit)
    unit = re.sub(r"\s+per\s+", "/", unit)
    unit = re.sub(r"\s*/\s*", "/", unit)
    unit = re.sub(r"/(hour|hr)\b", "/h", unit)
    unit = re.sub(r"/(minute)\b", "/min", unit)
    unit = re.sub(r"/(kilogram)\b", "/kg", unit)
    unit = unit.rstrip(".").strip()
    return unit or None


_PERIOD_UNIT = {"d": "day", "day": "day", "daily": "day", "wk": "week", "week": "week", "weekly": "week",
                "month": "month", "monthly": "month"}


_INTERVAL_UNIT = {"h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour", "hourly": "hour",
                  "min": "minute", "minute": "minute", "minutes": "minute", "day": "day", "days": "day",
                  "week": "week", "weeks": "week", "wk": "week", "wks": "week", "month": "month", "months": "month"}
_ADVERB_FREQUENCY = {"daily": (1.0, "per day"), "nightly": (1.0, "per day"), "weekly": (1.0, "per week"),
                     "monthly": (1.0, "per month"), "fortnightly": (1.0, "per 2 weeks")}


def parse_frequency(text: str) -> tuple[Optional[float], Optional[str]]:
    """(3, "per week") from "3 times per week"; (2, "per week") from "twice weekly"; (1, "single") from "single infusion";
    (1, "per day") from "daily"; (8, "hour interval") from "every 8 h", "at 8-hour intervals" or "q8h";
    (1, "per 35 days") from "one infusion every 35 days"."""
    lowered = text.lower().strip()
    alternate = re.search(r"\b(?:alternate|other)\s+(day|week)", lowered)
    if alternate:  # "on alternate days", "every other week": once every two
        return 0.5, f"per {alternate.group(1)}"
    if lowered in _ADVERB_FREQUENCY:
        return _ADVERB_FREQUENCY[lowered]
    shorthand = re.fullmatch(r"q(\d{1,2})h", lowered)
    if shorthand:
        return float(shorthand.group(1)), "hour interval"
    counted = re.fullmatch(r"(\w+)\s+(?:infusions?|doses?|injections?|sessions?|administrations?)\s+(?:every|each)\s+(?:(\S+)\s+)?([a-z]+)", lowered)
    if counted and counted.group(3) in _INTERVAL_UNIT:
        count = 1 if counted.group(1) in ("a", "single") else parse_number(counted.group(1))
        every = parse_number(counted.group(2)) if counted.group(2) else None
        unit = _INTERVAL_UNIT[counted.group(3)]
        period = f"per {every:g} {unit}s" if every not in (None, 1) else f"per {unit}"
        return (float(count) if count is not None else None), period
    interval = re.fullmatch(r"(?:every|each|at)\s+(\S+?)\s*-?\s*([a-z]+)(?:\s+intervals?)?", lowered)
    if interval and interval.group(2) in _INTERVAL_UNIT:
        every = parse_number(interval.group(1))
        return (float(every) if every is not None else None), f"{_INTERVAL_UNIT[interval.group(2)]} interval"
    count = parse_number(lowered)
    if re.search(r"\b(single|one)\b", lowered) and not re.search(r"\b(week|day|month|daily|weekly)", lowered):
        return 1.0, "single"
    period = None
    for word in re.findall(r"[a-z]+", lowered):
        if word in _PERIOD_UNIT and word not in ("d",) or word == "d" and period is None and "/" in lowered:
            period = _PERIOD_UNIT[word]
    if count is None:
        return None, None
    return float(count), f"per {period}" if period else None


_TIME_UNITS = {"min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes", "h": "hours",
               "hr": "hours", "hour": "hours", "hours": "hours", "day": "days", "days": "days",
               "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks", "month": "months",
               "months": "months", "year": "years", "years": "years", "yr": "years", "yrs": "years"}


def parse_duration(text: str) -> tuple[Optional[float], Optional[str]]:
    """(2, "weeks") from "for 2 weeks"; (40, "minutes") from "over 40 min"; (2, "weeks") from "for two weeks"."""
    value = parse_number(text)
    unit = None
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _TIME_UNITS:
            unit = _TIME_UNITS[word]
    return (float(value) if value is not None else None), unit


def parse_timepoint(text: str) -> str:
    """A normalised timepoint label: "At day 26" -> "day 26"; "at 4 weeks" -> "4 weeks"."""
    cleaned = re.sub(r"^\s*(at|on|by|after|within|until|in|during|over|across|throughout)\s+", "", text.strip(), flags=re.I)
    cleaned = re.sub(r"^(the)\s+", "", cleaned, flags=re.I)
    cleaned = re.sub(r"^(whole|entire)\s+", "", cleaned, flags=re.I)  # "across the whole 12-week study period"
    cleaned = " ".join(cleaned.rstrip(":,;").split()).lower()
    cleaned = re.sub(r"\b(the|a)\s+", "", cleaned)
    cleaned = re.sub(r"^(?:mean\s+)?change\s+from\s+", "change ", cleaned)  # "change from T0 to T30" and "change T0 to T30"
    cleaned = re.sub(r"\s+(after|following|post)$", "", cleaned)  # "24 h after" whose object the rule left out
    cleaned = re.sub(r"\b(\d+)\s*-\s*(h|hr|hour|day|week|month|min|minute)\b", r"\1 \2", cleaned)  # "24-hour" is "24 hours"
    # ordinals: "the 30th day" is day 30, "the 2nd postoperative day" postoperative day 2, "the 60th minute" 60 minutes
    cleaned = re.sub(r"\b(\d+)(?:st|nd|rd|th)\s+((?:postoperative\s+)?(?:day|week|month))\b", r"\2 \1", cleaned)
    cleaned = re.sub(r"\b(\d+)(?:st|nd|rd|th)\s+(minute|hour)\b", r"\1 \2", cleaned)
    cleaned = re.sub(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b(?=\s+(h|hours?|days?|weeks?|months?)\b)",
                     lambda m: str(_UNITS[m.group(1)]), cleaned)
    # "24 h" -> "24 hours", "4 wk" -> "4 weeks": one spelling per unit
    return re.sub(r"\b(\d+)\s*(h|hr|hrs|hours|hour|wk|wks|weeks|week|d|days|day|mo|months|month|minutes|minute|min|yr|yrs|years|year)\b",
                  lambda m: f"{m.group(1)} {_TIME_UNITS.get(m.group(2), {'d': 'days', 'mo': 'months', 'wk': 'weeks'}.get(m.group(2), m.group(2)))}"
                  if m.group(1) != "1" else f"1 {_TIME_UNITS.get(m.group(2), m.group(2)).rstrip('s')}", cleaned)


# A timepoint stated inside a longer label, caption or title: "improvement ... at 3 months",
# "PHQ-9 scores at 6 weeks", "mean change from baseline to day 15", "VAS, recovery unit".
_TIME_PHRASE = re.compile(
    r"\bchange\s+from\s+(?:baseline|[A-Z]\d{1,3}|(?:day|week|month|visit)\s+\d{1,3})\s+to\s+"
    r"(?P<end>end\s*point|endpoint|[A-Z]\d{1,3}|(?:day|week|month|visit)\s+\d{1,3}|\d{1,3}\s*(?:h|hours?|days?|weeks?|months?))\b"
    r"|\b(?:at|on|after)\s+(?:day|week|month|visit)\s+\d{1,3}\b"
    r"|\b(?:at|after)\s+\d{1,3}[\s-]*(?:h|hrs?|hours?|days?|weeks?|months?|years?)\b(?!\s*(?:of|on|with)\b)", re.I)
# named events printed as a label's last part: "VAS, recovery unit", "Pain, at discharge"
EVENT_LABEL = re.compile(r"^\s*(?:(?:at|in|on)\s+(?:the\s+)?)?(?:recovery\s+(?:room|unit)|PACU|(?:hospital\s+)?discharge|"
                         r"end\s+of\s+(?:the\s+)?(?:infusion|surgery|treatment|study|trial)|"
                         r"(?:first|second|third|1st|2nd|3rd)\s+postoperative\s+(?:day|night)|postoperative\s+day\s+\d{1,2})\s*$", re.I)


def stated_timepoint(text: Optional[str], codes: Optional[dict] = None) -> Optional[str]:
    """The one timepoint a caption, title or label states, if it states exactly one. A change score
    is at the time it runs to ("change from baseline to day 15": day 15); a code the article
    defines stands for its definition ("T30": "30 minutes", see timepoint_codes)."""
    found = set()
    for m in _TIME_PHRASE.finditer(text or ""):
        end = m.group("end")
        if end and codes and end.upper() in codes:
            end = codes[end.upper()]
        found.add(parse_timepoint(end or m.group()))
    return found.pop() if len(found) == 1 else None


_TIME_CODE = re.compile(r"\b(T\d{1,3})\s*(?:[,:=]|\(|\bis\b)\s*(\d{1,3}\s*(?:min|minutes?|h|hours?|days?|weeks?|months?))\b")


def timepoint_codes(text: str) -> dict:
    """Timepoint codes an article defines: "T0, before the first dose; T30, 30 minutes after it"
    -> {"T30": "30 minutes"}; only codes defined by a time (T0 here is an event, not a time)."""
    return {m.group(1).upper(): m.group(2) for m in _TIME_CODE.finditer(text)}
