"""Outlets: where words were said or published ("told Page Six", "in an interview with Vogue", "on Instagram").

An outlet is found three ways, ranked by how surely it is where the words were said:

- a venue (rank 3): a cue names whom the words were given to or where they were aired ("told
  Vogue", "sat down with Yahoo's Jo Bell", "in an op-ed for The Courier", "on 'Late Chat'");
- a report or a platform (rank 2): "according to a report by The Courier", "The Courier
  reported", "a Courier source", "Courier magazine", "posted on Instagram", "took to her blog";
- a mention (rank 1): a name shaped like an outlet ("Glow Magazine", "The Sunday Show") or a
  well-known outlet (data/outlets.txt) named with no cue.

A name that is a person, a place or words inside someone's quote is never an outlet.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..model import Span
from .coref import References
from .names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from .speechverbs import verb_alternation
from .wordlists import entries, words

_WORD = r"[A-Z0-9][\w!.&'\u2019/-]*"
_OPEN = r"[\u201c\"\u2018]?"
OUTLET_NAME = (
    r"(?P<outlet>(?:[Tt]he\s+)?(?:" + _WORD + r"(?:\s+(?:of|and|&|the|de|du)\s+|\s+)?){1,6})"
)
_SAY = "(?:" + verb_alternation("outlet_speech_verbs") + ")"
#: Cues after which the next name is where the words were said (rank 3).
VENUE_CUE = (
    r"told|tells|telling|tell|" + _SAY + r"(?:\s+\w+){0,3}?\s+(?:to|with)|"
    r"(?:sat|sits|sitting|sit)\s+down\s+with|caught\s+up\s+with|catching\s+up\s+with|chatt?(?:ed|ing|s)?\s+with|"
    r"asked\s+by|interviewed\s+by|"
    r"in\s+an?\s+(?:[\w-]+\s+){0,3}(?:interview|chat|conversation|sit-down|appearance|episode|segment|op-ed|essay|"
    r"column|piece|article|letter|statement|cover\s+story|q&a|profile|podcast|special)\s+(?:with|on|for|to|in|of)|"
    r"interview\s+with|"
    r"(?:statement|comments?|remarks)\s+(?:to|obtained\s+by|given\s+to|provided\s+to|released\s+to|sent\s+to|shared\s+with)|"
    r"(?:appearance|appeared|appearing|appears|appear|guest|guesting|guested)\s+on|"
    r"during\s+(?:an?\s+|his\s+|her\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:appearance|visit|interview|episode|segment|"
    r"stint|chat)\s+(?:on|with|of|to)|"
    r"(?:episode|edition|installment|taping)\s+of(?:\s+(?:his|her|their)\s+(?:own\s+)?(?:show|series|podcast|program),?)?|"
    r"audience\s+of|"
    r"(?:op-ed|essay|column|piece|letter)\s+(?:for|in|to)|(?:wrote|writes|writing|penned|pens)\s+(?:\w+\s+){0,2}?for|"
    r"(?:told|to|with)\s+(?:the\s+)?(?:(?:chat|talk|radio|late-night|tv|television)\s+)?show\s+host|exclusively\s+to"
)
#: Cues after which the next name is where a post was published (rank 2 for a platform, 3 for a show).
POSTED_CUE = (
    r"(?:writing|wrote|writes|posted|posting|posts|shared|sharing|shares|captioned|tweeted|announced|announces|"
    r"revealed|said|says|joked|admitted|spoke|speaking|addressed|responded|replied|hit\s+back)(?:\s+\w+){0,3}?\s+on|"
    r"in\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:post|tweet|message|video|statement|story|stories|caption|live\s*stream)\s+on|"
    r"took\s+to|taking\s+to|takes\s+to|take\s+to|on\s+(?:his|her|their)\s+(?:own\s+)?(?=Instagram|Twitter|TikTok|Facebook|"
    r"Snapchat|YouTube)"
)
#: Cues after which the next name is the outlet that reports the words (rank 2).
REPORT_CUE = (
    r"according\s+to(?:\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:report|story|article|interview|source|insider|sources|"
    r"piece)\s+(?:by|from|in|with|of|to))?|"
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:report|story|article|cover\s+story|exclusive)\s+(?:by|from|in|for)|"
    r"reported\s+by|obtained\s+by|published\s+(?:by|in)|quoted\s+by|cited\s+by"
)
OUTLET_CUE = re.compile(
    r"\b(?P<cue>" + VENUE_CUE + r"|" + POSTED_CUE + r"|" + REPORT_CUE + r")\s+(?:the\s+)?" + _OPEN + OUTLET_NAME
)
_CUE_RANK = (re.compile(r"(?:" + REPORT_CUE + r")$"), re.compile(r"(?:" + POSTED_CUE + r")$"))
#: "during a 'Morning Chat' interview", "an upcoming Glow magazine cover story": the name before the venue word.
NAME_THEN_VENUE = re.compile(
    r"\b(?:during|in|on|at|for)\s+(?:an?|his|her|their|the)\s+(?:(?:recent|new|latest|exclusive|joint|televised|upcoming|"
    r"candid|\d{4})\s+)?" + _OPEN + OUTLET_NAME + r"[\u201d\"\u2019]?,?\s+(?:magazine\s+)?"
    r"(?:interview|appearance|episode|segment|sit-down|chat|profile|cover\s+story|podcast|special|op-ed|essay|column)\b"
)
#: "Glow magazine", "Glow's report", "a Glow source", "Glow reported": a named outlet reporting (rank 2).
REPORTED_BY = (
    r"(?:\s+magazine\b|['\u2019]s?\s+(?:report|reports|source|sources|insider|insiders|story|article|tipster|exclusive|"
    r"cover\s+story)\b|\s+(?:has\s+|had\s+)?(?:reported|reports|reporting|claims|claimed|claim|alleges|alleged|learned|"
    r"first\s+reported|broke\s+the\s+news|has\s+the\s+(?:exclusive|scoop)|had\s+the\s+(?:exclusive|scoop)|"
    r"revealed|noted|notes|writes|wrote|confirmed|obtained|quoted|cited|published)\b)"
)
#: "took to her blog", "on his website": the person's own outlet, named by what it is (rank 2).
OWN_OUTLET = re.compile(
    r"\b(?:took\s+to|taking\s+to|takes\s+to|on|via|in\s+a\s+post\s+on)\s+"
    r"(?P<outlet>(?:his|her|their)\s+(?:official\s+|personal\s+)?(?:website|blog|podcast|newsletter|site))\b"
)
#: "Yahoo's Jo Bell", "HBO's host Jo Bell": an outlet, then someone who works for it.
POSSESSIVE_HOST = re.compile(
    r"(?P<outlet>(?:" + _WORD + r"\s+){0,3}" + _WORD + r")['\u2019]s\s+"
    r"(?:(?:own|host|co-host|anchor|reporter|correspondent|interviewer|journalist|editor|writer|presenter|"
    r"chief|senior|entertainment|news|red\s+carpet)\s+)*(?=[A-Z])"
)
HOST_CONTEXT_BEFORE = re.compile(r"\b(?:told|tell|tells|telling|to|with|by|for|on)\s+$")
HOST_CONTEXT_AFTER = re.compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:asked|asks|asking|caught\s+up|catches\s+up|sat\s+down|"
                                r"sits\s+down|interviewed|interviews|spoke|speaks|chatted|chats|talked|talks|pressed|"
                                r"questioned|quizzed|grilled|met)\b")
OUTLET_MENTION = re.compile(
    r"(?<![\w'\u2019])(?:[A-Z][\w!&'\u2019-]*\s+){0,4}(?:Show|News|Magazine|Weekly|Podcast|Tonight|Telegraph|"
    r"Herald|Journal|Gazette|Tribune|Radio)\b(?![\w'\u2019])|"
    r"(?<![\w.])[A-Z][\w-]+\.com\b|"
    r"(?<=\bon )(?:[A-Z][\w'\u2019-]*)(?:\s+(?:[A-Z][\w'\u2019-]*|of|the|with|With))*(?:\s+[A-Z][\w'\u2019-]*)?"
)
PLATFORMS = {"instagram": "Instagram", "twitter": "Twitter", "tiktok": "TikTok", "facebook": "Facebook",
             "snapchat": "Snapchat", "youtube": "YouTube", "threads": "Threads", "reddit": "Reddit"}
PLATFORM_WORD = re.compile(r"\b(Instagram|Twitter|TikTok|Facebook|Snapchat|YouTube|Threads|Reddit)\b")
POST_VERBS = re.compile(r"\b(?:caption(?:ed|s|ing)?|post(?:ed|s|ing)?|tweet(?:ed|s|ing)?|wr(?:ote|ites|iting) on)\b",
                        re.IGNORECASE)
#: A verb that names its platform: "she tweeted" was on Twitter.
PLATFORM_VERB = re.compile(r"\b(?:re)?(?P<verb>tweet(?:ed|s|ing)?|instagramm?(?:ed|ing)|snapchatt?(?:ed|ing))\b",
                           re.IGNORECASE)
PLATFORM_OF_VERB = {"tweet": "Twitter", "inst": "Instagram", "snap": "Snapchat"}
TITLE_START = re.compile(r"^[A-Z0-9]")
#: Cues that name whom the words were addressed to: "told Esquire", "in an interview with Esquire".
ADDRESSED_CUE = re.compile(r"(?:told|tells|telling|tell|said to|says to|speaking (?:to|with)|spoke (?:to|with)|"
                           r"talked to|talking to|talks to|in an? (?:[\w-]+ ){0,2}interview|interview with)\b")
VENUE, REPORT, PLATFORM, MENTION = 3, 2, 2, 1
GIVEN_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
#: Lower-case words that may follow an outlet's name ('told Glow magazine', 'told Glow that');
#: another lower-case word makes the capitalised word an adjective ('told the Ruritanian press').
NAME_FOLLOWER = re.compile(
    r"magazine|show|podcast|newspaper|paper|radio|program|programme|series|special|website|site|blog|exclusively|"
    r"that|in|on|at|about|of|for|this|last|earlier|recently|during|while|when|after|before|the|a|an|and|but|or|"
    r"how|what|why|who|whom|which|it|she|he|they|we|i|you|her|his|their|its|him|them|as|if|to|from|with|back|"
    r"over|via|by|just|only|even|too|also|then|now|once|all|both|not|is|was|were|are|has|had|have|reported|"
    r"reports|said|says|claims|claimed|revealed|wrote|writes|confirmed|noted|learned|quoted|[a-z]+ly")
SHAPED = re.compile(r"(?:\b(?:Magazine|News|Weekly|Daily|Times|Journal|Tribune|Herald|Telegraph|Gazette|Show|Radio|TV|"
                    r"Network|Channel|Podcast|Tonight|Live|Post|Online|Report)|\.com)$")


@lru_cache(maxsize=None)
def _known(common: bool) -> re.Pattern[str]:
    """Well-known outlets (data/outlets.txt); with common=True also those named by a common word."""
    names = list(entries("outlets")) + (list(entries("outlets_common")) if common else [])
    alternatives = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w'\u2019])(?:" + "|".join(alternatives) + r")(?![\w'\u2019]|[!.]\w)", re.IGNORECASE)


def _capitalised(name: str) -> bool:
    """'In Touch', 'E! News', 'TMZ' as written in a name, not 'in touch' in running text."""
    words = [w for w in name.split() if w.lower() not in ("of", "and", "&", "the", "on", "de", "du")]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def is_known_outlet(name: str, *, common: bool = False) -> bool:
    """Whether name is a well-known outlet, as written (capitalised)."""
    m = _known(common).fullmatch(name.strip())
    return m is not None and _capitalised(name)


PERSON_SHAPE = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z'\u2019-]+){1,2}\b")


def _person_shaped(name: str) -> bool:
    """'Nina Ferro': a given name and a surname, a person even where the model missed it."""
    parts = name.split()
    return 2 <= len(parts) <= 3 and PERSON_SHAPE.fullmatch(name) is not None \
        and parts[0].lower() in GIVEN_NAMES and not is_known_outlet(name, common=True)


def _is_platform(name: str) -> bool:
    return name.lower() in PLATFORMS


class OutletFinder:
    """Outlets named by a cue or by the shape of their name, read once per sentence of one document."""

    def __init__(self, text: str, refs: References, places: list[tuple[int, int]]) -> None:
        self.text = text
        self.refs = refs
        self.places = places
        self._by_sentence: list[tuple[int, int, tuple[str, Span] | None]] | None = None
        self._cue_outlets: list[tuple[int, int, tuple[str, Span] | None]] | None = None
        # quoted stretches long enough to be someone's words: an outlet inside them is not this quote's
        self._speech = [(s, e) for s, e in refs.quoted if len(text[s:e].split()) >= 5]

    # -- finding names -----------------------------------------------------------
    def found_in(self, start: int, end: int) -> list[tuple[int, str, Span]]:
        """Every outlet text[start:end] names: (rank, name, span), in text order."""
        found: list[tuple[int, str, Span]] = []
        for m in OUTLET_CUE.finditer(self.text, start, end):
            got = self._named(m.start("outlet"), m.group("outlet"), cue=m.group("cue"))
            if got is not None:
                cue = m.group("cue")
                rank = REPORT if _CUE_RANK[0].search(cue) else VENUE
                if _CUE_RANK[1].search(cue) and _is_platform(got[0]):
                    rank = PLATFORM
                found.append((rank, *got))
        for m in NAME_THEN_VENUE.finditer(self.text, start, end):
            got = self._named(m.start("outlet"), m.group("outlet"), cue="")
            if got is not None:
                found.append((VENUE, *got))
        for m in OWN_OUTLET.finditer(self.text, start, end):
            if not self._in_speech(m.start("outlet")):
                found.append((PLATFORM, m.group("outlet"), Span(m.start("outlet"), m.end("outlet"))))
        found.extend(self._reported_by(start, end))
        found.extend(self._hosts(start, end))
        for m in OUTLET_MENTION.finditer(self.text, start, end):
            got = self._named(m.start(), m.group(0), cue=None)
            if got is not None:
                found.append((MENTION, *got))
        for m in _known(False).finditer(self.text, start, end):
            if _capitalised(m.group(0)):
                got = self._named(m.start(), m.group(0), cue=None)
                if got is not None:
                    found.append((MENTION, *got))
        found.sort(key=lambda f: f[2].start)
        return found

    def _named(self, at: int, raw: str, *, cue: str | None) -> tuple[str, Span] | None:
        """The outlet a matched name stands for, or None where it is a person, a place or quoted words."""
        raw = raw.lstrip("\u201c\"\u2018")
        possessive = re.match(r"(.+?)['\u2019]s\s+(?=\S)", raw)
        if possessive and cue is not None and (self._person_starts(at + possessive.end(), raw[possessive.end():])
                                               or is_known_outlet(possessive.group(1), common=True)):
            raw = possessive.group(1)  # "told HBO's Jo Bell": the outlet is HBO
        of = re.match(r"(.+?)\s+of\s+(?=\S)", raw)
        if of and self._person_starts(at + of.end(), raw[of.end():]):
            raw = of.group(1)  # "the source told Glow of Jo Bell": Glow, speaking of Jo Bell
        name = clean_outlet(raw)
        if not name or name.split()[0].lower() in words("not_outlets"):
            return None
        if self._describes_a_noun(at + len(raw.rstrip()), name, cue):
            return None
        begin = self.text.find(name.split()[0], at)
        end = begin + len(name)
        if self._in_speech(begin):
            return None
        known = is_known_outlet(name, common=cue is not None) or SHAPED.search(name) is not None
        addressed = cue is not None and (ADDRESSED_CUE.match(cue) is not None)
        titled = self.text[max(0, begin - 1):begin] in ("\u201c", '"', "\u2018")  # a show's title in quote marks
        # nobody gives an interview to a place: after such a cue, a "place" is the model's mistake
        if not known and self._is_place(begin, end, places=not addressed):
            return None
        if not known and (not name[:1].isalpha() or "-year-old" in name):
            return None
        if not known and not titled and not (cue or "").endswith("host") \
                and (self._is_person(begin, end) or _person_shaped(name)):
            return None
        return name, Span(begin, end)

    def _person_starts(self, position: int, rest: str) -> bool:
        """Whether a person the text names starts at position (or after a first name the model missed)."""
        for ref in self.refs.within(position, position + 20):
            if ref.person is not None and ref.kind in ("name", "short") \
                    and re.fullmatch(r"(?:[A-Z][\w.-]*\s+)?", self.text[position:ref.start]):
                return True
        return False

    def _describes_a_noun(self, end: int, name: str, cue: str | None) -> bool:
        """'insisted to the Ruritanian-born designer': a capitalised adjective before a noun, not a name."""
        if cue is None or is_known_outlet(name, common=True):
            return False
        nxt = re.match(r"\s+([a-z][\w-]*)", self.text[end:end + 30])
        return nxt is not None and not NAME_FOLLOWER.fullmatch(nxt.group(1))

    def _in_speech(self, position: int) -> bool:
        i = bisect.bisect_right(self._speech, (position, float("inf"))) - 1
        return i >= 0 and self._speech[i][0] <= position < self._speech[i][1]

    def _is_place(self, start: int, end: int, *, places: bool = True) -> bool:
        return places and any(s <= start + 1 and e >= end - 1 for s, e in self.places)

    def _is_person(self, start: int, end: int) -> bool:
        """A person the text names ('told Jo Bell', 'on Jo Bell') is whom, not where."""
        for ref in self.refs.within(max(0, start - 40), end):
            if ref.person is not None and ref.kind in ("name", "short") and ref.start <= start + 1 and ref.end >= end - 1:
                return True
        return False

    def _reported_by(self, start: int, end: int) -> list[tuple[int, str, Span]]:
        """'The Courier reported', 'a Courier source', 'Courier magazine': a known or outlet-shaped name reporting."""
        out = []
        for pattern in (_known(True), re.compile(r"(?<![\w'\u2019])(?:[A-Z][\w!&'\u2019-]*\s+){0,4}[A-Z][\w!&-]*"
                                                 r"(?:\.com)?(?![\w'\u2019])")):
            for m in pattern.finditer(self.text, start, end):
                name = clean_outlet(m.group(0))
                if not name or not _capitalised(name):
                    continue
                if pattern is not _known(True) and not SHAPED.search(name):
                    continue
                after = self.text[m.end():min(end, m.end() + 40)]
                before = self.text[max(start, m.start() - 12):m.start()]
                source = re.search(r"\b(?:an?|one|another)\s+$", before) and re.match(
                    r"\s+(?:source|insider|tipster)s?\b", after)
                if not (re.match(REPORTED_BY, after) or source):
                    continue
                got = self._named(m.start(), name, cue="reported")
                if got is not None:
                    out.append((REPORT, *got))
        return out

    def _hosts(self, start: int, end: int) -> list[tuple[int, str, Span]]:
        """"sat down with Yahoo's Jo Bell", "Yahoo's Jo Bell asked": the host's outlet is the venue."""
        out = []
        for m in POSSESSIVE_HOST.finditer(self.text, start, end):
            near = [(r.start, r.end) for r in self.refs.within(m.end(), m.end() + 20) if r.person is not None
                    and r.kind in ("name", "short") and re.fullmatch(r"(?:[A-Z][\w.-]*\s+)?", self.text[m.end():r.start])]
            shaped = PERSON_SHAPE.match(self.text, m.end())
            if not near and shaped and _person_shaped(shaped.group(0)):
                near = [(shaped.start(), shaped.end())]  # a host the model did not tag: 'Yahoo's Nina Ferro'
            if not near:
                continue
            person_end = near[0][1]
            words = m.group("outlet").split()
            name = None
            for i in range(len(words)):  # the longest tail that is a known or outlet-shaped name
                tail = " ".join(words[i:])
                if is_known_outlet(tail, common=True) or SHAPED.search(tail):
                    name = tail
                    break
            before = self.text[max(start, m.start() - 12):m.start()]
            if name is None and HOST_CONTEXT_BEFORE.search(before) and len(words) <= 3:
                name = m.group("outlet")
            if name is None:
                continue
            if not (HOST_CONTEXT_BEFORE.search(before) or HOST_CONTEXT_AFTER.match(self.text[person_end:person_end + 80])
                    or is_known_outlet(name)):
                continue
            at = m.start("outlet") + m.group("outlet").rfind(name)
            got = self._named(at, name, cue="possessive")
            if got is not None:
                out.append((VENUE, *got))
        return out

    # -- choosing ------------------------------------------------------------------
    def outlet_in(self, start: int, end: int) -> tuple[str, Span] | None:
        """The outlet text[start:end] names by a cue, the surest first (a venue before a report)."""
        cued = [f for f in self.found_in(start, end) if f[0] > MENTION]
        if cued:
            best = max(f[0] for f in cued)
            rank, name, span = next(f for f in cued if f[0] == best)
            return name, span
        platform = PLATFORM_WORD.search(self.text, start, end)
        if platform and POST_VERBS.search(self.text, start, end) and not self._in_speech(platform.start()):
            return platform.group(1), Span(platform.start(1), platform.end(1))
        return None

    def _best(self, start: int, end: int) -> tuple[str, Span] | None:
        """The surest outlet text[start:end] names, cued or not; the last of equals."""
        found = self.found_in(start, end)
        if not found:
            return None
        best = max(f[0] for f in found)
        rank, name, span = [f for f in found if f[0] == best][-1]
        return name, span

    def outlets_before(self, position: int) -> tuple[str, Span] | None:
        """The outlet named in the nearest sentence before position that names one."""
        if self._by_sentence is None:  # computed once per document, not once per quote
            self._by_sentence = [(start, end, self._best(start, end)) for start, end in self.refs.sentences]
        best = None
        for start, end, found in self._by_sentence:
            if start >= position:
                break
            if end > position:
                found = self._best(start, position)
            if found is not None:
                best = found
        return best

    def sentence_outlets(self) -> list[tuple[int, int, tuple[str, Span] | None]]:
        """(start, end, outlet named by a cue) for every sentence, read once per document."""
        if self._cue_outlets is None:
            self._cue_outlets = [(start, end, self.outlet_in(start, end)) for start, end in self.refs.sentences]
        return self._cue_outlets

    def platform_before(self, position: int, reach: int = 1500) -> tuple[str, Span] | None:
        """The last social platform named before position, for 'she captioned the pic'."""
        found = None
        for m in PLATFORM_WORD.finditer(self.text, max(0, position - reach), position):
            if not self._in_speech(m.start()):
                found = m
        return (found.group(1), Span(found.start(1), found.end(1))) if found else None

    def platform_of_verb(self, start: int, end: int) -> tuple[str, Span] | None:
        """'she tweeted': the platform the cue verb itself names, with the verb as evidence."""
        for m in PLATFORM_VERB.finditer(self.text, start, end):
            if self._in_speech(m.start()):
                continue
            verb = m.group("verb").lower()
            for prefix, platform in PLATFORM_OF_VERB.items():
                if verb.startswith(prefix):
                    return platform, Span(m.start("verb"), m.end("verb"))
        return None

    def history(self) -> dict[str, tuple[str, Span, int]]:
        """For each person, the outlet they were last said to speak to ("opened up to Page Six")."""
        history: dict[str, tuple[str, Span, int]] = {}
        for start, end, outlet in self.sentence_outlets():
            if outlet is None:
                continue
            refs = [r for r in self.refs.within(start, outlet[1].start) if r.person]
            if refs:
                history[refs[0].person] = (outlet[0], outlet[1], start)  # type: ignore[index]
        return history


