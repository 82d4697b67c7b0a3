"""The words and patterns of family and romance that relation reading uses: kin nouns, gaps, events."""
from __future__ import annotations

import re

from .lexicon import HONORIFICS
from .wordlists import table

# kin noun -> what the one it names (the holder) is to whose kin it is (the owner), from data/kin_nouns.txt:
#   "child": parent(owner, holder); "parent": parent(holder, owner); the rest are symmetric or step- ties.
KIN: dict[str, str] = dict(table("kin_nouns"))
ROMANTIC = ("spouse", "partner")
#: Kin nouns that, put before a capitalised word, make it a person's name ("her son Milo"). Left out:
#: words that as often precede titles or things ("love Island", "Consort Lin", "baby Shark").
NAMING_KIN = frozenset(KIN) - {"love", "girl", "baby", "heir", "brood", "offspring", "consort", "concubine",
                                "twin", "bride", "groom"} | {"ex"}
PLURAL_CHILDREN = ("children", "kids", "sons", "daughters", "twins")
# Kin nouns that name several people: "sons Brooklyn, Romeo and Cruz"; any other takes one name.
PLURAL_KIN = frozenset(PLURAL_CHILDREN + ("parents", "sisters", "brothers", "siblings", "grandchildren", "in-laws",
                                          "friends", "pals", "stepchildren", "stepkids", "nieces", "nephews",
                                          "cousins", "grandsons", "granddaughters", "aunts", "uncles", "grandkids",
                                          "stepsons", "stepdaughters", "half-sisters", "half-brothers"))
_KIN_ALTERNATION = "|".join(sorted((re.escape(k) for k in KIN), key=len, reverse=True))
FORMER_WORDS = re.compile(
    r"\b(?:ex|former|late|estranged|divorced|one-time|onetime|then|dead|deceased)\b|\bex-", re.IGNORECASE)
#: "her first husband": a first spouse is one a later marriage followed.
FIRST_SPOUSE = re.compile(r"\bfirst\b", re.IGNORECASE)
KIN_WORD = re.compile(
    r"(?<![\w-])(?P<mod>(?:(?:ex|former|late|estranged|current|new|longtime|long-time|then|now|real-life|"
    r"one-time|future|shared|eldest|oldest|youngest|younger|older|elder|adopted|biological|baby|little|"
    r"teenage|adult|only|firstborn|first|second|third|twin|beloved|famous|rumou?red|alleged|dead|deceased|"
    r"recent|latest|most|"
    r"\d{1,2}-year-old|two|three|four|five|six|seven|eight|nine|ten|[\w-]+ly)\s+|ex-|then-|former-|now-)*)"
    r"(?P<kin>" + _KIN_ALTERNATION + r")(?![\w-])",
    re.IGNORECASE,
)
KIN_AT_END = re.compile(r"(?<![\w-])(?P<kin>" + _KIN_ALTERNATION + r")$", re.IGNORECASE)
KIN_ANYWHERE = re.compile(r"(?<![\w-])(?:" + _KIN_ALTERNATION + r")(?![\w-])", re.IGNORECASE)
KIN_THEN_AND = re.compile(r"(?<![\w-])(?:" + _KIN_ALTERNATION + r")\s+(?:and|&)\s+$", re.IGNORECASE)
KIN_SOON = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:" + _KIN_ALTERNATION + r")(?![\w-])", re.IGNORECASE)

# Lowercase words that may sit between a kin noun and the name: "her hubby, chef Anton", "his wife, the
# singer and guitarist Ann". Function words end such a run: after them the name is not the holder.
_GAP_STOP = (r"and|or|but|nor|who|whom|whose|which|that|with|to|of|for|in|on|at|by|from|into|when|while|as|"
             r"is|was|are|were|be|been|has|have|had|said|says|told|his|her|their|its|our|my|your|he|she|they|"
             r"it|we|not|no|also|after|before|since|than|if|so|about|over|under|through|during|against|like|"
             r"between|among|because|then|now|just|only|even|still|later|again|around|near|off|out|up|down|"
             r"while|where|there|here|this|these|those|will|would|can|could|did|do|does")
