#!/usr/bin/env python3
"""How often each rule is right: precision per `rule` of relations, stances and pair evidence.

    python bench/rules.py                         # the dev set: analyses build/eval/dev/ (make eval)
    python bench/rules.py --set public --pred build/eval/public
    python bench/rules.py --errors kin_bare_owner # every wrong claim of one rule, with its words

A relation is right when the gold has the same type between the same two people; a stance
when the gold has the same source, target and polarity. A piece of pair evidence is right
when the gold verdict on its pair agrees with its sign (good for a positive score, bad for
a negative one, mixed for either) and unscored when the gold has no verdict on the pair.
People are matched to gold people as ../shared/eval/score.py matches them. A claim on
an optional gold item is counted apart, neither right nor wrong.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def load_scorer(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"rules.py: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def judge(gold: dict, pred: dict, score) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(kind, rule, verdict, description) for every relation, stance and evidence of pred."""
    mapping = score.match_people(gold.get("people", []), pred.get("people", []))
    by_id = {str(p.get("id")): p for p in pred.get("people", [])}

    def canon(ref: object) -> str | None:
        return score.resolve(ref, by_id, mapping)

    def name(ref: object) -> str:
        return canon(ref) or f"({by_id.get(str(ref), {}).get('name', ref)}, not in gold)"

    out = []
    symmetric = {"spouse", "partner", "sibling", "relative", "friend"}
    gold_rels = {}
    for r in gold.get("relations", []):
        ends = (r["subject"], r["object"])
        gold_rels[(r["type"], frozenset(ends) if r["type"] in symmetric else ends)] = r
    for r in pred.get("relations", []):
        ends = (canon(r["subject"]), canon(r["object"]))
        key = (r["type"], frozenset(ends) if r["type"] in symmetric else ends)
        g = gold_rels.get(key)
        verdict = "optional" if g and g.get("optional") else "right" if g else "wrong"
        out.append(("relation", r.get("rule", ""), verdict,
                    f"{name(r['subject'])} -{r['type']}-> {name(r['object'])} ({r.get('status')})"))
    gold_st = {(s["source"], s["target"]): s for s in gold.get("stances", [])}
    for s in pred.get("stances", []):
        key = (canon(s["source"]), canon(s["target"]))
        g = gold_st.get(key)
        polarity = score.polarity_of(s.get("polarity", s.get("score")))
        if polarity in ("neutral", None) and not g:
            continue
        verdict = "optional" if g and g.get("optional") else "right" if g and g["polarity"] == polarity else "wrong"
        out.append(("stance", s.get("rule", ""), verdict, f"{name(s['source'])} -> {name(s['target'])}: {polarity}"))
    gold_pairs = {frozenset((p["a"], p["b"])): p for p in gold.get("pairs", [])}
    for e in pred.get("evidence", []):
        g = gold_pairs.get(frozenset((canon(e["a"]), canon(e["b"]))))
        if g is None or g.get("optional"):
            verdict = "unscored"
        else:
            sign = "good" if e["score"] > 0 else "bad" if e["score"] < 0 else "none"
            verdict = "right" if g["verdict"] in (sign, "mixed") else "wrong"
        out.append(("evidence", e.get("rule", ""), verdict, f"{name(e['a'])} & {name(e['b'])}: {e['score']:+.2f} {e['note']}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="dev", help="a set under ../shared/eval, or a folder with gold/")
    parser.add_argument("--pred", help="folder of NAME.json analyses (default build/eval/SET)")
    parser.add_argument("--errors", metavar="RULE", help="list every wrong claim of this rule")
    args = parser.parse_args(argv)
    folder = Path(args.set) if Path(args.set).is_dir() else SHARED / args.set
    pred_dir = Path(args.pred) if args.pred else ROOT / "build" / "eval" / Path(args.set).name
    if not (folder / "gold").is_dir():
        print(f"rules.py: no gold under {folder}; skipped")
        return 0
    if not pred_dir.is_dir():
        raise SystemExit(f"rules.py: no analyses in {pred_dir}: run make eval (or goodterms analyze --out) first")
    score = load_scorer(SHARED / "score.py")
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gold_path in sorted((folder / "gold").glob("*.json")):
        pred_path = pred_dir / gold_path.name
        if not pred_path.exists():
            continue
        gold, pred = json.loads(gold_path.read_text()), json.loads(pred_path.read_text())
        for kind, rule, verdict, what in judge(gold, pred, score):
            counts[(kind, rule)][verdict] += 1
            if args.errors == rule and verdict == "wrong":
                print(f"  {gold_path.stem}: {what}")
    print(f"{'kind':9} {'rule':32} {'claims':>6} {'right':>6} {'wrong':>6} {'other':>6} {'precision':>9}")
    for (kind, rule), c in sorted(counts.items(), key=lambda item: (item[0][0], -sum(item[1].values()))):
        scored = c["right"] + c["wrong"]
        precision = f"{c['right'] / scored:.2f}" if scored else "-"
        other = c["optional"] + c["unscored"]
        print(f"{kind:9} {rule or '(unnamed)':32} {sum(c.values()):6} {c['right']:6} {c['wrong']:6} {other:6} {precision:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
