"""The pipeline: stage list, long blocks through NER in pieces, one bad document in a batch."""
from __future__ import annotations

import pytest

from goodterms import document_from_text
from goodterms.errors import UnknownStage
from goodterms.pipeline import NER_PIECE, Rejected, _pieces, analyze_many, analyze_one, stages_named


def test_unknown_stage_lists_the_known_ones() -> None:
    with pytest.raises(UnknownStage) as caught:
        stages_named(["people", "gossip"])
    assert "gossip" in str(caught.value) and "quotes" in str(caught.value)


def test_pieces_cover_the_block_exactly_at_spaces() -> None:
    text = ("Orla Venn met Tobias Crane. " * 3000).strip()
    pieces = _pieces(text, 0, len(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(e - s <= NER_PIECE for s, e in pieces)
    assert all(text[e] == " " for _, e in pieces[:-1])


def test_a_block_longer_than_a_piece_keeps_entity_offsets() -> None:
    filler = "The crowd waited in the rain for hours. " * ((NER_PIECE // 40) + 50)
    text = "Orla Venn Returns\n\n" + filler + "Then Orla Venn thanked Tobias Crane on stage.\n"
    analysis = analyze_one(document_from_text(text, source="long.txt"))
    names = {p.name for p in analysis.people}
    assert {"Orla Venn", "Tobias Crane"} <= names
    for person in analysis.people:
        for m in person.mentions:
            assert text[m.start:m.end] == m.text


def test_rejected_inputs_pass_through_a_batch() -> None:
    good = document_from_text("Orla Venn Speaks\n\n“I am happy,” Orla Venn said.\n", source="good.txt")
    bad = Rejected("bad.txt", "empty", "bad.txt: empty input")
    results = list(analyze_many([bad, good]))
    assert results[0] is bad
    assert not isinstance(results[1], Rejected) and results[1].document.source == "good.txt"


def test_pronouns_and_descriptors_are_mentions_of_the_person() -> None:
    text = (
        "Sarah Collins Opens Up\n\n"
        "Sarah Collins has finally spoken about her new film. The actress said she loved the role.\n"
    )
    analysis = analyze_one(document_from_text(text, source="m.txt"))
    sarah = next(p for p in analysis.people if p.name == "Sarah Collins")
    kinds = {m.kind for m in sarah.mentions}
    assert {"name", "pronoun", "descriptor"} <= kinds
    for m in sarah.mentions:
        assert text[m.start:m.end] == m.text


def test_asking_for_a_stage_brings_in_what_it_reads() -> None:
    names = [s.name for s in stages_named(["stances"])]
    assert names == ["people", "quotes", "relations", "stances"]
    assert [s.name for s in stages_named(["social"])] == ["people", "social"]


def test_a_stage_with_its_inputs_only_runs() -> None:
    text = "Orla Venn Speaks\n\n“Tobias is my best friend,” Orla Venn said of Tobias Crane.\n"
    analysis = analyze_one(document_from_text(text, source="s.txt"), stages=["verdicts"])
    assert analysis.people and analysis.quotes


class _Watched:
    """A Work that records which fields a stage reads and sets."""

    def __init__(self, work: object) -> None:
        object.__setattr__(self, "_work", work)
        object.__setattr__(self, "read", set())
        object.__setattr__(self, "written", set())

    def __getattr__(self, name: str) -> object:
        self.read.add(name)
        return getattr(self._work, name)

    def __setattr__(self, name: str, value: object) -> None:
        self.written.add(name)
        setattr(self._work, name, value)


def test_the_stage_table_says_what_each_stage_reads_and_writes() -> None:
    from goodterms.pipeline import STAGES, Work, recognise
    from goodterms.config import Settings

    text = (
        "Orla Venn and Tobias Crane Reunite\n\n"
        "Orla Venn, 41, praised her ex-husband Tobias Crane. “He is a wonderful father,” she told Glow.\n\n"
        "A post shared by Orla Venn (@orlavenn)\n"
    )
    doc = document_from_text(text, source="w.txt")
    work = Work(doc, recognise([doc], Settings())[0], Settings())
    for stage in STAGES:
        watched = _Watched(work)
        stage.run(watched)  # type: ignore[arg-type]
        assert watched.read <= set(stage.reads) | set(stage.writes), (stage.name, watched.read - set(stage.reads))
        assert watched.written <= set(stage.writes), (stage.name, watched.written - set(stage.writes))


def test_pieces_without_words_skip_ner_and_names_around_them_are_found() -> None:
    from goodterms.pipeline import _wordy

    junk = "\u201c\u201d\"'" * 400 + ": " * 300
    assert not _wordy(junk, 0, len(junk))
    assert _wordy("Orla Venn met Tobias Crane. " * 20, 0, 560)
    text = "Orla Venn Returns\n\n" + junk + "\n\nOrla Venn thanked Tobias Crane on stage.\n"
    analysis = analyze_one(document_from_text(text, source="junk.txt"))
    assert {"Orla Venn", "Tobias Crane"} <= {p.name for p in analysis.people}
