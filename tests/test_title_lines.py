"""Title-case lines (headline, headings, "MORE: ..." links) run names into verbs; the prose says
where a name ends. Entities are given by hand, so only the people rules are under test."""
from __future__ import annotations

import re

from goodterms import document_from_text
from goodterms.extract.people import Entity, find_people
from goodterms.extract.title_lines import Prose, is_title_case, title_lines, trim_to_prose_name


def people(text: str, *spans: str) -> set[str]:
    """Names found when each listed run is a PERSON entity wherever it stands."""
    taken = []
    for span in sorted(spans, key=len, reverse=True):
        for m in re.finditer(re.escape(span), text):
            if not any(e.start < m.end() and m.start() < e.end for e in taken):
                taken.append(Entity(m.start(), m.end(), "PERSON"))
    doc = document_from_text(text, source="titles.txt")
    return {p.name for p in find_people(doc, sorted(taken, key=lambda e: e.start))}


def test_a_line_is_title_case_when_every_word_but_the_small_ones_is_capitalised() -> None:
    assert is_title_case("MORE: Nia Vale Throws Shade at Ex-Fiance Bo Reyes's Cooking Skills!")
    assert is_title_case("Bo Reyes Opens Up About His Friendship With the Vale Sisters")
    assert not is_title_case("Bo Reyes opened up about his friendship with Nia Vale.")
    assert not is_title_case("Photo")  # too short to say


def test_every_title_case_line_is_read_as_one_not_only_the_headline() -> None:
    text = ("Bo Reyes Moves On\n\nBo Reyes left town.\n\nMORE: Nia Vale Throws Shade at Bo Reyes!\n\n"
            "Friends say he is happy.\n")
    doc = document_from_text(text, source="titles.txt")
    lines = [text[s:e].strip() for s, e in title_lines(doc)]
    assert lines == ["Bo Reyes Moves On", "MORE: Nia Vale Throws Shade at Bo Reyes!"]


def test_a_word_the_prose_writes_in_lower_case_is_no_part_of_a_name() -> None:
    body = "Ana Quill filed for divorce from Cole Quill last year."
    assert trim_to_prose_name("Quill Divorce", Prose(body)) == "Quill"
    assert trim_to_prose_name("Ana Quill's", Prose(body)) == "Ana Quill"  # the owner, not "Ana"
    assert trim_to_prose_name("Ana Quill Divorce Drama", Prose(body)) == "Ana Quill"
    # a surname the prose writes with a capital stays
    assert trim_to_prose_name("Ana Bell", Prose("Ana and Tom Bell wed. The bell rang.")) == "Ana Bell"


def test_a_verb_after_a_name_the_prose_never_uses_ends_the_name() -> None:
    body = "He has moved on, friends say."
    assert trim_to_prose_name("Nia Vale Throws Shade", Prose(body)) == "Nia Vale"
    assert trim_to_prose_name("Rio Vance Busts Out", Prose(body)) == "Rio Vance"
    assert trim_to_prose_name("Sara Jo West", Prose(body)) == "Sara Jo West"  # given and surnames, no verb


def test_names_in_a_related_story_line_are_trimmed_or_dropped() -> None:
    text = ("Bo Reyes Moves On\n\nBo Reyes has moved out of the home he shared with Nia Vale.\n\n"
            "MORE: Nia Vale Throws Shade at Ex Bo Reyes's Cooking Skills!\n\n"
            "\u201cHe is loving the single life,\u201d a friend said.\n")
    found = people(text, "Bo Reyes", "Nia Vale Throws Shade", "Cooking Skills")
    assert found == {"Bo Reyes", "Nia Vale"}


def test_a_word_before_a_name_the_prose_writes_only_in_lower_case_is_dropped() -> None:
    body = "Mila told her brother Rob that she hopes to adopt the girl. Rob, 30, agreed."
    assert trim_to_prose_name("Adopt Rob's", Prose(body)) == "Rob"
    text = "Mila Wants To Adopt Rob's Daughter!\n\n" + body + "\n"
    assert people(text, "Adopt Rob's", "Rob") == {"Rob"}


def test_an_inflected_verb_before_a_name_the_prose_uses_is_dropped() -> None:
    assert trim_to_prose_name("Slams Nia", Prose("Nia Vale, 34, has moved on.")) == "Nia"


def test_an_inflected_verb_the_prose_writes_in_lower_case_ends_a_two_word_name() -> None:
    body = Prose("Nia reportedly wants a quiet life, and Rio Vance says he quits.")
    assert trim_to_prose_name("Nia Wants", body) == "Nia"
    assert trim_to_prose_name("Vance Quits", body) == "Vance"
    # a surname spelt like an inflected verb stays when the prose writes it with a capital
    assert trim_to_prose_name("Nia Styles", Prose("Nia Styles styles her hair. Nia waved.")) == "Nia Styles"
