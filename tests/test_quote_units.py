"""Quote units: each run of quoted words (passages), or each attribution's words joined (utterances).

Also the cue rules met in political news: inverted cues with appositives, the passive "is said to",
"Jr." names, and a surname that is not the start of somebody's given name."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from goodterms import analyze_one, read_path
from goodterms.cli import main
from goodterms.config import Settings
from goodterms.errors import ConfigError
from goodterms.model import Analysis

from conftest import ARTICLES

COUNCIL = ARTICLES / "council_budget.txt"


@pytest.fixture(scope="module")
def by_units(nlp: Any) -> dict[str, Analysis]:
    doc = read_path(COUNCIL)
    return {units: analyze_one(doc, settings=Settings(quote_units=units)) for units in ("passages", "utterances")}


def said(analysis: Analysis) -> list[tuple[str, str | None]]:
    out = []
    for quote in analysis.quotes:
        person = analysis.person(quote.speaker)
        out.append((quote.text, person.name if person else None))
    return out


def test_passages_keep_each_run_of_quoted_words_apart(by_units: dict[str, Analysis]) -> None:
    assert said(by_units["passages"]) == [
        ("We cannot keep borrowing,", "Laura Bennett"),
        ("The bill always comes due.", "Laura Bennett"),
        ("This fight is far from finished,", "Dan Kelly"),
        ("Votes can turn overnight.", "Dan Kelly"),
        ("It is all noise.", "Sarah Collins"),
        # '"A," he said, "and B."' is two passages too (ANNOTATION.md: a quote interrupted by a cue is two entries)
        ("I will vote no,", "Robert T. Lane Jr."),
        ("and so will my colleagues.", "Robert T. Lane Jr."),
        ("We are ready,", "Laura Bennett"),
        ("We have been ready for weeks,", "Laura Bennett"),
    ]


def test_utterances_join_the_pieces_one_attribution_interrupts(by_units: dict[str, Analysis]) -> None:
    assert said(by_units["utterances"]) == [
        ("We cannot keep borrowing The bill always comes due.", "Laura Bennett"),
        ("This fight is far from finished Votes can turn overnight.", "Dan Kelly"),
        ("It is all noise.", "Sarah Collins"),
        ("I will vote no and so will my colleagues.", "Robert T. Lane Jr."),
        # the second piece has a cue of its own ("she added"): two attributions, two quotes
        ("We are ready,", "Laura Bennett"),
        ("We have been ready for weeks,", "Laura Bennett"),
    ]


def test_parts_point_at_the_quoted_words(by_units: dict[str, Analysis]) -> None:
    text = by_units["utterances"].document.text
    first = by_units["utterances"].quotes[0]
    assert [p.slice(text) for p in first.parts] == ["We cannot keep borrowing,", "The bill always comes due."]
    assert text[first.start:first.end].startswith("We cannot") and text[first.start:first.end].endswith("due.")
    # in passages no quote has parts: each run of quoted words is its own quote
    assert not any(q.parts for q in by_units["passages"].quotes)


def test_a_passive_said_after_a_quote_is_no_cue(by_units: dict[str, Analysis]) -> None:
    """'The senator is said to have...' after the quote does not make the senator's quote anyone else's."""
    noise = next(q for q in by_units["passages"].quotes if q.text == "It is all noise.")
    assert by_units["passages"].person(noise.speaker).name == "Sarah Collins"  # type: ignore[union-attr]


def test_a_surname_is_not_the_start_of_another_given_name(by_units: dict[str, Analysis]) -> None:
    """'Mr. Kelly' is Dan Kelly, not Kellyanne Porter, though Kellyanne is named first."""
    people = {p.name: p for p in by_units["passages"].people}
    assert "Kelly" in {m.text for m in people["Dan Kelly"].mentions}
    assert "Kelly" not in {m.text for m in people["Kellyanne Porter"].mentions}


def test_generational_suffix_keeps_its_full_stop(by_units: dict[str, Analysis]) -> None:
    people = {p.name: p for p in by_units["passages"].people}
    assert "Robert T. Lane Jr." in people
    assert "Lane" in {m.text for m in people["Robert T. Lane Jr."].mentions}
    assert not any(name.strip(".") in ("Jr", "Sr") for name in people)


def test_unknown_quote_units_are_refused() -> None:
    with pytest.raises(ConfigError, match="quote_units"):
        Settings(quote_units="sentences")


def test_cli_quote_units_option(tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Any) -> None:
    assert main(["analyze", str(COUNCIL), "--format", "json", "--quote-units", "utterances"]) == 0
    contract = json.loads(capsys.readouterr().out)
    joined = contract["quotes"][0]
    assert joined["text"] == "We cannot keep borrowing The bill always comes due."
    assert len(joined["parts"]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["analyze", str(COUNCIL), "--quote-units", "sentences"])
    assert caught.value.code == 2


# -- cues in political and business news ------------------------------------------------------

BANK = ARTICLES / "harbor_bank_dispute.txt"


@pytest.fixture(scope="module")
def bank(nlp: Any) -> Analysis:
    return analyze_one(read_path(BANK))


def test_a_companys_words_stay_out_with_the_piece_that_goes_on(bank: Analysis) -> None:
    """'"A," the company said. "B."': neither piece is a person's quote, nor given to anyone else."""
    texts = [q.text for q in bank.quotes]
    assert not any("reviewing the situation" in t or "remain open" in t for t in texts)


