"""Batch and embedding benchmark: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_batch.py [--files 1000] [--assessments 10000]

Figures (targets from issue 6):
* 1,000 questionnaires to JSON through the batch code path (``run_batch``, all cores, process
  start-up included); target <= 10 s on a 2-core machine;
* resident memory (VmRSS) across 10,000 assessments in one process, sampled every 1,000;
  target: flat within +10 % after the first sample;
* 8 threads x 500 assessments through ``paris_check.assess``: results equal to the sequential
  ones, and the time taken.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.randomq import random_questionnaire  # noqa: E402

import paris_check  # noqa: E402
from paris_check.batch import default_jobs, run_batch  # noqa: E402


def to_yaml(data: object) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 10**9
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def rss_mb() -> float:
    """Resident set size of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - not Linux


def bench_batch(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        for i in range(n):
            folder = src / f"region-{i % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"nhri-{i:04d}.yaml").write_text(
                to_yaml(random_questionnaire(i)), encoding="utf-8")
        size = sum(p.stat().st_size for p in src.rglob("*.yaml")) / n
        start = time.perf_counter()
        summary = run_batch(src, out, fmt="json")
        took = time.perf_counter() - start
        print(f"batch: {n} questionnaires (mean {size / 1024:.1f} KiB) to JSON with "
              f"{default_jobs()} worker(s): {took:.2f} s ({n / took:.0f} files/s), "
              f"{summary.failed} failed; target <= 10 s for 1,000")


def bench_memory(n: int, every: int = 1000) -> None:
    qs = [paris_check.load_questionnaire(random_questionnaire(seed)) for seed in range(200)]
    paris_check.assess(qs[0])
    samples = []
    start = time.perf_counter()
    for i in range(1, n + 1):
        paris_check.assess(qs[i % len(qs)]).to_json()
        if i % every == 0:
            samples.append(rss_mb())
    took = time.perf_counter() - start
    growth = (samples[-1] - samples[0]) / samples[0] * 100
    print(f"memory: {n} assessments in one process ({took / n * 1000:.2f} ms each); VmRSS MiB "
          f"every {every}: {', '.join(f'{s:.1f}' for s in samples)}; growth after the first "
          f"sample {growth:+.1f}% (target within +10%)")


def bench_threads(threads: int = 8, per_thread: int = 500) -> None:
    qs = [paris_check.load_questionnaire(random_questionnaire(seed)) for seed in range(per_thread)]
    start = time.perf_counter()
    expected = [paris_check.assess(q).to_json() for q in qs]
    seq = time.perf_counter() - start

    def work(offset: int) -> list[tuple[int, str]]:
        order = [(offset * 37 + k) % per_thread for k in range(per_thread)]
        return [(i, paris_check.assess(qs[i]).to_json()) for i in order]

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        runs = list(pool.map(work, range(threads)))
    took = time.perf_counter() - start
    mismatches = sum(text != expected[i] for run in runs for i, text in run)
    total = sum(len(run) for run in runs)
    print(f"threads: {threads} x {per_thread} = {total} assessments in {took:.2f} s "
          f"(sequential {per_thread} in {seq:.2f} s); {mismatches} differ from the sequential "
          "results (target 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--assessments", type=int, default=10_000)
    args = parser.parse_args()
    bench_batch(args.files)
    bench_memory(args.assessments)
    bench_threads()


if __name__ == "__main__":
    main()
