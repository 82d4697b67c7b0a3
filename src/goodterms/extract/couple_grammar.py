"""Couples read from the dependency parse: who is the subject and who the object of "married",
"divorced", "split from", "dated", "engaged to", and whose "marriage to", "divorce from",
"relationship with" a noun names. The verbs and nouns are lemma lists (data/couple_verbs.txt,
data/couple_nouns.txt); negation, tense and plans ("are getting married") come from the parse.

`couple_claims` needs only a parsed sentence and a way to say which person a token names, so a
rule can be tested on any sentence without the rest of the pipeline.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .parse import doc_span
from .wordlists import table, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = ("who", "whom", "that", "which")
PARTNER_PREPOSITIONS = ("to", "from", "with")
#: Words before a couple noun that put the bond in the past: "her previous relationship with".
PAST_WORDS = frozenset({"previous", "past", "former", "prior", "earlier", "old", "ex", "first"})


@dataclass(frozen=True)
class CoupleClaim:
    """a and b are (or were) a couple of this kind, by the words at [start, end)."""

    kind: str  # spouse, partner, romance (the kind already known, else partner), or "" for none (a veto)
    status: str  # current or former
    a: str
    b: str
    start: int
    end: int
    rule: str


PersonOf = Callable[["Token"], "str | None"]
CoupleOf = Callable[["Token"], "tuple[str, str] | None"]


def _no_couple(token: "Token") -> tuple[str, str] | None:
    return None


def couple_claims(sent: "Doc", person_of: PersonOf, couple_of: CoupleOf = _no_couple) -> list[CoupleClaim]:
    """Every couple the verbs and nouns of one parsed sentence state. person_of says whom a token
    names; couple_of which two people "they", "the couple" or "their" stand for."""
    out: list[CoupleClaim] = []
    verbs, nouns = table("couple_verbs"), table("couple_nouns")
    for token in sent:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "ADJ", "AUX") and lemma in verbs:
            out.extend(_verb_claims(token, verbs[lemma], person_of, couple_of))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in nouns:
            out.extend(_noun_claims(token, nouns[lemma], person_of, couple_of))
    return out


def _lemma(token: "Token") -> str:
    """The lemma, with a phrasal verb's particle: "break up"."""
    lemma = token.lemma_.lower()
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return f"{lemma} {particles[0]}" if particles else lemma


def _verb_claims(verb: "Token", meaning: str, person_of: PersonOf, couple_of: CoupleOf) -> Iterator[CoupleClaim]:
    """ "A married B", "A and B divorced", "B, who A was married to", "A, then married to B"."""
    talk = _talk(verb)
    if _negated(verb) or talk == "denied":
        yield _veto(verb)  # "are not dating", "denied rumours she is dating B": no other rule may read it
        return
    subjects, objects = _subjects(verb), _objects(verb)
    clause = _relative_clause(verb)
    if clause is not None:
        subjects = subjects + _aux_subjects(verb)  # "who Kim was infamously married to": Kim hangs on "was"
        relative = [t for t in subjects if t.lower_ in RELATIVE]
        others = [t for t in subjects if t.lower_ not in RELATIVE]
        if relative and others and not objects:
            objects = [clause.head]  # "B, who A was married to": the relative pronoun is the object
            subjects = others
        elif relative:
            subjects = [_pair_head(clause)]  # "A, who married B"; "A and B, who have been dating"
    elif not objects and (antecedent := _stranded_antecedent(verb)) is not None:
        objects = [antecedent]  # "Iggy learned that Young, whom she was engaged to, ..." misparsed as a subject
        subjects = [t for t in subjects + _aux_subjects(verb) if t.i != antecedent.i and t.lower_ not in RELATIVE]
    kind, status = meaning.split("-")
    pair = _pair(_people(subjects, person_of), _people(objects, person_of))
    if pair is None and len(subjects) == 1 and not objects and subjects[0].lemma_.lower() in words("couple_words"):
        # "she and B announced they were splitting": the pair subject above; else "they" of the text before
        pair = _pair(_people(_pair_above(verb), person_of), []) or couple_of(subjects[0])
    if pair is None:
        if meaning.startswith("spouse") and (_planned(verb) or talk == "rumour"):
            yield _veto(verb)  # "no plans to wed": whoever it is about, not a marriage
        elif len(_people(subjects, person_of)) == 1 and objects:
            yield _veto(verb, "veto_pair")  # "A and B met after he split from C's sister": not "A and B split"
        return
    if kind == "spouse" and (_planned(verb) or talk == "rumour"):
        kind, status = "partner", "current"  # "are getting married", "fans are convinced they wed": a couple
    elif kind == "spouse" and status == "current" and _past_state(verb):
        status = "former"  # "was married to", "then married to"
    elif status == "tense":
        status = "former" if _simple_past(verb) else "current"
    start, end = doc_span(verb)
    yield CoupleClaim(kind, status, pair[0], pair[1], start, end, "couple_verb")


