"""Quotes: direct speech in quote marks or after a colon, its speaker and its outlet."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Block, Document, Quote, Span
from .coref import QUOTED_BLOCKS, Reference, References
from .lexicon import COMMENTER_WORDS, FEMALE_WORDS, FRONTED_OPENER, MALE_WORDS, NEXT_COMMENTER, ROLE_NOUNS
from .outlets import OUTLET_CUE, PLATFORM_VERB, POST_VERBS, SHAPED, OutletFinder, clean_outlet, is_known_outlet
from .quotemarks import Marked
from .parse import Parses, doc_offset, doc_span, subtree_span
from .sentences import sentence_spans
from .speechverbs import speech_alternation, speech_lemmas

_QUOTATIVE_LIKE = r"(?:was|were|is|are) (?:all )?like(?=\s*,)"  # "everyone was like, 'What?'"


@lru_cache(maxsize=1)
def speech() -> str:
    """A speech verb in any form (data/speech_verbs.txt). Capitalised only where a sentence starts
    ("Says Jo Bell:"), never inside a name ("United States")."""
    forms = speech_alternation().split("|")
    return (r"(?:" + "|".join(forms + [_QUOTATIVE_LIKE]) + r"|(?<![\w,] )(?<![\w,])(?:"
            + "|".join(v.capitalize() for v in forms) + r"))")


@lru_cache(maxsize=1)
def speech_word() -> re.Pattern[str]:
    """A speech verb as a whole word."""
    return re.compile(r"\b" + speech() + r"\b")
#: A subject that opens with an unnamed speaker: "a source close to ...", "an insider who ...".
UNNAMED_OPENER = re.compile(
    r"\s*(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}?(?:source|insider|friend|pal|spokes(?:wo)?man|spokesperson|"
    r"rep|representative|publicist|witness|onlooker|eyewitness|neighbou?r|official|aide|relative|member)s?\b",
    re.IGNORECASE)
ANONYMOUS = re.compile(
    r"\b(?:source|insider|friend|pal|spokes(?:wo)?man|spokesperson|rep|representative|publicist|"
    r"witness|onlooker|eyewitness|neighbo[u]?r|official|aide|relative|member|lobbyist|analyst)s?\b(?!\.)",
    re.IGNORECASE,
)
ORGANISATION_WORDS = re.compile(
    r"\b(?:campaign|company|bank|government|department|committee|agency|office|organi[sz]ation|party|"
    r"board|firm|ministry|police|network|union|group|council|administration|commission|court|"
    r"foundation|association|institute|university|hospital|school|studio|label|club|email|e-mail|letter|"
    r"memo|filing|document|statement|team|report|poll|survey|website|article|book|ad|release|lawsuit|"
    r"complaint|ruling|indictment|message|tweet|post|caption|sign|banner|headline)s?\b",
    re.IGNORECASE,
)
FRONTED_CLAUSE = re.compile(r"\s*" + FRONTED_OPENER)
#: A cue's subject that is a whole crowd, not a person: "everyone was like", "the audience chanted".
_CROWD = r"(?:everyone|everybody|the (?:whole )?(?:crowd|audience|room)|the fans)"
CROWD = re.compile(r"^\W*(?:and\s+|but\s+|then\s+)?(?:" + _CROWD + r"|fans|people|many|some|others)\W*$",
                   re.IGNORECASE)
CROWD_BEFORE = re.compile(r"\b" + _CROWD + r"\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)  # right before the verb
#: Verbs that say the last speaker goes on: "She continues," after the matriarch's quote is the matriarch.
GOES_ON = re.compile(r"continu(?:es|ed|ing)|add(?:s|ed|ing)|concluded|concludes", re.IGNORECASE)
#: Words said to a person the text names ('telling Jo Bell,'): said there, not in an earlier interview.
ADDRESSED_PERSON = re.compile(r"\b(?:told|tells|telling|tell)\s+(?!(?:The|A|An|His|Her|Their)\b)[A-Z][a-z]+\s+[A-Z][a-z]+")
PASSIVE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


@dataclass
class _Cue:
    speaker: str | None
    speaker_span: Span | None
    cue: str
    commenter: bool = False
    anonymous: bool = False
    organisation: bool = False
    phrase: str = ""


@dataclass
class Found:
    """A quote candidate before speakers are settled."""

    start: int
    end: int
    block: int
    cue: _Cue | None
    outlet: tuple[str, Span] | None
    kind: str
    continues: bool  # opens a block that continues the previous block's speech
    joined: tuple[int, int, int] | None = None  # (first part start, gap start, second part start)


class QuoteFinder:
    """Finds quotes block by block and settles speaker and outlet for each."""

    def __init__(self, doc: Document, refs: References, organisations: list[tuple[int, int]] = (),  # type: ignore[assignment]
                 places: list[tuple[int, int]] = (), units: str = "passages",  # type: ignore[assignment]
                 parses: Parses | None = None) -> None:
        self.units = units
        self.parses = parses
        self.organisations = list(organisations)
        self.places = list(places)
        self.doc = doc
        self.text = doc.text
        self.refs = refs
        self.outlets = OutletFinder(doc.text, refs, self.places)
        self._cues_after: dict[tuple[int, int, tuple[int, int, int] | None], _Cue | None] = {}
        self.blocks: list[Block] = list(doc.blocks)

    # -- finding ----------------------------------------------------------------
    def candidates(self) -> list[Found]:
        out: list[Found] = []
        for index, block in enumerate(self.blocks):
            if block.kind not in QUOTED_BLOCKS:
                continue
            marked = self.refs.marks[block.start]
            if block.kind in ("heading", "headline") and not marked:
                continue
            if block.kind == "headline":
                marked = [m for m in marked if len(self.text[m.start:m.end].split()) >= 4]
            prev = self._previous_text_block(index)
            if not marked and prev is not None and self.text[prev.start:prev.end].rstrip().endswith(":") \
                    and block.kind in ("paragraph", "blockquote") and self._colon_intro(prev):
                out.append(Found(block.start, block.end, index, None, None, "block", continues=True))
                continue
            for n, mark in enumerate(marked):
                previous = marked[n - 1] if n else None
                if mark.end <= mark.start:
                    continue
                if self._is_direct(block, mark, previous):
                    kind = "marked"
                elif self.units == "passages" and self._is_reported_fragment(block, mark):
                    kind = "partial"
                else:
                    continue
                at_block_start = mark.open_at == block.start
                out.append(Found(mark.start, mark.end, index, None, None, kind, continues=at_block_start))
        return self._join_interrupted(out) if self.units == "utterances" else out

    def _previous_text_block(self, index: int) -> Block | None:
        for block in reversed(self.blocks[:index]):
            if block.kind in ("paragraph", "blockquote", "heading"):
                return block
            if block.kind not in ("social_embed",):
                return None
        return None

    def _colon_intro(self, block: Block) -> bool:
        """A paragraph ending in ':' that introduces someone's words."""
        last = self.refs.sentence_of(block.end - 1)
        sentence = self.text[last[0]:block.end]
        return bool(speech_word().search(sentence) or OUTLET_CUE.search(sentence)
                    or re.search(r"\b(?:wrote|writes|statement|message|post|caption|tweet)\b", sentence))

    def _is_reported_fragment(self, block: Block, mark: Marked) -> bool:
        """'Jo Bell said the news was "deeply troubling"': a speaker's words inside reported speech.
        Not a term after a determiner ('a "quid pro quo"') and not a Title Case title. PARC counts
        these as mixed attributions, not direct quotes, so utterance units leave them out."""
        words = self.text[mark.start:mark.end].split()
        if len(words) < 2:
            return False
        caps = sum(1 for w in words if w[:1].isupper())
        if caps / len(words) > 0.5:
            return False
        sent_start, sent_end = self.refs.sentence_of(mark.open_at)
        before = self.text[max(sent_start, block.start):mark.open_at]
        quoted = self.text[mark.start:mark.end]
        if _title(quoted.rstrip(".")):
            return False  # 'Harry's "Sign of the Times."': a title
        # a term held at arm's length is short; words with a pause or a sentence of their own are speech
        phrase = len(words) >= 5 or re.search(r"\w,\s", quoted) is not None \
            or len(words) >= 4 and re.search(r"[.!?]\W*$", quoted) is not None
        if not phrase and re.search(r"\b(?:a|an|the|his|her|their|its|our|my|your|this|these|those|[\w]+['\u2019]s?)\s*$",
                                    before, re.IGNORECASE):
            return False  # 'a "quid pro quo"', 'his "body language"': a term held at arm's length
        if speech_word().search(before) or OWN_WORDS.search(before):
            return True
        # '... take place "in the coming days," Judge Jo Bell said': the cue after the words
        after = self.text[(mark.close_at or mark.end) + 1:min(sent_end, block.end)]
        return re.match(r"[,\s]+(?:[A-Z][\w.'\u2019-]*\s+){1,5}(?:" + speech() + r")\b", after) is not None

    def _is_direct(self, block: Block, mark: Marked, previous: Marked | None) -> bool:
        """Whole-sentence speech, not a scare quote, a title or a phrase inside narration."""
        words = self.text[mark.start:mark.end]
        if not re.search(r"\w", words):
            return False
        sent_start, sent_end = self.refs.sentence_of(mark.open_at)
        sent_start = max(sent_start, block.start)
        if previous is not None and previous.close_at is not None and previous.close_at >= sent_start:
            sent_start = previous.close_at + 1
        before = self.text[sent_start:mark.open_at].strip()
        closes_with_punct = bool(re.search(r"[.,!?\u2026\u2014-]$", words.strip()))
        after_start = (mark.close_at + 1) if mark.close_at is not None else mark.end
        after = self.text[after_start:min(sent_end, block.end)] if mark.close_at is not None else ""
        after = after.split("\u201c")[0].split('"')[0]
        n_words = len(words.split())
        if _title(words) and not before.endswith(":") and (
                not speech_word().search(after[:50]) or WORK_BEFORE.search(before)):
            return False  # 'her new song, "Glass Houses,"', 'she sang "Rain on Maple Street"': a title
        if self.units == "passages" and n_words >= 8 and re.search(r"\w[.!?\u2026]+[\u2019']?\s+[\u2018']?[A-Z]", words):
            return True  # two sentences or more in quote marks are somebody's words, whatever comes before
        if before and not re.search(r"[:,\u2014\u2013]$|\b" + speech() + r"$|\b(?:that|as)$", before):
            return False
        if before.endswith(("that", "as")) and n_words < 6:
            return False
        if before and words[:1].islower() and not (
                before.endswith(":") or re.search(speech() + r"\W{0,3}$", before)):
            return False  # a phrase quoted inside narration: 'calling him "a fine man"'
        if not before and words[:1].islower() and n_words < 4:
            return False
        if not before or before.endswith(","):
            cue_after = bool(speech_word().search(after[:80]))
            if not (closes_with_punct or cue_after or not after.strip(" .!?")):
                return False
            if n_words < 3 and not closes_with_punct and not cue_after:
                return False
        if before.endswith(",") and not (re.search(speech() + r"[^,]{0,60},$", before)
                                         or closes_with_punct or speech_word().search(after[:80])):
            return False
        return True

    def _join_interrupted(self, found: list[Found]) -> list[Found]:
        """'"A," she said, "and B."' is one utterance: the second part goes on the same sentence
        (in passages, as annotated, each run of quoted words stays its own quote)."""
        out: list[Found] = []
        for item in found:
            if out and out[-1].block == item.block and item.kind == "marked" and out[-1].kind == "marked":
                gap = self.text[out[-1].end:item.start]
                cue = gap.strip(" \"\u201d\u201c\u2019\u2018")
                bare = re.sub(r"\b[A-Z][a-z]{0,3}\.", "", cue.strip(","))  # "Mr.", "Jr.", "T." end nothing
                ends_sentence = re.search(r"[.!?\u2026]\W*$", self.text[out[-1].start:out[-1].end]) is not None
                if len(gap) < 90 and speech_word().search(gap) and cue.endswith(",") and _has_subject(bare) \
                        and not re.search(r"[.!?;:]", bare) and not ends_sentence:
                    out[-1] = replace(out[-1], end=item.end, joined=(out[-1].start, out[-1].end, item.start))
                    continue
            out.append(item)
        return out

    # -- attribution -------------------------------------------------------------
    def cue_after(self, found: Found) -> _Cue | None:
        """The speech cue right after a quote: '..." she said' or '..." said Jo Bell, a friend'.
        For a quote an attribution interrupts, the cue after its first piece. Read once per quote."""
        key = (found.start, found.end, found.joined)
        if key not in self._cues_after:
            self._cues_after[key] = self._read_cue_after(found)
        return self._cues_after[key]

    def _read_cue_after(self, found: Found) -> _Cue | None:
        block = self.blocks[found.block]
        first_end = found.joined[1] if found.joined else found.end
        close = first_end + 1 if first_end < block.end else first_end
        _, sent_end = self.refs.sentence_of(first_end - 1)
        end = min(block.end, max(sent_end, close + 1) + 120)
        m0 = re.match(r"[\s\u201d\u2019\"',.!?;:\u2014\u2013-]*", self.text[close:end])
        lead = m0.end() if m0 else 0
        first = sentence_spans(self.text, close + lead, end)
        window = self.text[close + lead:first[0][1]] if first else ""
        stop = re.search(r"[\u201c\"]", window)
        if stop:
            window = window[:stop.start()]
        base = close + lead
        verb = speech_word().search(window[:150])
        if not verb or PASSIVE_BEFORE.search(window[:verb.start()]):
            return None  # no cue, or 'The senator is said to have...', which says nothing of the quote
        if stop and re.search(r"[.!?\u2026]\W*$", self.text[found.start:first_end]) and window[:1].isupper() \
                and re.fullmatch(r"[^.!?]*[,:]\s*", window[verb.end():]):
            return None  # '..." The former said, "B."': a new sentence introducing the next quote
        verb_start, verb_end = base + verb.start(), base + verb.end()
        np_before = window[:verb.start()]
        if len(np_before.split()) >= 3 or not np_before.strip() and re.match(
                r"\s*(?:the|a|an|her|his|their)\b", window[verb.end():], re.IGNORECASE):
            # a described speaker ('the 30-year-old Ruritanian actor, who ..., said'; 'recalled the actress'):
            # the parse's subject, not a name inside the description
            parsed = self._parsed_subject(verb_start, verb_end)
            if parsed is not None and parsed[1] is not None:
                return _Cue(parsed[1].person, Span(parsed[1].start, parsed[1].end), verb.group(0))
        if len(np_before.split()) > 6:
            long = self._long_subject(base, np_before, verb.group(0))
            if long is None and UNNAMED_OPENER.match(np_before):
                # '..." a source close to the crooner, 61, told Glow': the source, not the one named
                return self._unnamed(base, verb_start, verb.group(0), phrase=np_before)
            return long
        if re.search(r"\w", re.sub(r"\b(?:also|later|then|once|previously|simply|quickly)\b", "", np_before)):
            return self._subject_in(base, verb_start, verb.group(0))
        # inverted: '..." said the Rev. Jo Bell' - the subject follows the verb
        np_end = base + len(window)
        refs = [r for r in self.refs.within(verb_end, min(np_end, verb_end + 90))
                if r.person is not None and r.kind in ("name", "short")
                and not re.search(r"\b(?:to|for|of|at|with|from|by|about)\s+(?:the\s+)?$",
                                  self.text[max(verb_end, r.start - 12):r.start])]
        lead_text = self.text[verb_end:refs[0].start] if refs else self.text[verb_end:np_end]
        if refs and not ORGANISATION_WORDS.search(lead_text.split(",")[0] if "," in lead_text else "") :
            ref = refs[0]
            return _Cue(ref.person, Span(ref.start, ref.end), verb.group(0))
        return self._unnamed(verb_end, min(np_end, verb_end + 60), verb.group(0))

    def _long_subject(self, base: int, np_before: str, verb: str) -> _Cue | None:
        """A long subject before the verb: '..." Sen. Jo Bell, Republican of Iowa, said' or
        '..." party running mate Gov. Jo Bell of Iowa told'; never a name after "for" or "of"."""
        if len(np_before.split()) > 16 or re.search(r"[;!?]\s", np_before):
            return None
        refs = [r for r in self.refs.within(base, base + len(np_before))
                if r.person and r.kind in ("name", "short") and not self._possessor(r)
                and not re.search(r"\b(?:of|for|to|with|at|from|by|about)\s+(?:[A-Z][\w.]*\s+)?$",
                                  self.text[max(base, r.start - 20):r.start])]
        if not refs:
            return None
        opener = refs[0]
        if re.match(r"^[^,]*,[^\"\u201c\u201d]{0,110},\s*$", np_before) and opener.start - base <= 25:
            return _Cue(opener.person, Span(opener.start, opener.end), verb)  # the name, then an appositive
        if "," in np_before:
            return None
        last = refs[-1]
        return _Cue(last.person, Span(last.start, last.end), verb)

    def _subject_in(self, left: int, verb_start: int, verb: str) -> _Cue:
        """The speaker named between left and the verb: the last mention that is not a possessor."""
        refs = [r for r in self.refs.within(left, verb_start)
                if (r.person is not None or r.kind != "pronoun") and not self._possessor(r)
                and not self._object_position(r) and not _possessive_pronoun(r)]
        phrase = self.text[left:verb_start]
        if refs:
            ref = refs[-1]
            tail = self.text[ref.end:verb_start]
            modifier = ANONYMOUS.match(tail.strip()) is not None  # "another Ryan spokesperson added"
            if not (ANONYMOUS.search(tail) or COMMENTER_WORDS.search(tail)) \
                    or ref.person and ref.kind != "pronoun" and not modifier:
                if ref.person is not None:
                    return _Cue(ref.person, Span(ref.start, ref.end), verb)
        return self._unnamed(left, verb_start, verb, phrase=phrase)

    def _subject_of_participle(self, verb_start: int) -> Reference | None:
        """Who is 'saying' or 'telling': the name right before the verb ('with spokesman Jo Bell
        saying'), else the main clause's subject: the first mention outside parentheses and past a
        fronted clause ('After the vote (Kim called it a farce), Jo Bell hit back, saying')."""
        sent_start, _ = self.refs.sentence_of(verb_start)
        refs = [r for r in self.refs.within(sent_start, verb_start)]
        if refs and refs[-1].person is not None \
                and re.fullmatch(r"\s*(?:\w+ly\s+)?", self.text[refs[-1].end:verb_start]):
            return refs[-1]
        sentence = self.text[sent_start:verb_start]
        main_from = sent_start
        if FRONTED_CLAUSE.match(sentence):
            depth = 0
            for i, ch in enumerate(sentence):
                depth += (ch == "(") - (ch == ")")
                if ch == "," and depth == 0:
                    main_from = sent_start + i + 1
                    break
        owners = [r for r in refs if not self._possessor(r)]  # "Brooks' rep confirmed ..., saying": the rep
        outside = [r for r in owners if r.start >= main_from and not self.refs.in_aside(r.start)]
        pool = outside or owners
        return pool[0] if pool else None

    def _unnamed(self, start: int, end: int, verb: str, *, phrase: str | None = None) -> _Cue:
        """A cue whose speaker is a reader, an anonymous source or an organisation."""
        phrase = self.text[start:end] if phrase is None else phrase
        commenter = bool(COMMENTER_WORDS.search(phrase))
        anonymous = bool(ANONYMOUS.search(phrase))
        organisation = bool(ORGANISATION_WORDS.search(phrase)) or any(
            start <= s < end for s, _ in self.organisations)
        described = re.match(r"\s*(?:the|a|an)\s+([\w-]+)", phrase)
        if described and described.group(1).lower() in ROLE_NOUNS:
            organisation = False  # '"...," recalled the actress, who plays Nell in Velda': a person
        if organisation and _reported(phrase, verb):
            organisation = False  # '"...," adds the report': a publication's source, kept with no speaker
        return _Cue(None, None, verb, commenter=commenter, anonymous=anonymous or commenter,
                    organisation=organisation and not anonymous and not commenter, phrase=phrase.strip())

    def _possessor(self, ref: object) -> bool:
        end = ref.end  # type: ignore[attr-defined]
        return self.text[end:end + 2] in ("'s", "\u2019s") or self.text[end:end + 1] in ("'", "\u2019")

    def cue_before(self, start: int, limit: int) -> _Cue | None:
        """A cue in the text before a quote, from its sentence start (limit) to start."""
        window = self.text[limit:start]
        verbs = list(speech_word().finditer(window))
        if not verbs:
            return None
        verb = verbs[-1]
        crowd = CROWD_BEFORE.search(window[:verb.start()])
        if crowd is not None:  # "everyone was like,", "the crowd chanted": nobody in particular
            return self._unnamed(limit + crowd.start(), limit + verb.start(), verb.group(0), phrase=crowd.group(0))
        # The speaker in "X told Y:" is X; in "according to X," it is X too.
        return self._cue_from(limit, limit + verb.start(), limit + verb.end(), start, verb.group(0),
                              subject_first=verb.group(0).lower().endswith("ing"))

    def _cue_from(self, left: int, verb_start: int, verb_end: int, right: int, verb: str,
                  *, subject_first: bool = False) -> _Cue:
        refs_left = [r for r in self.refs.within(left, verb_start)
                     if (r.person is not None or r.kind != "pronoun") and not self._possessor(r)
                     and not _possessive_pronoun(r)]
        refs_right = [r for r in self.refs.within(verb_end, right)]
        subject_text = self.text[left:verb_start]
        after_text = self.text[verb_end:right]
        chosen = None
        # the parse settles who speaks where the words leave a choice: two mentions before the verb, or none
        simple = len(refs_left) == 1 and re.fullmatch(r"\s*(?:\w+ly\s+)?", self.text[refs_left[0].end:verb_start])
        parsed = None if subject_first or simple else self._parsed_subject(verb_start, verb_end)
        if parsed is not None and parsed[1] is not None:
            chosen = parsed[1]  # the grammar names the speaker: 'When Jo answered, he interjected'
        elif parsed is not None:
            # the subject is no person ('Glow Weekly revealed that Jo ...'): nobody after the verb is the speaker
            return self._unnamed(parsed[0][0], parsed[0][1], verb)
        elif subject_first:
            chosen = self._subject_of_participle(verb_start)
        elif refs_left:
            subjects = [r for r in refs_left if not self._object_position(r)]
            near = subjects[-1] if subjects else None
            gap = self.text[near.end:verb_start] if near else ""
            if near is not None and len(gap.split()) <= 4 and not re.search(r"[,;:]\s*$", gap) \
                    and not re.match(r"\s*(?:and|but|then)\b", gap):
                chosen = near
            else:
                sent_start, _ = self.refs.sentence_of(verb_start)
                first = [r for r in self.refs.within(sent_start, verb_start) if not self._object_position(r)]
                chosen = first[0] if first else (subjects[0] if subjects else refs_left[0])
        elif refs_right and len(self.text[verb_end:refs_right[0].start].split()) <= 1 \
                and not verb.lower().startswith(("told", "tell")):
            chosen = refs_right[0]
        commenter = bool(COMMENTER_WORDS.search(subject_text[-40:]) or (
            not refs_left and COMMENTER_WORDS.search(after_text[:30])))
        anonymous = bool(ANONYMOUS.search(subject_text[-30:]) or (
            not refs_left and ANONYMOUS.search(after_text[:25])))
        if chosen is not None and (anonymous or commenter) and chosen.start < verb_start:
            between = self.text[chosen.end:verb_start]
            if ANONYMOUS.search(between) or COMMENTER_WORDS.search(between):
                chosen = None
        if chosen is None:
            sent_start, _ = self.refs.sentence_of(verb_start)
            owner_role = ANONYMOUS.search(self.text[sent_start:verb_start]) if subject_first else None
            if owner_role is not None:  # "Bennett's rep confirmed the news, saying": the rep, unnamed
                return _Cue(None, None, verb, anonymous=True, phrase=owner_role.group(0))
            return self._unnamed(max(left, sent_start, verb_start - 40), verb_start, verb)
        return _Cue(chosen.person, Span(chosen.start, chosen.end), verb)

    def _parsed_subject(self, verb_start: int, verb_end: int) -> tuple[tuple[int, int], Reference | None] | None:
        """The subject of the speech verb at verb_start by the parse: its span and the person
        mention it is, if any. None where the sentence is not parsed or the verb has no subject."""
        if self.parses is None:
            return None
        sentence = self.refs.sentence_of(verb_start)
        parsed = self.parses.sentence(*sentence)
        if parsed is None:
            return None
        verb = next((t for t in parsed if doc_offset(t) == verb_start), None)
        if verb is None or verb.lemma_.lower() not in speech_lemmas() or verb.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [t for t in verb.children if t.dep_ == "nsubj" and not self.refs.in_quote(doc_offset(t))]
        subject = min(subjects, key=lambda t: abs(t.i - verb.i)) if subjects else None  # never words inside the quote
        if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        head = doc_span(subject)
        whole = subtree_span(subject)
        ref = self.refs.person_at(*head)
        if ref is None:  # the mention may cover the phrase but not its head ('The reality| star')
            ref = next((r for r in self.refs.within(whole[0], min(whole[1], head[1])) if r.kind == "descriptor"), None)
            # ('another Glow spokesperson said': a name modifying the head is not the speaker)
        if ref is not None and ref.person is not None and not _possessive_pronoun(ref):
            return head, ref
        if ref is not None or subject.pos_ == "PRON":
            return None  # a pronoun nobody resolved, or a possessor: the cue rules decide
        return whole, None

    def _object_position(self, ref: object) -> bool:
        """A mention right after a preposition or possessive ('a photo of Ivy') is not a speaker."""
        start = ref.start  # type: ignore[attr-defined]
        before = self.text[max(0, start - 12):start].lower()
        return bool(re.search(r"\b(?:of|with|to|for|about|at|by|from|on|in|into|than|like|and|his|her|their)\s+$", before))



