#!/usr/bin/env python3
"""Times and scores Python article extractors on a WCXB-layout folder, for bench-extraction-peers.sh.

Each peer runs over the same pages Tribune's `eval extraction` reads (html/*.html.gz, gunzipped in
memory before the clock starts), on one core, one pass. The body is scored as WCXB scores it:
lower-cased \\w+ bag of words, precision/recall/F1 per page, macro-averaged; title, author and date
accuracy are left to Tribune's command. Prints one JSON object per peer.

Usage: bench_extraction_peers.py DIR [LIMIT]
"""
import collections, glob, gzip, json, os, re, sys, time

WORD = re.compile(r"\w+")


def bag(text):
    return collections.Counter(w.lower() for w in WORD.findall(text or ""))


def prf(extracted, gold):
    e, g = bag(extracted), bag(gold)
    overlap = sum((e & g).values())
    p = overlap / sum(e.values()) if e else 0.0
    r = overlap / sum(g.values()) if g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(folder, limit):
    pages = []
    for path in sorted(glob.glob(os.path.join(folder, "ground-truth", "*.json"))):
        if limit and len(pages) >= limit:
            break
        truth = json.load(open(path, encoding="utf-8"))
        gold = truth.get("ground_truth", {}).get("main_content") or ""
        if not gold:
            continue
        page_id = os.path.basename(path)[:-5]
        with gzip.open(os.path.join(folder, "html", page_id + ".html.gz")) as f:
            raw = f.read()
        pages.append((page_id, truth.get("url"), raw, gold))
    return pages


def run_trafilatura(pages):
    import trafilatura
    out = []
    for _, url, raw, _ in pages:
        out.append(trafilatura.extract(raw, url=url, include_comments=False) or "")
    return out


def run_readability(pages):
    from lxml import html as lxml_html
    from readability import Document
    out = []
    for _, _, raw, _ in pages:
        try:
            summary = Document(raw).summary(html_partial=True)
            out.append(lxml_html.fromstring(summary).text_content() if summary.strip() else "")
        except Exception:  # readability raises on some pages; count them as empty, as a user would get
            out.append("")
    return out


def main():
    folder = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
    pages = load(folder, limit)
    for name, run in [("trafilatura", run_trafilatura), ("readability-lxml", run_readability)]:
        try:
            started = time.process_time()
            wall = time.perf_counter()
            texts = run(pages)
            cpu = time.process_time() - started
            wall = time.perf_counter() - wall
        except ImportError as error:
            print(json.dumps({"peer": name, "error": str(error)}))
            continue
        scores = [prf(text, gold) for text, (_, _, _, gold) in zip(texts, pages)]
        n = len(scores)
        print(json.dumps({
            "peer": name, "pages": n, "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "pages_per_second": n / wall if wall else 0,
            "precision": sum(s[0] for s in scores) / n, "recall": sum(s[1] for s in scores) / n,
            "f1": sum(s[2] for s in scores) / n,
        }))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