def _noun_claims(noun: "Token", meaning: str, person_of: PersonOf, couple_of: CoupleOf) -> Iterator[CoupleClaim]:
    """ "A's marriage to B", "A and B's divorce", "A was in a relationship with B"."""
    lemma = noun.lemma_.lower()
    modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if lemma == "relationship" and modifiers & words("relationship_not_romance"):
        return
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if len(owners) == 1 and not _conjuncts(owners[0]):
        edge = owners[0].left_edge.i
        if edge >= 2 and noun.doc[edge - 1].lower_ in ("and", "&") and person_of(noun.doc[edge - 2]) is not None:
            owners.insert(0, noun.doc[edge - 2])  # "A and B's marriage", parsed as "A" and "B's marriage"
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS]
    if not preps and noun.i + 1 < len(noun.doc) and noun.nbor(1).lower_ in PARTNER_PREPOSITIONS:
        preps = [noun.nbor(1)]  # "A's wedding to B" with "to B" hung on the verb of the sentence
    others = [p for c in preps for p in c.children if p.dep_ == "pobj"]
    if not owners and others:
        governor = _governing_verb(noun)
        owners = _subjects(governor) if governor is not None else []
    governor = _governing_verb(noun)
    talk = _talk(noun)
    if _negated_noun(noun) or talk == "denied":
        yield _veto(noun)
        return
    if any(t.lower_ in ("our", "my") for t in owners):
        return
    if len(owners) == 1 and owners[0].lower_ in ("his", "her") and governor is not None and _same_clause(noun, governor):
        subject = _people(_subjects(governor), person_of)
        if len(subject) == 1:
            owners = [t for t in _subjects(governor)]  # "B was not truthful about her divorce": B's divorce
    if len(owners) == 1 and owners[0].lower_ == "their":
        pair = _clause_pair(governor, person_of)  # "how A treated B during their divorce"
        if pair is None and lemma != "relationship":
            pair = couple_of(owners[0])  # "their relationship" may be two friends': only a clause says whose
    else:
        pair = _pair(_people(owners, person_of), _people(others, person_of))
    if pair is None:
        return
    kind, status = meaning.split("-")
    hedged = modifiers & words("wedding_hedges") or talk == "rumour"
    if kind == "spouse" and status == "current" and hedged:
        kind = "partner"  # "their alleged wedding", "rumours of her marriage to B": a couple, not spouses
    if _ended(noun, governor):
        status = "former"  # "ended their six-year marriage", "their marriage is over"
    elif status == "tense":
        past = modifiers & PAST_WORDS or (governor is not None and _simple_past(governor))
        status = "former" if past else "current"
    start, end = doc_span(noun)
    yield CoupleClaim(kind, status, pair[0], pair[1], start, end, "couple_noun")


def _same_clause(noun: "Token", verb: "Token") -> bool:
    """Does the noun hang on the verb through prepositions and adjectives only ("was not truthful
    about her divorce"), not through another noun ("her support of B after her split")?"""
    token = noun.head
    while token.i != verb.i:
        if token.pos_ in ("NOUN", "PROPN") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _ended(noun: "Token", governor: "Token | None") -> bool:
    """Is the bond the object of a verb that ends it, or said to be over?"""
    if governor is None:
        return False
    enders = words("bond_enders")
    if noun.dep_ == "dobj" and noun.head.i == governor.i and _lemma(governor) in enders:
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "from" and _lemma(noun.head.head) in enders:
        return True
    return noun.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ == "over" for c in governor.children)


