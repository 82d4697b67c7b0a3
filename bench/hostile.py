#!/usr/bin/env python3
"""Make a folder of hostile inputs, analyse it in one command, and check that every file is
analysed or rejected by name, with no traceback, in bounded time.

    python bench/hostile.py                        # full sizes, into build/hostile/
    python bench/hostile.py --scale 0.1            # every case at a tenth of its size (tests)
    python bench/hostile.py --max-seconds 300      # fail when the whole folder takes longer

Every file is generated here; none is stored in the repository. The kinds: empty, blank,
binary, a stray NUL, over --max-bytes, cp1252, latin-1, UTF-16 without a byte-order mark,
UTF-32 with one, a name with a non-breaking space and one with a zero-width joiner,
malformed and hostile HTML, HTML nested 5,000 levels, unbalanced quote marks, runs of
mixed quote marks, colons, brackets, glued words, distinct capitalised words, kin phrases,
a kinship-heavy text, "said" 100,000 times, one 200,000-character word, a FIFO with no
writer, a symbolic link loop, a file name that is not UTF-8, and one good article whose
analysis is checked. Multi-record files, whose good records must be analysed and whose bad ones
must each be named with their place: a JSON Lines feed with broken lines (not JSON, no text, a
binary text), a gzip feed cut short, a gzip feed whose one line inflates past --max-bytes
(64 MB at full size), a WARC
file with no response, a gzip WARC cut short inside its third page, and a file named .warc that
holds random bytes.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "Mira Solberg Thanks Brother Aki After Her Win\n\n"
    "Mira Solberg thanked her brother Aki Solberg after the final on Sunday.\n\n"
    "\u201cHe is my rock and always has been,\u201d Mira Solberg told Glow Magazine.\n"
)


def cases(scale: float) -> dict[str, bytes]:
    """File name -> contents for every generated (non-special) case."""
    def n(count: int) -> int:
        return max(1, int(count * scale))

    rng = random.Random(20261201)
    syllables = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi".split()
    capitals = " ".join("".join(rng.choice(syllables) for _ in range(3)).capitalize() for _ in range(n(50_000)))
    prose = GOOD.split("\n\n", 1)[1]
    return {
        "empty.txt": b"",
        "blank.txt": b" \n\n\t \n",
        "binary.txt": bytes(rng.randrange(256) for _ in range(n(20_000))),
        "stray_nul.txt": GOOD.encode().replace(b"Sunday", b"Sun\x00day"),
        "too_large.txt": (prose * (6 * 1024 * 1024 // len(prose) + 1)).encode(),
        "cp1252.txt": GOOD.replace("Mira", "Jos\u00e9").encode("cp1252"),
        "latin1.txt": GOOD.replace("\u201c", '"').replace("\u201d", '"').replace("Mira", "Ren\u00e9e").encode("latin-1"),
        "utf16_no_bom.txt": GOOD.encode("utf-16-le"),
        "utf32_bom.txt": GOOD.encode("utf-32"),
        "nbsp_name.txt": GOOD.replace("Mira Solberg", "Mira\u00a0Solberg").encode(),
        "zero_width_name.txt": GOOD.replace("Solberg", "Sol\u200dberg").encode(),
        "malformed.html": b"<html><body><p>Mira Solberg <b>won <i>the</b> final</i><table><td><p>" * n(2_000),
        "hostile.html": (
            "<html><head><title>Mira Solberg wins</title><script>alert(1)</script></head><body>"
            "<p onmouseover='alert(2)'>Mira Solberg <img src=x onerror=alert(3)> won.</p>"
            "<a href='javascript:alert(4)'>link</a><iframe src='http://127.0.0.1/'></iframe>"
            "<svg><script>alert(5)</script></svg><style>p{}</style></body></html>").encode(),
        "deep_nesting.html": ("<html><body>" + "<span>" * n(5_000) + "<p>Mira Solberg won the final.</p>"
                              + "</span>" * n(5_000) + "</body></html>").encode(),
        "unbalanced_quotes.txt": ("Headline\n\n" + "\u201cMira said it was over. " * n(4_000)).encode(),
        "quote_mark_runs.txt": ("Headline\n\n" + "\"\u201c\u201d\u2018\u2019'" * n(200_000 // 6)).encode(),
        "colons.txt": ("Headline\n\n" + ": " * n(100_000)).encode(),
        "brackets.txt": ("Headline\n\n" + "( [ { ) ] } " * n(200_000 // 12)).encode(),
        "glued_words.txt": ("Headline\n\n" + "word,word.word;word:" * n(10_000)).encode(),
        "capitalised_words.txt": ("Headline\n\n" + capitals).encode(),
        "kin_phrases.txt": ("Headline\n\n" + "his ex-wife " * n(10_000)).encode(),
        "kinship_heavy.txt": ("Headline\n\n" + "Mira Solberg, the sister of Aki Solberg and daughter of Oren Pike, "
                              "married Lena Voss, whose son Tam Voss is the cousin of Ida Pike. " * n(2_000)).encode(),
        "said.txt": ("Headline\n\n" + "said " * n(100_000)).encode(),
        "long_word.txt": ("Headline\n\n" + "x" * n(200_000)).encode(),
        "good.txt": GOOD.encode(),
    }


def _page(title: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in GOOD.split("\n\n")[1:])
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{paragraphs}</body></html>".encode()


def _warc(pages: int, requests: int = 0) -> bytes:
    """A gzip WARC file: warcinfo, then each page as a request and a 200 response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("hostile.warc.gz", {"software": "bench/hostile.py"}))
    for i in range(max(pages, requests)):
        uri = f"https://news.example/{i}"
        asked = StatusAndHeaders("GET /{i} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=asked))
        if i < pages:
            answer = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(_page(f"Page {i}")),
                                                          http_headers=answer))
    return buffer.getvalue()


