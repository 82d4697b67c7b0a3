"""People across articles: each class of link and of non-link, on invented people."""
from __future__ import annotations

import random

from goodterms.corpus.resolve import Override, PersonEntity, PersonFacts, name_key, reasons, resolve


def article(art: str, *people: tuple, published: str | None = None) -> list[PersonFacts]:
    """The facts of one article: each person (name, extra fields) with everyone else co-mentioned."""
    names = [p[0] for p in people]
    out = []
    for n, (name, *extra) in enumerate(people, start=1):
        fields = extra[0] if extra else {}
        out.append(PersonFacts(
            article=art, local=f"p{n}", name=name, published=published,
            co_mentions=tuple(x for x in names if x != name), mentions=fields.pop("mentions", 3), **fields,
        ))
    return out


def entity_of(entities: list[PersonEntity], art: str, local: str) -> PersonEntity:
    return next(e for e in entities if any(m.article == art and m.local == local for m in e.members))


def same(entities: list[PersonEntity], *rows: tuple[str, str]) -> bool:
    return len({entity_of(entities, a, l).key + entity_of(entities, a, l).members[0].article
                + entity_of(entities, a, l).members[0].local for a, l in rows}) == 1


def link(entities: list[PersonEntity], art: str, local: str) -> str:
    return next(m.link for m in entity_of(entities, art, local).members if m.article == art and m.local == local)


def two_kims() -> list[PersonFacts]:
    """Kim Vale, Alec Dorn's wife, and Kim Osei, Tomas Reyes's colleague; both often called Kim."""
    facts: list[PersonFacts] = []
    for n in range(4):
        facts += article(f"a{n}", ("Kim Vale", {"aliases": ("Kim", "Vale")}), ("Alec Dorn",))
    for n in range(3):
        facts += article(f"b{n}", ("Kim Osei",), ("Tomas Reyes",))
    facts += article("c1", ("Kim",), ("Alec Dorn",))  # Kim next to Alec: Kim Vale
    facts += article("c2", ("Kim",), ("Tomas Reyes",))  # Kim next to Tomas: Kim Osei
    facts += article("c3", ("Kim",), ("Nobody Known",))  # a Kim with no context: nobody in particular
    facts += article("c4", ("Vale",), ("Perrin Soto",))  # the only Vale
    facts += article("c5", ("Kim", {"handles": ("kim.vale",)}))  # @kim.vale spells Kim Vale
    return facts


def test_full_name_surname_first_name_in_context_and_handle_are_one_person() -> None:
    entities = resolve(two_kims())
    assert same(entities, ("a0", "p1"), ("a3", "p1"), ("c1", "p1"), ("c4", "p1"), ("c5", "p1"))
    assert "co-mentioned with Alec Dorn" in link(entities, "c1", "p1")
    assert "the only Kim Vale" in link(entities, "c4", "p1")
    assert "handle @kim.vale spells Kim Vale" in link(entities, "c5", "p1")


def test_two_different_kims_stay_two() -> None:
    entities = resolve(two_kims())
    assert not same(entities, ("a0", "p1"), ("b0", "p1"))
    assert same(entities, ("b0", "p1"), ("c2", "p1"))
    assert entity_of(entities, "c2", "p1").name == "Kim Osei"
    lone = entity_of(entities, "c3", "p1")  # ambiguous: neither Kim
    assert [m.article for m in lone.members] == ["c3"]


def test_the_order_facts_arrive_in_changes_nothing() -> None:
    facts = two_kims() + married()
    expected = resolve(facts)
    for seed in range(5):
        shuffled = list(facts)
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == expected


def married() -> list[PersonFacts]:
    """Marisa Penn, engaged to Theo Larkin, becomes Marisa Larkin; Theo's sister Jun Larkin is another person."""
    facts: list[PersonFacts] = []
    for n in range(3):
        facts += article(f"m{n}", ("Marisa Penn", {"gender": "f", "relations": (("partner", "current", "Theo Larkin"),)}),
                         ("Theo Larkin", {"gender": "m", "relations": (("partner", "current", "Marisa Penn"),)}),
                         published=f"2016-0{n + 1}-01")
    for n in range(3):
        facts += article(f"w{n}", ("Marisa Larkin", {"gender": "f", "relations": (("spouse", "current", "Theo Larkin"),)}),
                         ("Theo Larkin", {"gender": "m", "relations": (("spouse", "current", "Marisa Larkin"),)}),
                         ("Jun Larkin", {"gender": "f", "relations": (("sibling", "current", "Theo Larkin"),)}),
                         published=f"2019-0{n + 1}-01")
    facts += article("l1", ("Larkin",), ("Ola Fenn",))  # a Larkin, but which?
    return facts


