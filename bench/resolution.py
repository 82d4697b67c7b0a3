#!/usr/bin/env python3
"""People across articles, measured: B-cubed resolution and verdict accuracy on a synthetic
corpus with known truth, and a listing of the merges on real articles for a hand check.

    python bench/resolution.py --articles 400 --seed 7 --min-f1 0.95 --min-accuracy 0.90
    python bench/resolution.py --corpus build/synthetic          # a corpus bench/synthetic.py wrote
    python bench/resolution.py --celebrity ../shared/corpus/celebrity --sample 30 --seed 1

Synthetic: every article is analysed (goodterms.pipeline.analyze_many), its people turned into
facts (goodterms.corpus.resolve.facts_of) and resolved across articles. Each person row the engine
found is mapped to its true person through the name forms the generator wrote (rows naming no
true person, such as an outlet taken for a person, are counted and left out). B-cubed precision
and recall are the mean, over rows, of the share of a row's entity that is its true person and
of its true person that is in its entity.

Verdicts: for every pair an article reported on, the two true people are looked up as the
entities holding most of their rows; every article where both entities have a member gives its
placed reports (corpus.ask.reports_of), and corpus.timeline.summarize gives the verdict now,
compared with the true verdict as of the last article on the pair. Pairs are counted as right
when the verdicts are equal.

Celebrity: the number of rows and entities, the 20 entities with most articles and their merged
name forms, and a seeded sample of merges (members not linked by their own full name) with the
reason each was linked, for a person to check by hand.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goodterms.corpus.ask import reports_of  # noqa: E402
from goodterms.corpus.resolve import PersonEntity, PersonFacts, facts_of, resolve  # noqa: E402
from goodterms.corpus.timeline import summarize  # noqa: E402
from goodterms.ingest import document_from_text, read_path  # noqa: E402
from goodterms.model import Analysis, Document  # noqa: E402
from goodterms.pipeline import Rejected, analyze_many  # noqa: E402

import synthetic  # noqa: E402


def synthetic_documents(records: Iterable[dict[str, object]]) -> Iterator[Document]:
    """Documents of JSONL records, each keeping the record's id as its source."""
    for record in records:
        yield document_from_text(str(record["text"]), source=str(record["id"]), published=str(record["published"]))


def analyse(docs: Iterable[Document]) -> tuple[list[Analysis], int]:
    """Every analysis, and how many documents were rejected."""
    analyses, rejected, seen = [], 0, set()
    for item in analyze_many(docs):
        if isinstance(item, Rejected):
            rejected += 1
            print(f"rejected: {item.source}: {item.message}", file=sys.stderr)
        elif item.document.id not in seen:  # one article under two file names is one article, as in a store
            seen.add(item.document.id)
            analyses.append(item)
    return analyses, rejected


def truth_of_row(row: PersonFacts, forms: dict[str, str]) -> str | None:
    """The true person a row stands for: its name, else an alias or a handle the generator wrote."""
    if row.name in forms:
        return forms[row.name]
    found = {forms[a] for a in row.aliases if a in forms} | {forms["@" + h] for h in row.handles if "@" + h in forms}
    return found.pop() if len(found) == 1 else None


