"""Relations: spouse, partner, parent, stepparent, sibling, relative, friend, with status and evidence.

The work is split by job, each in its own module:
- `kin_phrases`: kin nouns ("her husband X", "son of A and B", "their children: C, D") -> whose kin, who holds it;
- `couples`: couples and events ("A married B", "the couple split", "A shares C with B", "are friends");
- `family`: ties derived from the stated ones (siblings of one parent, step-parents, a child's two parents);
- `relation_book`: the records while the text is read; `relation_reading`: lookups the rules share.
Every relation carries the name of the rule that found it (`Relation.rule`).
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Person, Quote, Relation
from .coref import References
from .couples import CoupleEvents
from .family import (
    derive_parents_of_siblings, derive_siblings, derive_stepparents, drop_parent_cycles, end_ties_of_the_dead,
)
from .kin_phrases import KinPhrases
from .parse import Parses
from .relation_book import RelationBook


def find_relations(doc: Document, people: list[Person], refs: References,
                   quotes: Sequence[Quote] | None = None, *, parses: Parses | None = None) -> list[Relation]:
    """Every relation the text states, with status and evidence spans; quotes say who "my" and "our" mean,
    the parses (made on demand when not given) what the grammar links."""
    parses = parses or Parses(doc)
    book = RelationBook(doc.text, people, refs)
    KinPhrases(book, refs, quotes or (), parses).read_kin_phrases()
    couples = CoupleEvents(book, refs, quotes or (), parses)
    couples.read_events()
    book.settle_romances()
    book.settle_couples()
    book.resolve_pending()
    drop_parent_cycles(book.found)
    derive_siblings(book.found)
    derive_parents_of_siblings(book.found, doc.text)
    derive_stepparents(book.found, doc.text)
    book.derive_parent_couples()
    end_ties_of_the_dead(book.found, couples.dead_people())
    return book.relations()