def test_a_woman_who_took_her_husbands_name_is_one_person() -> None:
    entities = resolve(married())
    assert same(entities, ("m0", "p1"), ("w0", "p1"))
    whole = entity_of(entities, "m0", "p1")
    assert whole.name == "Marisa Larkin" or whole.name == "Marisa Penn"
    assert any("married name: Marisa Penn -> Marisa Larkin, spouse Theo Larkin" in m.link for m in whole.members)
    assert {n.name for n in whole.names if n.kind == "name"} == {"Marisa Penn", "Marisa Larkin"}


def test_a_surname_shared_by_a_couple_and_a_sister_does_not_merge_them() -> None:
    entities = resolve(married())
    assert not same(entities, ("w0", "p1"), ("w0", "p2"))
    assert not same(entities, ("w0", "p2"), ("w0", "p3"))
    assert not same(entities, ("w0", "p1"), ("w0", "p3"))
    larkin = entity_of(entities, "l1", "p1")
    assert [m.article for m in larkin.members] == ["l1"]  # three Larkins: the surname alone is nobody


def test_a_pet_form_with_the_same_surname_is_one_person_but_not_a_father_and_son() -> None:
    facts = article("n1", ("Bob Kessler",), ("Uma Gray",)) + article("n2", ("Robert Kessler",), ("Uma Gray",))
    facts += article("f1", ("Robert Amsel", {"relations": (("parent", "current", "Bobby Amsel"),)}),
                     ("Bobby Amsel", {"relations": (("child", "current", "Robert Amsel"),)}))
    facts += article("f2", ("Robert Amsel",)) + article("f3", ("Bobby Amsel",))
    entities = resolve(facts)
    assert same(entities, ("n1", "p1"), ("n2", "p1"))
    assert "pet form" in link(entities, "n1", "p1") or "pet form" in link(entities, "n2", "p1")
    assert not same(entities, ("f2", "p1"), ("f3", "p1"))


def test_a_nickname_alone_joins_the_given_name_it_stands_for() -> None:
    facts = article("g1", ("William Achebe",), ("Rosa Imre",)) + article("g2", ("William Achebe",), ("Rosa Imre",))
    facts += article("g3", ("Billy",), ("Rosa Imre",))
    entities = resolve(facts)
    assert same(entities, ("g1", "p1"), ("g3", "p1"))


def test_accents_and_case_do_not_split_a_name() -> None:
    facts = article("z1", ("Zoë Marchetti",)) + article("z2", ("ZOE MARCHETTI",)) + article("z3", ("Zoe  Marchetti's",))
    entities = resolve(facts)
    assert same(entities, ("z1", "p1"), ("z2", "p1"), ("z3", "p1"))
    assert name_key("Dr. Zoë Marchetti Jr.") == "zoe marchetti"


def test_a_shared_handle_and_an_alias_join_people() -> None:
    facts = article("h1", ("Sol", {"handles": ("solmusic",)})) + article("h2", ("Marisol Quintero", {"handles": ("@solmusic",)}))
    facts += article("k1", ("Stefa Germond", {"aliases": ("Lady Vesper",)})) + article("k2", ("Lady Vesper",))
    entities = resolve(facts)
    assert same(entities, ("h1", "p1"), ("h2", "p1"))
    assert "handle @solmusic" in link(entities, "h1", "p1") + link(entities, "h2", "p1")
    assert same(entities, ("k1", "p1"), ("k2", "p1"))


def test_people_of_one_article_are_never_merged_by_a_weak_link() -> None:
    facts = article("x1", ("Dana Roux", {"handles": ("danaroux",)}), ("Dana", {"handles": ("danaroux",)}))
    entities = resolve(facts)
    assert not same(entities, ("x1", "p1"), ("x1", "p2"))


def test_a_single_name_with_no_full_name_anywhere_is_one_person() -> None:
    facts = article("s1", ("Zendrah",), ("Ola Fenn",)) + article("s2", ("Zendrah",))
    entities = resolve(facts)
    assert same(entities, ("s1", "p1"), ("s2", "p1"))