# A possessive ending: "Dario's", "Dario’s", and after an s the apostrophe alone, straight or curly
# ("Charles' wife", "Kris’ first husband").
POSSESSIVE = r"(?:'s|\u2019s|(?<=s)['\u2019])"
# A stop word must be the whole word: "on-off" and "now-estranged" are modifiers, not "on" and "now".
_STOP_WORD = r"(?:" + _GAP_STOP + r")(?![\w-])"
_ROLE_WORDS = (r"(?:(?:the|a|an)\s+)?(?:(?!" + _STOP_WORD + r")[a-z][a-z'-]*\s+"
               r"(?:and\s+(?=[a-z]))?){0,4}")
_TITLES = r"(?:(?:" + "|".join(sorted((re.escape(h.capitalize()) for h in HONORIFICS), key=len, reverse=True)) \
    + r")\s+){0,2}"
# Before "'s", words whose "'s" is "is" or "has", not a possessive: "who's dad to", "she's".
NOT_POSSESSOR = r"(?<!\bwho)(?<!\bit)(?<!\bthat)(?<!\bhe)(?<!\bshe)(?<!\bthere)(?<!\bwhat)(?<!\bhere)(?<!\bwhere)"
# Words between a possessive and its kin noun ("her film producer husband"), none a function word.
BETWEEN_WORDS = r"(?:(?!" + _STOP_WORD + r")[\w-]+\s+){0,3}"
HOLDER_GAP = re.compile(
    r"^(?:\s+of\s+(?:[\w-]+\s+){0,3}[\w-]+(?=,))?"  # "husband of six years, Teodor"
    r"(?:,\s*|\s+|\s*\(\s*|\s*(?:--|[:\u2013\u2014-])\s*|,?\s+(?:named|called)\s+|\s+(?:is|was)\s+"
    r"|\s+and\s+(?!(?:" + _KIN_ALTERNATION + r")\b)(?=(?:[a-z][a-z'-]*\s+){1,2}$))"  # "wife and actor X"
    + _ROLE_WORDS + _TITLES + r"$")
NAME_LIST_SEP = re.compile(r"^(?:\s*,\s*\d{1,2})?(?:\s*,?\s*(?:and|&)\s+|\s*,\s*)$")
NAME_LIST_LOOSE = re.compile(r"^(?:\s*,\s*\d{1,2})?\s*,?\s*(?:and|&)\s+(?:their\s+)?(?:[\w-]+\s+){0,3}?$")
COPULA_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:who\s+(?:is|was)|who['\u2019]s|is|was|has been|had been|became|is now|was once|,)\s+"
    r"(?:also\s+)?(?:the\s+|a\s+|an\s+|one\s+of\s+)?$", re.IGNORECASE)
# "Petra Lunde, Dario's ex-wife", "Mei Lin-the wife of", "Aurelien (1890-1950), himself father of"
APPOSITION_GAP = re.compile(r"^(?:\s*\([^()]{0,80}\))?\s*(?:,|[\u2013\u2014-]|:)\s*(?:(?:himself|herself)\s+)?"
                            r"(?:(?:the|a|an|another)\s+)?" + _ROLE_WORDS + "$", re.IGNORECASE)
# Capitalised words before a name: "and Dona Teresa", "with the Reverend"
TITLE_GAP = r"(?:(?:[A-Z][\w.'-]*|the)\s+){0,2}"
# Between the names of a list: "A, 5, and B", "A (née C) and the painter B", "A, the patriarch, and B".
LIST_AND = re.compile(r"(?:\s*,\s*\d{1,2})?\s*,?\s*(?:and|&)\s+" + TITLE_GAP)
LIST_AND_AFTER_FIRST = re.compile(r"(?:\s*\([^()]*\)|\s*,\s*\d{1,2}|\))?(?:\s*,[^,;()]{1,60},)?\s*(?:and|&)\s+"
                                  + _ROLE_WORDS + TITLE_GAP)