def _veto(token: "Token", rule: str = "veto") -> CoupleClaim:
    """A claim of no couple: the words were read, and say no couple ("veto"), or not the couple of the
    names before the verb ("veto_pair": one subject with an object the parse could not name)."""
    start, end = doc_span(token)
    return CoupleClaim("", "", "", "", start, end, rule)


def _clause_pair(verb: "Token | None", person_of: PersonOf) -> tuple[str, str] | None:
    """The subject and object of the verb "their" sits under, when both are people."""
    if verb is None:
        return None
    return _pair(_people(_subjects(verb), person_of), _people(_objects(verb), person_of))


def _talk(token: "Token") -> str:
    """ "denied" under "denied", "shut down rumors"; "rumour" under "speculation that", "convinced"; else ""."""
    denial, rumour = words("denial_words"), words("rumour_words")
    found = ""
    for above in _ancestors_in_sentence_of(token):
        lemma = _lemma(above)
        if lemma in denial:
            return "denied"
        if lemma in rumour:
            found = "rumour"
    return found


def _ancestors_in_sentence_of(token: "Token") -> Iterator["Token"]:
    """The tokens above, up to a relative clause's noun: "Nora, who is married to B, has denied it"
    denies something else; the clause about Nora is no part of what is denied or rumoured."""
    while token.head.i != token.i:
        if token.dep_ == "relcl":
            return
        token = token.head
        yield token


def _pair_above(verb: "Token") -> list["Token"]:
    """The coordinated subject of the nearest verb above with one: "she and B announced they ..."."""
    for above in verb.ancestors:
        subjects = [c for c in above.children if c.dep_ in SUBJECTS]
        if subjects:
            return subjects if _conjuncts(subjects[0]) else []
    return []


def _relative_clause(verb: "Token") -> "Token | None":
    """The verb heading the relative clause a couple verb is in: itself ("who married B"), or the
    copula over it ("who is married to B" hangs "married" under "is")."""
    if verb.dep_ == "relcl":
        return verb
    if verb.dep_ == "acomp" and verb.head.dep_ == "relcl":
        return verb.head
    return None


def _aux_subjects(verb: "Token") -> list["Token"]:
    """Subjects the parser hung on an auxiliary of the verb: "whom she was engaged to" puts "she" under "was"."""
    return [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ in SUBJECTS]


def _pair_head(clause: "Token") -> "Token":
    """What a relative clause is about: its noun, or the first of a pair when a plural verb says both
    ("A and B, who have been dating": the clause hangs on B, but "have" speaks of A and B)."""
    head = clause.head
    if head.dep_ != "conj" or not _plural_verb(clause):
        return head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head


def _plural_verb(verb: "Token") -> bool:
    """Is the verb (or its first auxiliary) plural: "have been dating", "are married", "were engaged"?"""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    finite = auxes[0] if auxes else verb
    return finite.tag_ == "VBP" or finite.lower_ in ("were", "are", "'re")


def _stranded_antecedent(verb: "Token") -> "Token | None":
    """ "B, whom A was engaged to": the stranded "to" speaks of the noun before "whom". The parser often
    misreads such a clause (B as the subject of "engaged"); the words still say who the object is."""
    stranded = any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS and not any(g.dep_ == "pobj" for g in c.children)
                   for c in verb.children)
    if not stranded:
        return None
    near = [*verb.children, *(g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)]
    pronoun = next((t for t in near if t.lower_ in ("who", "whom") and t.i < verb.i), None)
    if pronoun is None:
        return None
    before = pronoun.i - 1
    while before >= 0 and (pronoun.doc[before].is_punct or pronoun.doc[before].like_num):
        before -= 1  # "Kris Humphries, 31, whom"
    if before < 0 or before == pronoun.i - 1 or pronoun.doc[before].pos_ not in ("PROPN", "NOUN"):
        return None  # the pronoun must follow its noun after a comma
    return pronoun.doc[before]