def find_quotes(
    doc: Document, refs: References, organisations: list[tuple[int, int]] | None = None,
    places: list[tuple[int, int]] | None = None, *, units: str = "passages", parses: Parses | None = None,
) -> tuple[list[Quote], list[Found]]:
    """Direct quotes with speakers and outlets; also the commenters' quotes, for comments.

    units="utterances" joins the pieces one attribution interrupts into one quote (see
    config.QUOTE_UNITS); "passages" keeps each run of quoted words apart."""
    finder = QuoteFinder(doc, refs, organisations or [], places or [], units, parses)
    found = finder.candidates()
    quotes: list[Quote] = []
    sources: list[Found] = []  # the candidate behind each quote, for joining utterances
    comments: list[Found] = []
    last_outlet: dict[str, tuple[str, Span, int]] = finder.outlets.history()
    previous: Found | None = None
    previous_speaker: str | None = None
    previous_outlet: tuple[str, Span] | None = None
    previous_was_comment = False
    dropped: Found | None = None  # the last candidate left out as a company's or a group member's words
    for item in found:
        block = finder.blocks[item.block]
        sent_start, _ = refs.sentence_of(item.start - 1)
        sent_start = max(sent_start, block.start)
        cue = finder.cue_after(item)
        context = (sent_start, item.start)
        if cue is None or (cue.speaker is None and not cue.anonymous):
            before_cue = None
            if item.kind == "block" or (item.continues and item.start - block.start <= 1):
                prev_block = finder._previous_text_block(item.block)
                if prev_block is not None and doc.text[prev_block.start:prev_block.end].rstrip().endswith(":"):
                    p_start, _ = refs.sentence_of(prev_block.end - 1)
                    before_cue = finder.cue_before(prev_block.end, max(p_start, prev_block.start))
                    context = (max(p_start, prev_block.start), prev_block.end)
            else:
                before_cue = finder.cue_before(item.start, sent_start)
            if before_cue is not None and (cue is None or before_cue.speaker is not None):
                cue = before_cue
        if cue is None and dropped is not None and dropped.block == item.block:
            continue  # goes on with the words of a company or an unnamed group member, dropped before it
        dropped = None
        if cue is None and previous is not None and (
                item.block == previous.block or item.continues and item.block - previous.block <= 2):
            cue = _Cue(previous_speaker, None, "continued")
        if cue is not None and cue.speaker_span is not None and previous_speaker is not None \
                and previous is not None and item.block - previous.block <= 2 and cue.speaker != previous_speaker:
            ref = refs.person_at(cue.speaker_span.start, cue.speaker_span.end)
            goes_on = ref is not None and ref.kind == "pronoun" and GOES_ON.fullmatch(cue.cue or "") is not None \
                and refs.people[previous_speaker].gender == _pronoun_gender(ref.text)
            chosen = ref is not None and re.match(r"(?i)the (?:former|latter)\b", ref.text) is not None
            if ref is not None and (ref.kind == "descriptor" and not chosen or goes_on):
                cue = _Cue(previous_speaker, cue.speaker_span, cue.cue)  # "The star continued," after her quote
        if cue is not None and cue.organisation:
            dropped = item
            continue  # words of a company or a campaign, not of a person
        if cue is not None and cue.speaker is None and previous_was_comment and cue.phrase \
                and NEXT_COMMENTER.match(cue.phrase):
            cue = replace(cue, commenter=True)
        if cue is not None and cue.speaker is None and not cue.commenter and cue.phrase \
                and (NEXT_COMMENTER.match(cue.phrase) or CROWD.match(cue.phrase)):
            dropped = item
            continue  # "one said", "said another", "everyone was like": an unnamed member of a group, or all of it
        if cue is not None and cue.commenter:
            comments.append(item)
            previous, previous_speaker, previous_was_comment = item, None, True
            continue
        previous_was_comment = False
        if cue is None:
            owner = _owner_after(finder, item) or _author_before(finder, item)
            cue = _Cue(owner or _recent_subject(refs, item.start), None, "")
        speaker = cue.speaker
        after = (item.end, _cue_end(finder, item, block))
        outlet = finder.outlets.platform_of_verb(*context) or finder.outlets.platform_of_verb(*after) \
            if cue.cue and PLATFORM_VERB.search(cue.cue) else None
        outlet = outlet or finder.outlets.outlet_in(*context) or finder.outlets.outlet_in(*after)
        posted = bool(cue.cue and POST_VERBS.search(cue.cue)) or bool(
            POST_VERBS.search(doc.text[context[0]:context[1]]) or POST_VERBS.search(doc.text[after[0]:after[1]]))
        if outlet is None and posted:
            # a post is where it was posted, never the interview an earlier quote came from
            outlet = finder.outlets.platform_before(item.start)
        if outlet is None and cue.cue == "continued" and previous is not None and previous.block == item.block:
            outlet = previous_outlet  # the words go on where they were said
        told_someone = outlet is None and (ADDRESSED_PERSON.search(doc.text[context[0]:context[1]])
                                           or ADDRESSED_PERSON.search(doc.text[after[0]:after[1]]))
        if outlet is None and not posted and not told_someone:
            # The interview the passage is about: named in the last two blocks, else by this speaker.
            nearby = finder.outlets.outlets_before(item.start)
            if nearby is not None and nearby[1].start >= _block_start(finder, item.block, 2):
                outlet = nearby
            elif previous is not None and previous_speaker == speaker and item.block - previous.block <= 3 \
                    and previous_outlet is not None:
                outlet = previous_outlet
            elif speaker is not None and speaker in last_outlet and last_outlet[speaker][2] < item.start:
                outlet = last_outlet[speaker][:2]  # type: ignore[assignment]
            elif not re.search(r"\b(?:told|tells|telling|said to|speaking to|spoke to)\s+(?:a|an|the|his|her|their)\s+[a-z]",
                               doc.text[context[0]:min(block.end, item.end + 120)]):
                outlet = nearby  # the interview the article is reporting, unless the text names another venue
        parts: tuple[Span, ...] = ()
        if item.joined:
            a_start, gap_start, b_start = item.joined
            parts = (Span(a_start, gap_start), Span(b_start, item.end))
        quotes.append(Quote(
            text=_joined_text(doc.text, parts) if parts else doc.text[item.start:item.end],
            start=item.start, end=item.end, speaker=speaker, speaker_span=cue.speaker_span,
            outlet=outlet[0] if outlet else None, outlet_span=outlet[1] if outlet else None,
            cue=cue.cue or None, kind=item.kind, parts=parts,
        ))
        sources.append(item)
        previous, previous_speaker, previous_outlet = item, speaker, outlet
    if units == "utterances":
        quotes = _utterances(finder, quotes, sources)
    return quotes, comments


