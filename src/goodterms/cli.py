"""The goodterms command: parse arguments, call the library, print."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DEFAULT_ARTICLE_SECONDS, DEFAULT_MAX_BYTES, QUOTE_UNITS, Settings
from .errors import GoodtermsError, MissingInput, NoInputs
from .ingest.read import display_path
from .console import Progress
from .ingest.sources import Input, ReadMeter, known_total, output_stem, plan_sources, read_inputs
from .model import Analysis, Document, Rejected
from .report import render_answer, render_people, render_profile, render_text

if TYPE_CHECKING:
    from .store import Store, StoredReject
    from .store.resolving import EntitySummary, Resolved

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _documents(inputs: list[Input], max_bytes: int, meter: ReadMeter | None = None) -> Iterator[Document | Rejected]:
    """Documents from the planned inputs, or Rejected with the reason (see ingest.sources)."""
    return read_inputs(inputs, max_bytes=max_bytes, meter=meter)


def _name_for(analysis: Analysis, used: set[str]) -> str:
    stem = output_stem(analysis.document.source) or analysis.document.id
    stem = stem.replace("\\", "_") or analysis.document.id
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


def _json(data: object, indent: int | None = None) -> str:
    """JSON with non-ASCII text as is, but U+2028/U+2029 escaped (they end lines in JavaScript)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def write_atomically(target: Path, text: str) -> None:
    """Write to a temporary name beside target, then rename: a crash never leaves half a file."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def _usable_out(out: str, label: str = "--out") -> bool:
    """Make the output folder (--out, or export's OUTDIR), or say in one line why it cannot be used."""
    if not out.strip():
        print(f"goodterms: {label} needs a folder name", file=sys.stderr)
        return False
    path = Path(out)
    if path.exists() and not path.is_dir():
        print(f"goodterms: {label} {display_path(out)}: exists and is not a folder", file=sys.stderr)
        return False
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"goodterms: {label} {display_path(out)}: cannot make the folder: {_reason(exc)}", file=sys.stderr)
        return False
    if not os.access(path, os.W_OK | os.X_OK):
        print(f"goodterms: {label} {display_path(out)}: folder is not writable", file=sys.stderr)
        return False
    return True


def _byte_count(text: str) -> int:
    """--max-bytes: a whole number of bytes from 1 to 2**40."""
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of bytes") from None
    if not 1 <= value <= 2**40:
        raise argparse.ArgumentTypeError(f"{text} is out of range (1 to {2**40:,})")
    return value


def _seconds(text: str) -> float:
    """--article-seconds: from 0 (no limit) to a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f"{text} is out of range (0 to 86400)")
    return value


def _inputs_or_complain(paths: list[str], recursive: bool = False) -> list[Input] | None:
    """The inputs behind the paths, or None after saying in one line why there are none."""
    try:
        return plan_sources(paths, recursive=recursive)
    except (MissingInput, NoInputs) as exc:
        print(f"goodterms: {exc}", file=sys.stderr)
        return None


def _worker_count(text: str) -> int:
    """--workers: a whole number of processes from 1 to 256."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of worker processes") from None
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"{text} is out of range (1 to 256)")
    return value


def _dask_address(text: str) -> str:
    """--dask: 'local' or a scheduler address (tcp://HOST:PORT or HOST:PORT)."""
    from .scale.dask_runner import check_address

    try:
        return check_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_scale_options(parser: argparse.ArgumentParser) -> None:
    """--workers and --dask, for the commands that analyse many articles."""
    parser.add_argument("--workers", type=_worker_count, metavar="N",
                        help="analyse in N local processes, each loading the model once (default 1: this "
                             "process); with --dask local, the number of Dask workers (default: one per core)")
    parser.add_argument("--dask", type=_dask_address, metavar="ADDRESS",
                        help="analyse on the Dask scheduler at ADDRESS (tcp://HOST:PORT), or 'local' to start "
                             "a Dask cluster of --workers processes on this machine")


def _runner(args: argparse.Namespace) -> Callable[..., Iterator[Analysis | Rejected]]:
    """analyze_many, or its parallel twin where --workers and --dask say: same results, same order."""
    from .scale import LOCAL, analyze_with

    if args.dask == LOCAL:
        # the command's own cluster: its nannies may still log while the process winds down after a
        # Ctrl-C, past the library's scoped silence; this process ends with the command, so for good
        import logging

        logging.getLogger("distributed").setLevel(logging.CRITICAL)
    return partial(analyze_with, workers=args.workers, dask=args.dask)


