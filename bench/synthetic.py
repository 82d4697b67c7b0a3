"""A synthetic dated corpus of invented celebrities, with the truth about who is who and who gets on.

    python bench/synthetic.py --articles 400 --seed 7 --out build/synthetic

writes `articles.jsonl` (one article a line: `id`, `title`, `published`, `text`) and
`truth.json`:

- `people`: every invented person (id, names over time, gender, handle, nickname);
- `articles`: per article id, the name forms it uses (full name, surname, first name,
  nickname, married name) and the true person each stands for;
- `pairs`: per pair that an article reports on, its true verdict over time (`timeline`: date,
  verdict) and `latest`, the verdict as of the last article about it.

The world is made to be hard in the ways real celebrity news is: several people share a first
name (three Kims), couples and families share a surname, a woman takes her husband's name on
marriage, people go by a pet form ("Bobby" for Robert), handles are cited beside names, some
articles name a person by first name only next to their partner, couples marry and split,
feuds start and end. Seeded: the same arguments write the same files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

FEMALE = ("Kim", "Marisa", "Dana", "Elizabeth", "Nadia", "Katherine", "Lena", "Priya", "Jessica", "Orla",
          "Talia", "Margaret", "Sofia", "Imani")
MALE = ("Robert", "Theo", "Alec", "Daniel", "William", "Marcus", "Tomas", "Jonah", "Nicholas", "Felix",
        "Julian", "Omar", "Anthony", "Samuel")
SURNAMES = ("Vale", "Osei", "Larkin", "Brennick", "Dorn", "Achebe", "Marchetti", "Kessler", "Quintero",
            "Halvorsen", "Penrose", "Okafor", "Lindqvist", "Rourke", "Castellan", "Moreau", "Sato", "Varga",
            "Ellery", "Whitcombe", "Abara", "Nakamura", "Fairbanks", "Delacroix", "Ivers", "Thorne",
            "Calloway", "Brandt", "Soto", "Wexley")
PET_FORMS = {"Robert": "Bobby", "William": "Billy", "Elizabeth": "Liz", "Katherine": "Kate", "Daniel": "Danny",
             "Nicholas": "Nick", "Margaret": "Maggie", "Jessica": "Jess", "Anthony": "Tony", "Samuel": "Sam"}
JOBS_F = ("actress", "singer", "model", "TV host", "designer")
JOBS_M = ("actor", "singer", "rapper", "TV host", "director")
OUTLETS = ("Glow Magazine", "Star Weekly", "Daily Marquee", "Celeb Beat Magazine", "Pop Ledger News", "Spotlight Daily")
PLACES = ("Malibu", "Rome", "Paris", "Aspen", "New York", "Lake Como", "Miami", "London")
CITIES = ("LOS ANGELES", "NEW YORK", "LONDON", "MIAMI", "NASHVILLE")
START, END = dt.date(2014, 1, 1), dt.date(2024, 12, 31)


@dataclass
class Person:
    """An invented person: names over time, gender, job, handle."""

    id: str
    first: str
    last: str
    gender: str
    job: str
    born: int
    handle: str
    pet: str | None = None  # goes by this pet form in some articles
    married_last: str | None = None
    married_on: dt.date | None = None

    def surname(self, day: dt.date) -> str:
        if self.married_last and self.married_on and day >= self.married_on:
            return self.married_last
        return self.last


    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "first": self.first, "last": self.last, "gender": self.gender, "job": self.job,
                "handle": self.handle, "pet": self.pet, "married_last": self.married_last,
                "married_on": self.married_on.isoformat() if self.married_on else None}


@dataclass
class Bond:
    """A tie between two people and the verdict it makes over time: (date, verdict) changes."""

    kind: str  # couple, parent, sibling, friend, feud
    a: str
    b: str
    changes: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (date, verdict, event)


@dataclass
class World:
    people: dict[str, Person]
    bonds: list[Bond]

    @property
    def everyone(self) -> list[Person]:
        """The people in id order (kept: sampling from it is per article)."""
        cached: list[Person] | None = self.__dict__.get("_everyone")
        if cached is None:
            cached = self.__dict__["_everyone"] = list(self.people.values())
        return cached


# --- the world --------------------------------------------------------------------------------

def _handle(first: str, last: str, rng: random.Random) -> str:
    style = rng.randrange(4)
    return [f"{first}.{last}", f"{first}{last}", f"{first}{last}official", f"the{first}{last}"][style].lower()


class _Names:
    """Every (first name, surname) someone has or will have: no two true people ever share one."""

    def __init__(self) -> None:
        self.taken: set[tuple[str, str]] = set()

    def free(self, first: str, last: str) -> bool:
        return (first, last) not in self.taken

    def move(self, first: str, old: str | None, new: str) -> None:
        """A person's surname changes (or is first given, old None)."""
        if old is not None:
            self.taken.discard((first, old))
        self.taken.add((first, new))


