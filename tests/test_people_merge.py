"""One person under several spellings: accents, initials with and without full stops, pet forms,
a quoted nickname, a slip of the pen, a stage name in capitals. find_people gets the entities by
hand (every occurrence of the given forms tagged PERSON), so each merge rule is tested alone."""
from __future__ import annotations

import re

from goodterms import document_from_text
from goodterms.extract.people import Entity, _misspelt, _short_form, find_people


def tagged(text: str, *forms: str, label: str = "PERSON") -> list[Entity]:
    out: list[Entity] = []
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w#])" + re.escape(form) + r"(?!\w)", text):
            if not any(e.start < m.end() and m.start() < e.end for e in out):
                out.append(Entity(m.start(), m.end(), label))
    return sorted(out, key=lambda e: e.start)


def people(text: str, *forms: str) -> dict[str, set[str]]:
    doc = document_from_text(text, source="merge.txt")
    return {p.name: {p.name, *p.aliases} for p in find_people(doc, tagged(text, *forms))}


def test_accents_and_full_stops_do_not_split_a_person() -> None:
    text = ("Renee Dufort Shares A Photo\n\nRenée Dufort posted a photo. Later Renée waved. "
            "T.J. Marlow came too, and TJ Marlow laughed.\n")
    found = people(text, "Renee Dufort", "Renée Dufort", "Renée", "T.J. Marlow", "TJ Marlow")
    assert len(found) == 2
    assert any({"Renée Dufort", "Renee Dufort"} <= forms for forms in found.values())
    assert any({"T.J. Marlow", "TJ Marlow"} <= forms for forms in found.values())


def test_a_pet_form_joins_the_given_name_it_shortens() -> None:
    text = ("Split\n\nAngelica Morrow and Daniel Pike split. Angie kept the house and Danny moved out. "
            "Robert Vane said Bob would help.\n")
    found = people(text, "Angelica Morrow", "Daniel Pike", "Angie", "Danny", "Robert Vane", "Bob")
    assert found.keys() == {"Angelica Morrow", "Daniel Pike", "Robert Vane"}
    assert "Angie" in found["Angelica Morrow"] and "Danny" in found["Daniel Pike"] and "Bob" in found["Robert Vane"]


def test_pet_forms_need_a_real_stem() -> None:
    assert _short_form("angie", "angelica") and _short_form("jenny", "jennifer") and _short_form("danny", "daniel")
    assert not _short_form("amy", "amanda")  # three letters: too short to tell
    assert not _short_form("andie", "ann")
    assert not _short_form("mandy", "melinda")


def test_a_surname_in_the_middle_of_a_full_name_finds_its_person() -> None:
    text = "Night Show\n\nHost Ivy Calder Brooks greeted the crowd. Calder said she was nervous.\n"
    found = people(text, "Ivy Calder Brooks", "Calder")
    assert found == {"Ivy Calder Brooks": {"Ivy Calder Brooks", "Calder"}}


def test_a_possessive_inside_a_tagged_span_leaves_the_owner() -> None:
    text = "Late Show\n\nMarla Quince hosted. Quince\u2019s guest, Tobin Hale, laughed.\n"
    found = people(text, "Marla Quince", "Quince\u2019s guest", "Tobin Hale")
    assert set(found) == {"Marla Quince", "Tobin Hale"}


def test_a_name_spelt_two_ways_by_a_slip_is_one_person() -> None:
    text = "Court\n\nPaolo Ferrante lost his appeal. A judge said Paolo Ferarnte must wait. Paolo Frost agreed.\n"
    found = people(text, "Paolo Ferrante", "Paolo Ferarnte", "Paolo Frost")
    assert set(found) == {"Paolo Ferrante", "Paolo Frost"}
    assert _misspelt("giacomo", "gaicmoo") is False  # two swaps
    assert _misspelt("harlowe", "harlow") is False  # the last letter differs: another name


def test_then_known_as_and_full_name_was_join_two_names() -> None:
    text = ("Old Days\n\nShe married Dana Voss, then known as Dan Voss, in 1990. Kestrel, whose full name was "
            "Kestrel Ambrose Finch, died at 57.\n")
    found = people(text, "Dana Voss", "Dan Voss", "Kestrel", "Kestrel Ambrose Finch")
    assert len(found) == 2