def analyses_for(docs: Iterator[Document | Rejected], args: argparse.Namespace,
                 settings: Settings) -> Iterator[Analysis | Rejected]:
    """The analyses of docs, in input order, computed where --workers and --dask say."""
    return _runner(args)(docs, settings=settings)


def cmd_analyze(args: argparse.Namespace) -> int:
    inputs = _inputs_or_complain(args.paths, args.recursive)
    if inputs is None:
        return EXIT_USAGE
    if args.out is not None and not _usable_out(args.out):
        return EXIT_USAGE
    settings = Settings(max_bytes=args.max_bytes, quote_units=args.quote_units,
                        article_seconds=args.article_seconds)
    total, meter = known_total(inputs), ReadMeter(inputs)
    rejected = 0
    used: set[str] = set()
    with Progress(total, fraction=meter.fraction) as progress:
        for result in analyses_for(_documents(inputs, args.max_bytes, meter), args, settings):
            progress.advance()
            if isinstance(result, Rejected):
                rejected += 1
                progress.note(f"goodterms: rejected {result.message}")
                continue
            for warning in result.document.warnings:
                progress.note(f"goodterms: warning: {warning}")
            if not _report(result, args, used, progress, several=total != 1):
                rejected += 1
    return EXIT_REJECTED if rejected else EXIT_OK


def _report(result: Analysis, args: argparse.Namespace, used: set[str], progress: Progress, *, several: bool) -> bool:
    """Print one article's report, or write it into --out; False when the file cannot be written."""
    if args.format == "json":
        rendered = _json(result.to_contract(), indent=None if not args.out else 1)
    else:
        rendered = render_text(result, explain=args.explain)
    if not args.out:
        ending = "\n" if args.format == "json" else "\n" if several else ""
        progress.echo(rendered + ending)
        return True
    suffix = ".json" if args.format == "json" else ".txt"
    target = Path(args.out) / (_name_for(result, used) + suffix)
    try:
        write_atomically(target, rendered + "\n")
    except OSError as exc:
        progress.note(f"goodterms: cannot write {display_path(target)}: {_reason(exc)}")
        return False
    return True


def cmd_ask(args: argparse.Namespace) -> int:
    from .corpus import ask

    if not _two_names_or_complain(args.a, args.b):
        return EXIT_USAGE
    if not args.paths:
        return cmd_ask_store(args)
    inputs = _inputs_or_complain(args.paths, args.recursive)
    if inputs is None:
        return EXIT_USAGE
    from .pipeline import analyze_many  # loads spaCy: only when articles are given to analyse

    rejected = 0
    analyses: list[Analysis] = []
    meter = ReadMeter(inputs)
    with Progress(known_total(inputs), fraction=meter.fraction) as progress:
        for result in analyze_many(_documents(inputs, args.max_bytes, meter), settings=Settings(max_bytes=args.max_bytes)):
            progress.advance()
            if isinstance(result, Rejected):
                rejected += 1
                progress.note(f"goodterms: rejected {result.message}")
            else:
                analyses.append(result)
    answer = ask(args.a, args.b, analyses, grain=args.by)
    if args.format == "json":
        print(_json(answer.to_dict(), indent=1))
    else:
        print(render_answer(answer))
    missing = [name for name, count in ((args.a, answer.found_a), (args.b, answer.found_b)) if count == 0]
    for name in missing:
        print(f"goodterms: {name!r} is named in none of the {len(analyses)} article(s)", file=sys.stderr)
    return EXIT_REJECTED if rejected or missing else EXIT_OK


def _open_store(location: str | None, *, create: bool) -> "Store | None":
    """The store at --db (or GOODTERMS_DB, or ./goodterms.db), or None after saying why not."""
    from .store import Store

    try:
        return Store.open(location, create=create)
    except GoodtermsError as exc:
        print(f"goodterms: --db {exc}", file=sys.stderr)
        return None