MAIDEN_GAP = re.compile(r"\s*\((?:née|nee|born)\s+")
LIST_COMMA = re.compile(r"(?:\s*,\s*\d{1,2})?\s*,\s*" + TITLE_GAP)
# Between "son of" and the name: "of the late", "of King", "of Emperor Dom", "of the Sasanian shah".
# ... and "of Mara Ellen Voss (née Hartley)": a maiden name stands for the woman it follows.
OF_GAP = re.compile(r"^(?:(?:the|late|[A-Z][\w.'-]*|(?!" + _STOP_WORD + r")[a-z]+(?:\s+and(?=\s+[a-z]))?)\s+)"
                    r"{0,5}(?:\((?:née|nee|born)\s+)?$")
COPULA_WORD = re.compile(r"\b(?:is|was)\b")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|one|this|that)\s+$", re.IGNORECASE)

# "A and B had three children: C, D and E", "she welcomed a son, F", "they share a daughter, G".
BIRTH_BEFORE = re.compile(
    r"\b(?P<verb>had|has|have|having|welcomed|welcomes|welcome|adopted|adopt|adopts|gave birth to|"
    r"give birth to|raised|fathered|bore|sired|produced|share|shares|shared|sharing)\s+"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|many|their|"
    r"another|other|more|together|[\w-]+ly)\s+)*$", re.IGNORECASE)
# "Milo, the son Quint and Vance share": the names after the kin noun are its parents.
SHARED_VERB = re.compile(r"\s+(?:share|shared|shares|had|have|welcomed|adopted|raised|co-parent)\b", re.I)
# The other parent: "(had a son) with his ex-wife, Marisol Quint", "(welcomed twins) together with Jo".
WITH_PARTNER = re.compile(r"\s*,?\s*(?:together\s+)?with\s+(?:(?:his|her)\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+)?"
                          + TITLE_GAP)
# The other parent after a child phrase: "her son Milo with ex-husband Jorge", "sons, A and B, 2, with wife C",
# "her daughter with husband D". The kin noun, if any, says what the other parent is to the owner.
CHILD_WITH_PARTNER = re.compile(r"^(?:\s*,\s*\d{1,2})?\s*,?\s*(?:together\s+)?with\s+(?:(?:his|her)\s+)?"
                                r"(?:(?P<kinphrase>(?:[a-z-]+\s+){0,2}?(?P<kin>(?i:" + _KIN_ALTERNATION + r"))),?\s+)?"
                                + TITLE_GAP + "$")
# "Vance shares Florence with ...", "Dario Wren, who legally adopted Milo"; children listed as
# "Nell and her younger brother, Oscar".
CHILD_LIST_GAP = re.compile(r"(?:\s*,\s*|\s*,?\s+and\s+)(?:(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:brother|sister|son|daughter)s?\s*,?\s*)?")
SHARED_CHILD_CLAUSE = re.compile(r",?\s*(?P<who>who|whom)\s+[^.;:()]{1,60}?\s+(?P<verb>shares|shared|co-parents|co-parented)"
                                 r"(?=\s*,?\s*(?:together\s+)?with\b)", re.I)
ADOPTED = re.compile(r"\b(?:legally\s+|formally\s+|later\s+)?adopted\s+$", re.I)
SHARES_CHILD = re.compile(r"\b(?:shares?|shared|co-parents?|co-parented|co-parenting|raises?|raised)\s+$", re.I)

