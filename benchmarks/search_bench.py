"""Search benchmark: store open, index build (cold and from the cache), query latency and
memory at 1k, 10k and 100k records.

Each size runs in its own process so peak memory is that size's alone. The same query mix
also runs as a naive TinyDB `Query().search` scan, for the speed-up ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peak import peak_bytes

QUERY_MIX: dict[str, list[str]] = {
    "word": ["astana", "nuclear", "resolutions"],
    "prefix": ["semip", "secur", "agric"],
    "typo": ["terorism", "semipalatinks", "musinow"],
    "phrase": ['"food security"', '"security council"', '"nuclear test site"'],
    # Words in most records, in a row in most (`of the`) or only in a few: exact either way.
    "common phrase": ['"of the"', '"security of the"', '"kazakhstan council"'],
    "filter": ["kind:initiative nuclear", "year:1990..2000 council", "kind:fact member"],
    "3-word AND": ["islamic food security", "council foreign ministers", "nuclear test site"],
}
REPEATS = 7
LIMIT = 500


def _scan_condition(query: str) -> Any:
    """The closest naive TinyDB query: every word (or the phrase) in title or text."""
    from tinydb import Query

    record = Query()
    words = [w for w in query.split() if ":" not in w]
    kind = next((w.split(":")[1] for w in query.split() if w.startswith("kind:")), None)
    patterns = (
        [r"\W+".join(map(re.escape, query.strip('"').split()))]
        if query.startswith('"')
        else [re.escape(w) for w in words]
    )
    condition = None
    for pattern in patterns:
        part = record.title.search(pattern, flags=re.IGNORECASE) | record.text.search(
            pattern, flags=re.IGNORECASE
        )
        condition = part if condition is None else condition & part
    if kind:
        condition = (record.kind == kind) & condition
    return condition


def measure(path: Path, scan: bool) -> dict[str, Any]:
    """Run in a child process: open, index, query, scan; report seconds and peak memory."""
    from oic_tui.search.engine import SearchEngine
    from oic_tui.search.indexcache import IndexCache
    from oic_tui.search.service import cached_index, engine_for
    from oic_tui.store.reader import Store

    # The index build is timed cold; loading a cached index is timed separately below.
    started = time.perf_counter()
    store = Store.open(path)
    opened = time.perf_counter()
    engine = engine_for(store, IndexCache(None))
    engine.warm()
    indexed = time.perf_counter()
    latencies: dict[str, list[float]] = {}
    for kind, queries in QUERY_MIX.items():
        for query in queries:
            for _ in range(REPEATS):
                begin = time.perf_counter()
                engine.search(query, limit=LIMIT)
                latencies.setdefault(kind, []).append(time.perf_counter() - begin)
    peak = peak_bytes()
    key, size = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size
    with tempfile.TemporaryDirectory() as folder:
        cache = IndexCache(Path(folder))
        assert "python" in cached_index(store.records, key, size, cache).build_seconds
        cache.wait()
        begin = time.perf_counter()
        reloaded = SearchEngine(store.records, index=cached_index(store.records, key, size, cache))
        reloaded.warm()
        cached = time.perf_counter() - begin
        assert "cached" in reloaded.build_seconds
    result: dict[str, Any] = {
        "records": len(store.records),
        "open_s": opened - started,
        "index_s": indexed - opened,
        "cached_index_s": cached,
        "latency": latencies,
        "peak_bytes": peak,
    }
    if scan:
        from tinydb import TinyDB
        from tinydb.storages import JSONStorage

        db = TinyDB(path, storage=JSONStorage, access_mode="r")
        table = db.table("records")
        table.all()  # read and cache the file once; time the scans alone
        scans: dict[str, list[float]] = {}
        for kind, queries in QUERY_MIX.items():
            for query in queries:
                table.clear_cache()
                begin = time.perf_counter()
                table.search(_scan_condition(query))
                scans.setdefault(kind, []).append(time.perf_counter() - begin)
        db.close()
        result["scan"] = scans
    return result


def json_load_peak(path: Path) -> int:
    """Peak memory of a plain json.load of the same file, in a fresh process."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from peak import peak_bytes\n"
        "json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "print(peak_bytes())\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    return int(out.stdout.strip())


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(sizes: list[int], keep: Path | None) -> list[dict[str, Any]]:
    """Generate each store, measure it in a child process, return the results."""
    from generate import stores_measured

    results = []
    for path, result in stores_measured(sizes, keep, __file__):
        result["json_load_peak_bytes"] = json_load_peak(path)
        result["file_bytes"] = path.stat().st_size
        results.append(result)
    return results


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table of the results."""
    lines = [
        "| records | store open | index build | index from cache | p50 | p95 "
        "| p95 by type (ms) | peak memory | naive scan p50 | speed-up |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        every = [v for values in r["latency"].values() for v in values]
        by_type = ", ".join(
            f"{kind} {_percentile(values, 0.95) * 1000:.1f}"
            for kind, values in r["latency"].items()
        )
        scans = [v for values in r.get("scan", {}).values() for v in values]
        scan_p50 = statistics.median(scans) if scans else float("nan")
        speedup = scan_p50 / statistics.median(every) if scans else float("nan")
        lines.append(
            f"| {r['records']:,} | {r['open_s']:.2f} s | {r['index_s']:.2f} s "
            f"| {r['cached_index_s']:.2f} s | {_percentile(every, 0.5) * 1000:.2f} ms "
            f"| {_percentile(every, 0.95) * 1000:.2f} ms | {by_type} "
            f"| {r['peak_bytes'] / 2**20:.0f} MiB "
            f"({r['peak_bytes'] / r['json_load_peak_bytes']:.2f}× json.load) "
            f"| {scan_p50 * 1000:.0f} ms | {speedup:,.0f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    parser.add_argument("--no-scan", action="store_true", help="skip the naive TinyDB scan")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, scan=not args.no_scan)))
        return
    results = run([int(s) for s in args.sizes.split(",")], args.keep)
    print(table(results))


if __name__ == "__main__":
    main()