def cmd_ingest(args: argparse.Namespace) -> int:
    from .store.ingesting import REJECTED, Tally, ingest

    inputs = _inputs_or_complain(args.paths, args.recursive)
    if inputs is None:
        return EXIT_USAGE
    store = _open_store(args.db, create=True)
    if store is None:
        return EXIT_USAGE
    settings = Settings(max_bytes=args.max_bytes, quote_units=args.quote_units,
                        article_seconds=args.article_seconds)
    tally = Tally()
    with store, Progress(known_total(inputs)) as progress:
        for outcome in ingest(store, _documents(inputs, args.max_bytes), settings=settings,
                              reanalyze=args.reanalyze, analyse=_runner(args)):
            progress.advance()
            tally.add(outcome)
            if outcome.kind == REJECTED and outcome.rejected is not None:
                progress.note(f"goodterms: rejected {outcome.rejected.message}")
        resolved = _resolve_after_ingest(store, changed=tally.stored + tally.reanalysed > 0)
    if resolved is not None:
        print(_resolved_line(resolved))  # before the summary, which stays the last line
    print(f"{tally.summary()} (store: {store.location})")
    return EXIT_REJECTED if tally.rejected else EXIT_OK


def _resolve_after_ingest(store: "Store", *, changed: bool) -> "Resolved | None":
    """People resolved across the store's articles, when an article came in or some person is unlinked."""
    from .store.resolving import needs_resolution, resolve_store

    return resolve_store(store) if changed or needs_resolution(store) else None


def _resolved_line(resolved: "Resolved") -> str:
    """One line on what resolution did."""
    return (f"people: {resolved.persons:,} persons in {resolved.entities:,} entities "
            f"({resolved.new_entities:,} new, {resolved.removed_entities:,} gone, {resolved.relinked:,} persons relinked)")


def cmd_override(args: argparse.Namespace) -> int:
    """merge A B / split A B: record a hand correction, resolve again, say what it gave."""
    from .corpus.resolve import override_key
    from .store.resolving import entities_of, persons_named, resolve_store

    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    with store:
        named = {}
        for name in (args.a, args.b):
            named[name] = persons_named(store, name) if name.strip() else []
            if not named[name]:
                print(f"goodterms {args.action}: no person named {name!r} in the store "
                      f"(names and @handles are looked up)", file=sys.stderr)
                return EXIT_USAGE
        if override_key(args.a) == override_key(args.b):
            print(f"goodterms {args.action}: {args.a!r} and {args.b!r} are one name to resolution; "
                  "give two different names", file=sys.stderr)
            return EXIT_USAGE
        override = store.add_override(args.action, args.a, args.b)
        resolved = resolve_store(store)
        first, second = entities_of(store, named[args.a]), entities_of(store, named[args.b])
    print(f"{args.action}: {_override_outcome(args.action, args.a, first, args.b, second)}; "
          f"kept as hand correction {override.id}, applied after every ingest")
    print(_resolved_line(resolved))
    return EXIT_OK


def _override_outcome(action: str, a: str, first: list["EntitySummary"], b: str,
                      second: list["EntitySummary"]) -> str:
    """What a merge or split gave: the entities the persons of each name are in now."""
    def where(entities: list["EntitySummary"]) -> str:
        shown = [f"{e.name} ({e.articles:,} article{'' if e.articles == 1 else 's'})" for e in entities[:3]]
        return " or ".join(shown) + (f" and {len(entities) - 3} more" if len(entities) > 3 else "")

    apart = not {e.id for e in first} & {e.id for e in second}
    if action == "merge" and not apart:
        return f"{a!r} and {b!r} are one person: {where(second)}"
    if action == "split" and apart:
        return f"{a!r} is {where(first)}, {b!r} is {where(second)}"
    state = "two people (a later split keeps them apart)" if apart else "one person still"
    return f"{a!r} and {b!r} are {state}: {where(first)}; {where(second)}"


def _reject_line(reject: "StoredReject") -> str:
    """One refused input: where, the code, and the reason (its message without the source again)."""
    where = reject.source + (f" ({reject.location})" if reject.location else "")
    message = reject.message
    if message.startswith(reject.source + ": "):
        message = message[len(reject.source) + 2:]
    return f"{where}: {reject.code}: {message}"


