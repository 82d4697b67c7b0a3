"""HTML -> Document: trafilatura for the article text, selectolax (lexbor) for embeds and metadata."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import EmptyInput
from ..model import Document, Embed
from .text import document_from_text, find_dateline, normalise_text

# lexbor spends time quadratic in the depth of nested block containers, and lxml (inside
# trafilatura) gives up past ~256 levels, so hostile nesting is flattened before parsing.
MAX_NESTING = 100
_CONTAINERS = frozenset(
    "div section article aside blockquote ul ol dl nav header footer main figure table form "
    "fieldset details center".split()
    # inline formatting nests as deep on hostile pages; past the limit only its styling is lost
    + "span font b i u em strong small big sub sup s strike tt code abbr cite q mark del ins label".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_START_TAG = re.compile(r"<(?:%s)\b" % "|".join(_CONTAINERS), re.IGNORECASE)

# Never text: removed before any extraction, so their content cannot leak into the article.
# Menus go too: on a page with no article, trafilatura's recall mode returns the menu.
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "math", "object", "embed",
               "canvas", "iframe", "frame", "frameset", "textarea", "select", "button", "head", "nav"]
# Boilerplate the fallback also drops; not <form>, which wraps whole pages on some sites.
_FALLBACK_SKIP = ["footer", "aside"]
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li blockquote pre td th dd dt tr section article header main figure "
    "figcaption ul ol dl table address hr br details summary center".split()
)
# trafilatura's baseline fallback returns a whole <article> as one line; known paragraphs
# re-split it. Capped, since each one is searched for in each merged line.
MAX_KNOWN = 1000
_MARK = "\ue000"  # a private-use character cannot occur in real text, so it can mark block edges
_WRAPPERS = frozenset({"div", "figure", "span", "p", "center", "section", "aside", "font"})

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_TWEET_DATE = re.compile(rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}")
_TWEET_CREDIT = re.compile(r"[\u2014\u2013-]+\s*(?P<author>[^()@]{0,80}?)\s*\(@(?P<handle>\w{1,30})\)")
_TWEET_URL = re.compile(r"^/(?P<handle>\w{1,30})/status(?:es)?/(?P<id>\d+)")
_INSTAGRAM_CREDIT = re.compile(
    r"(?:post|video|photo|reel) shared by\s*(?:(?P<author>[^()@]+?)\s*)?\(?@(?P<handle>[\w.]+)\)?",
    re.IGNORECASE,
)
_INSTAGRAM_NOT_PROFILE = frozenset({"p", "reel", "reels", "tv", "stories", "explore", "accounts"})
_TIKTOK_URL = re.compile(r"^/@(?P<handle>[\w.]+)(?:/video/(?P<id>\d+))?")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com",
                            "youtube-nocookie.com", "www.youtube-nocookie.com"})
_YOUTUBE_PATH = re.compile(r"^/embed/(?P<id>[\w-]{6,64})$")
_ISO_DAY = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_DATE_META = ("article:published_time", "datepublished", "og:published_time", "published_time",
              "publishdate", "pubdate", "dc.date.issued", "parsely-pub-date", "sailthru.date", "date")


@dataclass(frozen=True)
class _Found:
    """An embed read from the markup and the lines it leaves in the text (residue last)."""

    embed: Embed
    lines: tuple[str, ...]


def document_from_html(
    html: str, *, source: str = "", warnings: list[str] | tuple[str, ...] = ()
) -> Document:
    """Extract an article's title, date, paragraphs and social embeds from HTML."""
    notes = list(warnings)
    where = f"{source}: " if source else ""
    html, flattened = _flatten_deep(normalise_text(html))
    if flattened:
        notes.append(f"{where}ignored {flattened} block tag(s) nested deeper than {MAX_NESTING}")
    tree = LexborHTMLParser(html)
    title, meta_date = _trafilatura_metadata(html)
    published = _published(tree) or meta_date
    title = title or _markup_title(tree)
    h1 = tree.css_first("h1")
    headline = _clean(h1.text()) if h1 is not None else ""

    found = _find_embeds(tree)
    nonce = hashlib.sha256(html.encode("utf-8", "replace")).hexdigest()[:10]
    token = re.compile(rf"gtembed(\d+)z{nonce}")
    for index, (node, _) in enumerate(found):
        # The placeholder is a paragraph of its own, so trafilatura keeps it where the embed stood.
        holder = tree.create_node("p")
        holder.insert_child(f"gtembed{index}z{nonce}")
        node.replace_with(holder)
    finds = [f for _, f in found]
    tree.strip_tags(_NEVER_TEXT, recursive=True)
    order = _reading_order(tree, token)
    items = _place_embeds(_main_paragraphs(tree, token, notes, where), token, order, len(finds))
    first = items[0] if items else None
    if isinstance(first, str) and first.casefold() in {t.casefold() for t in (title, headline) if t}:
        title = first  # trafilatura often keeps the <h1>: it is the headline as shown
        items.pop(0)
    if not items:
        raise EmptyInput("no article text found in the HTML", source=source)
    text, embeds = _assemble(title, items, finds)
    # title=None makes the first line the headline; with no title, no paragraph is mislabelled.
    return document_from_text(
        text, source=source, title=None if title else "", published=published,
        embeds=embeds, warnings=notes,
    )


