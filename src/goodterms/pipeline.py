"""The ordered stages of one analysis, and the functions that run them on one or many articles."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .config import Settings
from .deadline import check as check_budget
from .deadline import within
from .errors import GoodtermsError, UnknownStage
from .extract.comments import find_comments
from .extract.context import ArticleContext
from .extract.coref import References
from .extract.parse import Parses
from .extract.people import Entity, find_people
from .extract.quotes import find_quotes
from .extract.speakers import speaker_entities
from .extract.relations import find_relations
from .extract.stance import find_stances
from .extract.verdict import find_pairs, gather_evidence
from .extract.sentences import cut_at_spaces
from .extract.social import find_social_posts
from .model import (
    Analysis, Comment, Document, PairEvidence, PairVerdict, Person, Quote, Rejected, Relation, SocialPost, Stance,
)
from .nlp import load_pipeline, tokenizable

#: Blocks whose text goes through named-entity recognition.
NER_BLOCKS = ("headline", "heading", "paragraph", "blockquote")


@dataclass
class Work:
    """What the stages read and write for one document."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    people: list[Person] = field(default_factory=list)
    refs: References | None = None
    quotes: list[Quote] = field(default_factory=list)
    commenter_quotes: list[tuple[int, int]] = field(default_factory=list)
    social_posts: list[SocialPost] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    pairs: list[PairVerdict] = field(default_factory=list)
    evidence: list[PairEvidence] = field(default_factory=list)
    # what every stage reads about the text: sentences, quote marks, quoted spans, parses
    context: ArticleContext | None = None
    parses: Parses | None = None  # dependency parses of the sentences rules ask about, made on demand

    def __post_init__(self) -> None:
        if self.parses is None:
            self.parses = Parses(self.doc, self.settings.model)
        if self.context is None:
            self.context = ArticleContext(self.doc, parses=self.parses)


@dataclass(frozen=True)
class Stage:
    """One step: its name, what it reads and writes, and the function doing it."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Work], None]


def _people(work: Work) -> None:
    assert work.context is not None and work.parses is not None
    sentences = work.context.sentences
    entities = speaker_entities(work.doc, work.entities, sentences, work.parses)  # "Burton said, ..."
    work.people = find_people(work.doc, entities, sentences, parses=work.parses)
    work.refs = References(work.doc, work.people, context=work.context)
    work.people = work.refs.people_with_references()


def _quotes(work: Work) -> None:
    assert work.refs is not None
    organisations = [(e.start, e.end) for e in work.entities if e.label in ("ORG", "NORP")]
    places = [(e.start, e.end) for e in work.entities if e.label in ("GPE", "LOC")]
    quotes, commenter = find_quotes(work.doc, work.refs, organisations, places, units=work.settings.quote_units,
                                    parses=work.parses)
    work.quotes = quotes
    work.commenter_quotes = [(f.start, f.end) for f in commenter]


def _social(work: Work) -> None:
    work.social_posts = find_social_posts(work.doc, work.people)


def _comments(work: Work) -> None:
    assert work.refs is not None
    work.comments = find_comments(work.doc, work.refs, work.commenter_quotes)


def _relations(work: Work) -> None:
    assert work.refs is not None
    work.relations = find_relations(work.doc, work.people, work.refs, work.quotes, parses=work.parses)


def _stances(work: Work) -> None:
    assert work.refs is not None
    work.stances = find_stances(work.doc, work.people, work.refs, work.quotes, work.relations, parses=work.parses)


def _verdicts(work: Work) -> None:
    assert work.refs is not None
    work.evidence = gather_evidence(work.doc, work.people, work.refs, work.relations, work.stances, parses=work.parses)
    work.pairs = find_pairs(work.doc, work.people, work.refs, work.relations, work.stances, work.evidence)


STAGES: tuple[Stage, ...] = (
    Stage("people", ("doc", "entities", "context", "parses"), ("people", "refs"), _people),
    Stage("quotes", ("doc", "entities", "refs", "settings", "parses"), ("quotes", "commenter_quotes"), _quotes),
    Stage("social", ("doc", "people"), ("social_posts",), _social),
    Stage("comments", ("doc", "refs", "commenter_quotes"), ("comments",), _comments),
    Stage("relations", ("doc", "people", "refs", "quotes", "parses"), ("relations",), _relations),
    Stage("stances", ("doc", "people", "refs", "quotes", "relations", "parses"), ("stances",), _stances),
    Stage("verdicts", ("doc", "people", "refs", "relations", "stances", "parses"), ("evidence", "pairs"), _verdicts),
)

#: What every Work has before any stage runs.
GIVEN = frozenset({"doc", "entities", "settings", "context", "parses"})


def stages_named(names: Iterable[str] | None = None) -> list[Stage]:
    """The stages to run, in pipeline order, with the stages they read from brought in.

    Unknown names fail with the known ones listed.
    """
    if names is None:
        return list(STAGES)
    known = {s.name: s for s in STAGES}
    wanted = set()
    for name in names:
        if name not in known:
            raise UnknownStage(f"unknown stage {name!r}; known stages: {', '.join(known)}")
        wanted.add(name)
    writer = {field: s.name for s in STAGES for field in s.writes}
    todo = list(wanted)
    while todo:
        for field in known[todo.pop()].reads:
            if field not in GIVEN and writer[field] not in wanted:
                wanted.add(writer[field])
                todo.append(writer[field])
    return [s for s in STAGES if s.name in wanted]


#: An article longer than this (in characters) goes through NER alone, inside its time budget.
LONG_ARTICLE = 100_000

#: Longer blocks go through NER in pieces: spaCy refuses texts over a million characters and
#: needs about 1 GB per 100,000 characters for the ones it takes.
NER_PIECE = 20_000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at whitespace into pieces of at most NER_PIECE characters."""
    return cut_at_spaces(text, start, end, NER_PIECE)


