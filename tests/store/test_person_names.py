"""`person` and `people` show each form of a name once, though resolution keeps a form that is the
name of one article's person and an alias of another's as two name rows. Both databases."""
from __future__ import annotations

from goodterms.corpus.people import people, person
from goodterms.model import Analysis, Document, Mention, Person, document_id
from goodterms.store import Store
from goodterms.store.resolving import resolve_store

from databases import db_url, postgres_module_url, store  # noqa: F401  (fixtures)


def article(text: str, *people_: tuple[str, tuple[str, ...]]) -> Analysis:
    """An analysis of `text` whose people are (name, aliases), each mention where the text names it."""
    persons = []
    for n, (name, aliases) in enumerate(people_, 1):
        at = text.index(name)
        persons.append(Person(f"p{n}", name, aliases, mentions=(Mention(at, at + len(name), name, "name"),)))
    doc = Document(document_id(text), text, source=f"{document_id(text)}.txt")
    return Analysis(doc, tuple(persons))


def test_a_form_that_is_both_a_name_and_an_alias_is_listed_once(store: Store) -> None:
    for analysis in (
        article("Lenna Marsh and Corin Vale opened the gallery on Friday.", ("Lenna Marsh", ()), ("Corin Vale", ())),
        article("Lenna Marsh thanked the crowd in Lisbon.", ("Lenna Marsh", ())),
        article("The singer Lenna, born Lenna Marsh, toured with Corin Vale.",
                ("Lenna", ("Lenna Marsh",)), ("Corin Vale", ())),
    ):
        store.save(analysis, engine="test")
    resolve_store(store)
    profile = person(store, "Lenna Marsh")
    assert profile is not None and profile.articles == 3
    forms = [(n.name, n.kind, n.count) for n in profile.names]
    assert len({name for name, _, _ in forms}) == len(forms), forms
    assert ("Lenna Marsh", "name", 3) in forms and ("Lenna", "name", 1) in forms
    top = {p.name: p.also for p in people(store)}
    assert top["Lenna Marsh"] == ("Lenna",)