def _main_paragraphs(tree: LexborHTMLParser, token: re.Pattern[str], notes: list[str], where: str
                     ) -> list[str]:
    """trafilatura's main text, one entry per line, or the visible text when it finds none."""
    extracted: str | None = None
    try:
        extracted = trafilatura.extract(
            tree.html or "", include_comments=False, include_tables=False, favor_recall=True,
            output_format="txt", deduplicate=False,
        )
    except Exception as exc:  # lxml can fail on pathological markup; the fallback still reads it
        notes.append(f"{where}trafilatura failed ({type(exc).__name__}); used the visible text")
    paragraphs = extracted.split("\n") if extracted else []
    if any(token.sub("", p).strip() for p in paragraphs):
        return paragraphs
    if extracted:
        notes.append(f"{where}trafilatura found no main text; used the visible text")
    return _visible_paragraphs(tree)


def _assemble(title: str, items: list[str | int], finds: list[_Found]) -> tuple[str, list[Embed]]:
    """The text, blank-line separated, and each embed pointing at its residue line."""
    lines: list[str] = [title] if title else []
    embeds: list[Embed] = []
    end = len(title)  # where the text built so far ends
    for item in items:
        block = [_clean(line) for line in finds[item].lines] if isinstance(item, int) else [item]
        for line in filter(None, block):
            end += len(line) + (2 if lines else 0)
            lines.append(line)
        if isinstance(item, int):
            embed = finds[item].embed  # its residue is the line just added
            embeds.append(Embed(embed.platform, embed.handle, embed.author, embed.url,
                                end - len(lines[-1]), end))
    return "\n\n".join(lines), embeds


def _clean(text: str) -> str:
    return " ".join(normalise_text(text).split())


def _flatten_deep(html: str) -> tuple[str, int]:
    """Drop block container tags nested deeper than MAX_NESTING, keeping their text."""
    if len(_START_TAG.findall(html)) <= MAX_NESTING:
        return html, 0
    out: list[str] = []
    last = depth = dropped_open = dropped = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() not in _CONTAINERS:
            continue
        if m.group(1):
            if dropped_open:
                dropped_open -= 1
            else:
                depth = max(0, depth - 1)
                continue
        elif depth < MAX_NESTING:
            depth += 1
            continue
        else:
            dropped_open += 1
        out.append(html[last:m.start()])
        out.append(" ")
        last = m.end()
        dropped += 1
    out.append(html[last:])
    return "".join(out), dropped


def _attr(node: LexborNode, name: str) -> str:
    return (node.attributes.get(name) or "").strip()


def _iso_day(value: str) -> str | None:
    """YYYY-MM-DD from an ISO timestamp or a written date, if it names a real day."""
    m = _ISO_DAY.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return find_dateline(value)


def _published(tree: LexborHTMLParser) -> str | None:
    """The publication day from meta tags, JSON-LD or <time datetime>, in that order."""
    metas: dict[str, str] = {}
    for meta in tree.css("meta"):
        key = (_attr(meta, "property") or _attr(meta, "name") or _attr(meta, "itemprop")).lower()
        if key in _DATE_META and key not in metas:
            metas[key] = _attr(meta, "content")
    for key in _DATE_META:
        if key in metas and (day := _iso_day(metas[key])):
            return day
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data: Any = json.loads(script.text())
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:  # iterative: JSON-LD nests @graph lists to any depth
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and (day := _iso_day(value)):
                    return day
                stack.extend(reversed(list(item.values())))
            elif isinstance(item, list):
                stack.extend(reversed(item))
    times = tree.css("time[datetime]")
    preferred = [t for t in times if _attr(t, "itemprop").lower() == "datepublished"
                 or "pubdate" in t.attributes]
    for node in preferred + times:
        if day := _iso_day(_attr(node, "datetime")):
            return day
    return None


def _trafilatura_metadata(html: str) -> tuple[str, str | None]:
    """Title and date as trafilatura reads them; its date search stays in the markup."""
    try:
        meta = trafilatura.extract_metadata(html, extensive=False)
    except Exception:  # metadata is a bonus: a failure here must not lose the article
        return "", None
    title = _clean(meta.title or "") if meta is not None else ""
    day = _iso_day(meta.date) if meta is not None and meta.date else None
    return title, day