def test_participle_cues_find_their_subject(bank: Analysis) -> None:
    """'with spokesman Daniel Brooks saying' and 'After ... (Laura Bennett called it ...), Michael Hart
    hit back, saying': the name before the verb, else the main clause's subject."""
    assert ("Nobody asked us anything.", "Michael Hart") in said(bank)
    assert ("We will answer in court.", "Daniel Brooks") in said(bank)


def test_a_name_that_modifies_a_role_is_not_the_speaker(bank: Analysis) -> None:
    assert ("The editor was never told,", None) in said(bank)


def test_united_states_is_no_speech_verb(bank: Analysis) -> None:
    """'believes the United States "needs a better banking law"' is a phrase, not a quote."""
    assert not any("banking law" in q.text for q in bank.quotes)


def test_an_inverted_cue_with_a_title_after_the_name(bank: Analysis) -> None:
    """'said Kimberly Ashford Vane, director of the State Banking Office': the name, not the office.
    (The ORG-tagged case is in test_people_names.)"""
    assert ("We take every complaint seriously,", "Kimberly Ashford Vane") in said(bank)
    assert "State Banking Office" not in {p.name for p in bank.people}


def test_a_bare_verb_between_quotes_joins_nothing(nlp: Any) -> None:
    """'a cape bearing the words, "A," shouted, "B"': the cape's words are not the start of her quote."""
    from goodterms import document_from_text

    text = ("Singer Joins Rally\n\nLaura Bennett sang in Harbor City on Saturday.\n\n"
            "Bennett, who hugged the mayor while wearing a cape bearing the words, \u201cVote Early,\u201d "
            "shouted, \u201cIn three days, we make history!\u201d\n\n"
            "Bennett said the crowd was ready, \u201cWe are close,\u201d adding, \u201cWe need every vote.\u201d\n")
    for units in ("passages", "utterances"):
        analysis = analyze_one(document_from_text(text, source="rally.txt"), settings=Settings(quote_units=units))
        assert ("In three days, we make history!", "Laura Bennett") in said(analysis)
    joined = said(analyze_one(document_from_text(text, source="rally.txt"), settings=Settings(quote_units="utterances")))
    assert ("We are close We need every vote.", "Laura Bennett") in joined


def test_she_continues_is_the_last_speaker_and_starts_a_new_attribution(nlp: Any) -> None:
    """'"A," the matriarch tells Sarah.' then 'She continues, "B."': she is the matriarch, not Sarah,
    and in utterance units B is a quote of its own: its cue is not the first quote's."""
    from goodterms import document_from_text

    text = ("Mother and Daughter Talk\n\nLaura Bennett sat down with her daughter Sarah Collins.\n\n"
            "\u201cShe never paid a bill,\u201d the matriarch tells Sarah. \u201cNot once.\u201d\n\n"
            "She continues, \u201cWe never had that money.\u201d\n\n"
            "Sarah blurted out, \u201cOh, no,\u201d at the mention of the bill. She added, \u201cThat is not true.\u201d\n")
    for units in ("passages", "utterances"):
        quotes = said(analyze_one(document_from_text(text, source="talk.txt"), settings=Settings(quote_units=units)))
        assert ("We never had that money.", "Laura Bennett") in quotes
        assert ("That is not true.", "Sarah Collins") in quotes