def _cue_end(finder: QuoteFinder, item: Found, block: Block) -> int:
    """Where the attribution after a quote ends: its sentence's end, or the next quote mark."""
    close = min(item.end + 1, block.end)
    _, sent_end = finder.refs.sentence_of(close)
    end = min(block.end, max(sent_end, close), item.end + 250)
    stop = re.search(r"[\u201c\"]", finder.text[close:end])
    return close + stop.start() if stop else end


def _joined_text(text: str, parts: tuple[Span, ...]) -> str:
    """The words of an interrupted quote: its pieces without closing commas, joined by a space."""
    pieces = [text[p.start:p.end] for p in parts]
    return " ".join([p.rstrip(" ,\u201d\"") for p in pieces[:-1]] + pieces[-1:])


def _utterances(finder: QuoteFinder, quotes: list[Quote], sources: list[Found]) -> list[Quote]:
    """Join the quotes one attribution interrupts: '"A," said Jo Bell, a friend. "B."' is one
    utterance. The later piece must be bare: no cue of its own, and the same (or no) speaker."""
    out: list[Quote] = []
    last: Found | None = None
    for quote, found in zip(quotes, sources):
        if out and last is not None and _interrupted(finder, last, found) \
                and (quote.speaker is None or out[-1].speaker in (None, quote.speaker)):
            first = out[-1]
            parts = (first.parts or (Span(first.start, first.end),)) + (quote.parts or (Span(quote.start, quote.end),))
            out[-1] = replace(
                first, end=quote.end, parts=parts, text=_joined_text(finder.text, parts),
                speaker=first.speaker or quote.speaker, speaker_span=first.speaker_span or quote.speaker_span,
                outlet=first.outlet or quote.outlet, outlet_span=first.outlet_span or quote.outlet_span,
            )
        else:
            out.append(quote)
        last = found
    return out


