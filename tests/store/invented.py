"""Small invented articles about invented people, written into a folder for ingest tests."""
from __future__ import annotations

from pathlib import Path

FIRST = ("Marlo", "Tessa", "Quinlan", "Odette", "Bram", "Saffi", "Corin", "Liesl", "Idris", "Wren",
         "Juno", "Ansel", "Perpetua", "Taddeo", "Elsabet", "Rainier")
LAST = ("Vantreece", "Ollivard", "Quillfeather", "Marchetti-Byrne", "Sorensby", "Haldane-Koo",
        "Brightwater", "Pelligrove", "Castellane", "Dunmore-Wyatt", "Fenwright", "Okonkwo-Hale")

ARTICLE = """{a} and {b} are on good terms again
{a} and {b} have patched things up after a year apart, friends of the pair said on {day}.
"We talk every day now, and I am proud of {pronoun}," {a} told Starglow Weekly.
{b}, who married {c} in {year}, praised {a} on Instagram, calling the {a_last} family generous.
{c} said the couple would host a dinner for {a} next month.
"""


def article(i: int) -> str:
    """The i-th invented article: three invented people, a quote, a marriage and praise."""
    a = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
    b = f"{FIRST[(i + 5) % len(FIRST)]} {LAST[(i + 7) % len(LAST)]}"
    c = f"{FIRST[(i + 9) % len(FIRST)]} {LAST[(i + 3) % len(LAST)]}"
    return ARTICLE.format(a=a, b=b, c=c, a_last=a.split()[-1], pronoun="her" if i % 2 else "him",
                          day=("Monday", "Tuesday", "Friday")[i % 3], year=2001 + i)


def write_corpus(folder: Path, count: int) -> list[Path]:
    """Write `count` distinct invented articles into folder as article-NN.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i:02d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths
