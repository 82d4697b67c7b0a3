"""Derived family ties come out in the order their sources were found, whatever Python's hash seed.

Worker processes each have their own hash seed; an output that followed a set's order would
differ between one process and several (a real article gave its two parents' derived ties in
either order).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from goodterms.extract.family import FoundRelation, derive_parents_of_siblings
from goodterms.model import Span

TEXT = "Ada Quell and her brother Tomas are the children of Piet Quell and Mira Quell."


def derived_order() -> list[tuple[str, str, str]]:
    """The keys derive_parents_of_siblings adds for two parents and one full brother."""
    brother = Span(TEXT.index("brother"), TEXT.index("brother") + len("brother"))
    found = {
        ("parent", "p3", "p1"): FoundRelation("parent", "p3", "p1", "current", [Span(52, 62)]),
        ("parent", "p4", "p1"): FoundRelation("parent", "p4", "p1", "current", [Span(67, 77)]),
        ("sibling", "p1", "p2"): FoundRelation("sibling", "p1", "p2", "current", [brother]),
    }
    before = set(found)
    derive_parents_of_siblings(found, TEXT)
    return [key for key in found if key not in before]


def test_parents_of_a_sibling_are_derived_in_the_order_found() -> None:
    assert derived_order() == [("parent", "p3", "p2"), ("parent", "p4", "p2")]


def test_the_order_holds_under_other_hash_seeds() -> None:
    script = "import sys; sys.path.insert(0, sys.argv[1]); from test_family_order import derived_order; " \
             "print(derived_order())"
    outputs = set()
    for seed in ("1", "2"):  # two seeds that ordered a set of the two parents differently
        done = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)],
                              capture_output=True, text=True, env={"PYTHONHASHSEED": seed}, check=True)
        outputs.add(done.stdout)
    assert outputs == {str(derived_order()) + "\n"}
