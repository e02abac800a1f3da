"""Speed of the work-report reader (工作报告解析): megabytes of Chinese text per second on one core.

    .venv/bin/python bench/extract_bench.py [--mb 4] [--reps 3] [--seed 7]

Builds a corpus of at least --mb MB (UTF-8) from the five seed articles and the seventeen held-out texts
(target lists, results, project progress, ranges, caps: every form the reader knows): their sentences
shuffled and joined into articles of about 8 KB, each starting with one of their headings so that
organisations, years and sections are read as in real reports. Times `extract` over the whole corpus (no database: the
reader is pure), repeats, and prints the best and median MB/s with the number of findings.
"""
import argparse
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")


def build_corpus(seeds: list[str], megabytes: float, rng: random.Random) -> list[str]:
    """Articles of shuffled seed sentences, each under a seed heading, until the corpus has `megabytes`."""
    sentences, headings = [], []
    for text in seeds:
        headings += [line.strip() for line in text.splitlines() if 0 < len(line.strip()) <= 40
                     and not re.search(r"[,;。]", line)]
        sentences += [s for s in re.findall(r"[^。;\n]+[。;]", text) if len(s) > 8]
    articles, size = [], 0
    while size < megabytes * 1_000_000:
        body = rng.sample(sentences, k=min(len(sentences), 60))
        article = rng.choice(headings) + "\n" + "".join(body) + "\n"
        articles.append(article)
        size += len(article.encode("utf-8"))
    return articles


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import django
    from tqdm import tqdm

    django.setup()
    from luoshi.ingestion.evaluation import GOLD_DIR, HELDOUT_DIR
    from luoshi.ingestion.extract import extract

    seeds = [p.read_text(encoding="utf-8") for p in sorted((GOLD_DIR / "seeds").glob("*.txt"))
             + sorted((HELDOUT_DIR / "texts").glob("*.txt"))]
    corpus = build_corpus(seeds, args.mb, random.Random(args.seed))
    total_bytes = sum(len(a.encode("utf-8")) for a in corpus)
    extract(corpus[0])  # warm-up: regex compilation, the cn2an cache, the catalogue matcher
    rates, findings = [], 0
    for rep in range(args.reps):
        findings = 0
        started = time.perf_counter()
        for article in tqdm(corpus, desc=f"run {rep + 1}/{args.reps}", unit="article", leave=False):
            findings += len(extract(article))
        elapsed = time.perf_counter() - started
        rates.append(total_bytes / 1_000_000 / elapsed)
    print(f"machine: {cpu_model()}, Python {platform.python_version()}, one core (single process)")
    print(f"corpus: {total_bytes / 1_000_000:.2f} MB UTF-8 ({sum(map(len, corpus)):,} characters), "
          f"{len(corpus)} articles, {findings:,} findings per run")
    print(f"speed: best {max(rates):.2f} MB/s, median {statistics.median(rates):.2f} MB/s over {args.reps} runs")


if __name__ == "__main__":
    main()