def record_cases(scale: float) -> dict[str, tuple[bytes, int, list[str]]]:
    """Multi-record files: name -> (contents, records to be analysed, what standard error must name)."""
    good = {"title": GOOD.split("\n", 1)[0], "text": GOOD.split("\n\n", 1)[1]}
    lines = [json.dumps(good), '{"text": "broken', json.dumps({"body": "no text field"}),
             json.dumps({"text": "\x00\x01\x02\x03" * 100}), "", json.dumps(good)]
    members = [gzip.compress((json.dumps({**good, "title": f"Part {i}"}) + "\n").encode()) for i in range(3)]
    bomb = gzip.compress(b'{"text": "' + b"a" * max(6 * 1024 * 1024, int(64 * 1024 * 1024 * scale)) + b'"}\n')
    warc = _warc(3)
    third = warc.rindex(b"\x1f\x8b", 0, warc.rindex(b"\x1f\x8b"))  # the third page's response member
    rng = random.Random(7)
    return {
        "feed_broken.jsonl": ("\n".join(lines).encode() + b"\n", 2,
                              ["feed_broken.jsonl:2:", "feed_broken.jsonl:3:", "feed_broken.jsonl:4:"]),
        "feed_cut.jsonl.gz": (members[0] + members[1] + members[2][:-12], 2, ["feed_cut.jsonl.gz: line 3: "]),
        "feed_bomb.jsonl.gz": (bomb, 0, ["feed_bomb.jsonl.gz:1: "]),
        "warc_no_response.warc.gz": (_warc(0, requests=2), 0, ["warc_no_response.warc.gz: no article"]),
        "warc_cut.warc.gz": (warc[: third + 30], 2, ["warc_cut.warc.gz: the gzip data is cut short"]),
        "warc_garbage.warc": (bytes(rng.randrange(256) for _ in range(4096)), 0, ["warc_garbage.warc: "]),
    }


def make_folder(folder: Path, scale: float) -> list[str]:
    """Write every case into folder (emptied first); the names of all entries made."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in cases(scale).items():
        (folder / name).write_bytes(data)
    for name, (data, _, _) in record_cases(scale).items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo_no_writer.txt")
    (folder / "link_loop.txt").symlink_to(folder / "link_loop.txt")
    odd = os.fsdecode(bytes(folder) + b"/not_utf8_\xe9.txt")
    Path(odd).write_bytes(GOOD.encode())
    return sorted(os.listdir(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", default=str(ROOT / "build" / "hostile"))
    parser.add_argument("--scale", type=float, default=1.0, help="size of every case, as a share of full size")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    names = make_folder(folder, args.scale)
    out = folder.with_name(folder.name + "-out")
    shutil.rmtree(out, ignore_errors=True)
    exe = Path(sys.executable).with_name("goodterms")
    started = time.monotonic()
    done = subprocess.run([str(exe), "analyze", str(folder), "--format", "json", "--out", str(out)],
                          capture_output=True, text=True, errors="backslashreplace")
    seconds = time.monotonic() - started
    err_lines = [line for line in done.stderr.splitlines() if line.strip()]
    problems = []
    if "Traceback" in done.stderr or "internal error" in done.stderr:
        problems.append("a traceback or internal error on standard error")
    if done.returncode != 1:
        problems.append(f"exit code {done.returncode}, expected 1 (some inputs rejected)")
    written = {p.stem for p in out.glob("*.json")} if out.exists() else set()
    records = record_cases(args.scale)
    for name, (_, analysed, named) in records.items():
        base = name.split(".", 1)[0]
        done = sum(1 for stem in written if stem.startswith(base + "-"))
        if done != analysed:
            problems.append(f"{name}: {done} record(s) analysed, expected {analysed}")
        for words in named:
            if not any(words in line for line in err_lines):
                problems.append(f"{name}: no line on standard error names {words!r}")
    for name in names:
        if name in records:
            continue
        stem = os.fsencode(name).decode("utf-8", "backslashreplace").rsplit(".", 1)[0]
        stem = stem.replace("\\", "_")
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        if stem not in written and not any(shown in line for line in err_lines):
            problems.append(f"{shown}: neither analysed nor rejected by name")
    good = out / "good.json"
    if good.exists():
        data = json.loads(good.read_text(encoding="utf-8"))
        people = {p["name"] for p in data["people"]}
        if not {"Mira Solberg", "Aki Solberg"} <= people:
            problems.append(f"good.txt: people {sorted(people)}")
        if not any(q["text"].startswith("He is my rock") for q in data["quotes"]):
            problems.append("good.txt: its quote was not found")
    else:
        problems.append("good.txt was not analysed")
    if seconds > args.max_seconds:
        problems.append(f"took {seconds:.0f} s, over {args.max_seconds:.0f} s")
    print(f"hostile.py: {len(names)} inputs, {len(written)} analysed, {len(err_lines)} lines on standard error, "
          f"{seconds:.1f} s")
    for line in err_lines:
        print("  " + line)
    for problem in problems:
        print("PROBLEM: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
