"""People across articles: the people of many analysed articles resolved into entities.

`resolve` is a pure function from per-article person facts (`PersonFacts`, one per person of
one article, made by `facts_of`) to entities, each member with the reason it was linked. It is
deterministic and independent of the order the facts arrive in: the facts are sorted first and
every decision is taken on content in a fixed order.

It never compares all pairs. Rows meet through blocking keys (the normalised full name, a
handle, a surname, a first name) and through the articles they share:

1. the same full name (first and last word, accents, case and full stops folded) is one
   person; so are a name and the other full names the engine gave the same person in one
   article ("Stefani Germanotta, known as Lady Gaga"), and the people sharing a handle or whose
   name a handle spells (@kim.basinger);
2. a pet form with the same surname (Bob Vance, Robert Vance);
3. a married name: Hilaria Thomas and Hilaria Baldwin, when Hilaria Baldwin's spouse or partner
   is a Baldwin whom Hilaria Thomas is also linked to;
4. a single name ("Kim", "Basinger", "Bobby") joins the one full-named person it can stand for
   whom the article's other people point to (co-mentioned with Alec Baldwin in 12 articles), or
   the only one there is; an ambiguous single name stays alone.

Two people of one article are never merged by a weak link (1 after the name itself, 2-4): the
engine already told them apart. Hand corrections (`Override`) merge two names or keep them
apart; the last word on a pair wins, and they are applied in every run, so they survive a
re-ingest.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..extract.names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from ..extract.name_forms import fold, nicknames, short_form
from ..model import Analysis, Record

#: Words before a name that are titles, not names.
TITLES = frozenset("mr mrs ms miss mx dr sir dame lord prof rev sen rep gov".split())  # not "lady": Lady Gaga
#: Words after a name that are generations, not surnames.
SUFFIXES = frozenset("jr sr ii iii iv".split())
#: Decorations of a handle around the name it spells: @therealkimvale, @kimvaleofficial.
HANDLE_PREFIXES = ("therealone", "thereal", "real", "iam", "its", "the")
HANDLE_SUFFIXES = ("official", "offical", "real", "xo", "tv", "music", "hq")
GIVEN_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
#: Relations that make a married name: the spouse's or partner's surname.
COUPLE_TYPES = frozenset({"spouse", "partner"})
#: A single name with no context pointing anywhere joins the corpus's only namesake only when the
#: article names it at least this often: a name met once ("Martha's Vineyard", a tweet signed
#: "- Orlando") is too little to say it is the one famous Martha or Orlando.
LONE_NAME_MENTIONS = 2
#: A single name joins a candidate only if its context score is this many times the runner-up's.
CONTEXT_MARGIN = 2.0
#: The least context score that places a single name: the share of a co-mentioned person's articles
#: that also name the candidate, summed over the co-mentioned people.
MIN_CONTEXT = 0.05
#: The least number of articles a candidate must share with a single name's co-mentioned people.
MIN_SHARED = 2
#: What the same tie to the same co-mentioned person adds to a single name's context score.
TIE_WEIGHT = 1.0
#: Rounds of placing single names: a round sees the single names the one before placed.
SINGLE_ROUNDS = 2
#: Co-mentioned people counted per article for a single name's context (the most mentioned).
CONTEXT_PEOPLE = 12


@dataclass(frozen=True)
class PersonFacts(Record):
    """What one article says about one of its people, as resolution reads it."""

    article: str
    local: str
    name: str
    published: str | None = None
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    gender: str | None = None
    mentions: int = 0
    co_mentions: tuple[str, ...] = ()  # the names of the article's other people
    relations: tuple[tuple[str, str, str], ...] = ()  # (type, status, the other person's name)
    descriptors: tuple[str, ...] = ()  # "actress", "singer": the descriptors that stood for them


@dataclass(frozen=True)
class Override(Record):
    """A hand correction: `merge` says a and b are one person, `split` that they are two."""

    action: str
    a: str
    b: str

    def __post_init__(self) -> None:
        if self.action not in ("merge", "split"):
            raise ValueError(f"override action must be merge or split, not {self.action!r}")


@dataclass(frozen=True)
class Member(Record):
    """One person of one article inside an entity, and why resolution put it there."""

    article: str
    local: str
    name: str
    link: str


@dataclass(frozen=True)
class EntityName(Record):
    """A form an entity goes by: its text, normalised key, kind (name/alias/handle) and count."""

    name: str
    key: str
    kind: str
    count: int


@dataclass(frozen=True)
class PersonEntity(Record):
    """One person across articles: a display name, every member with its link, every name form."""

    key: str
    name: str
    gender: str | None
    articles: int
    members: tuple[Member, ...] = ()
    names: tuple[EntityName, ...] = ()

    nested = {"members": Member, "names": EntityName}


# --- names ------------------------------------------------------------------------------------

def _fold_text(text: str) -> str:
    plain = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return plain


@lru_cache(maxsize=262144)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a person's name, without titles, generations or a possessive 's."""
    text = _fold_text(name).strip().lstrip("@")
    if text.endswith("'s"):
        text = text[:-2]
    words = [fold(w).strip(",'\"()") for w in text.split()]
    words = [w for w in words if w]
    while words and words[0] in TITLES:
        words = words[1:]
    while len(words) > 2 and words[-1] in SUFFIXES:
        words = words[:-1]  # "Robert Lane Jr." is Robert Lane, but "Elizabeth II" is not an Elizabeth
    return tuple(words)