def test_a_name_in_an_aside_is_not_the_next_she(nlp: Any) -> None:
    """'Laura Bennett -- the agent who handled Sarah Collins' case -- spent...' then 'She denied it':
    she is Laura, the sentence's subject, though Sarah is named later and more often."""
    from goodterms import document_from_text

    text = ("Adoption Questions Return\n\nSarah Collins adopted a son in 2002.\n\n"
            "Laura Bennett -- the agent who handled Sarah Collins' case -- spent time in prison. "
            "(She rejected the claim back then, telling a reporter, \u201cI made paperwork errors and nothing else.\u201d)\n")
    quotes = said(analyze_one(document_from_text(text, source="aside.txt")))
    assert quotes == [("I made paperwork errors and nothing else.", "Laura Bennett")]


def test_partial_quotes_in_reported_speech_count_only_as_passages(nlp: Any) -> None:
    """'described him as "wonderfully kind"' is her words (ANNOTATION.md counts it); a term after a
    determiner ('a "quid pro quo"') is not; PARC-style utterances keep direct speech only."""
    from goodterms import document_from_text

    text = ("Old Friends Reunite\n\nLaura Bennett described Michael Hart as \u201cwonderfully kind\u201d and "
            "\u201cextremely generous.\u201d She added that the two are \u201calways laughing together.\u201d\n\n"
            "Critics said the deal was a \u201cquid pro quo\u201d and nothing more.\n")
    passages = said(analyze_one(document_from_text(text, source="friends.txt")))
    assert passages == [("wonderfully kind", "Laura Bennett"), ("extremely generous.", "Laura Bennett"),
                        ("always laughing together.", "Laura Bennett")]
    utterances = analyze_one(document_from_text(text, source="friends.txt"), settings=Settings(quote_units="utterances"))
    assert utterances.quotes == ()


def test_partial_quotes_say_so_and_give_no_stance_of_their_own(nlp: Any) -> None:
    from goodterms import document_from_text

    text = ("Court Papers Filed\n\nLaura Bennett has said she worked \u201cday and night to help Michael Hart "
            "find a home\u201d after the fire.\n")
    analysis = analyze_one(document_from_text(text, source="papers.txt"))
    assert [(q.kind, q.text) for q in analysis.quotes] == [
        ("partial", "day and night to help Michael Hart find a home")]
    assert analysis.stances == ()


def test_a_pronoun_in_a_fronted_clause_is_the_subject_after_it(nlp: Any) -> None:
    """'While making his claims, Tom Reyes ... revealed': his is Tom's, not the last man named; and
    'I would be glad if this town never saw her again' wishes her gone."""
    from goodterms import document_from_text

    text = ("A Falling Out\n\nSarah Collins adopted Michael Hart's nephew in 2002, and Michael Hart "
            "approved.\n\nWhile making his serious claims, Tom Reyes revealed he and Collins have since "
            "parted ways. \u201cI would be glad if this town never saw her again,\u201d he said.\n")
    analysis = analyze_one(document_from_text(text, source="fallout.txt"))
    people = {p.id: p for p in analysis.people}
    his = next(m for p in analysis.people for m in p.mentions if m.text == "his")
    assert next(p.name for p in analysis.people if his in p.mentions) == "Tom Reyes"
    assert said(analysis) == [("I would be glad if this town never saw her again,", "Tom Reyes")]
    stances = {(people[s.source].name, people[s.target].name): s.polarity for s in analysis.stances}
    assert stances.get(("Tom Reyes", "Sarah Collins")) == "negative"


def test_the_latter_and_the_former_are_the_last_two_people_named(nlp: Any) -> None:
    from goodterms import document_from_text

    text = ("Two Mayors Meet\n\nLaura Bennett met Michael Hart in March. The latter said, \u201cWe agreed on "
            "nothing at all.\u201d The former said, \u201cWe agreed on the bridge.\u201d\n")
    quotes = said(analyze_one(document_from_text(text, source="mayors.txt")))
    assert quotes == [("We agreed on nothing at all.", "Michael Hart"), ("We agreed on the bridge.", "Laura Bennett")]


def test_the_text_report_shows_pieces_and_partial_quotes(capsys: pytest.CaptureFixture[str], nlp: Any) -> None:
    assert main(["analyze", str(ARTICLES / "interrupted_and_partial_quotes.txt")]) == 0
    report = capsys.readouterr().out
    assert "(partial quote):\n    \u201ca wonderful father\u201d" in report
    assert main(["analyze", str(ARTICLES / "interrupted_and_partial_quotes.txt"), "--quote-units", "utterances"]) == 0
    report = capsys.readouterr().out
    assert "(2 pieces):\n    \u201cShe is family\u201d \u2026 \u201cand she always will be.\u201d" in report


