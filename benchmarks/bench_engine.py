"""Engine benchmark: prints figures, asserts nothing (targets are in the issue and the notes).

    .venv/bin/python benchmarks/bench_engine.py

Figures:
* pack load + validation, and compile + registration in durable_rules;
* median time of one assessment of the largest example: through the adapter
  (``DurableEngine.evaluate``), through raw durable_rules calls producing the same firings
  (the floor for this engine), through the plain-Python oracle (the floor for any engine), and
  end to end (``Assessor.assess``, building the result model);
* whole-process times: ``paris-check --version`` against ``python -c pass``, and
  ``paris-check assess`` of the largest example.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import oracle  # noqa: E402

from paris_check.assessing import Assessor, rule_conditions  # noqa: E402
from paris_check.engine import DurableEngine, compile_ruleset, facts_json  # noqa: E402
from paris_check.facts import answer_facts  # noqa: E402
from paris_check.packs import bundled_rules_dir, load_packs, pack_files  # noqa: E402
from paris_check.questionnaire.load import load_questionnaire  # noqa: E402


def median_ms(fn, repeat: int = 7, number: int = 50) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1000)
    return statistics.median(runs)


def largest_example() -> Path:
    files = sorted((ROOT / "questionnaires").rglob("*.yaml"), key=lambda p: p.stat().st_size)
    files = [f for f in files if f.name != "template.yaml"]
    return files[-1]


def raw_durable(definition: dict, facts) -> set[str]:
    import durable_rules_engine as dre

    handle = dre.create_ruleset(f"bench#{uuid.uuid4().hex}", json.dumps(definition))

    def once() -> set[str]:
        sid = uuid.uuid4().hex
        fired: set[str] = set()
        _code, offset = dre.assert_facts(handle, json.dumps(facts_json(sid, facts)))
        result = dre.start_action_for_state(handle, offset)
        while result:
            state, message = result if isinstance(result, tuple) else (None, result)
            fired.update(json.loads(message))
            if state is not None:
                dre.update_state(handle, state)
            result = dre.complete_and_start_action(handle, offset)
        dre.delete_state(handle, sid)
        return fired

    return once


def process_ms(cmd: list[str], repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    start = time.perf_counter()
    ruleset = load_packs(pack_files(bundled_rules_dir()))
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    conditions = rule_conditions(ruleset)
    engine = DurableEngine(conditions)
    compile_ms = (time.perf_counter() - start) * 1000
    print(f"rule packs: {len(ruleset.packs)}, rules: {len(ruleset.rules)}, "
          f"durable rules (conjuncts): {engine.rule_count}")
    print(f"pack load + validation: {load_ms:.1f} ms; compile + register: {compile_ms:.1f} ms")

    example = largest_example()
    q = load_questionnaire(example).questionnaire
    facts = answer_facts(q)
    answered = sum(1 for f in facts.values() if f.attrs)
    print(f"largest example: {example.relative_to(ROOT)} ({answered} answered questions)")

    once = raw_durable(compile_ruleset(conditions), facts)
    raw = once()
    adapter = engine.evaluate(facts)
    assert {f"{k}#{i}" for k, i in adapter} | {"$done"} == raw, "adapter and raw calls disagree"
    assessor = Assessor(ruleset)
    # Interleave the two so that allocator and cache effects hit both alike.
    raw_runs, adapter_runs = [], []
    for _ in range(9):
        raw_runs.append(median_ms(once, repeat=1, number=100))
        adapter_runs.append(median_ms(lambda: engine.evaluate(facts), repeat=1, number=100))
    t_raw, t_adapter = statistics.median(raw_runs), statistics.median(adapter_runs)
    t_oracle = median_ms(lambda: oracle.statuses(ruleset, q), number=200)
    t_full = median_ms(lambda: assessor.assess(q))
    print(f"firings per assessment: {len(adapter)}")
    print(f"raw durable_rules calls : {t_raw:.3f} ms  (floor for this engine)")
    print(f"adapter evaluate        : {t_adapter:.3f} ms  (+{(t_adapter / t_raw - 1) * 100:.0f} % "
          "over raw; target <= 20 %)")
    print(f"plain-Python oracle     : {t_oracle:.3f} ms  (floor for any engine; includes facts)")
    print(f"Assessor.assess (result): {t_full:.3f} ms")

    exe = str(ROOT / ".venv" / "bin" / "paris-check")
    bare = process_ms([sys.executable, "-c", "pass"])
    version = process_ms([exe, "--version"])
    whole = process_ms([exe, "assess", str(example), "--format", "json", "--exit-zero"], repeat=5)
    print(f"python -c pass          : {bare:.0f} ms")
    print(f"paris-check --version   : {version:.0f} ms ({version / bare:.1f}x; target <= 3x)")
    print(f"paris-check assess      : {whole:.0f} ms whole process (target < 500 ms)")
    engine.close()
    assessor.close()


if __name__ == "__main__":
    main()