def cmd_rejects(args: argparse.Namespace) -> int:
    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    listed = 0
    with store:
        for reject in store.rejects():
            listed += 1
            if args.format == "json":
                print(_json(reject.to_dict()))
            else:
                print(_reject_line(reject))
    if not listed:  # on stderr: the JSON lines on stdout stay empty
        print(f"goodterms: no input was refused (store: {store.location})", file=sys.stderr)
    return EXIT_OK


def _port(text: str) -> int:
    """--port: 1 to 65535 (0: any free port)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is out of range (0 to 65535)")
    return value


def _megabytes(text: str) -> int:
    """--max-upload-mb: a whole number of MiB, 1 to 4096."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of megabytes") from None
    if not 1 <= value <= 4096:
        raise argparse.ArgumentTypeError(f"{text} is out of range (1 to 4096)")
    return value


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from .api.app import SERVE_ENV, TOKEN_ENV, Limits, serve_environment
    from .store import database_url, default_location

    workers = args.workers or _default_serve_workers()
    store = _open_store(args.db, create=True)  # opened here to say in one line what is wrong, and migrated once
    if store is None:
        return EXIT_USAGE
    with store:
        shown_location = store.location
    try:  # bind here, so a port in use is one clear line (uvicorn would log and exit)
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
    except OSError as exc:
        print(f"goodterms: cannot listen on {args.host}:{args.port}: {_reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    token = os.environ.get(TOKEN_ENV) or None
    port = listener.getsockname()[1]
    writes = "writes need the token" if token else f"writes off (set {TOKEN_ENV} to turn them on)"
    processes = f"{workers} worker processes" if workers > 1 else "1 worker process"
    print(f"goodterms: serving {shown_location} at http://{args.host}:{port}/ ({writes}; {processes}); Ctrl-C stops",
          file=sys.stderr)
    # Every worker (one, or several sharing the socket) builds the app from the environment.
    limits = Limits(max_upload_bytes=args.max_upload_mb * 2**20)
    os.environ[SERVE_ENV] = serve_environment(database_url(args.db or default_location()), limits, workers=workers)
    # httptools (C) parses HTTP for a third of h11's CPU; a body over the limit is still refused
    # unread with its 413 reaching the client (tests/web: the upload limit, the ingest form).
    # uvloop runs the event loop.
    config = uvicorn.Config("goodterms.api.app:app_from_environment", factory=True, workers=workers,
                            http="httptools", loop="uvloop",
                            log_level=args.log_level, access_log=args.log_level == "info",
                            server_header=False, timeout_graceful_shutdown=5)
    try:
        if workers > 1:
            Multiprocess(config, sockets=[listener]).run()
        else:
            uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:  # uvicorn stops gracefully on Ctrl-C, then passes the signal on
        pass
    print("goodterms: server stopped", file=sys.stderr)
    return EXIT_OK


def _default_serve_workers() -> int:
    """One server process per core this process may use, at most 4 (reads scale with cores; a
    process more is memory more, and the writer is one at a time anyway)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _workers(text: str) -> int:
    """--workers: 1 to 64 server processes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{text} is out of range (1 to 64)")
    return value


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="the store: a SQLite file or a postgresql:// URL "
                             "(default: $GOODTERMS_DB, else ./goodterms.db)")


def _two_names_or_complain(a: str, b: str) -> bool:
    """Two names that are not empty and not the same, or False after saying which is wrong."""
    if not a.strip() or not b.strip():
        print("goodterms: ask needs two names, and one of them is empty", file=sys.stderr)
        return False
    if " ".join(a.lower().split()) == " ".join(b.lower().split()):
        print(f"goodterms: ask needs two different people, got {a!r} twice", file=sys.stderr)
        return False
    return True


def cmd_ask_store(args: argparse.Namespace) -> int:
    """ask with no files: the answer from the store's rows, no engine run."""
    from .corpus.stored_ask import ask_store

    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    with store:
        answer = ask_store(store, args.a, args.b, limit=None if args.all else args.limit, grain=args.by)
    if args.format == "json":
        print(_json(answer.to_dict(), indent=1))
    else:
        print(render_answer(answer))
    missing = [name for name, count in ((args.a, answer.found_a), (args.b, answer.found_b)) if count == 0]
    for name in missing:
        print(f"goodterms: {name!r} is named in no article of the store", file=sys.stderr)
    return EXIT_REJECTED if missing else EXIT_OK