def test_a_crowd_is_no_speaker_and_a_possessive_after_a_quote_is(nlp: Any) -> None:
    """'everyone was like, "What?"' is nobody's quote; '"I hugged him too," was her first answer'
    is hers, though a man was the last subject named."""
    from goodterms import document_from_text

    text = ("Awards Night Kiss\n\nWhen Laura Bennett won, she kissed her co-star on the cheek while her husband "
            "watched, and everyone was like, \u201cWait, what just happened?\u201d\n\n"
            "Host Michael Hart asked about it later.\n\n"
            "\u201cI hugged my husband too,\u201d was her first answer.\n")
    quotes = said(analyze_one(document_from_text(text, source="kiss.txt")))
    assert quotes == [("I hugged my husband too,", "Laura Bennett")]


def test_an_interview_is_never_with_a_place(nlp: Any) -> None:
    """The model may tag a magazine as a place; after 'in an interview with' it is the outlet."""
    from goodterms.extract.coref import References
    from goodterms.extract.outlets import OutletFinder
    from goodterms.extract.sentences import document_sentences
    from goodterms import document_from_text

    text = "Actor Moves On\n\n\u201cHome is where the heart is,\u201d he said in a candid interview with Quillmark.\n"
    doc = document_from_text(text, source="home.txt")
    sentences = document_sentences(doc)
    place = text.index("Quillmark")
    finder = OutletFinder(text, References(doc, [], sentences), [(place, place + len("Quillmark"))])
    assert finder.outlet_in(0, len(text))[0] == "Quillmark"  # type: ignore[index]
    other = "Actor Moves On\n\nHe appeared on Quillmark last May.\n"
    spot = other.index("Quillmark")
    blocked = OutletFinder(other, References(document_from_text(other, source="x.txt"), [],
                                            document_sentences(document_from_text(other, source="x.txt"))),
                           [(spot, spot + len("Quillmark"))])
    assert blocked.outlet_in(0, len(other)) is None  # 'appeared on' a place is no outlet


def test_a_known_platform_tagged_as_a_place_is_still_the_outlet(nlp: Any) -> None:
    from goodterms.extract.coref import References
    from goodterms.extract.outlets import OutletFinder
    from goodterms.extract.sentences import document_sentences
    from goodterms import document_from_text

    text = "Engaged\n\nIn December, Laura Bennett announced the engagement on Reddit, with a long post.\n"
    doc = document_from_text(text, source="reddit.txt")
    spot = text.index("Reddit")
    finder = OutletFinder(text, References(doc, [], document_sentences(doc)), [(spot, spot + len("Reddit"))])
    assert finder.outlets_before(len(text))[0] == "Reddit"  # type: ignore[index]


def test_a_possessors_rep_speaks_not_the_possessor(nlp: Any) -> None:
    """"Bennett's rep confirmed the news, saying the singer is 'focused on her music'": the rep's words."""
    from goodterms import document_from_text

    text = ("Split Confirmed\n\nLaura Bennett and Michael Hart have split.\n\n"
            "Bennett's rep confirmed the news to Glow Magazine, saying the singer is \u201cfocused on her "
            "music and her son.\u201d\n")
    assert said(analyze_one(document_from_text(text, source="rep.txt"))) == [
        ("focused on her music and her son.", None)]


def test_fans_heartbreak_is_negative() -> None:
    from goodterms.extract.comments import polarity

    assert polarity("This breaks my heart")[0] == "negative"
    assert polarity("Highly inappropriate.")[0] == "negative"
    assert polarity("Couple goals")[0] == "positive"


def test_a_descriptor_speaker_is_the_last_sentences_subject(nlp: Any) -> None:
    """'Michael Hart opened up on the show. "I love her," the nominee said.': Hart, though his ex is
    named far more often."""
    from goodterms import document_from_text

    text = ("Exes Speak\n\nLaura Bennett and Michael Hart split. Laura Bennett moved out, and Bennett kept "
            "the dog. Bennett said nothing.\n\nMichael Hart opened up about it on a late show on Friday. "
            "\u201cI love her, I always will,\u201d the nominee said.\n")
    assert said(analyze_one(document_from_text(text, source="exes.txt"))) == [
        ("I love her, I always will,", "Michael Hart")]