def _markup_title(tree: LexborHTMLParser) -> str:
    """The headline from <h1>, og:title or <title>, when trafilatura found none."""
    for selector, attr in (("h1", ""), ('meta[property="og:title"]', "content"), ("title", "")):
        node = tree.css_first(selector)
        if node is not None and (value := _clean(_attr(node, attr) if attr else node.text())):
            return value
    return ""


def _find_embeds(tree: LexborHTMLParser) -> list[tuple[LexborNode, _Found]]:
    """Social embeds in document order, each with the outermost node that holds only it."""
    body = tree.body
    if body is None:
        return []
    found: list[tuple[LexborNode, _Found]] = []
    seen: set[int] = set()
    for node in body.traverse():
        if node.tag not in ("blockquote", "iframe") or _inside(node, seen):
            continue
        classes = set(_attr(node, "class").split())
        result: _Found | None = None
        if node.tag == "iframe":
            result = _youtube(node)
        elif "instagram-media" in classes:
            result = _instagram(node)
        elif classes & {"twitter-tweet", "twitter-video"}:
            result = _twitter(node)
        elif "tiktok-embed" in classes:
            result = _tiktok(node)
        if result is not None:
            seen.add(node.mem_id)
            found.append((_wrapper(node), result))
    return found


def _inside(node: LexborNode, seen: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in seen:
            return True
        parent = parent.parent
    return False


def _wrapper(node: LexborNode) -> LexborNode:
    """Climb through wrappers that hold nothing but the embed: trafilatura drops them by class."""
    while (parent := node.parent) is not None and parent.tag in _WRAPPERS:
        for child in parent.iter(include_text=True, skip_empty=True):
            if child.mem_id == node.mem_id or child.tag in ("script", "noscript", "style"):
                continue
            if child.is_text_node and not (child.text_content or "").strip():
                continue
            return node
        node = parent
    return node


def _url(href: str) -> tuple[str, str, str]:
    """(host, path, canonical URL without query) of an absolute or protocol-relative URL."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return "", "", ""
    if parts.scheme not in ("http", "https", "") or not parts.hostname:
        return "", "", ""
    host = parts.hostname.lower()
    return host, parts.path, f"https://{host}{parts.path}"


def _links(node: LexborNode, *attrs: str) -> list[str]:
    own = [_attr(node, a) for a in attrs if _attr(node, a)]
    return own + [_attr(a, "href") for a in node.css("a[href]")]


def _instagram(node: LexborNode) -> _Found | None:
    url = handle = author = ""
    for href in _links(node, "data-instgrm-permalink", "cite"):
        host, path, canonical = _url(href)
        if host.endswith("instagram.com") and path.strip("/"):
            url = canonical
            first = path.strip("/").split("/")[0]
            if first not in _INSTAGRAM_NOT_PROFILE and re.fullmatch(r"[\w.]+", first):
                handle = first.rstrip(".")
            break
    m = _INSTAGRAM_CREDIT.search(_clean(node.text()))
    if m:
        handle, author = m.group("handle").rstrip("."), _clean(m.group("author") or "")
    if not handle:
        return _Found(Embed("instagram", "", "", url), (f"Instagram post: {url}",)) if url else None
    who = f"{author} (@{handle})" if author else f"@{handle}"
    return _Found(Embed("instagram", handle, author, url), (f"A post shared by {who} on",))


def _twitter(node: LexborNode) -> _Found | None:
    url = handle = author = ""
    for href in _links(node):
        host, path, _ = _url(href)
        m = _TWEET_URL.match(path)
        if host.removeprefix("www.").removeprefix("mobile.") in ("twitter.com", "x.com") and m:
            url = f"https://{host.removeprefix('mobile.')}/{m.group('handle')}/status/{m.group('id')}"
            handle = "" if m.group("handle") == "i" else m.group("handle")
            break
    for br in node.css("br"):
        br.replace_with(" ")  # otherwise the lines of a tweet run together
    said = [_clean(p.text()) for p in node.css("p")]
    credit = _clean(node.text())
    for part in said:
        credit = credit.replace(part, " ", 1)
    said = [s for s in (re.sub(r"\s*\bpic\.twitter\.com/\w+", "", p).strip() for p in said) if s]
    m = _TWEET_CREDIT.search(credit)
    if m:
        handle, author = m.group("handle"), _clean(m.group("author"))
    if not handle:
        return _Found(Embed("twitter", "", "", url), (*said, f"X post: {url}")) if url else None
    day = _TWEET_DATE.search(credit[m.end():] if m else credit)
    residue = f"\u2014 {author or handle} (@{handle})" + (f" {day.group(0)}" if day else "")
    return _Found(Embed("twitter", handle, author, url), (*said, residue))


def _tiktok(node: LexborNode) -> _Found | None:
    url = handle = ""
    for href in _links(node, "cite"):
        host, path, canonical = _url(href)
        m = _TIKTOK_URL.match(path)
        if host.endswith("tiktok.com") and m:
            url, handle = canonical, m.group("handle").rstrip(".")
            break
    handle = handle or _attr(node, "data-unique-id").lstrip("@").rstrip(".")
    if not re.fullmatch(r"[\w.]+", handle):
        return _Found(Embed("tiktok", "", "", url), (f"TikTok video: {url}",)) if url else None
    url = url or f"https://www.tiktok.com/@{handle}"
    return _Found(Embed("tiktok", handle, "", url), (f"\u266c original sound - {handle}",))


def _youtube(node: LexborNode) -> _Found | None:
    host, path, _ = _url(_attr(node, "src") or _attr(node, "data-src"))
    m = _YOUTUBE_PATH.match(path)
    if host not in _YOUTUBE_HOSTS or m is None or m.group("id") == "videoseries":
        return None
    url = f"https://www.youtube.com/watch?v={m.group('id')}"
    return _Found(Embed("youtube", "", "", url), (f"YouTube video: {url}",))


def _reading_order(tree: LexborHTMLParser, token: re.Pattern[str]) -> list[str | int]:
    """Paragraph texts and embed numbers in document order, to place embeds trafilatura dropped."""
    body = tree.body
    order: list[str | int] = []
    for node in body.traverse() if body is not None else ():
        if node.tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "td"):
            text = _node_text(node)
            m = token.fullmatch(text)
            order.append(int(m.group(1)) if m else text)
    return order


def _node_text(node: LexborNode) -> str:
    """Visible text with <br> as a space, as trafilatura renders it inside a paragraph."""
    parts = [" " if n.tag == "br" else n.text_content or "" if n.is_text_node else ""
             for n in node.traverse(include_text=True)]
    return _clean("".join(parts))


def _visible_paragraphs(tree: LexborHTMLParser) -> list[str]:
    """The visible text of <body>, one entry per block element."""
    body = tree.body
    if body is None:
        return []
    body.strip_tags(_FALLBACK_SKIP, recursive=True)
    blocks = [n for n in body.traverse() if n.tag in _BLOCKS]
    for node in blocks:
        node.insert_before(_MARK)
        node.insert_after(_MARK)
    return body.text().split(_MARK)


def _place_embeds(
    paragraphs: Iterable[str], token: re.Pattern[str], order: list[str | int], count: int
) -> list[str | int]:
    """Clean paragraphs with embed numbers where their placeholders were or belong."""
    known = [p for p in order if isinstance(p, str) and len(p) >= 20][:MAX_KNOWN]
    exact = set(known)
    items: list[str | int] = []
    for paragraph in paragraphs:
        for index, piece in enumerate(token.split(paragraph)):
            if index % 2:  # split() puts the captured embed number at odd positions
                if int(piece) < count and int(piece) not in items:
                    items.append(int(piece))
            elif cleaned := _clean(piece):
                items.extend([cleaned] if cleaned in exact else _split_known(cleaned, known))
    for embed in range(count):
        if embed in items:
            continue
        at = len(items)  # nothing before it can be located: it goes at the end
        before = order[:order.index(embed)] if embed in order else []
        for prior in reversed(before):
            spot = _locate(items, prior)
            if spot is not None:
                at = spot + 1
                break
        items.insert(at, embed)
    return items


def _split_known(text: str, known: list[str]) -> list[str]:
    """Cut text where known paragraphs begin and end, at word boundaries."""
    cuts: set[int] = set()
    for paragraph in known:
        at = text.find(paragraph) if len(paragraph) < len(text) else -1
        end = at + len(paragraph)
        if at >= 0 and text[at - 1:at] in ("", " ") and text[end:end + 1] in ("", " "):
            cuts.update((at, end))
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
    return [piece for a, b in zip(bounds, bounds[1:]) if (piece := text[a:b].strip())]


def _locate(items: list[str | int], prior: str | int) -> int | None:
    """Where an earlier paragraph or embed ended up in the extracted text, if anywhere."""
    if isinstance(prior, int):
        return items.index(prior) if prior in items else None
    if not prior:
        return None
    for index, item in enumerate(items):
        # trafilatura may split a paragraph at <br>, so its last piece ends the same way
        if isinstance(item, str) and (item == prior or len(item) >= 20 and prior.endswith(item)):
            return index
    return None
