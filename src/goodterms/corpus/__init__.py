"""Many articles into one picture: who is who across articles, and are two people on good terms."""
from .ask import Answer, AnswerItem, ask, find_person

__all__ = ["Answer", "AnswerItem", "ask", "find_person"]
