"""Outlets: where words were said or published ("told Page Six", "in an interview with Vogue", "on Instagram")."""
from __future__ import annotations

import re

from ..model import Span
from .coref import References

OUTLET_NAME = (
    r"(?P<outlet>(?:[Tt]he\s+)?(?:[A-Z0-9][\w!.&'\u2019-]*(?:\s+(?:of|and|&|the|de|du)\s+|\s+)?){1,6})"
)
OUTLET_CUE = re.compile(
    r"\b(?:told|tells|telling|tell|said to|says to|saying to|speaking (?:to|with)|spoke (?:to|with)|"
    r"spoken (?:out )?(?:to|with)|opened up to|opening up to|opens up to|open up to|talked to|talking to|"
    r"talks to|revealed to|explained to|admitted to|confirmed to|confided to|opened to|asked by|showed|"
    r"announced (?:\w+ ){0,3}on|in (?:an? )?(?:\w+ ){0,2}(?:post|tweet|message|video|statement) on|"
    r"in an? (?:[\w-]+ ){0,2}(?:interview|chat|conversation|sit-down|appearance) (?:with|on)|interview with|in a statement to|statement to|"
    r"appearance on|appeared on|appearing on|(?:writing|wrote|posted|posting|shared|sharing|captioned|"
    r"tweeted|said|says|revealed|spoke|speaking|joked|admitted) on|on (?:his|her|their) "
    r"(?=Instagram|Twitter|TikTok|Facebook|Snapchat|podcast|show)|"
    r"according to|exclusively to|(?:said|says|spoke|speaks|spoken|speaking|talked|talking|talks|"
    r"revealed|reveals|explained|explains|admitted|admits|confirmed|confirms)(?: \w+){0,3} to)\s+(?:(?:chat|talk|radio)\s+show\s+host\s+|host\s+|"
    r"the\s+(?=[A-Z]))?" + OUTLET_NAME,
)
KNOWN_OUTLETS = (r"Page Six|TMZ|People magazine|Us Weekly|E! News|Entertainment Tonight|Access Hollywood|Vogue|"
                 r"Vanity Fair|Esquire|Extra|Elle|InStyle|Glamour|Harper's Bazaar|Rolling Stone|Billboard|Variety|"
                 r"The Hollywood Reporter|Daily Mail|The Sun|Reddit|Instagram|Twitter|TikTok|Facebook|YouTube|Snapchat")
#: A known outlet or platform is one even where the model tags it a place ("on Reddit" as GPE).
KNOWN_OUTLET = re.compile(r"(?:" + KNOWN_OUTLETS + r")$")
OUTLET_MENTION = re.compile(
    r"(?<![\w'\u2019])(?:[A-Z][\w!&'\u2019-]*\s+){0,4}(?:Show|News|Magazine|Weekly|Podcast|Tonight|Telegraph|"
    r"Herald|Journal|Gazette|Tribune|Radio)\b(?![\w'\u2019])|\b(?:" + KNOWN_OUTLETS + r")\b|"
    r"(?<=\bon )(?:[A-Z][\w'\u2019-]*)(?:\s+(?:[A-Z][\w'\u2019-]*|of|the|with|With))*(?:\s+[A-Z][\w'\u2019-]*)?"
)
PLATFORM_WORD = re.compile(r"\b(Instagram|Twitter|TikTok|Facebook|Snapchat|YouTube|Threads)\b")
POST_VERBS = re.compile(r"\b(?:caption(?:ed|s|ing)?|post(?:ed|s|ing)?|tweet(?:ed|s|ing)?|wr(?:ote|ites|iting) on)\b",
                        re.IGNORECASE)
TITLE_START = re.compile(r"^[A-Z]")
#: Cues that name whom the words were addressed to: "told Esquire", "in an interview with Esquire".
ADDRESSED_CUE = re.compile(r"(?:told|tells|telling|tell|said to|says to|speaking (?:to|with)|spoke (?:to|with)|"
                           r"talked to|talking to|talks to|in an? (?:[\w-]+ ){0,2}interview|interview with)\b")