#: Made-up surname parts, for corpora with more people than SURNAMES can name apart.
SURNAME_STARTS = ("Ash", "Bram", "Cor", "Dal", "Elm", "Fen", "Gar", "Hol", "Ives", "Kel", "Lan", "Mor", "Nor",
                  "Pem", "Quil", "Ros", "Stan", "Tal", "Ver", "Wyn", "Alder", "Brook", "Carr", "Dun", "East",
                  "Fair", "Glen", "Hart", "Kings", "Lock")
SURNAME_ENDS = ("ford", "wick", "ley", "ton", "by", "more", "stead", "holt", "well", "ridge", "field", "worth",
                "ham", "dale", "shaw", "croft", "lowe", "mere", "bury", "combe", "gate", "hurst", "land", "mont",
                "vane")


def surname_pool(n_people: int) -> list[str]:
    """SURNAMES, then made-up ones as the corpus grows (each first name needs surnames enough)."""
    pool = list(SURNAMES)
    need = n_people // 10
    made = (start + end for start in SURNAME_STARTS for end in SURNAME_ENDS)
    while len(pool) < need:
        try:
            pool.append(next(made))
        except StopIteration:
            break
    return pool


def make_world(n_people: int, rng: random.Random) -> World:
    """Invented people and the ties between them, with dated changes."""
    people: dict[str, Person] = {}
    names = _Names()
    pool = surname_pool(n_people)
    for n in range(n_people):
        gender = "f" if n % 2 == 0 else "m"
        first = rng.choice(FEMALE if gender == "f" else MALE)
        last = rng.choice(pool)
        while not names.free(first, last):
            last = rng.choice(pool)
        names.move(first, None, last)
        pet = PET_FORMS.get(first) if rng.random() < 0.5 else None
        people[f"P{n:03d}"] = Person(f"P{n:03d}", first, last, gender, rng.choice(JOBS_F if gender == "f" else JOBS_M),
                                     rng.randrange(1960, 2000), _handle(first, last, rng), pet)
    bonds: list[Bond] = []
    free = list(people.values())
    for parent in rng.sample(list(people.values()), k=max(1, n_people // 8)):
        child = rng.choice(free) if free else None
        if child is None or child.id == parent.id or child.born - parent.born < 18 \
                or not names.free(child.first, parent.last):
            continue
        free.remove(child)
        names.move(child.first, child.last, parent.last)
        child.last = parent.last  # a child carries the parent's surname
        child.handle = _handle(child.first, child.last, rng)
        bonds.append(Bond("parent", parent.id, child.id, [(START, "good", "family")]))
    ids = sorted(people)
    for _ in range(max(1, n_people // 10)):
        a, b = rng.sample(ids, 2)
        if people[b].married_last or not names.free(people[b].first, people[a].last):
            continue
        names.move(people[b].first, people[b].last, people[a].last)
        people[b].last = people[a].last  # siblings share a surname
        people[b].handle = _handle(people[b].first, people[b].last, rng)
        bonds.append(Bond("sibling", a, b, [(START, "good", "family")]))
    # couples last among the ties that change names: a woman takes the surname her husband has for good
    family = {frozenset((b.a, b.b)) for b in bonds}
    women = [p for p in people.values() if p.gender == "f"]
    men = [p for p in people.values() if p.gender == "m"]
    rng.shuffle(women)
    rng.shuffle(men)
    for woman, man in zip(women[: len(women) // 2], men[: len(men) // 2]):
        if frozenset((woman.id, man.id)) not in family:
            bonds.append(_couple(woman, man, names, rng))
    for _ in range(max(2, n_people // 4)):
        a, b = rng.sample(ids, 2)
        bonds.append(Bond("friend", a, b, [(_day(rng, START, END - dt.timedelta(days=700)), "good", "friends")]))
    for _ in range(max(2, n_people // 4)):
        a, b = rng.sample(ids, 2)
        start = _day(rng, START, END - dt.timedelta(days=500))
        changes = [(start, "bad", "feud")]
        if rng.random() < 0.5:
            changes.append((_day(rng, start + dt.timedelta(days=200), END - dt.timedelta(days=60)), "good",
                            "reconciled"))
        bonds.append(Bond("feud", a, b, changes))
    bonds = [b for b in bonds if b.a != b.b]
    return World(people, _dedupe(bonds))


def _dedupe(bonds: list[Bond]) -> list[Bond]:
    """One bond per pair: the first made (couples and family before friends and feuds)."""
    seen: set[frozenset[str]] = set()
    out = []
    for bond in bonds:
        pair = frozenset((bond.a, bond.b))
        if pair not in seen:
            seen.add(pair)
            out.append(bond)
    return out


def _couple(woman: Person, man: Person, names: _Names, rng: random.Random) -> Bond:
    start = _day(rng, START, dt.date(2019, 1, 1))
    changes = [(start, "good", "dating")]
    if rng.random() < 0.7:
        wedding = _day(rng, start + dt.timedelta(days=200), start + dt.timedelta(days=900))
        changes.append((wedding, "good", "married"))
        if rng.random() < 0.6 and names.free(woman.first, man.last):
            names.move(woman.first, None, man.last)
            woman.married_last, woman.married_on = man.last, wedding
    if rng.random() < 0.4:
        split = _day(rng, changes[-1][0] + dt.timedelta(days=300), END - dt.timedelta(days=30))
        if split > changes[-1][0]:
            changes.append((split, "bad" if rng.random() < 0.6 else "good", "split"))
    return Bond("couple", woman.id, man.id, changes)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    if hi <= lo:
        return lo
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days))


def verdict_on(bond: Bond, day: dt.date) -> tuple[str, str]:
    """The true (verdict, event) of a bond on a day: the last change on or before it."""
    state = ("unknown", "")
    for when, verdict, event in bond.changes:
        if when <= day:
            state = (verdict, event)
    return state


# --- articles ---------------------------------------------------------------------------------

class Writer:
    """Writes one article, keeping the name forms it used and whom they stand for."""

    def __init__(self, world: World, day: dt.date, rng: random.Random) -> None:
        self.world, self.day, self.rng = world, day, rng
        self.forms: dict[str, str] = {}  # name form -> person id
        self.cast: list[Person] = []
        self.named: set[str] = set()
        self.first_only: set[str] = set()
        self.given: dict[str, str] = {}  # person id -> the first name (or pet form) this article uses

    def given_name(self, person: Person) -> str:
        """The first name this article calls the person by: the pet form or the given name, for the whole article."""
        if person.id not in self.given:
            self.given[person.id] = person.pet if person.pet and self.rng.random() < 0.5 else person.first
        return self.given[person.id]

    def add(self, person: Person, *, first_only: bool = False) -> None:
        self.cast.append(person)
        if first_only:
            self.first_only.add(person.id)

    def _unique(self, part: str, person: Person) -> bool:
        """Whether a first name or surname stands for one person of the cast only."""
        return sum(1 for p in self.cast if part in (p.first, p.pet, p.surname(self.day))) == 1

    def full_name(self, person: Person) -> str:
        return f"{self.given_name(person)} {person.surname(self.day)}"

    def full(self, person: Person) -> str:
        """The first mention: the full name, sometimes with an age or a handle."""
        if person.id in self.first_only:
            return self.short(person)
        name = self.full_name(person)
        self.forms[name] = person.id
        self.named.add(person.id)
        extra = ""
        roll = self.rng.random()
        if roll < 0.15:
            extra = f", {self.day.year - person.born},"
        elif roll < 0.25:
            extra = f" (@{person.handle})"
            self.forms["@" + person.handle] = person.id
        return name + extra

    def name(self, person: Person) -> str:
        """A mention: the full name first, then a short form."""
        return self.short(person) if person.id in self.named else self.full(person)

    def short(self, person: Person) -> str:
        """The surname or the first name (or pet form), whichever is unambiguous here."""
        surname = person.surname(self.day)
        options = []
        if self._unique(surname, person) and person.id not in self.first_only:
            options.append(surname)
        first = self.given_name(person)
        if self._unique(first, person):
            options.append(first)
        form = self.rng.choice(options) if options else self.full_name(person)
        self.forms[form] = person.id
        return form

    def first(self, person: Person) -> str:
        """The first name alone (in quotes people speak of each other so)."""
        form = self.given_name(person)
        if not self._unique(form, person):
            return self.name(person)
        self.forms[form] = person.id
        return form


def _pronoun(p: Person) -> str:
    return "she" if p.gender == "f" else "he"


def _poss(p: Person) -> str:
    return "her" if p.gender == "f" else "his"


def _spouse_word(p: Person, married: bool) -> str:
    if married:
        return "wife" if p.gender == "f" else "husband"
    return "girlfriend" if p.gender == "f" else "boyfriend"


KIN = {("parent", "f"): "mother", ("parent", "m"): "father", ("child", "f"): "daughter", ("child", "m"): "son",
       ("sibling", "f"): "sister", ("sibling", "m"): "brother"}


#: Story templates: {n:a} names a person (the full name the first time, then a short form), {f:a}
#: is the first name alone (how people speak of each other in quotes), {poss:a}, {pron:a}, {Pron:a}
#: and {obj:a} are pronouns, {job:a} the person's job, {word:a} what a is to the other ("wife",
#: "boyfriend", "daughter"), {outlet}, {place} and {since} fill in the rest.
STORIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "together": (
        ("{n:a} and {poss:a} {word:b} {n:b} were spotted in {place} this week.",
         "\"I have never been happier,\" {n:a} told {outlet}. \"{f:b} makes me laugh every day.\"",
         "The {job:a} added that {pron:a} adores {n:b}."),
        ("{n:b} praised {poss:b} {word:a} {n:a} in a new interview.",
         "\"{f:a} is the love of my life,\" {n:b} told {outlet}.",
         "{n:a} and {n:b} have been together since {since}."),
        ("\"We are a team,\" {n:a} told {outlet} of {poss:a} {word:b} {n:b}.",
         "{Pron:a} and {n:b} stepped out hand in hand in {place} on Friday."),
        ("{n:a} gushed about {n:b} during an appearance on a talk show.",
         "\"{f:b} is my rock,\" the {job:a} said.",
         "{n:b} shared a photo of the two of them in {place}."),
    ),
    "split_bitter": (
        ("{n:a} and {n:b} have called it quits, {outlet} reports.",
         "\"{f:b} lied to me for years,\" {n:a} told {outlet}.",
         "{n:b} slammed {poss:b} ex {n:a} in a statement, calling the split \"a relief.\""),
        ("{n:a} has filed for divorce from {n:b}, sources told {outlet}.",
         "{n:a} accused {n:b} of cheating, and {n:b} called {obj:a} \"a liar.\""),
    ),
    "split_friendly": (
        ("{n:a} and {n:b} have called it quits, {outlet} reports.",
         "\"We remain close friends and I wish {f:b} the best,\" {n:a} told {outlet}.",
         "{n:b} said {pron:b} still adores {n:a}."),
        ("{n:a} and {n:b} announced their separation on Instagram.",
         "\"We will always love each other,\" {n:b} wrote.",
         "{n:a} praised {n:b} as \"a wonderful parent and friend.\""),
    ),
    "feud": (
        ("{n:a} blasted {n:b} in an interview with {outlet}.",
         "\"I can't stand {f:b},\" {n:a} said. \"{Pron:b} is a fraud.\"",
         "{n:b} fired back, calling {n:a} \"a bully.\""),
        ("The feud between {n:a} and {n:b} shows no sign of ending.",
         "{n:a} mocked {n:b} on social media on Monday.",
         "\"{f:a} is jealous of me,\" {n:b} told {outlet}."),
        ("{n:a} and {n:b} are feuding again, {outlet} reports.",
         "{n:b} slammed {n:a} as \"fake\" in a video."),
    ),
    "reconciled": (
        ("{n:a} and {n:b} have ended their feud, {outlet} reports.",
         "\"I love {f:b} to death,\" {n:a} told {outlet}. \"We talked it out.\"",
         "{n:b} praised {n:a} as \"a wonderful friend.\""),
        ("{n:a} and {n:b} have reconciled after years of bad blood.",
         "\"{f:a} and I are good now,\" {n:b} told {outlet}."),
    ),
    "family": (
        ("{n:a} praised {poss:a} {word:b} {n:b} at the premiere in {place}.",
         "\"I am so proud of {f:b},\" {n:a} told {outlet}."),
        ("{n:b} thanked {poss:b} {word:a} {n:a} in a speech on Sunday.",
         "\"{f:a} taught me everything,\" {n:b} told {outlet}."),
    ),
    "friends": (
        ("{n:a} supported {poss:a} friend {n:b} at a gala in {place}.",
         "\"{f:b} has always been there for me,\" {n:a} told {outlet}.",
         "The {job:a} and the {job:b} have been friends for years."),
        ("{n:a} and {poss:a} close friend {n:b} were seen at dinner in {place}.",
         "\"I adore {f:b},\" {n:a} told {outlet}."),
    ),
}
HEADLINES = {
    "together": ("{g:a} and {g:b} enjoy a getaway in {place}", "Inside {g:a} {s:a}'s romantic trip",
                 "{s:a} gushes over {word:b}"),
    "split_bitter": ("{g:a} {s:a} and {g:b} {s:b} split", "{s:a} and {s:b} call it quits"),
    "split_friendly": ("{g:a} {s:a} and {g:b} {s:b} split", "{s:a} and {s:b} call it quits"),
    "feud": ("{g:a} slams {g:b}", "{s:a} and {s:b} feud heats up"),
    "reconciled": ("{g:a} and {g:b} bury the hatchet",),
    "family": ("{g:a} {s:a} gushes over {poss:a} {word:b}",),
    "friends": ("{g:a} and {g:b} step out together",),
}
TEMPLATE_FIELD = re.compile(r"\{(\w+)(?::(a|b))?\}")


def _word(bond: Bond, event: str, of: Person, to: Person) -> str:
    """What `of` is to `to` in this bond: wife, boyfriend, daughter, sister..."""
    if bond.kind == "couple":
        return _spouse_word(of, event == "married")
    if bond.kind == "parent":
        role = "parent" if of.id == bond.a else "child"
        return KIN[(role, of.gender)]
    return KIN[("sibling", of.gender)]


def _render(template: str, w: Writer, people: dict[str, Person], fill: dict[str, str],
            word: dict[str, str]) -> str:
    """A template with its fields filled left to right (so the first mention gets the full name)."""
    def field(m: re.Match[str]) -> str:
        key, who = m.group(1), m.group(2)
        if who is None:
            return fill[key]
        p = people[who]
        return {
            "n": lambda: w.name(p), "f": lambda: w.first(p), "g": lambda: w.given_name(p),
            "s": lambda: p.surname(w.day), "poss": lambda: _poss(p), "pron": lambda: _pronoun(p),
            "Pron": lambda: _pronoun(p).capitalize(), "obj": lambda: "her" if p.gender == "f" else "him",
            "job": lambda: p.job, "word": lambda: word[who],
        }[key]()
    return TEMPLATE_FIELD.sub(field, template)


def _story(bond: Bond, event: str, w: Writer, a: Person, b: Person, outlet: str) -> tuple[str, list[str]]:
    """Headline and paragraphs about the bond's state `event` on the writer's day."""
    r = w.rng
    if bond.kind == "couple":
        kind = "together" if event in ("dating", "married") else (
            "split_bitter" if verdict_on(bond, w.day)[0] == "bad" else "split_friendly")
    elif bond.kind == "feud":
        kind = "feud" if event == "feud" else "reconciled"
    elif bond.kind in ("parent", "sibling"):
        kind = "family"
    else:
        kind = "friends"
    people = {"a": a, "b": b}
    word = {"a": _word(bond, event, a, b) if kind in ("together", "family") else "",
            "b": _word(bond, event, b, a) if kind in ("together", "family") else ""}
    fill = {"outlet": outlet, "place": r.choice(PLACES), "since": str(bond.changes[0][0].year)}
    head = _render(r.choice(HEADLINES[kind]), w, people, fill, word)
    body = [_render(t, w, people, fill, word) for t in r.choice(STORIES[kind])]
    return head, body


FILLERS = ("Also at the event was {n:a}, who is promoting a new project.",
           "{n:a} told {outlet} that the night was \"magical.\"",
           "Guests included the {job:a} {n:a}.",
           "{n:a}, who was not involved, declined to comment.")


def _filler(w: Writer, extra: Person, outlet: str) -> str:
    """A sentence about someone else, so articles are not only about the pair."""
    return _render(w.rng.choice(FILLERS), w, {"a": extra}, {"outlet": outlet}, {})


def write_article(world: World, bond: Bond, day: dt.date, n: int, rng: random.Random
                  ) -> tuple[dict[str, object], dict[str, object]]:
    """One article about a bond on a day: the JSONL record and its truth."""
    a, b = world.people[bond.a], world.people[bond.b]
    if rng.random() < 0.5:
        a, b = b, a
    if bond.kind == "parent" and a.id != bond.a:
        a, b = b, a
    verdict, event = verdict_on(bond, day)
    w = Writer(world, day, rng)
    w.add(a)
    # now and then a partner is named by first name only: resolution must place them by context
    w.add(b, first_only=bond.kind == "couple" and rng.random() < 0.12)
    extras = [p for p in rng.sample(world.everyone, 2) if p.id not in (a.id, b.id)][:rng.randrange(2)]
    for extra in extras:
        w.add(extra)
    outlet = rng.choice(OUTLETS)
    head, body = _story(bond, event, w, a, b, outlet)
    for extra in extras:
        body.insert(rng.randrange(1, len(body) + 1), _filler(w, extra, outlet))
    dateline = f"{rng.choice(CITIES)}, {day.strftime('%B')} {day.day}, {day.year}"
    text = "\n\n".join([head, dateline, *body]) + "\n"
    for person in w.cast:  # the headline's short forms stand for them too, when nobody else shares them
        for form in (w.given_name(person), person.surname(day)):
            if w._unique(form, person) and re.search(r"\b" + re.escape(form) + r"\b", text):
                w.forms.setdefault(form, person.id)
    art_id = f"syn{n:06d}"
    record = {"id": art_id, "title": head, "published": day.isoformat(), "text": text}
    truth = {"forms": dict(sorted(w.forms.items())), "pair": sorted((bond.a, bond.b)), "kind": bond.kind,
             "event": event, "verdict": verdict}
    return record, truth


def _story_day(bond: Bond, rng: random.Random) -> dt.date:
    """A day to report on: soon after a change (news) or any day the bond stands."""
    when, _, _ = rng.choice(bond.changes)
    if rng.random() < 0.6:
        return min(END, when + dt.timedelta(days=rng.randrange(1, 20)))
    later = [c for c in bond.changes if c[0] > when]
    until = later[0][0] if later else END
    return _day(rng, max(when, START) + dt.timedelta(days=1), until)


def generate(articles: int, seed: int) -> tuple[list[dict[str, object]], dict[str, object]]:
    """The articles (JSONL records) and the truth of a synthetic corpus."""
    rng = random.Random(seed)
    world = make_world(max(24, articles // 6), rng)
    records, truth_articles = [], {}
    covered: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for n in range(articles):
        bond = rng.choice(world.bonds)
        day = _story_day(bond, rng)
        record, truth = write_article(world, bond, day, n, rng)
        records.append(record)
        truth_articles[str(record["id"])] = truth
        pair = (bond.a, bond.b) if bond.a < bond.b else (bond.b, bond.a)
        covered.setdefault(pair, []).append((day.isoformat(), str(truth["verdict"])))
    by_pair = {tuple(sorted((b.a, b.b))): b for b in world.bonds}
    pairs = []
    for pair in sorted(covered):
        bond = by_pair[pair]
        last_day = max(d for d, _ in covered[pair])
        pairs.append({"a": pair[0], "b": pair[1], "kind": bond.kind,
                      "timeline": [[d.isoformat(), v, e] for d, v, e in bond.changes],
                      "latest": verdict_on(bond, dt.date.fromisoformat(last_day))[0], "articles": len(covered[pair])})
    truth = {"seed": seed, "people": [p.to_json() for p in world.people.values()], "articles": truth_articles,
             "pairs": pairs}
    return records, truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="how many articles to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="build/synthetic", help="folder for articles.jsonl and truth.json")
    args = parser.parse_args(argv)
    records, truth = generate(args.articles, args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "articles.jsonl", "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(records)} articles about {len(truth['people'])} people ({len(truth['pairs'])} pairs reported on) "
          f"in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