def test_hand_merge_and_split_are_applied_and_the_last_word_wins() -> None:
    facts = two_kims() + married()
    entities = resolve(facts, [Override("merge", "Kim", "Kim Osei")])
    assert same(entities, ("c3", "p1"), ("b0", "p1"))
    assert "merged by hand" in link(entities, "c3", "p1")

    entities = resolve(facts, [Override("split", "Marisa Penn", "Marisa Larkin")])
    assert not same(entities, ("m0", "p1"), ("w0", "p1"))
    assert same(entities, ("m0", "p1"), ("m2", "p1"))

    entities = resolve(facts, [Override("split", "marisa penn", "Marisa Larkin"),
                               Override("merge", "Marisa Larkin", "Marisa Penn")])
    assert same(entities, ("m0", "p1"), ("w0", "p1"))


def test_a_split_keeps_a_single_name_away_from_the_full_name() -> None:
    facts = two_kims()
    entities = resolve(facts, [Override("split", "Kim", "Kim Vale")])
    assert not same(entities, ("c1", "p1"), ("a0", "p1"))


def test_reasons_count_members_by_name_and_link() -> None:
    entities = resolve(two_kims())
    vale = entity_of(entities, "a0", "p1")
    rows = reasons(vale)
    assert sum(c for _, _, c in rows) == len(vale.members)
    assert rows[0][0] == "Kim Vale"


def test_facts_from_the_engine_resolve_across_articles(nlp: object) -> None:
    from goodterms import document_from_text
    from goodterms.corpus.resolve import facts_of
    from goodterms.pipeline import analyze_one

    texts = [
        "Orla Brennick Weds\n\nOrla Brennick married her fiance Caspian Rue on Saturday. "
        "\"I am so happy,\" Brennick told Glow Magazine.\n",
        "Caspian Rue Opens Up\n\nCaspian Rue said his wife Orla Brennick is his best friend. "
        "Orla (@orla.brennick) posted a photo.\n",
        "Night Out\n\nCaspian Rue and Orla were seen in Rome. Orla laughed.\n",
    ]
    facts = []
    for n, text in enumerate(texts):
        analysis = analyze_one(document_from_text(text, source=f"t{n}.txt"))
        facts += facts_of(analysis)
    orla = next(f for f in facts if f.name == "Orla Brennick")
    assert "Caspian Rue" in orla.co_mentions
    assert any(kind == "spouse" and other == "Caspian Rue" for kind, _, other in orla.relations)
    entities = resolve(facts)
    brennick = next(e for e in entities if e.name == "Orla Brennick")
    assert brennick.articles == 3


def test_the_display_name_is_the_full_name_unless_a_one_word_name_is_far_more_used() -> None:
    facts = article("d1", ("Jaden Okoro",)) + article("d2", ("Okoro",)) + article("d3", ("Okoro",))
    facts += article("d4", ("Okoro",))
    assert entity_of(resolve(facts), "d2", "p1").name == "Jaden Okoro"
    facts = article("e1", ("Zephyr Wants",), ("Ola Fenn",)) + article("e2", ("Zephyr",), ("Ola Fenn",))
    facts += article("e3", ("Zephyr",), ("Ola Fenn",)) + article("e4", ("Zephyr",), ("Ola Fenn",))
    entities = resolve(facts)
    assert same(entities, ("e1", "p1"), ("e4", "p1")) and entity_of(entities, "e1", "p1").name == "Zephyr"


def test_a_generation_suffix_goes_but_a_regnal_number_after_one_name_stays() -> None:
    assert name_key("Robert Lane Jr.") == "robert lane"
    assert name_key("Elizabeth II") == "elizabeth ii"
    facts = article("q1", ("Elizabeth Marrow",), ("Ola Fenn",)) + article("q2", ("Elizabeth II",))
    assert not same(resolve(facts), ("q1", "p1"), ("q2", "p1"))


def test_a_single_name_met_once_with_no_context_is_not_the_only_namesake() -> None:
    """A one-word name named once, nobody around it known ("a weekend on Vale Island", a tweet
    signed "- Vale"), is too little to make it the one Kim Vale of the corpus; named again, it is."""
    facts: list[PersonFacts] = []
    for n in range(3):
        facts += article(f"a{n}", ("Kim Vale",), ("Alec Dorn",))
    facts += article("once", ("Vale", {"mentions": 1}), ("Perrin Soto",))
    facts += article("twice", ("Vale", {"mentions": 2}), ("Jory Amadi",))
    entities = resolve(facts)
    assert not same(entities, ("a0", "p1"), ("once", "p1"))
    assert same(entities, ("a0", "p1"), ("twice", "p1"))
    assert "the only Kim Vale" in link(entities, "twice", "p1")
