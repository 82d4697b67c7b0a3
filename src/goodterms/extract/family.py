"""Family ties derived from the ones the text states: siblings of one parent, parents of full
siblings, step-parents of a current spouse's children; of two opposite parent ties, the first told."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Span
from .kinship import KIN

Key = tuple[str, str, str]  # (type, subject, object); symmetric types keep subject < object


@dataclass
class FoundRelation:
    """A relation while the text is read: its status may still change and evidence may grow."""

    type: str
    subject: str
    object: str
    status: str
    evidence: list[Span] = field(default_factory=list)
    derived_from: tuple[str, ...] = ()
    former_at: int = -1  # offset of the last "split", "ex-": a reunion told after it makes the tie current again
    reunited_at: int = -1
    rule: str = ""  # the rule that first found it


def drop_parent_cycles(found: dict[Key, FoundRelation]) -> None:
    """Nobody is their own child's child: of two opposite parent ties, the one told first stands."""
    for key in [k for k in found if k[0] == "parent"]:
        other = ("parent", key[2], key[1])
        if key in found and other in found:
            first = min((key, other), key=lambda k: min(s.start for s in found[k].evidence))
            del found[other if first == key else key]


def derive_siblings(found: dict[Key, FoundRelation]) -> None:
    """Children of one parent are siblings (half-siblings count), and so are a sibling's siblings."""
    group_of: dict[str, str] = {}

    def root(person: str) -> str:
        """The person standing for person's group of siblings."""
        while group_of.setdefault(person, person) != person:
            person = group_of[person]
        return person

    links: list[tuple[str, str, str]] = []
    by_parent: dict[str, list[str]] = {}
    for key in found:
        if key[0] == "sibling":
            links.append(key)
            group_of[root(key[1])] = root(key[2])
        elif key[0] == "parent":
            by_parent.setdefault(key[1], []).append(key[2])
    for parent, kids in by_parent.items():
        for kid in kids[1:]:
            links += [("parent", parent, kids[0]), ("parent", parent, kid)]
            group_of[root(kid)] = root(kids[0])
    members: dict[str, list[str]] = {}
    for person in list(group_of):
        members.setdefault(root(person), []).append(person)
    for group in members.values():
        sources = [k for k in dict.fromkeys(links) if root(k[2]) == root(group[0])]
        evidence = list(dict.fromkeys(span for k in sources for span in found[k].evidence))
        for i, a in enumerate(sorted(group)):
            for b in sorted(group)[i + 1:]:
                key = ("sibling", a, b)
                if key not in found and not family_other_than_sibling(found, a, b):
                    found[key] = FoundRelation("sibling", a, b, "current", evidence,
                                             derived_from=tuple(":".join(k) for k in sources), rule="derived_sibling")


def derive_parents_of_siblings(found: dict[Key, FoundRelation], text: str) -> None:
    """A parent of one of full siblings is the parent of all: "son of Abraham ... had five brothers"."""
    parents: dict[str, dict[str, None]] = {}  # a dict, not a set: the order found, whatever the hash seed
    for (kind, a, b) in found:
        if kind == "parent":
            parents.setdefault(b, {})[a] = None
    for (kind, a, b), record in list(found.items()):
        if kind != "sibling" or not _full_siblings([text[s.start:s.end] for s in record.evidence]):
            continue  # a sibling through a shared parent may be a half-sibling: no more parents from it
        for x, y in ((a, b), (b, a)):
            for parent in parents.get(x, ()):
                if parent != y and ("parent", parent, y) not in found \
                        and not family_other_than_sibling(found, parent, y):
                    found[("parent", parent, y)] = FoundRelation(
                        "parent", parent, y, "current", list(record.evidence),
                        derived_from=(f"parent:{parent}:{x}", f"sibling:{a}:{b}"),
                        rule="derived_parent_of_sibling")


def derive_stepparents(found: dict[Key, FoundRelation], text: str) -> None:
    """Step-parents the text talks about."""
    mentions_step = bool(re.search(r"\bstep-?(?:mother|mom|mum|father|dad|daughter|son|child|kids|parent)",
                                   text, re.IGNORECASE))
    if not mentions_step:
        return
    parents: dict[str, set[str]] = {}
    for (kind, a, b) in list(found):
        if kind == "parent":
            parents.setdefault(b, set()).add(a)
    for (kind, a, b), record in list(found.items()):
        if kind != "spouse" or record.status != "current":
            continue
        for x, y in ((a, b), (b, a)):
            for child, ps in parents.items():
                if x in ps and y not in ps and child not in (x, y):
                    key = ("stepparent", y, child)
                    if key not in found:
                        found[key] = FoundRelation("stepparent", y, child, "current", list(record.evidence),
                                                 derived_from=(f"spouse:{a}:{b}", f"parent:{x}:{child}"),
                                                 rule="derived_stepparent")


def family_other_than_sibling(found: dict[Key, FoundRelation], a: str, b: str) -> bool:
    """Parent and child, or a couple, are never made siblings by a derivation."""
    x, y = sorted((a, b))
    return any(k in found for k in (("parent", a, b), ("parent", b, a), ("spouse", x, y), ("partner", x, y)))


def _full_siblings(evidence: list[str]) -> bool:
    """Evidence with a sibling word ("brothers") and no half-, step- or adoptive anywhere in it."""
    if any(re.search(r"half|step|adopt", e, re.IGNORECASE) for e in evidence):
        return False
    return any(KIN.get(e.lower().split()[-1]) == "sibling" for e in evidence if e.split())


def end_ties_of_the_dead(found: dict[Key, FoundRelation], dead: set[str]) -> None:
    """A marriage, a romance or a friendship with someone the text says is dead is over."""
    for (kind, a, b), record in found.items():
        if kind in ("spouse", "partner", "friend") and (a in dead or b in dead) and record.status != "former":
            record.status = "former"
