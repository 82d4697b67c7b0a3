"""Plain text -> Document: headline, dateline, headings, paragraphs, embed residue, comment runs."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..model import Block, Document, Embed, document_id

MONTHS = {
    m: i + 1 for i, m in enumerate(
        "january february march april may june july august september october november december".split())
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^(?:(?:Date|Published|Posted|Updated|Published on|Posted on)\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    r"(?:\s*(?:at\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
ISO_DATELINE = re.compile(
    r"^(?:(?:Date|Published|Posted|Updated)\s*:?\s*)?(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b.{0,20}$",
    re.IGNORECASE,
)

# Social embeds leave a line of text behind when the markup is stripped.
INSTAGRAM_RESIDUE = re.compile(
    r"^A (?:post|video|photo|reel) shared by (?:(?P<author>[^()@\n]+?)\s*)?\(?@(?P<handle>[\w.]+)\)?"
    r"(?:\s+on\b.*)?$",
    re.IGNORECASE,
)
TWEET_RESIDUE = re.compile(
    r"^(?:.*?\s)?[\u2014\u2013-]+\s*(?P<author>[^()\n@]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    rf"(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}})",
)
TIKTOK_RESIDUE = re.compile(r"\u266c\s*original sound\s*[-\u2013\u2014]\s*(?P<handle>[\w.]+)", re.IGNORECASE)
EMBED_NOISE = re.compile(
    r"^(?:View this post on Instagram|View (?:more )?on (?:Instagram|TikTok|Twitter|X)|"
    r"pic\.twitter\.com/\w+|Watch on YouTube|Embed from Getty Images|"
    r"(?:YouTube video|Instagram post|X post|TikTok video):\s+\S+)\s*$",
    re.IGNORECASE,
)

# A run of reader comments follows a paragraph that introduces them.
COMMENT_INTRO = re.compile(
    r"\b(?:fans?|followers?|commenters?|users?|readers?|viewers?|social media|comments?(?: section)?|"
    r"reacted|reactions?|responded|replies|flooded|wrote in)\b",
    re.IGNORECASE,
)
COMMENT_OPENERS = frozenset(
    "i i'm i’m im you you're you’re your yours we my so this that omg wow love loved thank thanks "
    "what how such beautiful amazing congrats congratulations yes no lol lmao girl ugh please why "
    "just stunning gorgeous absolutely hope awesome great god bless aww awww yay ok okay oh "
    "honestly seriously gross sad shame disgusting".split()
)
ADDRESSES_READER = re.compile(r"\b(?:you|your|u|ur)\b|!|[\u2600-\u27bf\U0001F300-\U0001FAFF]", re.IGNORECASE)
HEADING_END = re.compile(r"[.!?:;,\"\u201d\u2019)\u2026]$")


def parse_date(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD from a dateline match, or None if it names no real day."""
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:4], MONTHS.get(month_text[:3], 0))
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def find_dateline(line: str) -> str | None:
    """The publication date a dateline line states, if it is one."""
    line = line.strip()
    if len(line) > 60:
        return None
    match = DATELINE.match(line) or ISO_DATELINE.match(line)
    return parse_date(match) if match else None


def residue_embed(line: str, start: int) -> Embed | None:
    """The social embed a leftover line describes, if any."""
    stripped = line.strip()
    offset = start + (len(line) - len(line.lstrip()))
    end = offset + len(stripped)
    m = INSTAGRAM_RESIDUE.match(stripped)
    if m:
        return Embed("instagram", m.group("handle").rstrip("."), (m.group("author") or "").strip(), "", offset, end)
    m = TWEET_RESIDUE.match(stripped)
    if m and len(stripped) < 400:
        return Embed("twitter", m.group("handle"), m.group("author").strip(), "", offset, end)
    m = TIKTOK_RESIDUE.search(stripped)
    if m:
        return Embed("tiktok", m.group("handle").rstrip("."), "", "", offset, end)
    return None


def is_heading(line: str) -> bool:
    """A short line with no closing punctuation and no quote marks reads as a heading."""
    words = line.split()
    if not words or len(words) > 14 or HEADING_END.search(line):
        return False
    if any(ch in line for ch in "\"\u201c\u201d"):
        return False
    return line[0].isupper() or line[0].isdigit()


#: The longest paragraph read as one reader's comment: a post's length. Longer paragraphs in a
#: reader's voice ("So, will he end up leaving? It is definitely a possibility. However, ...") are
#: the article's own.
COMMENT_MAX_CHARS = 280


def looks_like_comment(line: str) -> bool:
    """A paragraph in a reader's voice: short, no quote marks, opens like a reply, addresses or exclaims."""
    if any(ch in line for ch in "\"\u201c\u201d") or line[:1] in "'\u2018\u2019" or len(line) > COMMENT_MAX_CHARS:
        return False  # "'She is so alone!' the source added." opens with a quote mark, not an emoji
    first = re.match(r"[\w'’]+", line)
    if first is None:
        return not line[:1].isalnum()  # opens with an emoji or symbol
    if first.group(0).lower() not in COMMENT_OPENERS:
        return False
    return bool(ADDRESSES_READER.search(line))


def split_lines(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every non-blank line, without its surrounding spaces."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            yield start, start + len(stripped)
        pos += len(line) + 1


def normalise_text(text: str) -> str:
    """Unix newlines (also for U+2028, U+2029 and NEL), no NUL or other controls but tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    return text.lstrip("\ufeff")


def document_from_text(
    text: str, *, source: str = "", title: str | None = None, published: str | None = None,
    embeds: Iterable[Embed] = (), warnings: Iterable[str] = (),
) -> Document:
    """Split plain text into blocks; the first line is the headline unless a title is given."""
    text = normalise_text(text)
    blocks: list[Block] = []
    found_embeds = list(embeds)
    lines = list(split_lines(text))
    in_comments = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if index == 0 and title is None:
            blocks.append(Block("headline", start, end))
            continue
        if index <= 3 and published is None and (day := find_dateline(line)):
            published = day
            blocks.append(Block("dateline", start, end))
            continue
        embed = residue_embed(line, start)
        if embed is not None:
            if not any(e.handle.lower() == embed.handle.lower() and e.platform == embed.platform
                       for e in found_embeds):
                found_embeds.append(embed)
            blocks.append(Block("social_embed", start, end))
            continue
        if EMBED_NOISE.match(line):
            blocks.append(Block("social_embed", start, end))
            continue
        previous = blocks[-1] if blocks else None
        if looks_like_comment(line) and (
            in_comments or (previous is not None and previous.kind == "paragraph"
                            and COMMENT_INTRO.search(text[previous.start:previous.end]))
        ):
            in_comments = True
            blocks.append(Block("comment", start, end))
            continue
        in_comments = False
        blocks.append(Block("heading" if is_heading(line) else "paragraph", start, end))
    if title is None:
        title = text[blocks[0].start:blocks[0].end] if blocks and blocks[0].kind == "headline" else ""
    return Document(
        id=document_id(text), text=text, source=source, title=title.strip(), published=published,
        blocks=tuple(blocks), warnings=tuple(warnings), embeds=tuple(found_embeds),
    )
