"""A readable plain-text report of one analysis."""
from __future__ import annotations

import textwrap

from typing import TYPE_CHECKING

from .extract.sentences import document_sentences
from .model import Analysis, PairVerdict, Span

if TYPE_CHECKING:
    from .corpus import Answer
    from .corpus.people import PersonCount, Profile
    from .corpus.timeline import Report


def _name(analysis: Analysis, pid: str | None) -> str:
    person = analysis.person(pid)
    return person.name if person else "(unattributed)"


def render_text(analysis: Analysis, *, explain: bool = False) -> str:
    """The analysis as a few readable sections; `explain` adds each claim's rule and words."""
    doc = analysis.document
    lines = [doc.title or "(untitled)"]
    meta = [m for m in (doc.published, doc.source) if m]
    if meta:
        lines.append("  " + " | ".join(meta))
    for warning in doc.warnings:
        lines.append(f"  warning: {warning}")
    lines.append("")
    lines.append(f"People ({len(analysis.people)})")
    for p in analysis.people:
        extra = []
        if p.aliases:
            extra.append("also " + ", ".join(p.aliases))
        if p.handles:
            extra.append(", ".join("@" + h for h in p.handles))
        count = f"{len(p.mentions)} mentions"
        lines.append(f"  {p.id:4} {p.name}" + (f"  ({'; '.join(extra)})" if extra else "") + f"  [{count}]")
    lines.append("")
    lines.append(f"Quotes ({len(analysis.quotes)})")
    for q in analysis.quotes:
        where = f" to {q.outlet}" if q.outlet else ""
        how = " (partial quote)" if q.kind == "partial" else f" ({len(q.parts)} pieces)" if q.parts else ""
        lines.append(f"  {_name(analysis, q.speaker)}{where} [{q.start}:{q.end}]{how}:")
        words = " \u2026 ".join(f"\u201c{p.slice(analysis.document.text).rstrip(', ')}\u201d" for p in q.parts) \
            if q.parts else f"\u201c{q.text}\u201d"
        lines.extend(textwrap.wrap(words, 88, initial_indent="    ", subsequent_indent="    "))
    if analysis.social_posts:
        lines.append("")
        lines.append(f"Social posts ({len(analysis.social_posts)})")
        for s in analysis.social_posts:
            who = _name(analysis, s.person) if s.person else "(unknown account)"
            lines.append(f"  {s.platform:9} @{s.handle}  {who}")
    if analysis.comments:
        lines.append("")
        lines.append(f"Reader comments ({len(analysis.comments)})")
        for c in analysis.comments:
            target = f" to {_name(analysis, c.target)}" if c.target else ""
            lines.append(f"  {c.polarity:8} {c.score:+.2f}{target}: " + textwrap.shorten(c.text, 70))
    for title, records in (("Relations", analysis.relations), ("Stances", analysis.stances),
                           ("Verdicts", analysis.pairs)):
        if records:
            lines.append("")
            lines.append(f"{title} ({len(records)})")
            for r in records:
                lines.append("  " + _describe(analysis, r))
                if explain and not isinstance(r, PairVerdict):
                    lines.extend(_explain(analysis, r.rule, r.evidence))  # type: ignore[union-attr]
    if explain and analysis.evidence:
        lines.append("")
        lines.append(f"Pair evidence ({len(analysis.evidence)})")
        for e in analysis.evidence:
            lines.append(f"  {_name(analysis, e.a)} & {_name(analysis, e.b)}: {e.kind} {e.score:+.2f} {e.note}")
            lines.extend(_explain(analysis, e.rule, (e.span,)))
    return "\n".join(lines) + "\n"


def _explain(analysis: Analysis, rule: str, spans: tuple[Span, ...]) -> list[str]:
    """Indented lines naming the rule and showing each evidence span in its sentence, marked [[ ]]."""
    text = analysis.document.text
    sentences = document_sentences(analysis.document)
    out = [f"      rule: {rule or '(unnamed)'}"]
    for span in spans[:3]:
        s, e = next(((a, b) for a, b in sentences if a <= span.start < b), (span.start, span.end))
        s, e = min(s, span.start), max(e, span.end)
        marked = text[s:span.start] + "[[" + text[span.start:span.end] + "]]" + text[span.end:e]
        words = " ".join(marked.split())
        out.extend(textwrap.wrap(f"[{span.start}:{span.end}] {words}", 96,
                                 initial_indent="      ", subsequent_indent="        "))
    return out


def _describe(analysis: Analysis, record: object) -> str:
    d = record.to_dict()  # type: ignore[attr-defined]
    if "type" in d:
        return f"{_name(analysis, d['subject'])} -{d['type']}-> {_name(analysis, d['object'])} ({d['status']})"
    if "polarity" in d:
        return f"{_name(analysis, d['source'])} -> {_name(analysis, d['target'])}: {d['polarity']}"
    return f"{_name(analysis, d['a'])} & {_name(analysis, d['b'])}: {d['verdict']} ({d['confidence']:.2f})"


