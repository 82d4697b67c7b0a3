"""Word lists the extractors share: titles, outlets, kinship and role nouns, speech verbs."""
from __future__ import annotations

import re

from .wordlists import table, words

#: Titles and role words before a name ("Sen.", "Dame", "singer"): data/honorifics.txt.
HONORIFICS = words("honorifics")
#: The gender a title gives the name after it: data/honorific_genders.txt.
GENDER_OF_HONORIFIC = table("honorific_genders")

# Outlets, platforms and brands that NER sometimes takes for people: data/not_people.txt.
NOT_PEOPLE = words("not_people")

#: Words that say the person meant is a woman, or a man: data/female_words.txt, male_words.txt.
FEMALE_WORDS = words("female_words")
MALE_WORDS = words("male_words")

#: Words that stand for a person already named ("the actress", "her hubby"): data/role_nouns.txt.
ROLE_NOUNS = words("role_nouns")


# Who is a reader or fan rather than a named person.
COMMENTER_WORDS = re.compile(
    r"\b(?:follower|fan|user|commenter|commentator|viewer|reader|admirer|hater|troll|tweeter|"
    r"instagrammer|netizen|cyberbull(?:y|ie)|bull(?:y|ie)|detractor|well-wisher)s?\b",
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
