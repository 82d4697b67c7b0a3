"""`person` and `people` from a store: one person across articles, and who the corpus is about.

Plain functions over an open `Store` returning records; the CLI and the web app format them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Connection, Subquery, and_, func, or_, select
from sqlalchemy.orm import aliased

from ..model import SYMMETRIC_RELATIONS, Record
from ..store import Store
from ..store.schema import Article, Entity, EntityName, PersonRow, QuoteRow, RelationRow, StanceRow
from .lookup import Identity, find_identities, resolved
from .resolve import name_tokens

#: How many quotes and articles a profile lists unless told otherwise.
LISTED = 10
#: How many of the newest quotes in a person's articles are read to find the quotes about them.
ABOUT_SCAN = 2000
#: The link reason shown for a store not resolved yet.
BY_NAME = "matched by name: the store's people are not resolved yet"


@dataclass(frozen=True)
class NameForm(Record):
    """A form a person goes by: the text, its kind (name, alias, handle) and how often seen."""

    name: str
    kind: str
    count: int


@dataclass(frozen=True)
class RelationItem(Record):
    """A relation of the person with another, over the articles stating it.

    `role` says which end the person is: "subject" (the person is `type` of `other`: parent of,
    spouse of) or "object" (`other` is `type` of the person). `status` is the one the newest
    article with a known status gives; `statuses` counts them all.
    """

    type: str
    role: str
    other: str
    status: str
    articles: int
    first: str | None
    last: str | None
    statuses: dict[str, int]
    article_id: str  # the newest article stating it
    start: int | None
    end: int | None


@dataclass(frozen=True)
class QuoteItem(Record):
    """A quote by or about the person, in its article."""

    article_id: str
    source: str
    published: str | None
    speaker: str | None
    text: str
    outlet: str | None
    start: int
    end: int


@dataclass(frozen=True)
class StanceItem(Record):
    """How the person stands to another ("to") or another to them ("from"), over the articles."""

    direction: str
    other: str
    positive: int
    negative: int
    other_polarities: int  # neutral or mixed
    latest: str  # the newest stance's polarity
    latest_published: str | None
    article_id: str  # the newest stance's article
    start: int | None
    end: int | None


@dataclass(frozen=True)
class ArticleItem(Record):
    """An article naming the person, and the name it used."""

    id: str
    source: str
    title: str
    published: str | None
    name: str


@dataclass(frozen=True)
class LinkReason(Record):
    """Why resolution put a name of some articles in this person: `link` as resolution wrote it."""

    name: str
    link: str
    articles: int
    example: str  # one article id where it happened


@dataclass(frozen=True)
class Profile(Record):
    """One person across the store: names, handles, relations, quotes by and about them,
    stances to and from them, the newest articles naming them, and why they are one person."""

    name: str
    articles: int
    entity_id: int | None
    names: tuple[NameForm, ...]
    relations: tuple[RelationItem, ...]
    quotes_by: tuple[QuoteItem, ...]
    quotes_by_count: int
    quotes_about: tuple[QuoteItem, ...]
    stances: tuple[StanceItem, ...]
    newest: tuple[ArticleItem, ...]
    why: tuple[LinkReason, ...] = ()
    notes: tuple[str, ...] = ()

    nested: ClassVar[dict[str, type]] = {
        "names": NameForm, "relations": RelationItem, "quotes_by": QuoteItem, "quotes_about": QuoteItem,
        "stances": StanceItem, "newest": ArticleItem, "why": LinkReason}

    @property
    def handles(self) -> list[str]:
        """The handles among the name forms."""
        return [n.name for n in self.names if n.kind == "handle"]


@dataclass(frozen=True)
class PersonCount(Record):
    """A person of the store with how many articles name them and their most used other names."""

    name: str
    articles: int
    entity_id: int | None = None
    also: tuple[str, ...] = ()


def person(store: Store, name: str, *, limit: int = LISTED, why: bool = False) -> Profile | None:
    """The profile of the person the name means (the likeliest, when several), or None."""
    with store.reading() as connection:
        found = find_identities(connection, name)
        if not found:
            return None
        who = found[0]
        notes = tuple(f"{name!r} may also be {i.name} ({i.articles} articles)" for i in found[1:4])
        mine = select(PersonRow.article_id, PersonRow.local_id, PersonRow.name).where(who.persons()).subquery("mine")
        quotes_by, quotes_by_count = _quotes_by(connection, mine, limit)
        return Profile(
            who.name, who.articles, who.entity_id, tuple(_names(connection, who)),
            tuple(_relations(connection, mine)), tuple(quotes_by), quotes_by_count,
            tuple(_quotes_about(connection, mine, _forms(connection, who), limit)),
            tuple(_stances(connection, mine)), tuple(_newest(connection, mine, limit)),
            tuple(_why(connection, who)) if why else (), notes)


def people(store: Store, *, top: int = 50) -> list[PersonCount]:
    """Who the corpus is about: the `top` people by how many articles name them."""
    with store.reading() as connection:
        if not resolved(connection):
            named = connection.execute(
                select(PersonRow.name, func.count(func.distinct(PersonRow.article_id)).label("n"))
                .group_by(PersonRow.name).order_by(func.count(func.distinct(PersonRow.article_id)).desc(),
                                                   PersonRow.name).limit(top)).all()
            return [PersonCount(r.name, int(r.n)) for r in named]
        rows = connection.execute(select(Entity.id, Entity.name, Entity.articles)
                                  .order_by(Entity.articles.desc(), Entity.name, Entity.id).limit(top)).all()
        also: dict[int, list[str]] = defaultdict(list)
        ids = [r.id for r in rows]
        if ids:
            for entity_id, form in connection.execute(
                    select(EntityName.entity_id, EntityName.name).where(EntityName.entity_id.in_(ids))
                    .order_by(EntityName.entity_id, EntityName.count.desc(), EntityName.name)):
                also[entity_id].append(form)
        return [PersonCount(r.name, r.articles, r.id, tuple(dict.fromkeys(f for f in also[r.id] if f != r.name))[:3])
                for r in rows]


# -- the parts of a profile --------------------------------------------------------------------

def _names(connection: Connection, who: Identity) -> list[NameForm]:
    if who.entity_id is None:
        counts = connection.execute(
            select(PersonRow.name, func.count(func.distinct(PersonRow.article_id)))
            .where(who.persons()).group_by(PersonRow.name)).all()
        return sorted((NameForm(n, "name", int(c)) for n, c in counts), key=lambda f: (-f.count, f.name))
    rows = connection.execute(select(EntityName.name, EntityName.kind, EntityName.count)
                              .where(EntityName.entity_id == who.entity_id)).all()
    return sorted(_once(NameForm(n, k, c) for n, k, c in rows), key=lambda f: (f.kind == "handle", -f.count, f.name))


def _once(forms: Iterable[NameForm]) -> list[NameForm]:
    """Each written form once: a form that is a name of some persons and an alias of others is one
    name, seen as often as both together (an alias never repeats its own person's name)."""
    merged: dict[tuple[str, bool], NameForm] = {}
    for form in forms:
        key = (form.name, form.kind == "handle")
        seen = merged.get(key)
        if seen is None:
            merged[key] = form
        else:
            kind = "name" if "name" in (seen.kind, form.kind) else seen.kind
            merged[key] = NameForm(form.name, kind, seen.count + form.count)
    return list(merged.values())


def _forms(connection: Connection, who: Identity) -> list[str]:
    """The words a quote about the person would use: full names, aliases, surnames, handles."""
    forms = {n.name for n in _names(connection, who)}
    for form in list(forms):
        words = name_tokens(form)
        if len(words) > 1:  # in the person's own articles a first or last name alone is them
            forms.update(w for w in (form.split()[0], form.split()[-1]) if len(w) >= 3)
    return sorted(f for f in forms if len(f) >= 3)


def _relations(connection: Connection, mine: Subquery) -> list[RelationItem]:
    groups: dict[tuple[str, str, Any], list[Any]] = defaultdict(list)
    for role, mine_end, other_end in (("subject", RelationRow.subject, RelationRow.object),
                                      ("object", RelationRow.object, RelationRow.subject)):
        other, entity = aliased(PersonRow), aliased(Entity)
        rows = connection.execute(
            select(RelationRow.type, RelationRow.status, RelationRow.article_id, RelationRow.start, RelationRow.end,
                   Article.published, other.name, other.entity_id, entity.name.label("entity_name"))
            .join(mine, and_(mine.c.article_id == RelationRow.article_id, mine.c.local_id == mine_end))
            .join(other, and_(other.article_id == RelationRow.article_id, other.local_id == other_end))
            .outerjoin(entity, entity.id == other.entity_id)
            .join(Article, Article.id == RelationRow.article_id)).all()
        for row in rows:
            key = ("e", row.entity_id) if row.entity_id is not None else ("n", row.name.casefold())
            # "A spouse of B" and "B spouse of A" are one tie; only a parent or stepparent has a side
            groups[(row.type, "subject" if row.type in SYMMETRIC_RELATIONS else role, key)].append(row)
    out = []
    for (rtype, role, _), rows in groups.items():
        ordered = sorted(rows, key=lambda r: (r.published or "", r.article_id))
        known = [r for r in ordered if r.status in ("current", "former")]
        newest = ordered[-1]
        statuses: dict[str, int] = defaultdict(int)
        for r in ordered:
            statuses[r.status] += 1
        dates = [r.published for r in ordered if r.published]
        out.append(RelationItem(rtype, role, newest.entity_name or newest.name,
                                known[-1].status if known else "unknown", len({r.article_id for r in rows}),
                                dates[0] if dates else None, dates[-1] if dates else None, dict(statuses),
                                newest.article_id, newest.start, newest.end))
    return sorted(out, key=lambda r: (-r.articles, r.type, r.other))


def _quote_items(rows: Iterable[Any]) -> list[QuoteItem]:
    return [QuoteItem(r.article_id, r.source, r.published, r.speaker_name, r.text, r.outlet, r.start or 0, r.end or 0)
            for r in rows]


def _quotes_by(connection: Connection, mine: Subquery, limit: int) -> tuple[list[QuoteItem], int]:
    joined = (select(QuoteRow.article_id, Article.source, Article.published, mine.c.name.label("speaker_name"),
                     QuoteRow.text, QuoteRow.outlet, QuoteRow.start, QuoteRow.end)
              .join(mine, and_(mine.c.article_id == QuoteRow.article_id, mine.c.local_id == QuoteRow.speaker))
              .join(Article, Article.id == QuoteRow.article_id))
    count = connection.execute(select(func.count()).select_from(joined.subquery())).scalar_one()
    rows = connection.execute(joined.order_by(Article.published.desc().nulls_last(), QuoteRow.article_id,
                                              QuoteRow.start).limit(limit)).all()
    return _quote_items(rows), int(count)


def _quotes_about(connection: Connection, mine: Subquery, forms: list[str], limit: int) -> list[QuoteItem]:
    """Quotes by others, in the person's articles, whose words name the person."""
    if not forms or limit <= 0:
        return []
    speaker = aliased(PersonRow)
    rows = connection.execute(
        select(QuoteRow.article_id, Article.source, Article.published, speaker.name.label("speaker_name"),
               QuoteRow.text, QuoteRow.outlet, QuoteRow.start, QuoteRow.end)
        .join(mine, mine.c.article_id == QuoteRow.article_id)
        .outerjoin(speaker, and_(speaker.article_id == QuoteRow.article_id, speaker.local_id == QuoteRow.speaker))
        .join(Article, Article.id == QuoteRow.article_id)
        .where(or_(QuoteRow.speaker.is_(None), QuoteRow.speaker != mine.c.local_id))
        .order_by(Article.published.desc().nulls_last(), QuoteRow.article_id, QuoteRow.start)
        .limit(ABOUT_SCAN)).all()
    lowered = [f.casefold() for f in forms]
    about = [r for r in rows if any(_names_in(r.text.casefold(), f) for f in lowered)]
    return _quote_items(about[:limit])


def _names_in(text: str, form: str) -> bool:
    """True when form appears in text as whole words."""
    at = text.find(form)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + len(form)] if at + len(form) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = text.find(form, at + 1)
    return False