def test_a_stage_name_in_capitals_or_with_a_one_letter_surname_stays_whole() -> None:
    text = "Gala\n\nHusband KAY-Q sat down. Later Kay Q danced with Milo Hart.\n"
    doc = document_from_text(text, source="stage.txt")
    entities = tagged(text, "Husband KAY-Q", "Kay", "Milo Hart")
    found = {p.name: set(p.aliases) for p in find_people(doc, entities)}
    assert len(found) == 2 and "Milo Hart" in found
    assert any({"KAY-Q", "Kay Q"} <= {name, *aliases} for name, aliases in found.items())


def test_hashtags_and_photo_credits_are_not_people() -> None:
    text = "Gala\n\nFans wrote #TeamMira under the photo of Mira Lund. (Left, by Tom Reis/PixAgency)\n"
    found = people(text, "TeamMira", "Mira Lund", "Tom Reis/PixAgency")
    assert set(found) == {"Mira Lund"}


def test_children_listed_with_ages_after_a_dash_or_a_plural_kin_noun_are_people() -> None:
    text = ("Custody\n\nThey fight over their four children -- Arlo, 14, Brin, 12, Cosi, 9, and twins Dov and Eda. "
            "His ex-wives Fenna Moor and Gita Lane stayed out of it. She adopted daughter August last year.\n")
    found = people(text)
    assert {"Arlo", "Brin", "Cosi", "Dov", "Eda", "Fenna Moor", "Gita Lane", "August"} <= set(found)


def test_a_kin_noun_in_a_list_of_children_is_not_the_last_child_s_kin() -> None:
    from goodterms import analyze_text
    text = ("Custody\n\nMara Quill and Tobin Hale share their children -- Arlo, 14, Brin, 12, and twins Dov and Eda. "
            "Mara Quill spoke of son Pell, 4, and daughter Wren.\n")
    analysis = analyze_text(text, source="kids.txt")
    name = {p.id: p.name for p in analysis.people}
    parents = {(name.get(r.subject), name.get(r.object)) for r in analysis.relations if r.type == "parent"}
    assert not any(parent in ("Brin", "Pell") for parent, _ in parents)


def test_a_surname_spelt_once_with_a_slip_joins_the_full_name() -> None:
    text = "Split\n\nThe singer parted with manager Stella Varonikova. Before that, Varnikova ran her career.\n"
    found = people(text, "Stella Varonikova", "Varnikova")
    assert found == {"Stella Varonikova": {"Stella Varonikova", "Varnikova"}}


def test_an_untagged_full_name_owning_a_kin_noun_is_a_person() -> None:
    text = "Advice\n\nShe said the Justin Marlowe's wife gave her advice. The New Yorker's editor agreed.\n"
    found = people(text)
    assert set(found) == {"Justin Marlowe"}


def test_a_wrong_quote_glyph_for_a_possessive_or_a_dash_after_the_name_is_cut_off() -> None:
    text = "Photo\n\nNell Varga\u2018s photo upset Tom Reis - best known for his show - and Nell Varga apologised.\n"
    found = people(text, "Nell Varga\u2018s", "Tom Reis - best", "Nell Varga")
    assert set(found) == {"Nell Varga", "Tom Reis"}


def test_thousands_of_one_word_names_are_found_in_linear_time_and_still_merge() -> None:
    """Past PeopleFinder.SCAN_ALL people a new form is compared only with people sharing a word."""
    from goodterms.extract.people import PeopleFinder
    from goodterms.model import Document

    finder = PeopleFinder(Document(id="t", text=""))
    finder.add_form("Mira Solberg", 0, 12)
    for i in range(2 * PeopleFinder.SCAN_ALL):
        word = "Zz" + "".join(chr(ord("a") + int(d)) for d in f"{i:04d}")
        finder.add_form(word, 20 + 10 * i, 26 + 10 * i)
    before = len(finder.people)
    assert finder.add_form("Solberg", 9000, 9007) is finder.people[0]
    assert finder.add_form("Mira", 9010, 9014) is finder.people[0]
    assert len(finder.people) == before


def test_a_whole_given_name_after_its_short_form_joins_the_same_person() -> None:
    text = "Gala\n\nQueen Bey arrived first. Later Bey waved. Beyonda sang two songs, and Beyonda left at ten.\n"
    found = people(text, "Bey", "Beyonda")
    assert list(found) == ["Beyonda"] and found["Beyonda"] == {"Beyonda", "Bey"}
