"""Many articles into one picture: who is who across articles, and are two people on good terms."""
from .ask import Answer, AnswerItem, answer_from_reports, ask, find_person
from .timeline import Conflict, Period, Report, Summary, summarize

__all__ = ["Answer", "AnswerItem", "Conflict", "Period", "Report", "Summary", "answer_from_reports", "ask", "find_person",
           "summarize"]
