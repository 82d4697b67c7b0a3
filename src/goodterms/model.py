"""The records goodterms produces: frozen dataclasses that point into one text by offsets."""
from __future__ import annotations

import builtins
import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

SCHEMA = "goodterms.article/1"

BLOCK_KINDS = (
    "headline", "dateline", "heading", "paragraph", "blockquote", "social_embed", "comment",
)
MENTION_KINDS = ("name", "short", "descriptor", "pronoun", "handle")
RELATION_TYPES = ("spouse", "partner", "parent", "stepparent", "sibling", "relative", "friend")
SYMMETRIC_RELATIONS = frozenset({"spouse", "partner", "sibling", "relative", "friend"})
STATUSES = ("current", "former", "unknown")
POLARITIES = ("positive", "negative", "neutral", "mixed")
VERDICTS = ("good", "bad", "mixed", "unknown")

R = TypeVar("R", bound="Record")


class Record:
    """Shared JSON round trip for the frozen dataclasses below."""

    nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        return asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Rebuild a record from `to_dict` output, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            kind = cls.nested.get(key)
            if kind is not None and value is not None:
                if isinstance(value, (list, tuple)):
                    value = tuple(kind.from_dict(v) for v in value)  # type: ignore[attr-defined]
                else:
                    value = kind.from_dict(value)  # type: ignore[attr-defined]
            elif isinstance(value, list):
                value = tuple(value)
            values[key] = value
        return cls(**values)


@dataclass(frozen=True)
class Span(Record):
    """A half-open character range [start, end) of Document.text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def slice(self, text: str) -> str:
        """The characters this span covers."""
        return text[self.start:self.end]


@dataclass(frozen=True)
class Block(Record):
    """One structural unit of an article: headline, paragraph, embed residue, comment..."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Document(Record):
    """One article: immutable text plus structure and metadata."""

    id: str
    text: str
    source: str = ""
    title: str = ""
    published: str | None = None
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    embeds: tuple["Embed", ...] = ()
    url: str = ""
    # Fields a feed gave that goodterms has no place for (JSONL's unknown keys), kept as given.
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    nested: ClassVar[dict[str, type]] = {}

    def blocks_of(self, *kinds: str) -> list[Block]:
        """Blocks of the given kinds, in text order."""
        return [b for b in self.blocks if b.kind in kinds]


@dataclass(frozen=True)
class Embed(Record):
    """A social-media embed found in the markup or in its text residue."""

    platform: str
    handle: str
    author: str = ""
    url: str = ""
    start: int = 0
    end: int = 0


Document.nested = {"blocks": Block, "embeds": Embed}


@dataclass(frozen=True)
class Rejected(Record):
    """An input that could not be read or analysed, and why.

    `source` is the file (or feed) it came from; `location` says where in it, when the source
    holds many articles ("line 12" of a JSONL file, "offset 40960" of a WARC file); `code` is
    the stable error code of `goodterms.errors` and `message` the one human line.
    """

    source: str
    code: str
    message: str
    location: str = ""


def document_id(text: str) -> str:
    """A stable id: a hash of the NFC-normalised, whitespace-collapsed text."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Mention(Record):
    """One place where a person is referred to."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Person(Record):
    """One individual with every way the article refers to them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    gender: str | None = None
    mentions: tuple[Mention, ...] = ()

    nested: ClassVar[dict[str, type]] = {"mentions": Mention}


@dataclass(frozen=True)
class Quote(Record):
    """Direct speech: the exact words, who said them and where."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_span: Span | None = None
    outlet: str | None = None
    outlet_span: Span | None = None
    cue: str | None = None
    kind: str = "marked"  # marked (in quote marks), block (after a colon) or partial (inside reported speech)
    # The quoted pieces when an attribution interrupts the words ('"A," she said. "B."'); empty
    # for one contiguous piece. `text` is then the pieces joined by a space.
    parts: tuple[Span, ...] = ()

    nested: ClassVar[dict[str, type]] = {"speaker_span": Span, "outlet_span": Span, "parts": Span}


@dataclass(frozen=True)
class SocialPost(Record):
    """An embedded or cited social-media post."""

    platform: str
    handle: str
    person: str | None
    start: int
    end: int
    url: str = ""