MONTHS_AND_DAYS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december".split())


def clean_outlet(raw: str) -> str:
    """'The Ellen Show in May' -> 'The Ellen Show'; '' when it is no name."""
    words = raw.replace("\u201d", " ").replace("\u201c", " ").replace('"', " ").split()
    while words and not TITLE_START.match(words[-1]) and words[-1].lower() not in ("news",):
        words.pop()
    while words and (words[-1].lower() in ("of", "and", "&", "the", "de", "du")
                     or words[-1].isupper() and words[-1].endswith("LY")
                     or len(words) > 2 and words[-1].lower().rstrip(".,") in MONTHS_AND_DAYS
                     and words[-2].lower() in ("in", "on", "last", "this")):
        # "HollywoodLife.com EXCLUSIVELY", "The Glow Show in May": not words of the name
        words.pop()
        if words and words[-1].lower() in ("in", "on", "last", "this"):
            words.pop()
    while len(words) > 1 and words[0].lower() in ("as", "on", "in", "at", "for", "with", "by", "from", "per", "via",
                                                  "a", "an") \
            and not _known(True).match(" ".join(words)):
        words.pop(0)  # "On Glow's Late Show", capitalised at the start of a sentence
    name = " ".join(words).rstrip(".,;:'\u2019\u201d\"")
    if name.endswith(("'s", "\u2019s")):
        name = name[:-2]
    if re.match(r"(?i)the\s+the\s+", name):
        name = name[4:]
    if not name or name.lower() in ("i", "he", "she", "they", "we", "it", "him", "her", "them", "me", "the"):
        return ""
    parts = name.split()
    if parts[0].lower().rstrip(".") in MONTHS_AND_DAYS and (len(parts) == 1 or parts[1][:1].isdigit()):
        return ""
    return name
