"""Word lists the extractors share: titles, outlets, kinship and role nouns, speech verbs."""
from __future__ import annotations

import re

from .wordlists import words

HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lady lord prof prof. sen sen. senator rep rep. "
    "gov gov. governor president vice judge justice rev rev. father sister pastor officer sgt "
    "sgt. gen gen. general capt capt. captain mayor chancellor prince princess king queen duke "
    "duchess friend pope secretary speaker chairman chairwoman leader candidate nominee "
    "detective agent coach host star actress actor singer rapper model "
    "count countess baron baroness earl viscount viscountess marquis marquess marchioness archduke "
    "archduchess emperor empress tsar tsarina czar czarina sultan emir sheikh lieutenant colonel "
    "admiral commander kapitänleutnant".split()
)
GENDER_OF_HONORIFIC = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "father": "m", "prince": "m", "king": "m",
    "duke": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f",
    "lady": "f", "sister": "f", "princess": "f", "queen": "f", "duchess": "f", "actress": "f",
    "count": "m", "countess": "f", "baron": "m", "baroness": "f", "earl": "m", "viscount": "m",
    "viscountess": "f", "marquis": "m", "marchioness": "f", "archduke": "m", "archduchess": "f",
    "emperor": "m", "empress": "f", "tsar": "m", "tsarina": "f", "czar": "m", "czarina": "f", "sultan": "m",
}

# Outlets, platforms and brands that NER sometimes takes for people: data/not_people.txt.
NOT_PEOPLE = words("not_people")


FEMALE_WORDS = frozenset(
    "she her hers herself wife wifey mother mom mum mommy mama stepmother stepmom daughter "
    "stepdaughter sister half-sister stepsister girlfriend fiancee fiancée bride actress "
    "songstress waitress hostess heiress princess queen duchess lady woman girl aunt niece "
    "grandmother grandma granddaughter ex-wife businesswoman congresswoman spokeswoman "
    "chairwoman mrs ms miss madam".split()
)
MALE_WORDS = frozenset(
    "he him his himself husband hubby father dad daddy stepfather stepdad son stepson brother "
    "half-brother stepbrother boyfriend fiance groom actor prince king duke lord man boy uncle "
    "nephew grandfather grandpa grandson ex-husband businessman congressman spokesman chairman "
    "mr sir".split()
)

# Words that stand for a person already named: "the actress", "her hubby", "the star".
ROLE_NOUNS = frozenset(
    """actress actor star singer songstress rapper model designer mogul reality star tv star
    personality host presenter producer director comedian comedienne musician athlete player
    footballer legend icon entrepreneur businessman businesswoman billionaire author writer
    mother mom father dad wife husband hubby wifey ex beau girlfriend boyfriend fiance fiancee
    couple pair duo instructor yoga-instructor star's blonde brunette beauty hunk heartthrob
    politician senator candidate nominee president governor congressman congresswoman
    chef dancer stepmom stepmother stepdad stepfather socialite influencer youtuber
    daughter son sister brother teen mogul matriarch patriarch momager newlywed newlyweds
    bride groom widow widower rocker crooner hitmaker starlet diva mum dad businessman
    entertainer talk show host frontman frontwoman songwriter filmmaker""".split()
)




# Who is a reader or fan rather than a named person.
COMMENTER_WORDS = re.compile(
    r"\b(?:follower|fan|user|commenter|commentator|viewer|reader|admirer|hater|troll|tweeter|"
    r"instagrammer|netizen)s?\b",
    re.IGNORECASE,
)
# "another added" is a commenter only right after a commenter's words.
NEXT_COMMENTER = re.compile(r"^\W*(?:and\s+|while\s+|but\s+)?(?:another|one|others|someone|a second|a third)\W*$",
                            re.IGNORECASE)

# Names shaped like outlets: "Solstice Style", "Thread Report", "Glow Magazine".
OUTLET_NAME_END = re.compile(
    r"\b(?:Magazine|News|Weekly|Daily|Times|Journal|Tribune|Herald|Telegraph|Gazette|Show|Radio|TV|"
    r"Network|Channel|Podcast|Tonight|Report|Style|Review|Digest|Insider|Online|Media|Studios?)$"
)
# "Mina Castellano (@minacastellano)": a handle cited beside a name.
CITED_HANDLE = re.compile(
    r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})\s*\(@(?P<handle>[A-Za-z0-9_.]{2,30})\)"
)


#: Words that open a clause fronted before a sentence's subject: "While making his claims, Jo said",
#: "After the vote (Kim called it a farce), Jo hit back". Read by coref and by quote cues.
FRONTED_OPENER = (r"(?:After|Before|When|While|As|Since|If|Although|Though|Once|Until|Despite|Because|During|"
                  r"Following|In|On|At|With|Without|Amid|Unlike|Like|Earlier|Later|Last|This|Speaking|Writing|"
                  r"Asked)\b")