def _stances(connection: Connection, mine: Subquery) -> list[StanceItem]:
    groups: dict[tuple[str, Any], list[Any]] = defaultdict(list)
    for direction, mine_end, other_end in (("to", StanceRow.source, StanceRow.target),
                                           ("from", StanceRow.target, StanceRow.source)):
        other, entity = aliased(PersonRow), aliased(Entity)
        rows = connection.execute(
            select(StanceRow.polarity, StanceRow.article_id, StanceRow.start, StanceRow.end, Article.published,
                   other.name, other.entity_id, entity.name.label("entity_name"))
            .join(mine, and_(mine.c.article_id == StanceRow.article_id, mine.c.local_id == mine_end))
            .join(other, and_(other.article_id == StanceRow.article_id, other.local_id == other_end))
            .outerjoin(entity, entity.id == other.entity_id)
            .join(Article, Article.id == StanceRow.article_id)).all()
        for row in rows:
            key = ("e", row.entity_id) if row.entity_id is not None else ("n", row.name.casefold())
            groups[(direction, key)].append(row)
    out = []
    for (direction, _), rows in groups.items():
        newest = max(rows, key=lambda r: (r.published or "", r.article_id, r.start or 0))
        count = defaultdict(int, {p: sum(1 for r in rows if r.polarity == p) for p in ("positive", "negative")})
        out.append(StanceItem(direction, newest.entity_name or newest.name, count["positive"], count["negative"],
                              len(rows) - count["positive"] - count["negative"], newest.polarity, newest.published,
                              newest.article_id, newest.start, newest.end))
    return sorted(out, key=lambda s: (s.direction != "to", -(s.positive + s.negative + s.other_polarities), s.other))


def _newest(connection: Connection, mine: Subquery, limit: int) -> list[ArticleItem]:
    rows = connection.execute(
        select(Article.id, Article.source, Article.title, Article.published, func.min(mine.c.name).label("name"))
        .join(mine, mine.c.article_id == Article.id)
        .group_by(Article.id, Article.source, Article.title, Article.published)
        .order_by(Article.published.desc().nulls_last(), Article.id).limit(limit)).all()
    return [ArticleItem(r.id, r.source, r.title, r.published, r.name) for r in rows]


def _why(connection: Connection, who: Identity) -> list[LinkReason]:
    rows = connection.execute(
        select(PersonRow.name, PersonRow.link, func.count(func.distinct(PersonRow.article_id)).label("n"),
               func.min(PersonRow.article_id).label("example"))
        .where(who.persons()).group_by(PersonRow.name, PersonRow.link)).all()
    reasons = [LinkReason(r.name, r.link or (BY_NAME if who.entity_id is None else "(no reason recorded)"),
                          int(r.n), r.example) for r in rows]
    return sorted(reasons, key=lambda r: (-r.articles, r.name, r.link))