def name_key(name: str) -> str:
    """The blocking key of a name: first and last folded words ("Kim Ann Basinger" -> "kim basinger")."""
    words = name_tokens(name)
    if not words:
        return ""
    return words[0] if len(words) == 1 else f"{words[0]} {words[-1]}"


def handle_key(handle: str) -> str:
    """A handle as matching sees it: lower case, no accents, without @ or trailing full stops."""
    plain = unicodedata.normalize("NFKD", handle.strip().lstrip("@").rstrip("."))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()


def _handle_spelling(handle: str) -> str:
    """The letters of a handle without its decorations: "@the.real_kim.vale99" -> "kimvale"."""
    flat = re.sub(r"[^a-z]", "", handle_key(handle))
    for prefix in HANDLE_PREFIXES:
        if flat.startswith(prefix) and len(flat) - len(prefix) >= 6:
            flat = flat[len(prefix):]
            break
    for suffix in HANDLE_SUFFIXES:
        if flat.endswith(suffix) and len(flat) - len(suffix) >= 6:
            flat = flat[:-len(suffix)]
            break
    return flat


def _compact(key: str) -> str:
    return re.sub(r"[^a-z]", "", key)


def _pet_of(one: str, other: str) -> bool:
    """Whether one first name is a pet form of the other, either way round.

    Across articles the longer name must be a known given name: "Angie" stands for Angelina, but
    "Miley" is no pet form of "Millennium" nor "Rumi" of "Rumer".
    """
    if one == other:
        return False
    if short_form(one, other):
        return other in GIVEN_NAMES or other in _pets_of()
    if short_form(other, one):
        return one in GIVEN_NAMES or one in _pets_of()
    return False


def _given_variants(first: str) -> set[str]:
    """The given names a first name may stand for, itself included ("bobby" -> robert)."""
    return {first, *nicknames().get(first, ())}


# --- facts from an analysis ------------------------------------------------------------------

ASYMMETRIC_INVERSE = {"parent": "child", "stepparent": "stepchild"}


def facts_of(analysis: Analysis) -> list[PersonFacts]:
    """The person facts of one analysed article, one per person."""
    doc = analysis.document
    people = [(p.id, p.name, p.aliases, p.handles, p.gender, len(p.mentions)) for p in analysis.people]
    relations = [(r.type, r.subject, r.object, r.status) for r in analysis.relations]
    descriptors = {p.id: tuple(sorted({_descriptor_word(m.text) for m in p.mentions if m.kind == "descriptor"} - {""}))
                   for p in analysis.people}
    return article_facts(doc.id, doc.published, people, relations, descriptors)


#: One person of an article as `article_facts` takes it: local id, name, aliases, handles, gender, mentions.
PersonTuple = tuple[str, str, Sequence[str], Sequence[str], "str | None", int]


