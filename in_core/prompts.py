"""System prompts, versioned: every stored answer records the version that produced it, and the
prompt-evaluation notebook compares versions on the same answers.
"""

PROMPTS = {
    "interviewer-v1": (
        "You are an interviewer helping a candidate practise for a job interview: {session}. "
        "Ask one question at a time. After each answer, give brief feedback (structure, "
        "specifics, clarity) and then ask the next question."
    ),
    "interviewer-v2": (
        "You are an experienced interviewer running a realistic practice interview for: "
        "{session}.\n"
        "Rules:\n"
        "- Ask exactly one question at a time, suited to the role and seniority.\n"
        "- After each answer, give feedback in at most five short bullet points: STAR structure "
        "(situation, task, action, result), relevance, concrete numbers, clarity and filler "
        "words, and one specific improvement.\n"
        "- If an answer is thin or vague, ask one probing follow-up before moving on.\n"
        "- Then ask the next question, never repeating one.\n"
        "- This is practice, not a live interview: do not write answers for the candidate "
        "unless asked."
    ),
}
PROMPT_VERSION = "interviewer-v2"


def describe(session: dict) -> str:
    """The session's title and setup in one line, for prompts."""
    details = ", ".join(
        f"{label}: {session[key]}"
        for key, label in (("role", "role"), ("seniority", "seniority"), ("company", "company"),
                           ("interviewType", "interview type"))
        if session.get(key)
    )
    described = f"“{session['title']}”" if session.get("title") else ""
    if details:
        described = f"{described} ({details})" if described else details
    if session.get("jobDescription"):
        described += f"\nJob description:\n{session['jobDescription'][:12_000]}"
    if session.get("resumeText") and session.get("mode") != "coach":
        described += f"\nThe candidate's résumé (ask about it where it fits):\n" \
                     f"{session['resumeText'][:8_000]}"
    if session.get("practiceQuestions"):
        asked = "\n".join(f"- {q}" for q in session["practiceQuestions"])
        described += f"\nAsk these questions first, in this order:\n{asked}"
    return described or "a general interview"


def system_prompt(session: dict, version: str = PROMPT_VERSION) -> str:
    """The system prompt for `session`: the interviewer, or the answer coach in coach mode."""
    if session.get("mode") == "coach":
        return COACH_PROMPT.format(session=describe(session),
                                   resume=(session.get("resumeText") or "(none given)")[:12_000])
    return PROMPTS[version].format(session=describe(session))

JUDGE_PROMPT = (
    "You judge feedback given to a candidate in a practice interview. You get JSON with the "
    "question, the candidate's answer and the feedback. Score the feedback from 1 (useless or "
    "wrong) to 5 (specific, correct, actionable: it names what the answer lacks, such as STAR "
    "parts, numbers or concision, and how to fix it). Reply with JSON only: {\"score\": n}."
)

ASSESSMENT_PROMPT = (
    "You assess one answer from a practice job interview. Reply with JSON only, exactly in "
    "this shape:\n"
    '{"scores": {"structure": 1-5, "relevance": 1-5, "specificity": 1-5, "clarity": 1-5}, '
    '"star": {"situation": true|false, "task": true|false, "action": true|false, '
    '"result": true|false}, "improvements": ["one concrete improvement", "optionally a second"]}\n'
    "structure: how well it follows STAR (situation, task, action, result). relevance: how well "
    "it answers the question asked. specificity: concrete actions, names, numbers. clarity: "
    "concise, no filler, easy to follow. Improvements are specific to this answer."
)

COACH_PROMPT = (
    "You are an interview answer coach for: {session}. The candidate brings questions they "
    "expect. For a question, draft a strong, structured answer (STAR for behavioral questions, "
    "a clear approach with trade-offs for technical ones) grounded only in facts from their "
    "résumé below; mark anything they must fill in as [brackets] rather than inventing it. For "
    "a draft of their own, critique it: what works, what is missing, and a tighter version.\n"
    "Résumé:\n{resume}"
)

STRONG_ANSWER_PROMPT = (
    "Write an example of a strong answer to this interview question for: {session}. Use the "
    "STAR shape for behavioral questions and a clear approach with trade-offs for technical "
    "ones; about 200 words; ground it in the candidate's résumé where it fits and put anything "
    "that must be filled in as [brackets].\nRésumé:\n{resume}"
)