@dataclass(frozen=True)
class Comment(Record):
    """A reader or fan comment reproduced in the article."""

    text: str
    start: int
    end: int
    polarity: str
    score: float
    target: str | None = None


@dataclass(frozen=True)
class Relation(Record):
    """A family, romantic or friendship tie between two people."""

    type: str
    subject: str
    object: str
    status: str = "unknown"
    evidence: tuple[Span, ...] = ()
    derived_from: tuple[str, ...] = ()
    # The stable name of the rule that found it ("kin_apposition", "derived_stepparent", ...), so an
    # error can be traced to its rule and a rule's precision measured.
    rule: str = ""

    nested: ClassVar[dict[str, builtins.type]] = {"evidence": Span}


@dataclass(frozen=True)
class Stance(Record):
    """Source speaks or acts well or badly of target."""

    source: str
    target: str
    polarity: str
    score: float
    evidence: tuple[Span, ...] = ()
    rule: str = ""  # the stable name of the rule that found it

    nested: ClassVar[dict[str, type]] = {"evidence": Span}


@dataclass(frozen=True)
class PairEvidence(Record):
    """One reason bearing on whether a and b get on: its kind, a score in [-1, 1] and where it is."""

    a: str
    b: str
    kind: str  # stance, relation, event
    score: float
    span: Span
    note: str
    rule: str = ""  # the stable name of the rule that found it

    nested: ClassVar[dict[str, builtins.type]] = {"span": Span}


@dataclass(frozen=True)
class PairVerdict(Record):
    """Are a and b on good terms, with the evidence."""

    a: str
    b: str
    verdict: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    reasons: tuple[str, ...] = ()

    nested: ClassVar[dict[str, type]] = {"evidence": Span}


@dataclass(frozen=True)
class Analysis(Record):
    """Everything found in one article."""

    document: Document
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    social_posts: tuple[SocialPost, ...] = ()
    comments: tuple[Comment, ...] = ()
    relations: tuple[Relation, ...] = ()
    stances: tuple[Stance, ...] = ()
    pairs: tuple[PairVerdict, ...] = ()
    evidence: tuple[PairEvidence, ...] = ()

    nested: ClassVar[dict[str, type]] = {
        "document": Document, "people": Person, "quotes": Quote, "social_posts": SocialPost,
        "comments": Comment, "relations": Relation, "stances": Stance, "pairs": PairVerdict,
        "evidence": PairEvidence,
    }

    def person(self, pid: str | None) -> Person | None:
        """The person with this id, if any."""
        return next((p for p in self.people if p.id == pid), None)

    def to_contract(self) -> dict[str, Any]:
        """The article contract of FORMAT.md, with offsets and the document's blocks."""
        doc = self.document
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "published": doc.published,
            "warnings": list(doc.warnings),
            "blocks": [b.to_dict() for b in doc.blocks],
            "embeds": [e.to_dict() for e in doc.embeds],
        }
        if doc.url:
            out["url"] = doc.url
        if doc.metadata:
            out["metadata"] = dict(doc.metadata)
        for key in ("people", "quotes", "social_posts", "comments", "relations", "stances", "pairs", "evidence"):
            out[key] = [r.to_dict() for r in getattr(self, key)]
        return out

    @classmethod
    def from_contract(cls, data: dict[str, Any], text: str) -> "Analysis":
        """Rebuild an analysis from its contract JSON and the article text."""
        doc = Document(
            id=data["id"], text=text, source=data.get("source", ""), title=data.get("title", ""),
            published=data.get("published"),
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", [])),
            warnings=tuple(data.get("warnings", [])),
            embeds=tuple(Embed.from_dict(e) for e in data.get("embeds", [])),
            url=data.get("url", ""), metadata=dict(data.get("metadata") or {}),
        )
        parts = {k: data.get(k, []) for k in cls.nested if k != "document"}
        rebuilt = cls.from_dict({"document": doc.to_dict(), **parts})
        return cls(**{**{f.name: getattr(rebuilt, f.name) for f in fields(cls)}, "document": doc})