def _interrupted(finder: QuoteFinder, first: Found, second: Found) -> bool:
    """Only an attribution ('she said.', 'said Jo Bell, a friend,') stands between two quoted runs."""
    if first.block != second.block or first.kind != "marked" or second.kind != "marked":
        return False
    gap = finder.text[first.end:second.start]
    cue = gap.strip(" ,.\"\u201d\u201c\u2019\u2018")
    if len(cue) > 150 or not _has_subject(cue) or not speech_word().search(cue) or re.search(r"[\"\u201c\u201d]", cue):
        return False
    # the cue in the gap is the first piece's ('"A," she said. "B."'), not a new one for the second
    # ('"A," at the mention of his name. He added, "B."'), and the second has none after it
    return finder.cue_after(first) is not None and finder.cue_after(second) is None


#: 'in his own words, "..."': the words that follow are the person's own.
OWN_WORDS = re.compile(r"\bin (?:his|her|their|my) own words\b", re.IGNORECASE)
#: A publication as the one who "says" the words: its unnamed source's words, a quote with no speaker.
PUBLICATION = re.compile(r"\b(?:report|magazine|mag|outlet|publication|tabloid|site|website|paper|newspaper)\b",
                         re.IGNORECASE)


def _reported(phrase: str, verb: str) -> bool:
    """'adds the report', 'Glow Weekly exclusively revealed': the subject of the cue is a publication."""
    if re.match(r"(?i)t[eo]l", verb):
        return False  # 'told the magazine': the publication is whom the words were said to
    words = re.sub(r"\b[a-z]+ly\b", "", phrase).strip(" ,.")
    name = clean_outlet(words)
    return bool(PUBLICATION.search(words)) or is_known_outlet(name, common=True) or bool(name and SHAPED.search(name))


