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
        found[word] = found.get(word, 0) + 1

    for match in _ALWAYS_FILLERS.finditer(text):
        add(match.group(1).lower())
    for match in _COMMA_FILLERS.finditer(text):
        before = text[: match.start()].rstrip()
        after = text[match.end():].lstrip()
        if before.endswith(",") or after.startswith(","):
            add(match.group(1).lower())
    for _ in _I_MEAN.finditer(text):
        add("I mean")
    for match in _HEDGES.finditer(text):
        previous = (match.group(1) or "").strip().lower()
        if previous not in _DETERMINERS:
            add(f"{match.group(2).lower()} of")
    return found


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_PAST_VERB = (
    r"(?:\w+ed|was|were|had|kept|got|made|took|came|went|began|ran|grew|fell|rose|left|told|said|"
    r"found|sent|won|lost|hit|built|wrote|joined|announced)"
)
_SITUATION = _any(
    rf"\b(when|while|after|before|as|once) (i|we|my|our|the|a|an|\w+) ?\w* {_PAST_VERB}\b",
    r"\b(at|in|on|during|for) (my|our) (previous|last|first|current|old|former|second|third|early|"
    r"final|summer|winter|new)\b",
    r"\b(at|in|during|on) (my|our|the|a|an) (\w+ ){0,3}(job|role|company|team|internship|startup|"
    r"agency|hospital|school|store|shop|clinic|firm|bank|restaurant|warehouse|office|unit|ward|"
    r"department|project|floor|site|plant|client|university|uni|college|class|shift)\b",
    rf"^\W*(on|at|during|last|one|early|back) [^.!?]{{3,80}}\b{_PAST_VERB}\b",
    r"^\W*(our|my|the|a|an) (?!(goal|task|job|role|aim|plan|priority)\b)"
    r"(?:(?!\w+ed\b)[^.!?]){0,45}\b(was|were|had been|had|kept|announced|needed|decided|started|"
    r"asked|wanted|moved|missed|failed|crashed|broke|changed)\b",
    r"\b(last|this past|one|that) (year|spring|summer|autumn|fall|winter|quarter|month|week|"
    r"semester|term|saturday|sunday|monday|tuesday|wednesday|thursday|friday|morning|evening|"
    r"night)\b",
    r"\bback (in|when|at)\b",
    r"\bin (19|20)\d\d\b",
    r"\bago\b",
    r"\b(i|we|i'd|we'd) (was|were|had been|'d been) (\w+ing|\w+ \w+ing)\b",
    r"\b(we|i) (was|were) (two|three|four|five|six|seven|eight|nine|ten|a|\d+) \w+ (out|from|away|"
    r"into|before|behind|late)\b",
    r"\bthere (was|were)\b",
    r"\b(years?|months?|weeks?) (before|earlier)\b",
    r"^\W*(the|one) (day|week|night|morning|time|year|summer|winter) (that |when )?"
    r"(our|my|the|we|i|a|an)\b",
    r"\b(on|during) my shift\b|\bit was my shift\b",
    r"\b(we|i) used to\b",
    r"\b(i|we) (worked|interned|volunteered|taught) (at|as|in|for|on (a|an|the|our|my))\b",
    r"\bat the time\b",
    r"\b(?<!i )(?<!we )kept \w+ing\b",
    r"\b(had been|was about to|were about to|was stuck|had stalled)\b",
)
_NOT_NEGATED = r"(?<!n't )(?<!never )(?<!not )"
_TASK = _any(
    r"\b(i|we|i'd|we'd) (\w+ly )?(had|needed|wanted|was asked|were asked|was supposed|"
    r"were supposed|was tasked|were tasked|was expected|were expected|had been asked|'d been asked|"
    r"been asked|set out|agreed|committed|promised|was hired|was brought in|was put on|was given|"
    r"was assigned) to\b",
    r"\b(my|our|the) (\w+ ){0,3}(job|task|role|responsibility|goal|assignment|mission|brief|aim|"
    r"focus|priority|objective|target|challenge|project) (was|is) to\b",
    r"\b(it was|it's|it is) (on me|up to me|my call)\b",
    r"\b(gave|handed|assigned) me (the|a|an|this|that)\b",
    r"\b(looked|counted|relied) (to|on) me\b",
    r"\b(wanted|asked for|needed) [\w ]{1,30} (down|up|cut|reduced|increased|fixed|done)\b",
    r"\b(asked|told|wanted|needed|expected|hired|assigned|brought) (me|us|my team|our team) to\b",
    r"\b(my|our) (\w+ )?(job|task|role|responsibility|goal|assignment|mission|brief|aim|focus|"
    r"priority|objective|target|challenge) (was|is|to)\b",
    r"\bthe (goal|task|objective|challenge|aim|ask|target|plan|brief|mission|job|priority) "
    r"(was|is|had been)\b",
    r"\b(responsible|accountable) (for|that|to)\b",
    r"\btasked with\b",
    r"\bin charge\b",
    r"\b(i|we) (owned|was put on|was given)\b",
    rf"{_NOT_NEGATED}\b(needed|had) to\b",
    r"\b(i|we) (must|needed|wanted)\b",
    r"\b(i|we) (\w+ly )?had [^.!?]{0,40}\b(minutes|hours|days|weeks|months) (to|before|until)\b",
    r"\bi was the (\w+ ){0,3}(lead|owner|manager|nurse|one|engineer|designer|analyst|person|"
    r"point|contact|pm|coordinator|captain|head|organiser|organizer|teacher)\b",
    r"\b(deadline|in order to)\b",
)
_ACTION_VERBS = (
    r"\w+ed|built|wrote|rewrote|ran|made|took|set|led|spoke|met|began|chose|drove|sought|taught|"
    r"brought|found|got|gave|kept|sent|put|went|did|split|dug|broke|held|read|told|sat|won|"
    r"stood|paid|sold|hired|fed|shipped|dove|dived|fought|swapped|drew|spun|laid|hung|flew|"
    r"grabbed|cut|pushed|blocked|pulled|flipped|phoned|called|asked"
)
_NOT_ACTIONS = {
    "wanted", "needed", "learned", "learnt", "liked", "loved", "hoped", "worked", "joined",
    "started", "realised", "realized", "noticed", "seemed", "used", "supposed", "tried", "failed",
    "believed", "felt", "wished", "enjoyed", "hated", "preferred", "considered", "expected",
    "interned", "volunteered", "got", "went", "had", "was", "were", "struggled",
    "panicked", "froze", "missed", "stressed", "worried", "assumed", "need", "proceed", "succeed",
    "exceed", "feed", "speed", "bleed", "seed",
}
# Present and past alike: actions only when the answer tells of the past elsewhere too.
_AMBIGUOUS_ACTIONS = {"set", "put", "cut", "read", "split", "hit", "let", "spread"}
_PAST_MARKERS = re.compile(r"\b(was|were|did|had|(?!\w*eed\b)\w+ed)\b", re.IGNORECASE)
_ACTION = re.compile(
    rf"\b(?:i|we|so i|then i|first i|and i)\s+(?:\w+ly\s+|also\s+|then\s+|just\s+|even\s+|"
    rf"quickly\s+|personally\s+|immediately\s+|eventually\s+|finally\s+)?({_ACTION_VERBS})\b",
    re.IGNORECASE,
)
_ACTION_PHRASES = _any(
    r"\b(i|we) (decided|started|began|chose|offered|tried|asked|used|worked with|reached out|went)"
    r"\b.{0,60}\b(to|by|with|for|and)\b",
)
_CHANGE = (
    r"\b(reduc|increas|improv|sav|grew|grow|cut|drop|doubl|tripl|halv|boost|rais|lower|decreas|"
    r"went (up|down)|fell|rose|climb|shrank)\w*\b.{0,60}?\b(by|from|to|in) (about |roughly |around "
    r"|nearly |almost |over |more than |just )?([$€£]?\d|half|a (third|quarter|fifth|tenth)|"
    r"\w+ percent)"
)
_RESULT = _any(
    r"\bas a result\b",
    r"\bresult(ed|s)?\b",
    r"\boutcome\b",
    r"\bin the end\b",
    r"\bby the end\b",
    r"\bend(ed)? up\b",
    r"\beventually\b",
    r"\bturned out\b",
    r"(?<!if )(?<!whether )\b(which|that|this|it) (led|meant|helped|saved|cut|brought|got|let|"
    r"allowed|made|gave|worked|paid off|freed)\b",
    r"\b(we|i|it|they|she|he|the \w+) (shipped|launched|delivered|won|lost|hit|met|finished|"
    r"closed|released|went live|passed|landed|signed|renewed|recovered|beat|got the|made it|"
    r"approved|agreed|accepted|funded|booked)\b",
    r"\b(was|were) (back|fine|approved|funded|accepted|solved|fixed|resolved|adopted|promoted|"
    r"renewed|ready|finished|live|shipped)\b",
    r"\bon time\b",
    r"\bahead of (schedule|time)\b",
    r"\b(under|over|within) (the |our )?budget\b",
    r"\bsince then\b",
    r"\bto this day\b",
    r"\bstill (being )?(used|in use|running|there)\b",
    r"\b(thanked|promoted|praised)\b",
    _CHANGE,
    r"\b(saved|freed up|earned|generated|brought in)\b[^.!?]{0,30}\b(\d|hours|days|minutes|weeks|"
    r"money|revenue|percent)",
    r"\b(had|has|have) (dropped|fallen|risen|grown|improved|doubled|halved|gone (up|down))\b",
    r"\b(is|are|'s) now (the|a|an|used|part|standard|our|in)\b",
    r"\bnow (takes|runs|uses|works|costs|has|have|gets)\b",
    r"\bwhy i now\b|\bnow i (always|check|make|ask|use)\b",
    r"\bover the (next|following)\b",
    r"\b(we|i) (ended|finished|closed) (the|that) (year|quarter|month|sprint|season|term)\b",
    r"\bso (it|they|we|he|she) (didn't|did not|never|no longer)\b",
    r"\b(rolled|roll) (\w+ ){0,4}out\b",
    r"\bstopped \w+ing\b",
)
# Signs that count only in the last part of an answer, where outcomes are told: numbers that
# moved, and someone else doing something in the past ("they signed", "his tone changed").
_RESULT_AT_END = _any(
    r"\bfrom [$€£]?\d[\d.,]*\s*\S*\s+to (under |over |about )?[$€£]?\d",
    r"\b(\d+(\.\d+)?\s?%|percent)\b",
    r"\bwithin (a|an|the|one|two|three|\d+) (hour|day|week|month|quarter)s?\b",
    r"\b(they|he|she|everyone|(the|his|her|their) (\w+ ){0,2}\w+)\s+(\w+ly\s+)?(\w+ed|signed|"
    r"won|made|kept|became|began|came|grew|fell|rose|gave|chose|took|built|thanked|agreed|loved|"
    r"went|got|sent)\b",
    r"\b(we|i) had (only )?(\d+|one|two|three|no|zero|fewer|more)\b",
    r"\b(worked|went) (better|well|great|smoothly)\b",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_fillers(text: str) -> str:
    """`text` with filler words taken out, so "I, um, I rolled back" reads "I I rolled back"."""
    text = re.sub(r"\s+", " ", text)  # first, so no pattern below meets a long run of spaces
    text = re.sub(rf",?\s*{_ALWAYS_FILLERS.pattern}\s*,?", " ", text, flags=re.IGNORECASE)
    text = re.sub(r",\s*(like|you know)\b\s*,?", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(like|you know|I mean)\s*,", " ", text, flags=re.IGNORECASE)
    text = _HEDGES.sub(lambda m: m.group(0) if (m.group(1) or "").strip().lower() in _DETERMINERS
                       else (m.group(1) or ""), text)
    return re.sub(r"\s+", " ", text)


def star_parts(text: str) -> dict[str, bool]:
    """Which parts of a STAR story (situation, task, action, result) the answer contains."""
    text = without_fillers(text)
    told_of_past = bool(_PAST_MARKERS.search(text))
    actions = {m.group(1).lower() for m in _ACTION.finditer(text)} - _NOT_ACTIONS
    if not told_of_past:
        actions -= _AMBIGUOUS_ACTIONS
    sentences = _SENTENCE_END.split(text.strip())
    ending = " ".join(sentences[-max(1, len(sentences) * 2 // 5):])
    return {
        "situation": told_of_past and bool(_SITUATION.search(text)),
        "task": bool(_TASK.search(text)),
        "action": bool(actions) or bool(_ACTION_PHRASES.search(text)),
        "result": bool(_RESULT.search(text) or _RESULT_AT_END.search(ending)),
    }


_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    "fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|"
    "billion|dozen|dozens|half|twice|triple"
)
_METRIC = _any(
    r"[$€£¥]\s?\d[\d,.]*\s?(k|m|bn|million|billion|thousand)?\b",
    r"\d+(\.\d+)?\s?(%|percent|k\b|x\b|ms\b|s\b|kb|mb|gb|tb|m\b|bn\b)",
    rf"\b({_NUMBER_WORDS})\b",
    r"\b\d[\d,.]*\b(?!\s*(st|nd|rd|th)\b)",
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def metrics(text: str) -> list[str]:
    """The concrete numbers in an answer ("40%", "$12k", "three weeks"), the telling ones
    (percentages, money, amounts with a unit) first, each once; a bare year is no metric."""
    without_years = _YEAR.sub(" ", text)
    found = list(dict.fromkeys(m.group(0).strip() for m in _METRIC.finditer(without_years)))
    return sorted(found, key=lambda m: 0 if re.search(r"[%$€£¥]|percent", m) else
                  1 if re.search(r"\d", m) and re.search(r"[a-z]", m, re.I) else 2)


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


DIMENSIONS = ("structure", "relevance", "specificity", "clarity")
_STOPWORDS = set(
    "about after again against also an and any are as at be because been before being both but "
    "by can could did do does doing during each few for from had has have having how if in into "
    "is it its just more most not now of on once only or other our out over own same should so "
    "some such than that the their them then there these they this those through time to too "
    "under until very was we were what when where which while who why will with would you your "
    "tell describe give example walk me us".split()
)


_SUFFIX = re.compile(r"(ations?|ments?|ings?|ed|es|s|ly)$")


def _stem(word: str) -> str:
    """A crude stem, enough to match "fixing" with "fixed" and "profiled" with "profiling"."""
    return _SUFFIX.sub("", word)[:5]


def terms(text: str) -> set[str]:
    """The content words of `text`, stemmed."""
    return {_stem(w) for w in re.findall(r"[a-z][a-z'-]+", text.lower())
            if len(w) > 3 and w not in _STOPWORDS}


def relevance(answer: str, question: str, keywords=()) -> int:
    """1-5, estimated from shared vocabulary: an answer that uses the question's words (and the
    keywords a good answer tends to use) scores higher. Real stories seldom repeat the question,
    so a full answer with no shared words is scored 3 (can't tell), and only a thin one lower.
    A model judges relevance far better; this is the offline estimate."""
    words = word_count(answer)
    if words < 8:
        return 1
    wanted = terms(question) | {_stem(k.lower()) for k in keywords}
    share = len(wanted & terms(answer)) / min(len(wanted), 8) if wanted else 0
    if share >= 0.3:
        return 5
    if share >= 0.15:
        return 4
    return 3 if share > 0 or words >= 20 or sum(star_parts(answer).values()) >= 2 else 2


_SPECIFIC_TERM = re.compile(r"\b([A-Z]{2,}\w*|[a-z]+[A-Z]\w+|[a-z]*\d+[a-z]+\w*|\w+\(\))")


def _specificity(facts: dict, answer: str, kind: str) -> int:
    """1-5: numbers, plus the steps the speaker took themselves ("I rewrote …") in a story, or
    an example and named specifics (SQL, EXPLAIN, p95, useEffect()) in an explanation; less
    for vague wording ("stuff", "handled it")."""
    numbers = min(2, len(facts["metrics"]))
    vague = len(_VAGUE.findall(answer)) >= 2
    if kind == "story":
        mine = {m.group(1).lower() for m in _MINE.finditer(without_fillers(answer))} - _NOT_ACTIONS
        score = 1 + numbers + (len(mine) >= 1) + (len(mine) >= 3)
    else:
        named = {m.group(1) for m in _SPECIFIC_TERM.finditer(answer)}
        score = 1 + numbers + approach_parts(answer)["example"] + (len(named) >= 3)
    return max(1, score - vague)


def _clarity(facts: dict, answer: str) -> int:
    words, fillers = facts["words"], facts["fillerCount"]
    penalty = 0
    rate = 100 * fillers / max(words, 1)
    penalty += (rate > 2) + (rate > 5)
    penalty += (words < 40) + (words < 15)
    penalty += (words > 350) + (words > 500)
    penalty += len(_VAGUE.findall(answer)) >= 2
    return max(1, 5 - penalty)


_IMPROVEMENTS = {
    "relevance": "Answer the question that was asked, and tie your example back to it.",
    "result": "End with the result: what changed because of you, with a number if you can.",
    "action": "Say what you did yourself, step by step (\"I …\"), not only what happened.",
    "situation": "Open with one or two sentences of context: where you were, what was at stake.",
    "task": "State your goal or responsibility: what you had to achieve.",
    "metrics": "Add a concrete figure: time saved, % improved, people or money involved.",
    "fillers": "Cut the filler words; a short pause sounds more confident.",
    "ownership": "Say \"I\" for your own part: the interviewer is assessing you, not the team.",
    "steps": "Lay out your approach step by step before going into details.",
    "trade-offs": "Name the trade-offs: when would another approach be the better choice?",
    "example": "Ground it in an example, ideally one from your own work.",
    "recommendation": "Finish with a clear recommendation: what you would do, and why.",
    "short": "Expand with a concrete example: aim for 150-300 words.",
    "reflection": "Close with what you learned or would do differently: interviewers often ask.",
    "depth": "Add how you would check that it works: a metric, a test or a failure case.",
    "tie-back": "Finish by tying it to the job you want: why this shows you can do it.",
    "vague": "Replace vague words (\"stuff\", \"handled it\", \"worked out\") with what exactly "
             "happened.",
    "red-flag": "Give a real example: claiming you never fail or have no weakness is a red flag.",
    "long": "Tighten to about two minutes: lead with the point, drop side details.",
}


APPROACH_PARTS = ("steps", "trade-offs", "example", "recommendation")
_APPROACH = {
    "steps": _any(r"\b(first|then|next|finally|step|start by|begin by|i would|i'd|approach)\b"),
    "trade-offs": _any(r"\b(trade-?offs?|downsides?|however|depends on (the|whether|how|what)|"
                       r"on the other hand|alternatively|instead of|versus|vs\.?|pros|cons|"
                       r"cost of|costs?|cheaper|slower|faster|risks?|lock-in|compare|comparing|"
                       r"at the expense of|the catch)\b",
                       r"\b(when|if)\b[^.]{0,60}\b(choose|use|pick|prefer|go with|build|buy|"
                       r"partner)\b"),
    "example": _any(r"\b(for example|for instance|e\.g\.|such as|in my (last|previous|current)|"
                    r"at my (last|previous|current)|when i|last year|we once)\b"),
    "recommendation": _any(r"\b(overall|in short|to sum up|so i'?d|so i would|i would (choose|"
                           r"pick|recommend|go with|use|start)|my recommendation|i'd (choose|pick|"
                           r"go with|use|start with)|i recommend|my (choice|pick) (is|would be))\b"),
}
_STORY_QUESTION = _any(
    r"\b(tell me about a time|describe a (time|situation)|give (me )?an example of a time|"
    r"a time (when|you)|a situation (where|when)|walk me through a time|have you ever|"
    r"tell me about (a|an|the|your) \w+( \w+)? (you|that|where|when)|"
    r"tell me about a (conflict|mistake|failure|project|decision)|did you|have you ever|were you)\b"
)
_VAGUE = re.compile(r"\b(stuff|things|a lot|lots of|various|etc|handled it|dealt with it|"
                    r"worked out( fine)?|went well|it was fine|did it)\b", re.IGNORECASE)
_RED_FLAG = re.compile(r"\b(never (really )?(made|make) (a |any )?mistakes?|(don't|do not) have "
                       r"(any |a )?weakness(es)?|no weaknesses|i'?m (just )?a perfectionist|"
                       r"never failed|never had (a |any )?conflicts?)\b", re.IGNORECASE)
_REFLECTS = re.compile(r"\b(learn(ed|t|ing)|lesson|differently|next time|since then|now i|"
                       r"i always|from then on|taught me)\b", re.IGNORECASE)
_CHECKS = re.compile(r"\b(test|metric|measur|monitor|validat|verif|check|alert|roll ?back|canary|"
                     r"a/b|experiment|failure|edge case)\w*", re.IGNORECASE)
_MINE = re.compile(rf"\b(?:i|so i|then i|first i|and i)\s+(?:\w+ly\s+)?({_ACTION_VERBS})\b",
                   re.IGNORECASE)


def question_kind(question: str, category: str | None = None) -> str:
    """"story" for questions that want an example from experience (answered with STAR),
    "technical" for questions that want an explanation or a design (answered with an approach,
    its trade-offs, an example and a recommendation)."""
    if _STORY_QUESTION.search(question) or category in ("behavioral", "leadership"):
        return "story"
    return "technical"


def approach_parts(text: str) -> dict[str, bool]:
    """Which parts of a good explanation the answer has: steps, trade-offs, an example and a
    recommendation."""
    text = without_fillers(text)
    return {part: bool(pattern.search(text)) for part, pattern in _APPROACH.items()}


def assess(answer: str, question: str = "", keywords=(), kind: str | None = None) -> dict:
    """A structured assessment of one answer: scores 1-5 for structure, relevance, specificity
    and clarity, with the facts behind them and one or two improvements, the most important
    first.

    Structure means STAR for a story question, and approach, trade-offs, example and
    recommendation for a technical one (`question_kind`). These are found by wording, so a
    template that names every part scores well on structure; specificity and clarity are what
    such an answer lacks."""
    kind = kind or question_kind(question)
    facts = analyse(answer)
    approach = approach_parts(answer)
    shape = facts["star"] if kind == "story" else approach
    scores = {
        "structure": 1 + sum(shape.values()),
        "relevance": relevance(answer, question, keywords),
        "specificity": _specificity(facts, answer, kind),
        "clarity": _clarity(facts, answer),
    }
    words, story = facts["words"], kind == "story"
    if _RED_FLAG.search(answer):
        scores["relevance"] = min(scores["relevance"], 2)
    first, then = (("result", "action"), ("situation", "task")) if story else \
        (("trade-offs", "steps"), ("example", "recommendation"))
    checks = [
        ("red-flag", bool(_RED_FLAG.search(answer))),
        ("relevance", scores["relevance"] <= 2 and bool(question)),
        ("short", words < 25),
        *((part, not shape[part]) for part in first),
        ("ownership", story and facts["ownership"]["we"] > 2 * max(1, facts["ownership"]["i"])),
        ("vague", len(_VAGUE.findall(answer)) >= 2),
        *((part, not shape[part]) for part in then),
        ("metrics", story and not facts["metrics"]),
        ("fillers", facts["fillerCount"] >= 3),
        ("short", 25 <= words < 40),
        ("long", words > 350),
        ("reflection", story and not _REFLECTS.search(answer)),
        ("depth", not story and not _CHECKS.search(answer)),
        ("tie-back", True),  # something to polish, always
    ]
    needs = list(dict.fromkeys(need for need, applies in checks if applies))
    return {
        **facts,
        "kind": kind,
        "approach": approach,
        "scores": scores,
        "overall": round(sum(scores.values()) / len(scores), 1),
        "improvements": [_IMPROVEMENTS[need] for need in needs[:2]],
        "source": "offline",
    }
