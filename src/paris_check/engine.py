"""The only module that talks to durable_rules.

durable_rules 2.0.28 is an unmaintained C Rete engine with process-global state and several
crash classes (see ``docs/engine.md``). This adapter hides all of that behind
:class:`DurableEngine`, whose input and output are the project's own types:

* input: named conditions in DNF (``{key: ((Test, ...), ...)}``) and per-assessment
  :class:`~paris_check.facts.AnswerFact` objects;
* output: the set of ``(key, conjunct index)`` pairs whose conjunct is true.

How it stays safe (each point answers a measured failure of durable_rules):

* no ``durable.lang`` and no ``Host``: the C extension is called directly, so there are no
  background timer threads and no process-wide ruleset registry; each engine registers its own
  ruleset under a unique name and frees it on :meth:`DurableEngine.close`;
* facts, not events; one fact per answered attribute set, anchored by ``t`` and ``q`` equality
  tests first in every pattern; no cross-fact references, no ``$not``, no ``any``;
* all facts of one assessment go in one batch with a sentinel fact whose rule has the lowest
  priority, so an action always completes before the state is deleted (deleting a state with no
  completed action segfaults); "no rule matched" is therefore never an error;
* every assessment uses a fresh session id, checked against live ids for 32-bit hash
  collisions; at most ``MAX_IN_FLIGHT`` assessments run at once per engine;
* a ruleset whose alpha network could exceed the C limits (64 simultaneous matches per fact,
  512 tests under one node) is refused when it is compiled, with the offending question named.
"""

from __future__ import annotations

import json
import threading
import uuid
import weakref
from collections.abc import Mapping
from typing import Any

from .conditions import DNF, Test
from .errors import EngineError, RulePackError
from .facts import AnswerFact

SENTINEL = "$done"
MAX_IN_FLIGHT = 32
MAX_SIBLING_TESTS = 60  # C limit: 64 alpha tests matched by one fact at one level
MAX_NODE_FANOUT = 500  # C limit: 512 distinct tests under one node hangs the process
MAX_LEAKED_SIDS = 100

_FACT_ATTR = {"law": "law", "practice": "prac"}


def _engine_module() -> Any:
    try:
        import durable_rules_engine
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise EngineError(
            f"the durable_rules C extension cannot be imported ({exc})", code="PC301",
            hint="reinstall with a C compiler: CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject "
                 "pip install --no-binary durable-rules durable-rules==2.0.28") from None
    return durable_rules_engine


def fnv1a32(text: str) -> int:
    """32-bit FNV-1a hash, the identity durable_rules gives session ids."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _slot(test: Test) -> str:
    if test.attr in _FACT_ATTR:
        return _FACT_ATTR[test.attr]
    if test.attr.startswith("opt."):
        return "o." + test.attr[4:]
    return "n" if test.op in ("lt", "lte", "gt", "gte") or isinstance(test.value, float) else "s"


def _test_json(test: Test) -> list[dict[str, Any]]:
    slot = _slot(test)
    v = test.value
    if test.op == "eq":
        return [{slot: v}]
    if test.op == "neq":
        return [{"$neq": {slot: v}}]
    if test.op == "in":
        return [{"$or": [{slot: x} for x in v]}]  # type: ignore[union-attr]
    if test.op == "not_in":
        return [{"$neq": {slot: x}} for x in v]  # type: ignore[union-attr]
    return [{f"${test.op}": {slot: v}}]


def compile_ruleset(conditions: Mapping[str, DNF]) -> dict[str, Any]:
    """Compile DNF conditions to a durable_rules JSON ruleset (one rule per conjunct)."""
    rules: dict[str, Any] = {}
    for key in sorted(conditions):
        for index, conjunct in enumerate(conditions[key]):
            by_q: dict[str, list[Test]] = {}
            for test in conjunct:
                by_q.setdefault(test.qid, []).append(test)
            patterns = []
            for alias, qid in enumerate(sorted(by_q)):
                tests: list[dict[str, Any]] = [{"t": "a"}, {"q": qid}]
                for test in sorted(by_q[qid]):
                    tests.extend(_test_json(test))
                patterns.append({f"m{alias}": {"$and": tests}})
            rules[f"{key}#{index}"] = {"all": patterns}
    rules[SENTINEL] = {"pri": 65535, "all": [{"m": {"$and": [{"t": SENTINEL}]}}]}
    _check_limits(rules)
    return rules


def _check_limits(rules: dict[str, Any]) -> None:
    """Refuse alpha networks that would reach the C core's crash or hang limits."""
    trie: dict[str, Any] = {}
    for name, rule in rules.items():
        for pattern in rule["all"]:
            (body,) = pattern.values()
            node = trie
            for test in body["$and"]:
                node = node.setdefault(json.dumps(test, sort_keys=True), {})
            node.setdefault("$rules", set()).add(name)

    def walk(node: dict[str, Any], path: list[str]) -> None:
        children = {k: v for k, v in node.items() if k != "$rules"}
        q = next((json.loads(p)["q"] for p in path if '"q"' in p), None)
        if len(children) > MAX_NODE_FANOUT or (q and len(children) > MAX_SIBLING_TESTS):
            raise RulePackError(
                f"rules test question {q or '(any)'} in {len(children)} different ways; the "
                f"engine supports at most {MAX_SIBLING_TESTS} per question",
                code="PC120", hint="merge equivalent tests or split the question")
        for key, child in children.items():
            walk(child, [*path, key])

    walk(trie, [])