class OutletFinder:
    """Outlets named by a cue or by the shape of their name, read once per sentence of one document."""

    def __init__(self, text: str, refs: References, places: list[tuple[int, int]]) -> None:
        self.text = text
        self.refs = refs
        self.places = places
        self._outlets_by_sentence: list[tuple[int, int, tuple[str, Span] | None]] | None = None
        self._cue_outlets: list[tuple[int, int, tuple[str, Span] | None]] | None = None

    def outlet_in(self, start: int, end: int) -> tuple[str, Span] | None:
        """The outlet named in text[start:end], if any."""
        for m in OUTLET_CUE.finditer(self.text, start, end):
            name = clean_outlet(m.group("outlet"))
            if not name:
                continue
            o_begin = m.start("outlet")
            # nobody gives an interview to a place: after such a cue, a "place" is the model's mistake
            addressed = ADDRESSED_CUE.match(m.group(0)) is not None or KNOWN_OUTLET.match(name) is not None
            if self._is_place_or_known_person(o_begin, o_begin + len(m.group("outlet").rstrip()), places=not addressed):
                continue
            o_start = m.start("outlet") + m.group("outlet").find(name.split()[0])
            return name, Span(o_start, o_start + len(name))
        platform = PLATFORM_WORD.search(self.text, start, end)
        if platform and POST_VERBS.search(self.text, start, end):
            return platform.group(1), Span(platform.start(1), platform.end(1))
        return None

    def _is_place_or_known_person(self, start: int, end: int, *, places: bool = True) -> bool:
        """A place, or a person the article is about (mentioned twice or more), is no outlet."""
        def covers(s: int, e: int) -> bool:
            return s <= start + 1 and e >= end - 1
        if places and any(covers(s, e) for s, e in self.places):
            return True
        for ref in self.refs.within(max(0, start - 1), end):
            if ref.person is not None and ref.kind in ("name", "short") and self.refs.counts[ref.person] >= 2 \
                    and covers(ref.start, ref.end):
                return True
        return False

    def outlets_before(self, position: int) -> tuple[str, Span] | None:
        """The nearest outlet named anywhere before position, by a cue or by its name's shape."""
        if self._outlets_by_sentence is None:  # computed once per document, not once per quote
            self._outlets_by_sentence = [(start, end, self._outlet_mentioned(start, end, cued=cued, cue_read=True))
                                         for start, end, cued in self.sentence_outlets()]
        best = None
        for start, end, found in self._outlets_by_sentence:
            if start >= position:
                break
            if end > position:
                found = self._outlet_mentioned(start, position)
            if found is not None:
                best = found
        return best

    def sentence_outlets(self) -> list[tuple[int, int, tuple[str, Span] | None]]:
        """(start, end, outlet named by a cue) for every sentence, read once per document."""
        if self._cue_outlets is None:
            self._cue_outlets = [(start, end, self.outlet_in(start, end)) for start, end in self.refs.sentences]
        return self._cue_outlets

    def _outlet_mentioned(self, start: int, end: int, *, cued: tuple[str, Span] | None = None,
                          cue_read: bool = False) -> tuple[str, Span] | None:
        """The last outlet text[start:end] names, by a cue (passed in when already read) or by its name's shape."""
        found = cued if cue_read else self.outlet_in(start, end)
        for m in OUTLET_MENTION.finditer(self.text, start, end):
            name = clean_outlet(m.group(0))
            if not name or self._is_place_or_known_person(m.start(), m.end(), places=not KNOWN_OUTLET.match(name)):
                continue
            if found is None or m.start() > found[1].start:
                found = (name, Span(m.start(), m.start() + len(name)))
        return found

    def platform_before(self, position: int, reach: int = 1500) -> tuple[str, Span] | None:
        """The last social platform named before position, for 'she captioned the pic'."""
        found = None
        for m in PLATFORM_WORD.finditer(self.text, max(0, position - reach), position):
            found = m
        return (found.group(1), Span(found.start(1), found.end(1))) if found else None


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


def clean_outlet(raw: str) -> str:
    """'The Ellen Show in May' -> 'The Ellen Show'; '' when it is no name."""
    words = raw.split()
    while words and not TITLE_START.match(words[-1]) and words[-1].lower() not in ("news",):
        words.pop()
    while words and words[-1].lower() in ("of", "and", "&", "the", "de", "du"):
        words.pop()
    name = " ".join(words).rstrip(".,;:'\u2019")
    if name.endswith(("'s", "\u2019s")):
        name = name[:-2]
    if not name or name.lower() in ("i", "he", "she", "they", "we", "it", "him", "her", "them", "me", "us"):
        return ""
    first = name
    if first.lower().rstrip(".") in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                     "dec") or first.lower() in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"):
        return ""
    return name

