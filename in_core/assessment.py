"""What an answer's text shows, computed without a model: length, STAR parts, filler words,
concrete numbers and first-person ownership. Deterministic, so feedback and scores are stable.

Fillers are counted by one exact definition (the labelled set in `data/eval/` uses the same):
um, umm, uh, uhh, uhm, er, erm, ah, hmm, basically, literally and actually always count; "like"
and "you know" count when set off by a comma; "I mean" when a comma follows it; "kind of" and
"sort of" unless a determiner comes before them ("what kind of database" does not count).
"""

import re

STAR_PARTS = ("situation", "task", "action", "result")

_ALWAYS_FILLERS = re.compile(
    r"\b(um|umm|uh|uhh|uhm|er|erm|ah|hmm|basically|literally|actually)\b", re.IGNORECASE
)
_COMMA_FILLERS = re.compile(r"\b(like|you know)\b", re.IGNORECASE)
_I_MEAN = re.compile(r"\bI mean\s*,", re.IGNORECASE)
_HEDGES = re.compile(r"\b(\w+\s+)?(kind|sort) of\b", re.IGNORECASE)
_DETERMINERS = {
    "a", "an", "the", "this", "that", "these", "those", "what", "which", "any", "some", "every",
    "each", "same", "one", "no",
}


def count_fillers(text: str) -> dict[str, int]:
    """How often each filler occurs in `text`, by the definition above; only those that occur."""
    found: dict[str, int] = {}

    def add(word):
        word = word.lower()
        found[word] = found.get(word, 0) + 1

    for match in _ALWAYS_FILLERS.finditer(text):
        add(match.group(1))
    for match in _COMMA_FILLERS.finditer(text):
        before = text[: match.start()].rstrip()
        after = text[match.end():].lstrip()
        if before.endswith(",") or after.startswith(","):
            add(match.group(1))
    for _ in _I_MEAN.finditer(text):
        add("I mean")
    for match in _HEDGES.finditer(text):
        previous = (match.group(1) or "").strip().lower()
        if previous not in _DETERMINERS:
            add(f"{match.group(2).lower()} of")
    return found


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_SITUATION = _any(
    r"\b(when|while|after|before|as) (i|we) (was|were|worked|joined|started|had|moved|took over)\b",
    r"\b(at|in|on|during) (my|our) (previous|last|first|current|old|former|second|third|early)\b",
    r"\b(at|in|during) (my|our|the) (job|role|company|team|internship|startup|agency|hospital|"
    r"school|store|shop|clinic|firm|bank|restaurant|warehouse|office|call centre|call center)\b",
    r"\b(last|this past|one|that|a few|two|three|several) (year|spring|summer|autumn|fall|winter|"
    r"quarter|month|week|semester|term|years|months|weeks)\b",
    r"\bback (in|when|at)\b",
    r"\bin (19|20)\d\d\b",
    r"\bago\b",
    r"\b(i|we) (was|were) (working|running|building|leading|preparing|migrating|launching|"
    r"two|three|a|an|the|on|in|about|already|just|halfway)\b",
    r"\bthere (was|were)\b",
    r"\b(i|we) (worked|interned|volunteered) (at|on|as|in|for)\b",
    r"\bat the time\b",
    r"\b(our|the) (team|company|product|service|app|site|client|customer|system|school|ward|"
    r"store|project|startup)\b.{0,40}\b(was|were|had|kept)\b",
)
_TASK = _any(
    r"\b(i|we) (had|needed|wanted|was asked|were asked|was supposed|were supposed|was tasked|"
    r"were tasked|was expected|were expected|had been asked|decided|set out|agreed) to\b",
    r"\bmy (job|task|role|responsibility|goal|assignment|mission|brief|aim|focus) (was|is)\b",
    r"\bthe (goal|task|objective|challenge|aim|ask|target|plan|brief|mission|job) (was|is)\b",
    r"\b(responsible|accountable) for\b",
    r"\btasked with\b",
    r"\bin charge of\b",
    r"\b(i|we) (owned|own)\b",
    r"\b(needed|had|have|has) to\b",
    r"\b(i|we) (must|needed|wanted)\b",
    r"\b(goal|deadline|target)\b",
)
_ACTION_VERBS = (
    r"\w+ed|built|wrote|rewrote|ran|made|took|set|led|spoke|met|began|chose|drove|sought|taught|"
    r"brought|found|got|gave|kept|sent|put|went|did|split|dug|broke|held|read|told|sat|won|"
    r"stood|paid|sold|hired|fed|shipped|dove|dived|fought|swapped|drew|began|spun|laid"
)
_NOT_ACTIONS = {
    "wanted", "needed", "learned", "learnt", "liked", "loved", "hoped", "worked", "joined",
    "started", "realised", "realized", "noticed", "seemed", "used", "supposed", "tried", "failed",
    "believed", "felt", "wished", "enjoyed", "hated", "preferred", "considered", "expected",
    "asked", "interned", "volunteered",
}
_ACTION = re.compile(
    rf"\b(?:i|we|so i|then i|first i|and i)\s+(?:\w+ly\s+|also\s+|then\s+|just\s+|even\s+|"
    rf"quickly\s+|personally\s+)?({_ACTION_VERBS})\b",
    re.IGNORECASE,
)
_ACTION_PHRASES = _any(
    r"\b(i|we) (decided|started|began|chose|offered|tried|asked|used|worked with|reached out)\b"
    r".{0,60}\b(to|by|with|for)\b",
    r"\b(first|then|next|after that|finally),? (i|we)\b",
)
_RESULT = _any(
    r"\bas a result\b",
    r"\bresult(ed|s)?\b",
    r"\boutcome\b",
    r"\bin the end\b",
    r"\bend(ed)? up\b",
    r"\beventually\b",
    r"\b(which|that|this) (led|meant|helped|saved|cut|brought|got|let|allowed|made|gave)\b",
    r"\b(we|i|it|they|she|he|the \w+) (shipped|launched|delivered|won|lost|hit|met|finished|"
    r"closed|released|went live|passed|landed|signed|renewed|recovered|beat)\b",
    r"\bon time\b",
    r"\bahead of (schedule|time)\b",
    r"\bsince then\b",
    r"\b(thanked|promoted|praised)\b",
    r"\b(reduc|increas|improv|sav|grew|grow|cut|drop|doubl|tripl|halv|boost|rais|lower|decreas|"
    r"went (up|down)|fell|rose|climb|shrank)\w*\b.{0,60}\b(\d|percent|%|half|from|to)\b",
    r"\b(\d+(\.\d+)?\s?%|percent)\b",
    r"\bnow (we|the|it|they|our)\b",
)


