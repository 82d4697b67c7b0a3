"""Social posts: embeds and cited posts, each tied to the person whose account it is."""
from __future__ import annotations

import re

from ..model import Document, Person, SocialPost
from .lexicon import CITED_HANDLE



def find_social_posts(doc: Document, people: list[Person]) -> list[SocialPost]:
    """Every embed, and every 'Name (@handle)' citation in the body, once per handle."""
    owner = {h.lower(): p.id for p in people for h in p.handles}
    posts: list[SocialPost] = []
    seen: set[str] = set()
    for embed in doc.embeds:
        key = embed.handle.lower()
        if not key or key in seen:
            continue
        seen.add(key)
        posts.append(SocialPost(embed.platform, embed.handle, owner.get(key), embed.start, embed.end, embed.url))
    for block in doc.blocks_of("paragraph", "blockquote"):
        for m in CITED_HANDLE.finditer(doc.text, block.start, block.end):
            key = m.group("handle").lower().rstrip(".")
            if key in seen:
                continue
            seen.add(key)
            person = owner.get(key) or _person_named(people, m.group("name"))
            posts.append(SocialPost(_platform_near(doc.text, m.start(), block.start), key, person, m.start(), m.end()))
    return posts


def _person_named(people: list[Person], name: str) -> str | None:
    low = name.lower()
    for person in people:
        if low == person.name.lower() or low in (a.lower() for a in person.aliases):
            return person.id
    return None


def _platform_near(text: str, position: int, floor: int) -> str:
    """The platform named nearest before position (anywhere earlier), else just after it."""
    pattern = re.compile(r"\b(Instagram|Twitter|TikTok|Facebook|YouTube|Threads)\b")
    before = list(pattern.finditer(text, 0, position))
    if before:
        return before[-1].group(1).lower()
    after = pattern.search(text, position, position + 300)
    return after.group(1).lower() if after else "unknown"