#: A work named right before its title: 'her show, "Glass Houses," she said'.
WORK_BEFORE = re.compile(r"\b(?:show|song|single|album|film|movie|series|sitcom|book|podcast|track|novel|play|"
                         r"musical|documentary|special|memoir|ep|mixtape|titled|called|dubbed|named|entitled),?$",
                         re.IGNORECASE)
SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as but nor is".split())


def _title(words: str) -> bool:
    """A title in quote marks: at most six words, each significant one capitalised, and no end
    punctuation but a comma ('Glass Houses,'). Speech ends with . ! ? or has a lower-case word."""
    text = words.strip()
    if re.search(r"[.!?\u2026:;\u2014]\W*$", text) or re.search(r"[.!?;:]\s", text):
        return False
    if "," in text.rstrip(","):
        return False  # 'Oh, God,': words, not a title
    tokens = text.rstrip(",").split()
    if not tokens or len(tokens) > 6:
        return False
    significant = [t for t in tokens if t.lower() not in SMALL_WORDS] or tokens
    return all(t[:1].isupper() or t[:1].isdigit() for t in significant) and tokens[0][:1].isupper()


def _pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "f" if low in FEMALE_WORDS else "m" if low in MALE_WORDS else None


def _has_subject(cue: str) -> bool:
    """'she said' or 'adding' go on with the speaker's words; a bare 'shouted' has its subject
    before the first quote, which is then something else ('a cape bearing the words "A," shouted')."""
    words = cue.strip(" ,").split()
    return len(words) > 1 or bool(words) and words[0].endswith("ing")