def render_answer(answer: "Answer") -> str:
    """A verdict on a pair: now, over time, the reports that disagree, then every report in its
    sentence with article and offsets, newest first."""
    head = f"{answer.a} and {answer.b}: {answer.verdict}"
    if answer.verdict != "unknown":
        head += f" (confidence {answer.confidence:.2f})"
    if answer.as_of:
        head += f" as of {answer.as_of}"
    lines = [head]
    if answer.resolved and tuple(answer.resolved) != (answer.a, answer.b):
        lines.append(f"  taken as {answer.resolved[0]} and {answer.resolved[1]}")
    lines.extend(f"  note: {note}" for note in answer.notes)
    lines.append(f"  named together in {answer.found_in} of {answer.articles} article(s)")
    if answer.timeline:
        lines.append("  over time: " + " -> ".join(f"{p.label}: {p.verdict}" for p in answer.timeline))
        for p in answer.timeline:
            why = f" ({', '.join(p.reasons)})" if p.reasons else ""
            lines.append(f"    {p.label}: {p.verdict}{why}, {p.reports} report(s) in {p.articles} article(s)")
    for conflict in answer.conflicts:
        lines.append(f"  reports that disagree in {conflict.period}:")
        for side, reports in (("good", conflict.good), ("bad", conflict.bad)):
            for r in reports:
                lines.append(f"    {side:4} {_placed(r)}")
    if not answer.items:
        lines.append("  no evidence either way")
    elif len(answer.items) < answer.reports:
        lines.append(f"  evidence, newest {len(answer.items)} of {answer.reports}:")
    else:
        lines.append("  evidence, newest first:")
    strongest_first = sorted(answer.items, key=lambda i: (-abs(i.score), i.source, i.start))
    for item in sorted(strongest_first, key=lambda i: i.published or "", reverse=True):
        sign = "+" if item.score > 0 else "-" if item.score < 0 else " "
        lines.append(f"  {sign} [{item.kind}] {_placed(item)}")
        lines.extend(textwrap.wrap(item.sentence, 88, initial_indent="      ", subsequent_indent="      "))
    return "\n".join(lines)


def _placed(report: "Report") -> str:
    """'2024-03-01 a.txt [120:128] feud (outlet: Daily Wire)': when, where, what."""
    outlet = f" (outlet: {report.outlet})" if report.outlet else ""
    return f"{report.published or 'undated'} {report.source or report.article_id} [{report.start}:{report.end}] " \
           f"{report.note}{outlet}"


def render_profile(profile: "Profile") -> str:
    """One person across a store: names, relations, stances, quotes by and about, articles, why."""
    lines = [f"{profile.name}: named in {profile.articles} article(s)"]
    lines.extend(f"  note: {note}" for note in profile.notes)
    names = [f"{n.name} ({n.count})" for n in profile.names if n.kind != "handle"]
    if names:
        lines.append("  names: " + ", ".join(names))
    if profile.handles:
        lines.append("  handles: " + ", ".join(profile.handles))
    if profile.relations:
        lines.append("  relations:")
        for r in profile.relations:
            how = f"{r.type} of {r.other}" if r.role == "subject" else f"{r.other} is their {r.type}"
            when = f", {r.first} to {r.last}" if r.first and r.first != r.last else f", {r.first}" if r.first else ""
            lines.append(f"    {how}: {r.status} ({r.articles} article(s){when})")
    if profile.stances:
        lines.append("  stances:")
        for s in profile.stances:
            arrow = f"to {s.other}" if s.direction == "to" else f"from {s.other}"
            counts = f"{s.positive} positive, {s.negative} negative" + (
                f", {s.other_polarities} other" if s.other_polarities else "")
            lines.append(f"    {arrow}: {counts}; latest {s.latest} ({s.latest_published or 'undated'})")
    for title, quotes, total in (("quotes by them", profile.quotes_by, profile.quotes_by_count),
                                 ("quotes about them", profile.quotes_about, len(profile.quotes_about))):
        if quotes:
            lines.append(f"  {title} (newest {len(quotes)} of {total}):" if total > len(quotes)
                         else f"  {title}:")
            for q in quotes:
                said = [] if title == "quotes by them" else [q.speaker or "(unattributed)"]
                said += [f"to {q.outlet}"] if q.outlet else []
                lines.append(f"    {q.published or 'undated'} {q.source} [{q.start}:{q.end}] {', '.join(said)}".rstrip())
                lines.extend(textwrap.wrap(f"\u201c{q.text}\u201d", 88, initial_indent="      ",
                                           subsequent_indent="      "))
    lines.append(f"  articles (newest {len(profile.newest)} of {profile.articles}):")
    for a in profile.newest:
        lines.append(f"    {a.published or 'undated'} {a.source} {a.title!r}" + (f" as {a.name!r}" if a.name != profile.name else ""))
    if profile.why:
        lines.append("  why these are one person:")
        for w in profile.why:
            lines.append(f"    {w.name!r} in {w.articles} article(s): {w.link}")
    return "\n".join(lines)


def render_people(people: "list[PersonCount]") -> str:
    """Who the store is about: one line a person, most articles first."""
    width = max((len(f"{p.articles:,}") for p in people), default=1)
    lines = []
    for rank, p in enumerate(people, 1):
        also = f"  (also {', '.join(p.also)})" if p.also else ""
        lines.append(f"{rank:>4}. {p.articles:>{width},} article(s)  {p.name}{also}")
    return "\n".join(lines)