def article_facts(article: str, published: str | None, people: Sequence[PersonTuple],
                  relations: Sequence[tuple[str, str, str, str]],
                  descriptors: dict[str, tuple[str, ...]] | None = None) -> list[PersonFacts]:
    """The person facts of one article from its persons and its relations (type, subject, object, status).

    The one way from an article to facts, for an analysis in memory and for a store's rows alike.
    """
    names = {local: name for local, name, *_ in people}
    out = []
    for local, name, aliases, handles, gender, mentions in people:
        ties = set()
        for kind, subject, obj, status in relations:
            if subject == local and obj in names:
                ties.add((kind, status, names[obj]))
            elif obj == local and subject in names:
                ties.add((ASYMMETRIC_INVERSE.get(kind, kind), status, names[subject]))
        out.append(PersonFacts(
            article=article, local=local, name=name, published=published, aliases=tuple(aliases),
            handles=tuple(handles), gender=gender, mentions=mentions,
            co_mentions=tuple(n for other, n in names.items() if other != local),
            relations=tuple(sorted(ties)), descriptors=(descriptors or {}).get(local, ()),
        ))
    return out


def _descriptor_word(text: str) -> str:
    words = text.lower().split()
    return words[-1] if words else ""


# --- components -------------------------------------------------------------------------------

class _Components:
    """Union-find over rows that keeps, per component, its articles and its split tags."""

    def __init__(self, rows: Sequence[PersonFacts], tags: list[set[tuple[int, str]]]) -> None:
        self.parent = list(range(len(rows)))
        self.arts: dict[int, dict[str, set[str]]] = {i: {r.article: {r.local}} for i, r in enumerate(rows)}
        self.tags: dict[int, set[tuple[int, str]]] = {i: t for i, t in enumerate(tags) if t}
        self.edges: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def articles(self, i: int) -> dict[str, set[str]]:
        return self.arts[self.find(i)]

    def _apart(self, a: int, b: int) -> bool:
        """Whether a split override keeps the components of roots a and b apart."""
        ta, tb = self.tags.get(a, set()), self.tags.get(b, set())
        return any((n, "b" if side == "a" else "a") in tb for n, side in ta)

    def _overlap(self, a: int, b: int) -> bool:
        """Whether the two components hold different people of one article."""
        small, large = sorted((self.arts[a], self.arts[b]), key=len)
        return any(art in large and locals_ != large[art] for art, locals_ in small.items())

    def union(self, i: int, j: int, reason: str, *, weak: bool) -> bool:
        """Join the components of rows i and j, unless a split or (for a weak link) an article forbids it."""
        a, b = self.find(i), self.find(j)
        if a == b or self._apart(a, b) or (weak and self._overlap(a, b)):
            return False
        if len(self.arts[a]) < len(self.arts[b]):
            a, b = b, a
        self.parent[b] = a
        for art, locals_ in self.arts.pop(b).items():
            self.arts[a].setdefault(art, set()).update(locals_)
        if b in self.tags:
            self.tags.setdefault(a, set()).update(self.tags.pop(b))
        self.edges[i].append((j, reason))
        self.edges[j].append((i, reason))
        return True


# --- resolution -------------------------------------------------------------------------------

@dataclass
class _Index:
    """Blocking keys over the rows."""

    full: dict[str, list[int]]  # full-name key -> rows named so
    single: dict[str, list[int]]  # one-word name -> rows named so
    handle: dict[str, list[int]]
    by_article: dict[str, list[int]]
    by_name: dict[tuple[str, str], int]  # (article, name) -> row