def facts_json(sid: str, facts: Mapping[str, AnswerFact]) -> list[dict[str, Any]]:
    """The durable facts for one assessment: one per answered question, plus the sentinel."""
    out: list[dict[str, Any]] = []
    for qid in sorted(facts):
        attrs = facts[qid].attrs
        if not attrs:
            continue
        fact: dict[str, Any] = {"sid": sid, "id": f"a:{qid}", "t": "a", "q": qid}
        options: dict[str, str] = {}
        for attr, value in attrs.items():
            if attr in _FACT_ATTR:
                fact[_FACT_ATTR[attr]] = value
            elif attr.startswith("opt."):
                options[attr[4:]] = str(value)
            elif isinstance(value, float):
                fact["n"] = value
            else:
                fact["s"] = value
        if options:
            fact["o"] = options
        out.append(fact)
    out.append({"sid": sid, "id": SENTINEL, "t": SENTINEL})
    return out


class DurableEngine:
    """A compiled set of conditions, evaluated with durable_rules.

    Thread-safe; each :meth:`evaluate` call is an isolated session. Call :meth:`close` (or use
    the engine as a context manager) to free the C ruleset.
    """

    def __init__(self, conditions: Mapping[str, DNF]) -> None:
        self._dre = _engine_module()
        self._definition = compile_ruleset(conditions)
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)
        self._live: set[int] = set()
        self._leaked = 0
        self._in_flight = 0
        self._closed = False
        self._handle = self._register()
        # Frees the C ruleset if the engine is garbage-collected without close() (e.g. evicted
        # from a cache). Detached whenever freeing would be unsafe (leaked sessions).
        self._finalizer = weakref.finalize(self, self._dre.delete_ruleset, self._handle)

    def _register(self) -> int:
        name = f"paris_check#{uuid.uuid4().hex}"
        try:
            return int(self._dre.create_ruleset(name, json.dumps(self._definition)))
        except Exception as exc:  # durable_rules_engine.error
            raise EngineError(f"durable_rules refused the ruleset: {exc}", code="PC302") from None

    @property
    def rule_count(self) -> int:
        """Number of durable rules registered (conjuncts plus the sentinel)."""
        return len(self._definition)

    def evaluate(self, facts: Mapping[str, AnswerFact]) -> frozenset[tuple[str, int]]:
        """Return the ``(condition key, conjunct index)`` pairs that are true for ``facts``."""
        with self._slots:
            sid, handle = self._open_session()
            try:
                fired = self._run(handle, sid, facts)
            except BaseException:
                self._end_session(sid, handle, delete=False)
                raise
            self._end_session(sid, handle, delete=True)
        return frozenset(fired)

    def _open_session(self) -> tuple[str, int]:
        with self._lock:
            if self._closed:
                raise EngineError("the engine was closed", code="PC303")
            while True:
                sid = uuid.uuid4().hex
                h = fnv1a32(sid)
                if h not in self._live:
                    self._live.add(h)
                    break
            self._in_flight += 1
            return sid, self._handle

    def _end_session(self, sid: str, handle: int, *, delete: bool) -> None:
        if delete:
            self._dre.delete_state(handle, sid)
        with self._lock:
            self._live.discard(fnv1a32(sid))
            self._in_flight -= 1
            if not delete:
                self._leaked += 1  # deleting a state whose actions failed can crash: leak it
                self._finalizer.detach()
            if self._leaked > MAX_LEAKED_SIDS and self._in_flight == 0:
                self._handle = self._register()
                self._finalizer = weakref.finalize(self, self._dre.delete_ruleset, self._handle)
                self._leaked = 0

    def _run(self, handle: int, sid: str, facts: Mapping[str, AnswerFact]) -> set[tuple[str, int]]:
        dre = self._dre
        payload = json.dumps(facts_json(sid, facts), ensure_ascii=False)
        try:
            code, offset = dre.assert_facts(handle, payload)
        except Exception as exc:
            raise EngineError(f"durable_rules rejected the facts: {exc}", code="PC304") from None
        if code == 2:
            raise EngineError("two facts collided in durable_rules (hash collision)", code="PC305")
        fired: set[tuple[str, int]] = set()
        done = False
        result = dre.start_action_for_state(handle, offset)
        while result:
            state_json, message_json = result if isinstance(result, tuple) else (None, result)
            message = json.loads(message_json)
            for name in message:
                if name == SENTINEL:
                    done = True
                else:
                    key, _, index = name.rpartition("#")
                    fired.add((key, int(index)))
            if state_json is not None:
                dre.update_state(handle, state_json)
            result = dre.complete_and_start_action(handle, offset)
        if not done:
            raise EngineError("durable_rules did not complete the assessment", code="PC306")
        return fired

    def close(self) -> None:
        """Free the C ruleset. Safe to call twice; later evaluations raise EngineError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._in_flight == 0 and self._leaked == 0:
                self._finalizer()
            else:
                self._finalizer.detach()

    def __enter__(self) -> DurableEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