def _possessive_pronoun(ref: object) -> bool:
    """'her campaign said': her owns the speaker, she is not it."""
    return ref.kind == "pronoun" and ref.text.lower() in ("his", "her", "hers", "their")  # type: ignore[attr-defined]


def _block_start(finder: QuoteFinder, index: int, back: int) -> int:
    """Where the text block `back` text blocks before block `index` starts."""
    seen = 0
    for i in range(index - 1, -1, -1):
        if finder.blocks[i].kind in QUOTED_BLOCKS:
            seen += 1
            if seen == back:
                return finder.blocks[i].start
    return 0


def _owner_after(finder: QuoteFinder, item: Found) -> str | None:
    """'"I kissed him too," was her first tactic': the person a possessive right after the quote names."""
    close = item.end + 1
    m = re.match(r"[\s\u201d\u2019\",]*(?:was|is|became|remains)\s+(?:also\s+)?(?P<whose>his|her)\b",
                 finder.text[close:close + 40])
    if m is None:
        return None
    ref = finder.refs.person_at(close + m.start("whose"), close + m.end("whose"))
    return ref.person if ref is not None else None


#: 'a statement from Jo Bell', 'Jo Bell's statement': a text whose words a quote with no cue may print.
AUTHORED = re.compile(r"\b(?:statement|letter|message|note|post|email|e-mail|tweet|caption|essay|op-ed|memo)s?\s+"
                      r"(?:from|by|of)\s+$", re.IGNORECASE)


def _author_before(finder: QuoteFinder, item: Found) -> str | None:
    """'According to a statement from Jo Bell, ... "A," the statement reads.': the author of the text
    the sentence before names (or this sentence, before the quote)."""
    sent_start, _ = finder.refs.sentence_of(max(0, item.start - 1))
    prev_start, _ = finder.refs.sentence_of(max(0, sent_start - 2))
    authors = []
    for ref in finder.refs.within(prev_start, item.start):
        if ref.person is None or ref.kind not in ("name", "short"):
            continue
        if AUTHORED.search(finder.text[max(prev_start, ref.start - 30):ref.start]) or re.match(
                r"['\u2019]s?\s+(?:statement|letter|message|note|post|email|tweet|caption|essay|op-ed)\b",
                finder.text[ref.end:ref.end + 20], re.IGNORECASE):
            authors.append(ref.person)
    return authors[-1] if authors else None


def _recent_subject(refs: References, position: int) -> str | None:
    """The person most recently in subject position before position, for unattributed speech."""
    candidates = [r for r in refs.within(max(0, position - 1200), position) if r.person]
    subjects = [r for r in candidates if r.subject]
    pick = subjects[-1] if subjects else candidates[-1] if candidates else None
    return pick.person if pick else None