# Sentences worth parsing for a couple verb or noun (couple_grammar): a cheap test on the words.
COUPLE_TRIGGER = re.compile(r"\b(?:marr|wed|remarr|divorc|dat(?:e|ed|es|ing)\b|split|separat|engage|broke\s+up|"
                            r"break(?:s|ing)?\s+up|dump|romanc|relationship|fling|affair|nuptials|break-?up)", re.I)

# Events with a subject and an object: "A married B", "A split from B", "A has been dating B".
EVENTS = [
    (re.compile(r"\b(?:married|wed|weds|marrying|marries|tied the knot with|exchanged vows with)\b", re.I),
     "spouse", "current"),
    (re.compile(r"\b(?:is|was|are|were|been|got|get|gets|getting)\s+married\s+to\b", re.I), "spouse", None),
    (re.compile(r"\b(?:divorced|divorcing|divorce from|divorce to|split from|split with|separated from|"
                r"broke up with|breakup with|break-up with|filed for divorce from|called it quits with|"
                r"parted ways with|annulled)\b", re.I), "spouse", "former"),
    (re.compile(r"\b(?:got engaged to|engaged to|proposed to|is dating|was dating|are dating|were dating|"
                r"(?:has|have|had)\s+been\s+(?:dating|seeing)|started dating|began dating|started seeing|"
                r"began seeing|romance with|romancing|fell for|hooked up with)\b", re.I), "partner", "current"),
]
# Events of a pair named before the verb: "A and B divorced", "the couple split", "they are back together".
PAIR_EVENTS = [
    (re.compile(r"\b(?:divorced|split|splitting|separated|broke up|breaking up|called it quits|calling it quits|"
                r"parted ways|parting ways|went their separate ways|filed for divorce|"
                r"ended their (?:[\w-]+\s+)?(?:marriage|relationship)|annulled)\b", re.I), "former"),
    (re.compile(r"\b(?:married|wed|tied the knot|got hitched|exchanged vows|said [\"\u201c]?I do)\b", re.I), "current"),
    (re.compile(r"\b(?:got engaged|are engaged|became engaged|are dating|were dating|started dating|began dating|"
                r"have been dating|been together)\b", re.I), "current-partner"),
    # "reconciled" alone may be exes making peace ("We are not back together"): only these mean a reunion
    (re.compile(r"\b(?:(?:are|got|were|is|getting|get)\s+back\s+together|rekindled (?:their|the) romance)\b", re.I),
     "reunited"),
]
# "Bianca Ferrante and Celeste Amara are no longer friends", "... Are Friends Again"
FRIENDS_PAIR = re.compile(
    r"\b(?:are|were|have been|had been|became|become|remain|remained|stayed|are still)\s+"
    r"(?P<neg>no longer\s+|not\s+|never\s+)?(?:best\s+|close\s+|good\s+|great\s+|old\s+|longtime\s+)?"
    r"(?:friends|pals|besties|BFFs)\b(?!\s+with)", re.I)
# The object of an event verb is not the subject of the next: "A divorced B in 2019 and married C".
EVENT_OBJECT = re.compile(r"\b(?:married|wed|divorced|divorcing|divorce from|dating|split from|split with|"
                          r"separated from|broke up with|engaged to|married to)\s+$", re.I)
# Between an event verb and a name that is not its object: "... before he and Petra divorced -- knew what Tom did"
CLAUSE_BREAK = re.compile(r"--|[\u2013\u2014;:()]|\b(?:who|whom|which|that|what|when|while)\b", re.I)
# "there has been no word that she has split from": not an event
NEGATED = re.compile(r"\b(?:not|never|no word|no sign|no truth|n't|denied|denies|deny)\b[^.;,]{0,40}$", re.I)
# "her television husband": a role, not a marriage.
FICTIONAL = re.compile(r"(?:\b(?:on-?screen|screen|tv|television|movie|film|fictional|fake|pretend|stage|reel|"
                       r"show)\s+|\bplay(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[a-z-]+\s+){0,2})$", re.I)