def b_cubed(clusters: dict[int, str], truth: dict[int, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `clusters` (row -> entity) against `truth` (row -> person)."""
    by_cluster: dict[str, list[int]] = defaultdict(list)
    by_truth: dict[str, list[int]] = defaultdict(list)
    for row, cluster in clusters.items():
        by_cluster[cluster].append(row)
        by_truth[truth[row]].append(row)
    pair_counts = Counter((clusters[r], truth[r]) for r in clusters)
    precision = sum(pair_counts[(clusters[r], truth[r])] / len(by_cluster[clusters[r]]) for r in clusters)
    recall = sum(pair_counts[(clusters[r], truth[r])] / len(by_truth[truth[r]]) for r in clusters)
    n = len(clusters) or 1
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def entity_ids(entities: list[PersonEntity]) -> dict[tuple[str, str], int]:
    """(article, local) -> the number of its entity."""
    return {(m.article, m.local): n for n, e in enumerate(entities) for m in e.members}


def measure_synthetic(records: list[dict[str, object]], truth: dict[str, object], *, show: int,
                      store: bool = False) -> dict[str, object]:
    """B-cubed of resolution and verdict accuracy on one synthetic corpus."""
    started = time.perf_counter()
    analyses, rejected = analyse(synthetic_documents(records))
    analysed = time.perf_counter()
    facts = [f for a in analyses for f in facts_of(a)]
    by_source = {a.document.id: a for a in analyses}
    source_of = {a.document.id: a.document.source for a in analyses}
    articles_truth: dict[str, dict[str, object]] = truth["articles"]  # type: ignore[assignment]
    entities = resolve(facts)
    resolved = time.perf_counter()
    where = entity_ids(entities)
    rows: dict[int, str] = {}
    clusters: dict[int, str] = {}
    unmapped = 0
    row_keys: list[tuple[str, str]] = []
    for n, row in enumerate(facts):
        forms: dict[str, str] = articles_truth[source_of[row.article]]["forms"]  # type: ignore[assignment]
        person = truth_of_row(row, forms)
        row_keys.append((row.article, row.local))
        if person is None:
            unmapped += 1
            continue
        rows[n] = person
        clusters[n] = str(where[(row.article, row.local)])
    precision, recall, f1 = b_cubed(clusters, rows)
    accuracy, judged, wrong = verdict_accuracy(truth, entities, rows, clusters, row_keys, by_source)
    out: dict[str, object] = {
        "articles": len(records), "rejected": rejected, "rows": len(facts), "scored_rows": len(rows),
        "unmapped_rows": unmapped, "true_people": len(set(rows.values())), "entities": len(set(clusters.values())),
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "verdict_pairs": judged, "verdict_accuracy": round(accuracy, 4),
        "analyse_seconds": round(analysed - started, 1), "resolve_seconds": round(resolved - analysed, 2),
    }
    if store:
        accuracy_store, judged_store = store_verdict_accuracy(analyses, truth, show=show)
        out.update({"store_verdict_pairs": judged_store, "store_verdict_accuracy": round(accuracy_store, 4)})
    if show:
        _show_errors(entities, facts, rows, clusters, show)
        for line in wrong[:show]:
            print("verdict wrong:", line)
    return out


def verdict_accuracy(truth: dict[str, object], entities: list[PersonEntity], rows: dict[int, str],
                     clusters: dict[int, str], row_keys: list[tuple[str, str]],
                     by_article: dict[str, Analysis]) -> tuple[float, int, list[str]]:
    """The share of reported pairs whose verdict now matches the truth as of their last article."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for n, person in rows.items():
        votes[person][clusters[n]] += 1
    entity_of = {person: counts.most_common(1)[0][0] for person, counts in votes.items()}
    right = judged = 0
    wrong = []
    for pair in truth["pairs"]:  # type: ignore[attr-defined]
        a, b = entity_of.get(pair["a"]), entity_of.get(pair["b"])
        if a is None or b is None or a == b:
            judged += 1
            wrong.append(f"{pair['a']} {pair['b']}: not resolved apart")
            continue
        ea, eb = entities[int(a)], entities[int(b)]
        locals_a = {m.article: m.local for m in ea.members}
        reports = []
        for m in eb.members:
            if m.article in locals_a:
                analysis = by_article[m.article]
                pa, pb = analysis.person(locals_a[m.article]), analysis.person(m.local)
                if pa is not None and pb is not None:
                    reports.extend(reports_of(analysis, pa, pb))
        verdict = summarize(reports).verdict
        judged += 1
        if verdict == pair["latest"]:
            right += 1
        else:
            wrong.append(f"{ea.name} / {eb.name} ({pair['kind']}): said {verdict}, truth {pair['latest']} "
                         f"({len(reports)} reports)")
    return (right / judged if judged else 0.0), judged, wrong


def store_verdict_accuracy(analyses: list[Analysis], truth: dict[str, object], *, show: int) -> tuple[float, int]:
    """`ask` from a store, as a user asks it: the analyses saved into a new SQLite store, its people
    resolved (store.resolving.resolve_store), then for each reported pair `ask_store` with the two
    people's names as of the pair's last article; the share of verdicts equal to the truth."""
    import datetime as dt
    import tempfile

    from goodterms.corpus.stored_ask import ask_store
    from goodterms.store import Store
    from goodterms.store.resolving import resolve_store

    people = {p["id"]: p for p in truth["people"]}  # type: ignore[attr-defined]
    last_day: dict[tuple[str, ...], str] = {}
    by_id = {a.document.source: a.document.published or "" for a in analyses}
    for art_id, art in truth["articles"].items():  # type: ignore[attr-defined]
        pair = tuple(art["pair"])
        last_day[pair] = max(last_day.get(pair, ""), by_id.get(art_id, ""))

    def name_on(pid: str, day: str) -> str:
        p = people[pid]
        married = p["married_last"] and p["married_on"] and day >= p["married_on"]
        return f"{p['first']} {p['married_last'] if married else p['last']}"

    right = judged = 0
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(str(Path(folder) / "bench.db")) as store:
            for analysis in analyses:
                store.save(analysis, engine="bench")
            resolve_store(store)
            for pair in truth["pairs"]:  # type: ignore[attr-defined]
                day = last_day.get((pair["a"], pair["b"]), "") or dt.date.max.isoformat()
                a, b = name_on(pair["a"], day), name_on(pair["b"], day)
                verdict = ask_store(store, a, b, limit=0).verdict
                judged += 1
                right += verdict == pair["latest"]
                if verdict != pair["latest"] and show:
                    print(f"store ask wrong: {a} / {b} ({pair['kind']}): said {verdict}, truth {pair['latest']}")
    return (right / judged if judged else 0.0), judged


def _show_errors(entities: list[PersonEntity], facts: list[PersonFacts], rows: dict[int, str],
                 clusters: dict[int, str], limit: int) -> None:
    """The entities holding more than one true person, and the people spread over several entities."""
    mixed: dict[str, Counter[str]] = defaultdict(Counter)
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for n, person in rows.items():
        mixed[clusters[n]][person] += 1
        spread[person][clusters[n]] += 1
    shown = 0
    for cluster, people in sorted(mixed.items(), key=lambda kv: -sum(kv[1].values())):
        if len(people) > 1 and shown < limit:
            shown += 1
            e = entities[int(cluster)]
            wrong = {(facts[n].name, e.members[[m.local for m in e.members].index(facts[n].local)].link
                      if False else "") for n in rows if clusters[n] == cluster and rows[n] != people.most_common(1)[0][0]}
            links = Counter(m.link.split(";")[0] for m in e.members)
            print(f"merged wrongly: {e.name}: {dict(people)}; wrong rows {sorted(n for n, _ in wrong)[:5]}; "
                  f"links {links.most_common(4)}")
    shown = 0
    for person, where in sorted(spread.items(), key=lambda kv: -sum(kv[1].values())):
        if len(where) > 1 and shown < limit:
            shown += 1
            parts = [f"{entities[int(c)].name} x{k}" for c, k in where.most_common(6)]
            print(f"split: {person}: {', '.join(parts)}")


def celebrity(folder: Path, *, sample: int, seed: int, top: int) -> dict[str, object]:
    """People and merges on a folder of real articles, for a hand check."""
    files = sorted(folder.rglob("*.txt"))
    docs = (read_path(f) for f in files)
    analyses, rejected = analyse(docs)
    facts = [f for a in analyses for f in facts_of(a)]
    source = {a.document.id: "/".join(Path(a.document.source).parts[-2:]) for a in analyses}
    entities = resolve(facts)
    print(f"{len(analyses)} articles ({rejected} rejected), {len(facts)} person rows, {len(entities)} entities, "
          f"{sum(1 for e in entities if e.articles > 1)} in more than one article")
    print(f"\nThe {top} people in most articles, with their name forms:")
    for e in entities[:top]:
        forms = [f"{n.name} ({n.count})" for n in e.names if n.kind in ("name", "handle")]
        print(f"  {e.articles:3d}  {e.name}: {', '.join(forms[:12])}")
    merges = [(e, m) for e in entities for m in e.members
              if m.link not in ("same full name", "same single name")]
    rng = random.Random(seed)
    picked = rng.sample(merges, min(sample, len(merges)))
    print(f"\n{len(merges)} members linked by more than their own full name; {len(picked)} of them (seed {seed}):")
    for n, (e, m) in enumerate(sorted(picked, key=lambda em: (em[0].name, em[1].name)), start=1):
        print(f"  {n:2d}. {m.name!r} in {source[m.article]} -> {e.name}: {m.link}")
    return {"articles": len(analyses), "rejected": rejected, "rows": len(facts), "entities": len(entities),
            "merges": len(merges),
            "top": [{"name": e.name, "articles": e.articles, "forms": [n.name for n in e.names if n.kind == "name"]}
                    for e in entities[:top]],
            "sample": [{"name": m.name, "article": source[m.article], "entity": e.name, "link": m.link}
                       for e, m in picked]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles to generate (default 300)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed, and the celebrity sample's")
    ap.add_argument("--corpus", type=Path, help="a folder with articles.jsonl and truth.json (bench/synthetic.py)")
    ap.add_argument("--celebrity", type=Path, metavar="DIR", help="list people and merges of real .txt articles")
    ap.add_argument("--sample", type=int, default=30, help="merges to list in --celebrity mode")
    ap.add_argument("--top", type=int, default=20, help="most frequent people to list in --celebrity mode")
    ap.add_argument("--store", action="store_true",
                    help="also ask from a SQLite store (goodterms ask's way) and report that accuracy")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N wrong merges, splits and verdicts")
    ap.add_argument("--min-f1", type=float, help="fail (exit 1) below this B-cubed F1")
    ap.add_argument("--min-accuracy", type=float, help="fail (exit 1) below this verdict accuracy")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    if args.celebrity:
        if not args.celebrity.is_dir():
            print(f"resolution.py: {args.celebrity}: no such folder", file=sys.stderr)
            return 2
        figures = celebrity(args.celebrity, sample=args.sample, seed=args.seed, top=args.top)
        failed = False
    else:
        if args.corpus:
            records = [json.loads(line) for line in (args.corpus / "articles.jsonl").open(encoding="utf-8")]
            truth = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))
        else:
            records, truth = synthetic.generate(args.articles, args.seed)
        figures = measure_synthetic(records, truth, show=args.show, store=args.store)
        print(f"synthetic corpus: {figures['articles']} articles, {figures['true_people']} true people, "
              f"{figures['rows']} person rows ({figures['unmapped_rows']} name no true person), "
              f"{figures['entities']} entities")
        print(f"B-cubed precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  "
              f"F1 {figures['f1']:.4f}" + (f"  (bar {args.min_f1})" if args.min_f1 is not None else ""))
        print(f"verdict accuracy {figures['verdict_accuracy']:.4f} over {figures['verdict_pairs']} pairs"
              + (f"  (bar {args.min_accuracy})" if args.min_accuracy is not None else ""))
        if "store_verdict_accuracy" in figures:
            print(f"verdict accuracy from the store (ask by name) {figures['store_verdict_accuracy']:.4f} "
                  f"over {figures['store_verdict_pairs']} pairs")
        print(f"analysis {figures['analyse_seconds']} s, resolution {figures['resolve_seconds']} s")
        accuracy = float(str(figures.get("store_verdict_accuracy", figures["verdict_accuracy"])))
        failed = (args.min_f1 is not None and float(figures["f1"]) < args.min_f1) or \
            (args.min_accuracy is not None and accuracy < args.min_accuracy)
        if failed:
            print("BELOW BAR")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