#: A piece where fewer than this share of the characters are letters holds no names (runs of
#: quote marks, colons or brackets) and is not sent through NER, which costs per token.
MIN_LETTER_SHARE = 0.2
_LETTER = re.compile(r"[^\W\d_]")


def _wordy(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is made of words enough to hold a name."""
    if end - start < 200:
        return True
    return len(_LETTER.findall(text, start, end)) >= MIN_LETTER_SHARE * (end - start)


def recognise(docs: list[Document], settings: Settings) -> list[list[Entity]]:
    """Named entities of every NER block of every document, batched through spaCy."""
    nlp = load_pipeline(settings.model)
    spans: list[tuple[int, int, int]] = []
    for i, doc in enumerate(docs):
        for block in doc.blocks:
            if block.kind in NER_BLOCKS:
                spans.extend((i, s, e) for s, e in _pieces(doc.text, block.start, block.end)
                             if _wordy(doc.text, s, e))
    texts = (tokenizable(docs[i].text[s:e]) for i, s, e in spans)
    found: list[list[Entity]] = [[] for _ in docs]
    for (i, offset, _), parsed in zip(spans, nlp.pipe(texts, batch_size=settings.batch_size * 8)):
        found[i].extend(Entity(offset + e.start_char, offset + e.end_char, e.label_) for e in parsed.ents)
        check_budget()
    return found


def _recognise_each(docs: list[Document], settings: Settings) -> dict[int, list[Entity]]:
    """Entities per document id(); a batch that fails is retried one document at a time."""
    if not docs:
        return {}
    try:
        return dict(zip((id(d) for d in docs), recognise(docs, settings)))
    except (ValueError, MemoryError):
        out = {}
        for doc in docs:
            try:
                out[id(doc)] = recognise([doc], settings)[0]
            except (ValueError, MemoryError):
                continue  # reported as rejected by the caller
        return out


def _finish(work: Work, stages: list[Stage]) -> Analysis:
    for stage in stages:
        check_budget()
        stage.run(work)
    check_budget()
    return Analysis(
        document=work.doc, people=tuple(work.people), quotes=tuple(work.quotes),
        social_posts=tuple(work.social_posts), comments=tuple(work.comments), relations=tuple(work.relations),
        stances=tuple(work.stances), pairs=tuple(work.pairs), evidence=tuple(work.evidence),
    )


def analyze_one(doc: Document, *, settings: Settings | None = None, stages: Iterable[str] | None = None) -> Analysis:
    """Analyse one document; raises ArticleTimeout past `settings.article_seconds`."""
    settings = settings or Settings()
    with within(settings.article_seconds, doc.source or doc.id):
        entities = recognise([doc], settings)[0]
        return _finish(Work(doc, entities, settings), stages_named(stages))


def analyze_many(
    docs: Iterable[Document | Rejected], *, settings: Settings | None = None, stages: Iterable[str] | None = None,
) -> Iterator[Analysis | Rejected]:
    """Analyse a stream of documents in batches; a failing document is yielded as Rejected.

    Ordinary articles go through NER together; a long one (over LONG_ARTICLE characters) goes
    through it alone, inside its own time budget, so it neither holds back nor slows the rest.
    Each article's stages run under `settings.article_seconds`; one that runs over is yielded as
    Rejected with code "timeout".
    """
    settings = settings or Settings()
    chosen = stages_named(stages)
    iterator = iter(docs)
    while True:
        chunk = list(islice(iterator, settings.batch_size))
        if not chunk:
            return
        short = [d for d in chunk if isinstance(d, Document) and len(d.text) <= LONG_ARTICLE]
        entities = _recognise_each(short, settings)
        for item in chunk:
            if isinstance(item, Rejected):
                yield item
                continue
            yield _analyse_guarded(item, entities.get(id(item)), settings, chosen)


def _analyse_guarded(doc: Document, entities: list[Entity] | None, settings: Settings,
                     chosen: list[Stage]) -> Analysis | Rejected:
    """One article's analysis, or Rejected with the reason: never an exception."""
    source = doc.source or doc.id
    try:
        with within(settings.article_seconds, source):
            if entities is None:
                if len(doc.text) <= LONG_ARTICLE:  # its batch's NER failed, and so did it alone
                    return Rejected(source, "ner_failed", f"{source}: named-entity recognition failed")
                entities = recognise([doc], settings)[0]
            return _finish(Work(doc, entities, settings), chosen)
    except GoodtermsError as exc:
        return Rejected(source, exc.code, str(exc))
    except (ValueError, MemoryError) as exc:
        return Rejected(source, "ner_failed", f"{source}: named-entity recognition failed: {exc}")
    except Exception as exc:  # one bad article never stops a batch
        return Rejected(source, "internal", f"{source}: analysis failed: {type(exc).__name__}: {exc}")