def _index(rows: Sequence[PersonFacts]) -> _Index:
    full: dict[str, list[int]] = defaultdict(list)
    single: dict[str, list[int]] = defaultdict(list)
    handle: dict[str, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        key = name_key(row.name)
        if " " in key:
            full[key].append(i)
        elif key:
            single[key].append(i)
        for h in row.handles:
            if handle_key(h):
                handle[handle_key(h)].append(i)
        by_article[row.article].append(i)
        by_name.setdefault((row.article, row.name), i)
    return _Index(full, single, handle, by_article, by_name)


def resolve(facts: Iterable[PersonFacts], overrides: Sequence[Override] = ()) -> list[PersonEntity]:
    """The entities of these person facts, each member with its link; hand corrections applied."""
    rows = sorted(facts, key=lambda r: (r.article, r.local))
    index = _index(rows)
    merges, splits = _last_word(overrides)
    comps = _Components(rows, _split_tags(rows, splits))
    _join_same_names(comps, index)
    _join_by_hand(comps, index, merges)
    _join_aliases(comps, rows, index)
    _join_handles(comps, rows, index)
    _join_pet_forms(comps, rows, index)
    _join_married_names(comps, rows, index)
    for _ in range(SINGLE_ROUNDS):
        _join_single_names(comps, rows, index)
    return _entities(comps, rows)


def override_key(name: str) -> str:
    """How an override names a person: "@handle" for a handle, else the name's key."""
    text = name.strip()
    return "@" + handle_key(text) if text.startswith("@") else name_key(text)


def _last_word(overrides: Sequence[Override]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """The merges (key, key, label) and splits (key, key) in force: for each pair the last override wins."""
    final: dict[frozenset[str], tuple[str, str, str, str]] = {}
    for o in overrides:
        a, b = override_key(o.a), override_key(o.b)
        if a and b and a != b:
            pair = frozenset((a, b))
            final.pop(pair, None)  # re-insert so the dict keeps the order of the last word
            final[pair] = (o.action, a, b, f"{o.a.strip()} = {o.b.strip()}")
    merges = [(a, b, label) for action, a, b, label in final.values() if action == "merge"]
    splits = [(a, b) for action, a, b, _ in final.values() if action == "split"]
    return merges, splits


def _split_tags(rows: Sequence[PersonFacts], splits: list[tuple[str, str]]) -> list[set[tuple[int, str]]]:
    """Per row, the (split number, side) tags its own name carries."""
    sides: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n, (a, b) in enumerate(splits):
        sides[a].append((n, "a"))
        sides[b].append((n, "b"))
    tags = []
    for row in rows:
        keys = {name_key(row.name)} | {"@" + handle_key(h) for h in row.handles}
        tags.append({tag for key in keys for tag in sides.get(key, ())})
    return tags


def _join_same_names(comps: _Components, index: _Index) -> None:
    for key in sorted(index.full):
        first, *rest = index.full[key]
        for i in rest:
            comps.union(first, i, "same full name", weak=False)


def _rows_named(index: _Index, key: str) -> list[int]:
    """The rows an override's key names: by handle, or by full or single name."""
    if key.startswith("@"):
        return index.handle.get(key[1:], [])
    return index.full.get(key) or index.single.get(key) or []


def _join_by_hand(comps: _Components, index: _Index, merges: list[tuple[str, str, str]]) -> None:
    for a, b, label in merges:
        ra, rb = _rows_named(index, a), _rows_named(index, b)
        if not ra or not rb:
            continue
        for i in ra + rb[1:]:
            comps.union(rb[0], i, f"merged by hand: {label}", weak=False)


def _join_aliases(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
    """A row that the engine also saw under another full name joins the people named so."""
    for i, row in enumerate(rows):
        own = name_key(row.name)
        for alias in sorted(row.aliases):
            key = name_key(alias)
            if " " in key and key != own and key in index.full:
                comps.union(i, index.full[key][0], f"also named {alias} in one article", weak=True)


def _join_handles(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
    """People sharing a handle, and a handle that spells a full name, are one."""
    spelt: dict[str, list[str]] = defaultdict(list)
    for key in index.full:
        spelt[_compact(key)].append(key)
    for handle in sorted(index.handle):
        holders = index.handle[handle]
        for i in holders[1:]:
            comps.union(holders[0], i, f"handle @{handle}", weak=True)
        keys = spelt.get(_handle_spelling(handle), [])
        if len(keys) == 1:
            key = keys[0]
            comps.union(holders[0], index.full[key][0], f"handle @{handle} spells {rows[index.full[key][0]].name}",
                        weak=True)


class _Snapshot:
    """The components as they stand between two steps: members, names, genders and display names per root."""

    def __init__(self, comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
        self.comps, self.rows = comps, rows
        roots = [comps.find(i) for i in range(len(rows))]  # each row's component as the snapshot is taken
        self.members: dict[int, list[int]] = defaultdict(list)
        for i, root in enumerate(roots):
            self.members[root].append(i)
        self.firsts: dict[int, set[str]] = defaultdict(set)
        self.lasts: dict[int, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[int]] = defaultdict(set)
        self.by_last: dict[str, set[int]] = defaultdict(set)
        for key, named in index.full.items():
            first, last = key.split(" ")
            held = {roots[i] for i in named}
            for root in held:
                self.firsts[root].add(first)
                self.lasts[root].add(last)
            self.by_first[first] |= held
            self.by_last[last] |= held
        # one-word names a full-named person also goes by that are not part of the full name ("Sol")
        self.by_alias: dict[str, set[int]] = defaultdict(set)
        for i, row in enumerate(rows):
            if not row.aliases:
                continue
            own = set(name_tokens(row.name))
            if len(own) > 1:
                for alias in row.aliases:
                    key = name_key(alias)
                    if key and " " not in key and key not in own:
                        self.by_alias[key].add(roots[i])
        # (component, component) -> the relation types rows of the first name towards the second
        self.ties: dict[tuple[int, int], set[str]] = defaultdict(set)
        for i, row in enumerate(rows):
            for kind, _, other in row.relations:
                j = index.by_name.get((row.article, other))
                if j is not None:
                    self.ties[(roots[i], roots[j])].add(kind)
        self.prefixes: dict[str, list[str]] = defaultdict(list)  # three first letters -> first names
        for first in sorted(self.by_first):
            self.prefixes[first[:3]].append(first)
        self.index = index
        self._genders: dict[int, str | None] = {}
        self._names: dict[int, str] = {}
        self._neighbours: dict[int, Counter[int]] = {}

    def neighbours(self, root: int) -> Counter[int]:
        """The components named beside a component, with how many articles they share."""
        if root not in self._neighbours:
            found: Counter[int] = Counter()
            for art in self.comps.arts[root]:
                found.update({self.comps.find(j) for j in self.index.by_article[art]} - {root})
            self._neighbours[root] = found
        return self._neighbours[root]

    def gender(self, root: int) -> str | None:
        """The gender most of a component's rows were given, if any."""
        if root not in self._genders:
            counts = Counter(self.rows[i].gender for i in self.members[root] if self.rows[i].gender)
            self._genders[root] = max(counts, key=lambda g: (counts[g], g)) if counts else None
        return self._genders[root]

    def name(self, root: int) -> str:
        """A component's display name."""
        if root not in self._names:
            self._names[root] = _display_name([self.rows[i] for i in self.members[root]])
        return self._names[root]

    def order(self, root: int) -> tuple[str, str]:
        """A content-based sort key for a component: its first row."""
        row = self.rows[self.members[root][0]]
        return row.article, row.local


def _pet_pairs(firsts: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs (a, b), a < b, of first names where one is a pet form of the other.

    Names meet only through a shared three-letter opening or the nickname list, never all pairs.
    """
    names = sorted(set(firsts))
    known = set(names)
    buckets: dict[str, list[str]] = defaultdict(list)
    for name in names:
        buckets[name[:3]].append(name)
    pairs = set()
    for bucket in buckets.values():
        for a in bucket:
            for b in bucket:
                if a < b and _pet_of(a, b):
                    pairs.add((a, b))
    for name in names:
        for given in nicknames().get(name, ()):
            if given in known and given != name:
                pairs.add((min(name, given), max(name, given)))
    return sorted(pairs)


@lru_cache(maxsize=1)
def _pets_of() -> dict[str, tuple[str, ...]]:
    """Given name -> the listed pet forms standing for it ("robert" -> bob, bobby, rob...)."""
    out: dict[str, list[str]] = defaultdict(list)
    for pet, givens in nicknames().items():
        for given in givens:
            out[given].append(pet)
    return {given: tuple(pets) for given, pets in out.items()}


def _join_pet_forms(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
    """Bob Vance and Robert Vance: a pet form of the first name, the same surname."""
    snap = _Snapshot(comps, rows, index)
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in sorted(index.full):
        first, last = key.split(" ")
        by_last[last].append(first)
    for last in sorted(by_last):
        if len(by_last[last]) < 2:
            continue
        for short, given in _pet_pairs(by_last[last]):
            a, b = index.full[f"{short} {last}"][0], index.full[f"{given} {last}"][0]
            if not _related(snap, index, comps.find(a), comps.find(b)):
                comps.union(a, b, f"pet form: {rows[a].name} = {rows[b].name}", weak=True)


def _related(snap: _Snapshot, index: _Index, ra: int, rb: int) -> bool:
    """Whether any row of component ra names a relation to a row of component rb."""
    rows = snap.rows
    for i in snap.members[ra]:
        for _, _, other in rows[i].relations:
            j = index.by_name.get((rows[i].article, other))
            if j is not None and snap.comps.find(j) == rb:
                return True
    return False


def _partners(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> dict[int, Counter[int]]:
    """Per component root, the components it is married to or partnered with, and how often."""
    out: dict[int, Counter[int]] = defaultdict(Counter)
    for i, row in enumerate(rows):
        for kind, _, other in row.relations:
            if kind in COUPLE_TYPES:
                j = index.by_name.get((row.article, other))
                if j is not None:
                    out[comps.find(i)][comps.find(j)] += 1
    return out


def _join_married_names(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
    """Hilaria Thomas -> Hilaria Baldwin: the later name is her spouse's or partner's surname."""
    snap = _Snapshot(comps, rows, index)
    partners = _partners(comps, rows, index)
    joins = []
    for married in sorted(partners, key=snap.order):
        if snap.gender(married) == "m":
            continue
        for spouse in sorted(partners[married], key=snap.order):
            surname = snap.lasts.get(spouse, set()) & snap.lasts.get(married, set())
            if not surname or spouse == married or snap.lasts.get(married, set()) - surname:
                continue  # not her spouse's name, or her name before it is already hers (through a handle)
            # a maiden name is the spouse's partner under her own name (the most often, then the most named beside him)
            firsts = {v for first in snap.firsts.get(married, ()) for v in _first_variants(first)}
            maidens = {m for m in partners.get(spouse, Counter()) if snap.firsts.get(m, set()) & firsts}
            scored = sorted(((partners.get(m, Counter())[spouse], snap.neighbours(spouse)[m]), m)
                            for m in maidens - {married, spouse}
                            if not snap.lasts.get(m, set()) & surname and snap.gender(m) != "m")
            scored = [(score, m) for score, m in scored if score[0] >= 1]
            if scored and (len(scored) == 1 or scored[-1][0] > scored[-2][0]):
                joins.append((married, scored[-1][1], spouse))
    for married, maiden, spouse in joins:
        comps.union(married, maiden, f"married name: {snap.name(maiden)} -> {snap.name(married)}, "
                    f"spouse {snap.name(spouse)}", weak=True)


def _display_name(members: Sequence[PersonFacts]) -> str:
    """The full name most rows use (the later one on a tie), unless one single name other than its
    surname is used more than twice as often ("Drake" in ten articles beside "Drake Wants" in one)."""
    counts = Counter(m.name for m in members)
    latest: dict[str, str] = {}
    for m in members:
        latest[m.name] = max(latest.get(m.name, ""), m.published or "")

    def best(names: list[str]) -> str:
        return max(names, key=lambda n: (counts[n], latest.get(n, ""), n))

    full = [n for n in counts if len(name_tokens(n)) > 1]
    if not full:
        return best(list(counts))
    surname = name_tokens(best(full))[-1]
    # a surname alone never stands in for the full name it ends ("Smith" for Jaden Smith)
    single = [n for n in counts if len(name_tokens(n)) == 1 and name_tokens(n)[0] != surname]
    if single and counts[best(single)] > 2 * counts[best(full)]:
        return best(single)
    return best(full)


def _join_single_names(comps: _Components, rows: Sequence[PersonFacts], index: _Index) -> None:
    """'Kim', 'Basinger', 'Bobby': the one full-named person the context points to, or the only one."""
    snap = _Snapshot(comps, rows, index)
    joins: list[tuple[int, int, str]] = []
    lonely: dict[str, list[int]] = defaultdict(list)
    for token in sorted(index.single):
        for i in index.single[token]:
            root = comps.find(i)
            if len(comps.arts[root]) > 1 or root in snap.firsts:
                continue  # already joined through a handle, an alias or by hand
            choice = _single_choice(snap, index, i, token)
            if choice is None:
                continue
            target, reason = choice
            if target < 0:
                lonely[token].append(i)
            else:
                joins.append((i, target, reason))
    for i, target, reason in joins:
        comps.union(i, target, reason, weak=True)
    for token in sorted(lonely):
        first, *rest = lonely[token]
        for i in rest:
            comps.union(first, i, "same single name", weak=True)


def _first_variants(first: str) -> set[str]:
    """A first name, the given names it is a listed pet form of, and its listed pet forms."""
    return {first, *nicknames().get(first, ()), *_pets_of().get(first, ())}


def _first_name_candidates(snap: _Snapshot, token: str) -> set[int]:
    """Components whose first name is this word or a given name it is a pet form of ("Billy" alone
    may be William Achebe; "William" alone is not taken for Billy Achebe, who may be a Billy by birth)."""
    out: set[int] = set()
    for name in {token, *nicknames().get(token, ())}:
        out |= snap.by_first.get(name, set())
    return out | {r for first in snap.prefixes.get(token[:3], ())
                  if first in GIVEN_NAMES and short_form(token, first) for r in snap.by_first[first]}


def _single_choice(snap: _Snapshot, index: _Index, i: int, token: str) -> tuple[int, str] | None:
    """Where a one-word name goes: (root, reason), (-1, "") for no candidate at all, None if ambiguous.

    Only candidates named beside the article's other people are scored (through each one's
    neighbours), so a common first name with a thousand candidates costs no more than a rare one.
    """
    comps, rows = snap.comps, snap.rows
    row = rows[i]
    called = snap.by_alias.get(token, set())
    if len(called) == 1 and row.article not in comps.arts[min(called)]:
        return min(called), f"also called {row.name}, as {snap.name(min(called))} is"
    as_last = snap.by_last.get(token, set())
    pool = _first_name_candidates(snap, token) | as_last
    if not pool:
        return -1, ""

    def eligible(root: int) -> bool:
        return row.article not in comps.arts[root] and not (
            row.gender and snap.gender(root) and snap.gender(root) != row.gender)

    score: dict[int, float] = defaultdict(float)  # the share of each co-mentioned person's articles naming the candidate
    shared: Counter[int] = Counter()
    strongest: dict[int, tuple[int, int]] = {}
    for other in sorted({comps.find(j) for j in _context_rows(rows, index, i)}):
        for cand, n in _common(snap.neighbours(other), pool):
            score[cand] += n / len(comps.arts[other])
            shared[cand] += n
            strongest[cand] = max(strongest.get(cand, (0, -1)), (n, other))
    tied: dict[int, float] = defaultdict(float)  # the same tie to the same person: "his girlfriend Orla" beside Theo
    for kind, j in sorted({(kind, j) for kind, _, other in row.relations
                           if (j := index.by_name.get((row.article, other))) is not None}):
        other = comps.find(j)
        for cand, _ in _common(snap.neighbours(other), pool):
            if kind in snap.ties.get((cand, other), ()):
                tied[cand] += TIE_WEIGHT
    ranked = sorted(((0.0 if not tied[c] and shared[c] < MIN_SHARED else score[c]) + tied[c], c)
                    for c in set(score) | set(tied) if eligible(c))
    ranked.sort(key=lambda sc: (-sc[0], snap.order(sc[1])))
    if ranked:
        best, cand = ranked[0]
        runner = ranked[1][0] if len(ranked) > 1 else 0.0
        if best >= MIN_CONTEXT and best >= CONTEXT_MARGIN * runner:
            count, other = strongest.get(cand, (0, -1))
            what = f"surname {row.name}" if cand in as_last else f"first name {row.name}"
            if other < 0:
                return cand, f"{what}, tied to the same people as {snap.name(cand)}"
            return cand, f"{what}, co-mentioned with {snap.name(other)} as {snap.name(cand)} is in {count} articles"
    if len(pool) == 1 and row.mentions >= LONE_NAME_MENTIONS and eligible(only := min(pool)):
        what = f"surname {row.name}" if only in as_last else f"first name {row.name}"
        return only, f"{what}: the only {snap.name(only)} in the corpus"
    return None


def _common(neighbours: Counter[int], pool: set[int]) -> list[tuple[int, int]]:
    """The candidates of a pool among someone's neighbours, with the articles they share."""
    if len(neighbours) < len(pool):
        return [(c, n) for c, n in neighbours.items() if c in pool]
    return [(c, neighbours[c]) for c in pool if c in neighbours]


def _context_rows(rows: Sequence[PersonFacts], index: _Index, i: int) -> list[int]:
    """The article's other full-named people, the most mentioned first."""
    others = [j for j in index.by_article[rows[i].article] if j != i and " " in name_key(rows[j].name)]
    others.sort(key=lambda j: (-rows[j].mentions, rows[j].local))
    return others[:CONTEXT_PEOPLE]


# --- output -----------------------------------------------------------------------------------

def _entities(comps: _Components, rows: Sequence[PersonFacts]) -> list[PersonEntity]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[comps.find(i)].append(i)
    out = []
    for members in groups.values():
        out.append(_entity(comps, rows, members))
    out.sort(key=lambda e: (-e.articles, e.key, e.members[0].article, e.members[0].local))
    return out


def _entity(comps: _Components, rows: Sequence[PersonFacts], members: list[int]) -> PersonEntity:
    facts = [rows[i] for i in members]
    display = _display_name(facts)
    root = min((i for i in members if rows[i].name == display), key=lambda i: (rows[i].article, rows[i].local))
    links = _links(comps, root, members, rows)
    genders = Counter(f.gender for f in facts if f.gender)
    names: Counter[tuple[str, str]] = Counter()
    for f in facts:
        names[(f.name, "name")] += 1
        for alias in f.aliases:
            names[(alias, "alias")] += 1
        for handle in f.handles:
            names[("@" + handle.lstrip("@"), "handle")] += 1
    forms = tuple(EntityName(n, handle_key(n) if kind == "handle" else name_key(n), kind, c)
                  for (n, kind), c in sorted(names.items(), key=lambda item: (-item[1], item[0])))
    return PersonEntity(
        key=name_key(display), name=display,
        gender=max(genders, key=lambda g: (genders[g], g)) if genders else None,
        articles=len({f.article for f in facts}),
        members=tuple(Member(rows[i].article, rows[i].local, rows[i].name, links[i])
                      for i in sorted(members, key=lambda i: (rows[i].article, rows[i].local))),
        names=forms,
    )


def _links(comps: _Components, root: int, members: list[int], rows: Sequence[PersonFacts]) -> dict[int, str]:
    """Each member's reason: the links on its way to the entity's first row under its display name."""
    # the first row under the display name links by its own name, as the rest of its name's rows do
    links = {root: "same full name" if " " in name_key(rows[root].name) else "same single name"}
    chains: dict[int, list[str]] = {root: []}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other, reason in sorted(comps.edges.get(node, ()), key=lambda e: (rows[e[0]].article, rows[e[0]].local)):
            if other in chains:
                continue
            chain = [reason] + [r for r in chains[node] if r != reason]
            chains[other] = chain
            links[other] = "; ".join(chain[:3])
            queue.append(other)
    for i in members:
        links.setdefault(i, "unlinked")
    return links


def reasons(entity: PersonEntity) -> list[tuple[str, str, int]]:
    """Why an entity holds what it holds: (name form, link, how many articles), most frequent first."""
    counts = Counter((m.name, m.link) for m in entity.members)
    return sorted(((n, link, c) for (n, link), c in counts.items()), key=lambda t: (-t[2], t[0], t[1]))