# A kin noun said of someone under a rumour, a denial or a condition: "is rumored to be the secret daughter
# of", "denied she is his son", "a test to see if she is his daughter". Talk, not a tie.
RUMOURED_KIN = re.compile(r"\b(?:rumou?red|rumou?rs?|reportedly|allegedly|denie[sd]|deny|denying|if|whether|claims?|"
                          r"speculat\w+|might|may|could)\b[^,;:\u2014\u2013()]*\b(?:is|be|was|are|being|were)\s+(?:not\s+)?"
                          r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "the boyfriend of Jo's character": kin of a role, not of the actor.
FICTIONAL_AFTER = re.compile(r"^\s+(?:of|to)\s+[^,.;]{0,40}?(?:'s|\u2019s)\s+(?:[\w-]+\s+)?(?:character|role|alter ego)\b",
                             re.I)
#: A sentence that says the pair were married: "split after six years of marriage", "who wed in 2018".
MARRIAGE_WORD = re.compile(r"\b(?:marriage|married|wed|wedding|husband|wife|divorce|divorced)\b", re.I)
THEIR_MARRIAGE = re.compile(r"\btheir\s+(?:[\w-]+\s+)?(?P<what>wedding|marriage|nuptials|divorce)\b", re.I)
COUPLE = re.compile(r"\b(?:the|former|ex-)?\s*(?:couple|exes|pair|duo|newlyweds|lovebirds|former couple)\b", re.I)
THEY_BEFORE = re.compile(r"\b(?:they|the\s+(?:former\s+|ex-)?(?:couple|pair|two|duo|newlyweds|exes|lovebirds))"
                         r"\s+(?:[\w-]+ly\s+)?$", re.I)
# "the couple - Bennett and Hart, that is -": the two names that follow are the couple.
COUPLE_THEN_NAMES = re.compile(r"\b(?:the|this|a|an)\s+(?:(?!former|ex)[\w-]+\s+){0,2}?(?:couple|lovebirds|newlyweds)"
                               r"\s*(?:--|[,:\u2013\u2014])\s*", re.I)
# "they are a small-town, big-city power couple", "A and B make a lovely couple"; not "a couple of years"
IS_A_COUPLE = re.compile(r"\b(?:are|make|remain)\s+(?:still\s+)?(?:a|an|the)\s+(?:(?!former|ex)[\w,-]+\s+){0,5}?"
                         r"(?:couple|item)\b(?!\s+of\b)", re.I)


def kin_noun(m: re.Match[str]) -> str:
    """The kin noun of a KIN_WORD match; "baby girl" and "little girl" are a child, not a girlfriend."""
    kin = m.group("kin")
    if kin.lower() == "girl" and re.search(r"\b(?:baby|little)\b", m.group("mod") or "", re.IGNORECASE):
        return "baby"
    return kin


def child_word(evidence: str) -> bool:
    """Is this evidence a kin phrase naming a child: "son", "baby girl", "eldest daughters"?"""
    m = KIN_WORD.fullmatch(evidence)
    return m is not None and KIN[kin_noun(m).lower()] in ("child", "stepchild")


# The dead, by the words around their name: "the late X", "X's death", "murder of X", "X, who died".
DEAD_BEFORE = re.compile(r"(?:\blate\s+(?:[a-z][\w-]*\s+){0,2}|\b(?:death|murders?|killings?|passing|funeral)\s+of\s+"
                         r"(?:the\s+late\s+)?(?:[a-z][\w-]*\s+){0,2})$")
DEAD_AFTER = re.compile(r"^(?:(?:'s|\u2019s)\s+(?:[a-z][\w-]*\s+){0,2}(?:death|murder|passing|funeral)\b|"
                        r",?(?:\s*\d{1,3},)?\s+(?:who\s+)?(?:has\s+|had\s+)?(?:died|passed away|was killed|"
                        r"was murdered)\b)")