def star_parts(text: str) -> dict[str, bool]:
    """Which parts of a STAR story (situation, task, action, result) the answer contains."""
    actions = [m.group(1).lower() for m in _ACTION.finditer(text)]
    return {
        "situation": bool(_SITUATION.search(text)),
        "task": bool(_TASK.search(text)),
        "action": any(a not in _NOT_ACTIONS for a in actions) or bool(_ACTION_PHRASES.search(text)),
        "result": bool(_RESULT.search(text)),
    }


_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    "fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|"
    "billion|dozen|dozens|half|double|twice|triple"
)
_METRIC = _any(
    r"[$€£¥]\s?\d",
    r"\d+(\.\d+)?\s?(%|percent|k\b|x\b|ms\b|s\b|kb|mb|gb|tb|m\b|bn\b)",
    rf"\b({_NUMBER_WORDS})\b",
    r"\b\d[\d,.]*\b(?!\s*(st|nd|rd|th)\b)",
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def metrics(text: str) -> list[str]:
    """The concrete numbers in an answer ("40%", "$12k", "three weeks"); a bare year is no metric."""
    without_years = _YEAR.sub(" ", text)
    return [m.group(0).strip() for m in _METRIC.finditer(without_years)]


_FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself)\b", re.IGNORECASE)
_TEAM = re.compile(r"\b(we|us|our|ours|ourselves)\b", re.IGNORECASE)


def ownership(text: str) -> dict[str, int]:
    """How often the answer says I/me/my against we/us/our."""
    return {"i": len(_FIRST_PERSON.findall(text)), "we": len(_TEAM.findall(text))}


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


def analyse(answer: str) -> dict:
    """Everything above for one answer, as a JSON-ready dict."""
    fillers = count_fillers(answer)
    return {
        "words": word_count(answer),
        "star": star_parts(answer),
        "fillers": fillers,
        "fillerCount": sum(fillers.values()),
        "metrics": metrics(answer),
        "ownership": ownership(answer),
    }