def cmd_person(args: argparse.Namespace) -> int:
    from .corpus.people import person

    if not args.name.strip():
        print("goodterms: person needs a name", file=sys.stderr)
        return EXIT_USAGE
    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    with store:
        profile = person(store, args.name, limit=args.limit, why=args.why)
    if profile is None:
        print(f"goodterms: {args.name!r} is named in no article of the store", file=sys.stderr)
        return EXIT_REJECTED
    print(_json(profile.to_dict(), indent=1) if args.format == "json" else render_profile(profile))
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    from .corpus.people import people

    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    with store:
        found = people(store, top=args.top)
    if args.format == "json":
        print(_json([p.to_dict() for p in found], indent=1))
    elif found:
        print(render_people(found))
    else:
        print("goodterms: the store names nobody yet (goodterms ingest fills it)", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .corpus.export import export_graph

    if not _usable_out(args.outdir, "export"):
        return EXIT_USAGE
    store = _open_store(args.db, create=False)
    if store is None:
        return EXIT_USAGE
    try:
        with store:
            done = export_graph(store, args.outdir, args.format)
    except OSError as exc:
        print(f"goodterms: cannot write into {display_path(args.outdir)}: {_reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{done.nodes} people, {done.edges} edges: {', '.join(display_path(p) for p in done.files)}")
    return EXIT_OK


def _positive(text: str) -> int:
    """--top, --limit: a whole number from 1 to 1,000,000."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text} is out of range (1 to 1,000,000)")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="goodterms",
        description="Who is who, who said what, and are they on good terms: news and social posts analysed.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="analyse articles (.txt, .html, .jsonl, .warc, a folder, or - for stdin)")
    analyze.add_argument("paths", nargs="+", metavar="PATH",
                         help="article file (.txt, .html), feed (.jsonl, .jsonl.gz), web archive (.warc, .warc.gz), "
                              "folder of these, or - for one article on standard input")
    analyze.add_argument("--recursive", action="store_true", help="read the subfolders of a folder too")
    analyze.add_argument("--format", choices=("text", "json"), default="text", help="report style (default text)")
    analyze.add_argument("--out", metavar="DIR", help="write one NAME.json (or NAME.txt) per article into DIR")
    analyze.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES,
                         help=f"refuse inputs larger than this (default {DEFAULT_MAX_BYTES:,})")
    analyze.add_argument("--quote-units", choices=QUOTE_UNITS, default="passages",
                         help='one quote per run of quoted words (passages, default), or one per attribution, '
                              'joining the runs that a "she said" interrupts (utterances, as PARC and PolNeAR count)')
    analyze.add_argument("--article-seconds", type=_seconds, default=DEFAULT_ARTICLE_SECONDS,
                         help=f"give up an article after this many seconds and report it as rejected "
                              f"(default {DEFAULT_ARTICLE_SECONDS:g}; 0: no limit)")
    analyze.add_argument("--explain", action="store_true",
                         help="in the text report, name the rule behind each relation, stance and piece of "
                              "pair evidence, with the words it read")
    _add_scale_options(analyze)
    analyze.set_defaults(func=cmd_analyze)

    asking = sub.add_parser("ask", help="are two people on good terms? the verdict now, over time, and its evidence")
    asking.add_argument("a", metavar="PERSON_A", help='a name as the articles write it, e.g. "Hollis Wren"')
    asking.add_argument("b", metavar="PERSON_B", help="the other person")
    asking.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files, feeds, WARC files, folders, or - (analysed now); "
                             "none: answer from the store")
    _add_db_option(asking)
    asking.add_argument("--recursive", action="store_true", help="read the subfolders of a folder too")
    asking.add_argument("--format", choices=("text", "json"), default="text", help="answer style (default text)")
    asking.add_argument("--by", choices=("month", "year"), default="month",
                        help="the timeline's step: reports of one month (default) or year are compared")
    asking.add_argument("--limit", type=_positive, default=20, metavar="N",
                        help="from the store, show the newest N reports (default 20; all count in the verdict)")
    asking.add_argument("--all", action="store_true", help="from the store, show every report")
    asking.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES,
                        help="refuse inputs larger than this")
    asking.set_defaults(func=cmd_ask)

    who = sub.add_parser("person", help="one person across the store: names, relations, quotes, stances, articles")
    who.add_argument("name", metavar="NAME", help="a name, alias or handle")
    _add_db_option(who)
    who.add_argument("--format", choices=("text", "json"), default="text", help="report style (default text)")
    who.add_argument("--why", action="store_true", help="say why each name form was taken to be this person")
    who.add_argument("--limit", type=_positive, default=10, metavar="N",
                     help="quotes and articles listed, newest first (default 10)")
    who.set_defaults(func=cmd_person)

    everyone = sub.add_parser("people", help="who the store is about: people by the number of articles naming them")
    _add_db_option(everyone)
    everyone.add_argument("--top", type=_positive, default=50, metavar="N", help="how many (default 50)")
    everyone.add_argument("--format", choices=("text", "json"), default="text", help="list style (default text)")
    everyone.set_defaults(func=cmd_people)

    exporting = sub.add_parser("export", help="the store as a graph: GraphML (Gephi), JSON (Neo4j-style), CSV")
    exporting.add_argument("outdir", metavar="OUTDIR", help="folder to write into (made if needed)")
    exporting.add_argument("--format", choices=("graphml", "json", "csv"), default="graphml",
                           help="people.graphml (default), graph.json, or nodes.csv and edges.csv")
    _add_db_option(exporting)
    exporting.set_defaults(func=cmd_export)

    ingesting = sub.add_parser("ingest", help="analyse articles into the store (each article stored once)")
    ingesting.add_argument("paths", nargs="+", metavar="PATH",
                           help="article files (.txt, .html), feeds (.jsonl), web archives (.warc), folders of "
                                "these, or - for one article on standard input")
    ingesting.add_argument("--recursive", action="store_true", help="read the subfolders of a folder too")
    _add_db_option(ingesting)
    ingesting.add_argument("--reanalyze", action="store_true",
                           help="analyse again the stored articles another engine version or setting made")
    ingesting.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES,
                           help=f"refuse inputs larger than this (default {DEFAULT_MAX_BYTES:,})")
    ingesting.add_argument("--article-seconds", type=_seconds, default=DEFAULT_ARTICLE_SECONDS,
                           help=f"give up an article after this many seconds and record it as rejected "
                                f"(default {DEFAULT_ARTICLE_SECONDS:g}; 0: no limit)")
    ingesting.add_argument("--quote-units", choices=QUOTE_UNITS, default="passages",
                           help="one quote per run of quoted words (passages, default) or per attribution")
    _add_scale_options(ingesting)
    ingesting.set_defaults(func=cmd_ingest)

    for action, summary in (("merge", "say two names are one person (kept, applied after every ingest)"),
                            ("split", "say two names are two people (kept, applied after every ingest)")):
        correcting = sub.add_parser(action, help=summary)
        correcting.add_argument("a", metavar="NAME", help="a name, alias or @handle in the store")
        correcting.add_argument("b", metavar="NAME", help="another name, alias or @handle")
        _add_db_option(correcting)
        correcting.set_defaults(func=cmd_override, action=action)

    refused = sub.add_parser("rejects", help="list the inputs the store refused: source, location, code, reason")
    _add_db_option(refused)
    refused.add_argument("--format", choices=("text", "json"), default="text",
                         help="one line per reject (text, default) or one JSON object per line")
    refused.set_defaults(func=cmd_rejects)

    serving = sub.add_parser("serve", help="serve the store over HTTP: the JSON API under /api/ and the web pages")
    _add_db_option(serving)
    serving.add_argument("--host", default="127.0.0.1",
                         help="address to listen on (default 127.0.0.1: this machine only)")
    serving.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serving.add_argument("--log-level", choices=("warning", "info", "debug"), default="warning",
                         help="what the server logs (info: every request)")
    serving.add_argument("--workers", type=_workers, default=None, metavar="N",
                         help="server processes sharing the port (default: one per core, at most 4)")
    serving.add_argument("--max-upload-mb", type=_megabytes, default=32, metavar="MB",
                         help="largest upload to ingest, all files of one request together, through the API "
                              "or the ingest page's form (default 32; other requests stay at 2 MiB)")
    serving.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the goodterms command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GoodtermsError as exc:
        print(f"goodterms: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("goodterms: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the one place a bug may surface: still one line, no traceback
        print(f"goodterms: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
