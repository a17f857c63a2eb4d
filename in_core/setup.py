"""The optional setup of a session: who the practice is for, and how the assistant behaves.

Two modes: a mock interview (the assistant asks, one question at a time, and gives feedback on
every answer) and an answer coach (the person brings a question they expect; the assistant
drafts a strong answer from their résumé and critiques their own drafts).
"""

from .errors import InvalidInput
from .validation import text

INTERVIEW_TYPES = {
    "behavioral": "Behavioral", "technical": "Technical", "system_design": "System design",
    "product": "Product", "mixed": "Mixed", "custom": "Custom",
}
MODES = {"mock": "Mock interview", "coach": "Answer coach"}
SENIORITIES = {"junior": "Junior", "mid": "Mid-level", "senior": "Senior"}
MAX_SHORT_CHARS = 120
MAX_JOB_DESCRIPTION_CHARS = 20_000
MAX_RESUME_CHARS = 50_000
MAX_PRACTICE_QUESTIONS = 20


def _choice(value, choices: dict, what: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        wanted = value.strip().casefold().replace(" ", "_").replace("-", "_")
        for key, label in choices.items():
            if wanted in (key, label.casefold().replace(" ", "_").replace("-", "_")):
                return key
    raise InvalidInput(f"The {what} must be one of: {', '.join(choices.values())}.")


def _optional_text(value, what: str, limit: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return text(value.strip() if isinstance(value, str) else value, what, limit)


def clean_setup(role=None, seniority=None, company=None, interview_type=None,
                job_description=None, resume_text=None, mode=None,
                practice_questions=None) -> dict:
    """The setup as stored (camelCase keys), checked; empty fields are left out."""
    setup = {
        "role": _optional_text(role, "target role", MAX_SHORT_CHARS),
        "seniority": _choice(seniority, SENIORITIES, "seniority"),
        "company": _optional_text(company, "company", MAX_SHORT_CHARS),
        "interviewType": _choice(interview_type, INTERVIEW_TYPES, "interview type"),
        "jobDescription": _optional_text(job_description, "job description",
                                         MAX_JOB_DESCRIPTION_CHARS),
        "resumeText": _optional_text(resume_text, "résumé", MAX_RESUME_CHARS),
        "mode": _choice(mode, MODES, "mode"),
    }
    if practice_questions is not None:
        if not isinstance(practice_questions, (list, tuple)) or \
                len(practice_questions) > MAX_PRACTICE_QUESTIONS:
            raise InvalidInput(
                f"Practice questions must be a list of at most {MAX_PRACTICE_QUESTIONS}."
            )
        questions = [q.strip() if isinstance(q, str) else q for q in practice_questions]
        setup["practiceQuestions"] = list(dict.fromkeys(
            text(q, "practice question", 1_000) for q in questions if q != ""))
    return {key: value for key, value in setup.items() if value}