def _pair(subjects: list[str], objects: list[str]) -> tuple[str, str] | None:
    """One subject and one object, or two subjects and no object: "A and B married"."""
    if len(subjects) == 1 and len(objects) == 1 and subjects[0] != objects[0]:
        return subjects[0], objects[0]
    if len(subjects) == 2 and not objects:
        return subjects[0], subjects[1]
    return None


def _people(tokens: list["Token"], person_of: PersonOf) -> list[str]:
    """The people these tokens and their conjuncts name, in order, once each."""
    out: list[str] = []
    for token in tokens:
        for t in [token, *_conjuncts(token)]:
            person = person_of(t)
            if person is None:  # "her friend, B": the name in apposition
                person = next((p for c in t.children if c.dep_ == "appos" and (p := person_of(c))), None)
            if person is not None and person not in out:
                out.append(person)
    return out


def _conjuncts(token: "Token") -> list["Token"]:
    """ "A, B and C": the tokens joined to token by conj, depth first."""
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out += [child, *_conjuncts(child)]
    return out


def _subjects(verb: "Token") -> list["Token"]:
    """The verb's subjects; a participle's noun ("A, then married to B"); a shared one ("moved on and married B")."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS]
    if found:
        return found
    if verb.dep_ in ("amod", "acl") and verb.head.i != verb.i:
        return [verb.head]
    if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head.i != verb.i:
        return _subjects(verb.head)
    return []


def _objects(verb: "Token") -> list["Token"]:
    """The direct object, or the object of "to", "from" or "with" ("married to B", "split from B"); the
    noun a verb with its own subject was misparsed as modifying ("A dated model B")."""
    found = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.dep_ == "amod" and verb.head.i > verb.i and any(c.dep_ in SUBJECTS for c in verb.children):
        noun = verb.head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head  # "dated model Bella Hadid": "model" compounds the name
        found.append(noun)  # "A dated model B" misparsed as "dated model": the noun is the object
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _governing_verb(token: "Token") -> "Token | None":
    """The nearest verb above the token: "was involved" for "in a relationship with"."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _negated(verb: "Token | None") -> bool:
    """ "are not dating", "never married", "didn't want to marry"."""
    while verb is not None:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
            return True
        verb = verb.head if verb.dep_ in ("xcomp", "acomp") and verb.head.i != verb.i else None
    return False


def _negated_noun(noun: "Token") -> bool:
    """ "no divorce", "did not file for divorce": the noun is the object a negated verb denies.
    Not "her divorce was not easy" nor "was not truthful about her divorce": there the divorce stands."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return _negated(head)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _negated(head.head)
    return False


def _planned(verb: "Token") -> bool:
    """A wedding still to come: "will marry", "are getting married", "plans to wed"."""
    hedges = words("couple_hedges")
    if any(c.dep_ == "aux" and c.lemma_.lower() in hedges for c in verb.children):
        return True
    if verb.dep_ in ("xcomp", "acomp") and verb.head.lemma_.lower() in hedges:
        return True
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _past_state(verb: "Token") -> bool:
    """ "was married to", "then married to": a marriage told as a past state is over."""
    if any(c.dep_ == "advmod" and c.lower_ == "then" for c in verb.children):
        return True
    to_object = any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
    be_past = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ == "VBD" for c in verb.children)
    if verb.dep_ == "acomp" and verb.head.lemma_ == "be" and verb.head.tag_ == "VBD":
        be_past = True  # "was married to", the copula above the adjective
    return to_object and be_past


def _simple_past(verb: "Token") -> bool:
    """ "dated", "had been dating", "was involved": told as over."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" and a.tag_ == "VBP" or a.tag_ == "VBZ" for a in auxes):
        return False  # "have dated since 2015", "has been dating"
    if any(c.lower_ in ("previously", "once", "formerly") for c in verb.children):
        return True
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)
