"""Sphinx extension: generate the reference pages from the data the engine reads.

On ``builder-inited`` it writes MyST pages into ``docs/_generated/`` from the live rule packs,
question catalogue, standards catalogue, coverage matrix and loader error messages, so the
documentation can never drift from the code. It also registers two roles:

* ``{rule}`SE01``` links to the rule's section (std label ``rule-SE01``);
* ``{question}`selection.vacancies_advertised``` links to the questionnaire reference.

Both are thin wrappers around ``:ref:``, so an unknown code warns (and fails a ``-W`` build).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

OUT = "_generated"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}$~])")
_PLAIN_YAML = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\- ]*$")
_YAML_RESERVED = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"}
SEVERITY_WORDS = {
    "blocker": "the SCA has treated this shortfall as incompatible with full compliance",
    "major": "a serious shortfall on which the SCA regularly makes recommendations",
    "minor": "a shortfall the SCA mentions, usually as encouragement",
    "advisory": "good practice rather than a firm requirement",
}
EXAMPLE_HEADS = (
    ("gap", "Example that fails", "Examples that fail"),
    ("met", "Example that passes", "Examples that pass"),
    ("unknown", "Example left unknown", "Examples left unknown"),
    ("not_applicable", "Example where it does not apply", "Examples where it does not apply"),
)
CONFIDENCE_WORDS = {
    "verified": "the requirement is written in the primary text",
    "sca-practice": "the SCA applies it in its published recommendations",
    "interpretation": "our reading of the standards; treat the finding with care",
    "unverified": "the source could not be checked; treat the finding with care",
}


# --------------------------------------------------------------------------- small helpers


def md(text: str | None) -> str:
    """Collapse whitespace and escape Markdown syntax in prose taken from data files."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def qlink(qid: str) -> str:
    return f"{{question}}`{qid}`"


def rlink(code: str) -> str:
    return f"{{rule}}`{code}`"


def yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value)
    if (_PLAIN_YAML.match(text) and text == text.strip() and not _looks_numeric(text)
            and text.lower() not in _YAML_RESERVED - {"yes", "no"}):
        return text
    return json.dumps(text, ensure_ascii=False)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def yaml_lines(value: Any, indent: int = 0) -> list[str]:
    """A tiny YAML emitter for answer snippets (block mappings, flow lists of scalars)."""
    pad = "  " * indent
    out: list[str] = []
    for key, val in value.items():
        if isinstance(val, dict) and val:
            out.append(f"{pad}{key}:")
            out.extend(yaml_lines(val, indent + 1))
        elif isinstance(val, dict):
            out.append(f"{pad}{key}: {{}}")
        elif isinstance(val, list) and all(not isinstance(v, dict | list) for v in val):
            out.append(f"{pad}{key}: [{', '.join(yaml_scalar(v) for v in val)}]")
        elif isinstance(val, list):
            out.append(f"{pad}{key}:")
            for item in val:
                if isinstance(item, dict):
                    sub = yaml_lines(item, indent + 2)
                    out.append(f"{pad}  - {sub[0].strip()}")
                    out.extend(sub[1:])
                else:
                    out.append(f"{pad}  - {yaml_scalar(item)}")
        else:
            out.append(f"{pad}{key}: {yaml_scalar(val)}")
    return out


def nest_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """``{"selection.x": v}`` -> ``{"selection": {"x": v}}``: the shape a questionnaire has."""
    out: dict[str, dict[str, Any]] = {}
    for qid, val in answers.items():
        section, _, name = qid.partition(".")
        out.setdefault(section, {})[name] = val
    return out


def yaml_block(data: dict[str, Any], empty: str = "# nothing answered") -> list[str]:
    body = yaml_lines(data) if data else [empty]
    return ["```yaml", *body, "```"]


def table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return lines


def describe(node: Any, depth: int = 0) -> list[str]:
    """A condition tree as a nested Markdown list in plain words, with question links."""
    from paris_check.conditions import And, Not, Or, Test

    pad = "  " * depth
    if isinstance(node, Test):
        return [f"{pad}- {describe_test(node)}"]
    if isinstance(node, Not):
        return [f"{pad}- it is not the case that:", *describe(node.item, depth + 1)]
    head = "all of these hold:" if isinstance(node, And) else "any of these holds:"
    if isinstance(node, Or | And):
        lines = [f"{pad}- {head}"]
        for item in node.items:
            lines += describe(item, depth + 1)
        return lines
    raise TypeError(node)  # pragma: no cover


def describe_test(test: Any) -> str:
    from paris_check.questionnaire.catalogue import questions

    q = questions()[test.qid]
    link = f"{md(q.label)} ({qlink(test.qid)})"
    values = list(test.value) if isinstance(test.value, tuple) else [test.value]
    shown = " or ".join(f"`{yaml_scalar(v)}`" for v in values)
    if test.attr.startswith("opt."):
        verb = "includes" if test.value == "yes" else "does not include"
        return f"{link} {verb} `{test.attr[4:]}`"
    aspect = {"law": "in law is ", "practice": "in practice is "}.get(test.attr, "is ")
    words = {"eq": aspect, "in": aspect, "neq": aspect + "not ", "not_in": aspect + "not ",
             "lt": "is less than ", "lte": "is at most ", "gt": "is more than ",
             "gte": "is at least "}[test.op]
    return f"{link} {words}{shown}"


def rubric(title: str, cls: str = "") -> list[str]:
    """A heading that is not a section: per-rule subheadings must not collide across rules,
    and hundreds of small sections would slow the theme's navigation down."""
    opts = [f":class: paris-{cls}"] if cls else []
    return [f"```{{rubric}} {title}", *opts, "```", ""]


def write_if_changed(path: Path, text: str) -> None:
    """Write only when the content changed, so Sphinx rebuilds only what changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


# --------------------------------------------------------------------------- rule pages


def _reads_index(ruleset: Any) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Question ID -> rule codes reading it in a gap condition / an applicability condition."""
    from paris_check.conditions import questions_of

    gap: dict[str, set[str]] = defaultdict(set)
    app: dict[str, set[str]] = defaultdict(set)
    for pack in ruleset.packs:
        for rule in pack.rules:
            for q in rule.reads:
                gap[q].add(rule.code)
            for q in (*rule.reads_for_applicability, *questions_of(pack.applies)):
                app[q].add(rule.code)
    return gap, app


def cite_link(ref: str) -> str:
    """A reference as the report cites it ("GO 1.8 R1"), linked to its catalogue entry."""
    from paris_check.citations import cite
    from paris_check.standards import standards

    return f"{{ref}}`{cite(ref).text} <std-{ref}>`" if ref in standards() else f"`{ref}`"


def refs_text(ids: Iterable[str]) -> list[str]:
    from paris_check.standards import standards

    catalogue = standards()
    out = []
    for ref in ids:
        std = catalogue.get(ref)
        title = md(std.title) if std else "(not in the standards catalogue)"
        out.append(f"- {cite_link(ref)} — {title}")
    return out


def rule_section(pack: Any, rule: Any) -> list[str]:
    from paris_check.conditions import questions_of

    s = rule.spec
    lines = [f"(rule-{s.code})=", f"({s.code})=", f"## {s.code} {md(s.title)}", ""]
    lines += [f"**Slug:** `{s.slug}` · **Pack:** {pack.name} {pack.version} · "
              f"**Severity:** {s.severity} · **Confidence:** {s.confidence}", ""]
    if s.aliases:
        lines += [f"Formerly: {', '.join(f'`{a}`' for a in s.aliases)}", ""]
    lines += [*rubric("What it checks"), "The requirement is **not met** when:", ""]
    lines += describe(rule.gap)
    lines += ["", "The finding written into the report when it is not met:", "",
              f"> {md(s.finding)}", ""]
    lines += [*rubric("Why it matters"), md(s.rationale), "", "References:", ""]
    lines += refs_text(s.references)
    lines += ["", *rubric("Severity and confidence"),
              f"- **{s.severity}**: {SEVERITY_WORDS[s.severity]}"
              + ("; one blocker gap makes the indicative status *B likely*."
                 if s.severity == "blocker" and pack.spec.profile == "core" else "."),
              f"- **{s.confidence}**: {CONFIDENCE_WORDS[s.confidence]}."]
    if pack.spec.profile != "core":
        lines += [f"- The *{md(pack.spec.title)}* pack is **{pack.spec.profile}**: its rules are "
                  "reported and scored in their own area but never decide the indicative status."]
    lines.append("")
    lines += [*rubric("Questions it reads")]
    lines += [f"- {qlink(q)}" for q in rule.reads]
    app_q = sorted({*rule.reads_for_applicability, *questions_of(pack.applies)})
    if app_q:
        lines += [f"- {qlink(q)} (to decide whether it applies)" for q in app_q]
    lines += ["", *rubric("When it applies")]
    if pack.applies is None and rule.applies is None:
        lines += ["Always: every institution is assessed on it.", ""]
    else:
        if pack.applies is not None:
            lines += [f"Every rule of the *{md(pack.spec.title)}* pack applies only when:", ""]
            lines += [*describe(pack.applies), ""]
        if rule.applies is not None:
            lines += ["This rule applies only when:", "", *describe(rule.applies), ""]
        lines += ["When that cannot be decided from the answers, the rule's result is "
                  "*unknown*; when it is false, *not applicable*.", ""]
    for expect, one, many in EXAMPLE_HEADS:
        examples = [e for e in s.examples if e.expect == expect]
        if not examples:
            continue
        lines += rubric(one if len(examples) == 1 else many)
        for ex in examples:
            note = f" {md(ex.note)}" if ex.note else ""
            lines += [f"*{ex.name}*:{note}", ""]
            lines += [*yaml_block(nest_answers(ex.answers)), ""]
    lines += [*rubric("Recommendation"), md(s.recommendation), ""]
    return lines


def pack_page(pack: Any) -> str:
    spec = pack.spec
    lines = [f"(pack-{pack.name})=", f"# {md(spec.title)}", "",
             md(spec.description), "",
             f"Pack `{pack.name}` version {pack.version}, scoring area `{spec.area}`, profile "
             f"`{spec.profile}`, {len(pack.rules)} rule(s). Source: "
             f"`rules/{Path(pack.path).name}`.", ""]
    lines += table(["Code", "Title", "Severity"],
                   ([rlink(r.code), md(r.spec.title), r.spec.severity] for r in pack.rules))
    lines.append("")
    for rule in pack.rules:
        lines += rule_section(pack, rule)
    return "\n".join(lines) + "\n"


def rules_index(ruleset: Any) -> str:
    lines = ["(rule-catalogue)=", "# Rule catalogue", "",
             "Every rule of the bundled packs, generated from the files in `rules/` when this "
             "site was built. Each rule has a stable code (two letters, two digits) that is "
             "never reused; link to a rule with its code.", "",
             f"{len(ruleset.rules)} rules in {len(ruleset.packs)} pack(s).", ""]
    lines += table(["Code", "Title", "Severity", "Confidence", "Pack"],
                   ([rlink(r.code), md(r.spec.title), r.spec.severity, r.spec.confidence,
                     f"{{ref}}`{r.pack} <pack-{r.pack}>`"] for r in ruleset.rules))
    lines += ["", "```{toctree}", ":maxdepth: 1", ":hidden:", ""]
    lines += [p.name for p in ruleset.packs]
    lines += ["```", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- questionnaire


def questions_by_id() -> dict[str, Any]:
    from paris_check.questionnaire.catalogue import questions

    return questions()


def questionnaire_page(ruleset: Any) -> str:
    from paris_check.questionnaire.catalogue import sections

    gap, app = _reads_index(ruleset)
    kinds = {
        "law_practice": "rated in law and in practice (`in_law` and `in_practice`: yes, partly, "
                        "no or unknown)",
        "choice": "one value", "multi": "a list of values", "number": "a number",
        "text": "free text (never tested by a rule)", "list": "a list of entries",
        "derived": "computed by the tool, not answered"}
    lines = ["(questionnaire-reference)=", "# Questionnaire reference", "",
             "Every section and question of the questionnaire, generated from the questionnaire "
             "model. A question's ID is `section.field`; rules and the blank template use the "
             "same IDs. Any question may also be answered `unknown` or "
             "`{not_applicable: \"reason\"}`.", ""]
    lines += limits_section()
    for sec in sections():
        lines += [f"(section-{sec.id})=", f"## {md(sec.title)}", ""]
        doc_rest = " ".join(sec.doc.split("\n", 1)[1:]) if "\n" in sec.doc else ""
        if doc_rest.strip():
            lines += [md(doc_rest), ""]
        lines += [f"Section key: `{sec.id}`", ""]
        for q in sec.questions:
            lines += [f"(question-{q.id})=", *rubric(q.id, "question"), f"**{md(q.label)}**", ""]
            if q.help:
                lines += [md(q.help), ""]
            kind = kinds.get(q.kind, q.kind)
            lines += [f"- Answer: {kind}."]
            if q.choices and q.kind != "law_practice":
                lines += ["- Allowed values: " + ", ".join(f"`{c}`" for c in q.choices)]
            if q.applies:
                lines += [f"- Only relevant when: {md(q.applies)}"]
            if q.derived_from:
                known = questions_by_id()
                sources = [part.strip() for part in q.derived_from.split(",") if part.strip()]
                lines += ["- Computed from " + ", ".join(
                    qlink(p) if p in known else f"`{p}`" for p in sources)]
            if q.refs:
                refs = ", ".join(cite_link(r) for r in q.refs)
                lines += [f"- References: {refs}"]
            if gap.get(q.id):
                lines += ["- Rules that test it: " + ", ".join(rlink(c) for c in sorted(gap[q.id]))]
            if app.get(q.id):
                lines += ["- Rules whose applicability depends on it: "
                          + ", ".join(rlink(c) for c in sorted(app[q.id]))]
            if not gap.get(q.id) and not app.get(q.id):
                lines += ["- No rule reads it at present."]
            lines.append("")
    return "\n".join(lines)


def limits_section() -> list[str]:
    """The length limits of free text and free lists, from the one table the model reads."""
    from paris_check.questionnaire.limits import LIMITS

    lines = ["(questionnaire-limits)=", "## Length limits", "",
             "Free text and free lists have limits, generous for real use, so that every valid "
             "questionnaire turns into a report quickly. A longer text or list is refused at "
             "its line, with the limit and its length (code `PC017`); the JSON schema shows "
             "the same limits (`maxLength`, `maxItems`). Cite a long document by its title and "
             "web address rather than copying it.", ""]
    lines += table(["What", "At most"],
                   ([md(limit.applies_to[:1].upper() + limit.applies_to[1:]),
                     f"{limit.size:,} {limit.unit}"] for limit in LIMITS.values()))
    return [*lines, ""]


# --------------------------------------------------------------------------- standards, coverage


def standards_page() -> str:
    from paris_check.citations import cite
    from paris_check.standards import instruments, standards

    lines = ["(standards-catalogue)=", "# Standards catalogue", "",
             "Every reference a rule may cite, generated from "
             "`src/paris_check/data/standards.yaml`. Titles and summaries are paraphrases, not "
             "quotations. *Verification* says how well the wording was checked against a "
             "source (see {doc}`/verification-log`).", ""]
    by_instrument: dict[str, list[Any]] = defaultdict(list)
    for std in standards().values():
        by_instrument[std.instrument].append(std)
    insts = instruments()
    for code, items in by_instrument.items():
        title = insts.get(code, {}).get("title", code)
        lines += [f"## {md(title)}", ""]
        for std in items:
            lines += [f"(std-{std.id})=", *rubric(f"{md(cite(std.id).text)} — {md(std.title)}",
                                                  "standard"),
                      md(std.summary), "", f"- Catalogue ID (for rule packs): `{std.id}`",
                      f"- Verification: `{std.verification}`"]
            if std.parent:
                lines.append(f"- Part of {cite_link(std.parent)}")
            if not std.checkable:
                lines.append(f"- Not checked by a questionnaire: {md(std.not_checkable_reason)}")
            if std.note:
                lines.append(f"- Note: {md(std.note)}")
            lines.append("")
    return "\n".join(lines)


def coverage_page(ruleset: Any, required: bool) -> str:
    lines = ["(coverage-matrix)=", "# Coverage matrix", "",
             "Which rules check each Paris Principles clause and General Observation, "
             "generated by `paris_check.coverage.coverage_matrix` (the same table as "
             "`paris-check rules coverage`).", ""]
    try:
        from paris_check.coverage import coverage_matrix
    except ImportError as exc:
        if required:
            logger.warning("paris_docs: cannot import paris_check.coverage (%s)", exc,
                           type="paris_docs", subtype="coverage")
        return "\n".join([*lines, "The coverage module is not available in this build.", ""])
    rows = []
    counts: dict[str, int] = defaultdict(int)
    for row in coverage_matrix(ruleset):
        counts[row.status] += 1
        if row.rules:
            state = ", ".join(rlink(c) for c in row.rules)
        elif row.excluded:
            state = f"not checkable: {md(row.excluded)}"
        else:
            state = "**not covered**"
        rows.append([cite_link(row.id), md(row.title), state])
    lines += [f"{counts['covered']} covered, {counts['excluded']} excluded as not checkable by "
              f"a questionnaire, {sum(counts.values()) - counts['covered'] - counts['excluded']}"
              " not covered.", ""]
    lines += table(["Requirement", "Title", "Rules"], rows)
    return "\n".join([*lines, ""])


# --------------------------------------------------------------------------- error messages

BAD_SNIPPETS: list[tuple[str, str, str]] = [
    ("A section name is misspelt",
     'schema_version: "1.0"\nselction:\n  vacancies_advertised:\n    in_law: yes\n',
     "Correct the spelling; the hint suggests the nearest valid name."),
    ("A law/practice question is answered with a bare yes",
     'schema_version: "1.0"\nselection:\n  vacancies_advertised: yes\n',
     "Write `in_law:` and `in_practice:` on two indented lines under the question."),
    ("An answer outside the allowed list",
     'schema_version: "1.0"\nselection:\n  vacancies_advertised:\n    in_law: maybe\n'
     "    in_practice: yes\n",
     "Use one of the words the hint lists; write `unknown` if you do not know."),
    ("A number written in words",
     'schema_version: "1.0"\ntenure:\n  term_years: five\n',
     "Write digits only."),
    ("Not applicable without a reason",
     'schema_version: "1.0"\ncomplaints:\n  accessible:\n    not_applicable: true\n',
     "Replace `true` with a short reason in quotes."),
    ("A tab used for indentation",
     'schema_version: "1.0"\nselection:\n\tvacancies_advertised: unknown\n',
     "Indent with spaces only; most editors can be set to insert spaces for the Tab key."),
    ("A colon inside an unquoted text",
     'schema_version: "1.0"\nprofile:\n  name: Commission: Human Rights\n',
     "Put the text in double quotes."),
    ("The file name is wrong, or the file is in another folder",
     "my-institutoin.yaml",
     "Check the spelling with `ls` (macOS, Linux) or `dir` (Windows), or give the full path."),
]


def error_examples() -> str:
    """Run the real loader on bad snippets and record the one-line messages it prints."""
    from paris_check.errors import ParisCheckError
    from paris_check.questionnaire.load import load_questionnaire

    lines: list[str] = []
    for title, snippet, advice in BAD_SNIPPETS:
        try:
            if snippet.endswith(".yaml"):
                load_questionnaire(snippet)
            else:
                load_questionnaire(snippet, name="my.yaml")
        except ParisCheckError as exc:
            message = exc.one_line()
        else:
            logger.warning("paris_docs: the bad snippet %r was accepted by the loader", title,
                           type="paris_docs", subtype="errors")
            continue
        if snippet.endswith(".yaml"):
            lines += [f"**{title}.** `paris-check validate {snippet}` answers:", ""]
        else:
            lexer = "text" if "\t" in snippet else "yaml"
            lines += [f"**{title}.** The file contains:", "", f"```{lexer}", snippet.rstrip("\n"),
                      "```", "", "and `paris-check validate my.yaml` answers:", ""]
        lines += ["```text", message, "```", "", f"What to do: {advice}", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- pack errors

DEMO_PACK = """\
pack: demo
version: 1.0.0
title: Demonstration
area: demo
description: A pack with mistakes, to show the loader's messages.
rules:
  - code: ZZ01
    slug: demo-requirement-missing
    title: A demonstration requirement
    severity: major
    confidence: verified
    references: [{bad_ref}]
    gap_when: {{q: {typo}, law: no}}
    finding: Something is missing.
    recommendation: Add it.
    rationale: It matters.
    examples:
      - name: missing
        expect: gap
        answers: {{{lp_q}: {{in_law: no}}}}
      - name: unanswered
        expect: unknown
        answers: {{}}
"""
DEMO_KEY_PACK = """\
pack: demo-keys
version: 1.0.0
title: Demonstration
area: demo
description: A pack with a misspelt key.
rules:
  - code: ZZ02
    slug: demo-other-requirement
    title: Another demonstration requirement
    severity: major
    confidence: verified
    references: [PP-A1]
    gap_when: {{q: {lp_q}, law: no}}
    finding: Something is missing.
    recommendation: Add it.
    rationale: It matters.
    examples:
      - {{name: missing, expect: gap, answers: {{{lp_q}: {{in_law: no}}}}}}
      - {{name: present, expect: met, answers: {{{lp_q}: {{in_law: yes}}}}}}
    severty: major
"""


def pack_error_examples() -> str:
    """Load two deliberately broken packs and record the loader's messages."""
    import tempfile

    from paris_check.errors import ParisCheckError
    from paris_check.packs import load_packs
    from paris_check.questionnaire.catalogue import questions

    qs = list(questions().values())
    preferred = "selection.vacancies_advertised"
    lp_q = preferred if preferred in questions() else next(
        q.id for q in qs if q.kind == "law_practice")
    fields = {"lp_q": lp_q, "typo": lp_q[:-1], "bad_ref": "GO-1.8-R99"}
    texts = {"demo.yaml": DEMO_PACK.format(**fields),
             "demo-keys.yaml": DEMO_KEY_PACK.format(**fields)}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in texts.items():
            path = Path(tmp) / name
            path.write_text(text, "utf-8")
            paths.append(path)
        try:
            load_packs(paths)
        except ParisCheckError as exc:
            message = exc.one_line().replace(tmp + os.sep, "rules/")
        else:
            logger.warning("paris_docs: the broken demo packs were accepted",
                           type="paris_docs", subtype="errors")
            message = "(no error)"
    lines = []
    for name, text in texts.items():
        lines += [f"`rules/{name}`:", "", "```yaml", text.rstrip("\n"), "```", ""]
    lines += ["`paris-check rules list --rules rules/` (or any command that loads the packs, "
              "and the test suite) answers:", "", "```text", message, "```", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- scoring text


def scoring_fragment() -> str:
    import inspect

    from paris_check import scoring

    doc = inspect.getdoc(scoring) or ""
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else doc
    body = body.replace("``", "`")
    weights = ", ".join(f"{k} {v}" for k, v in scoring.WEIGHTS.items())
    return "\n".join([
        body, "", f"Weights used by the code: {weights}.", "",
        "The method as stamped into every result (`status.method`):", "",
        f"> {md(scoring.METHOD)}", "",
        "The disclaimer every report carries (`status.disclaimer`):", "",
        f"> {md(scoring.DISCLAIMER)}", ""])


def fidelity_fragment() -> str:
    """The cross-validated fidelity figures, computed by benchmarks/fidelity.py at build time."""
    import sys

    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from benchmarks import fidelity

    return "\n".join(fidelity.report_lines(fidelity.load_cases(), with_rules=True)) + "\n"


# --------------------------------------------------------------------------- answer types


def choice_classes() -> list[type]:
    """Every choice and multi-choice answer class the questionnaire model defines."""
    import paris_check.questionnaire.model  # noqa: F401  (defines the classes)
    from paris_check.questionnaire.answers import ChoiceAnswer, MultiChoiceAnswer

    found: dict[str, type] = {}
    todo: list[type] = [ChoiceAnswer, MultiChoiceAnswer]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if getattr(sub, "choices", None):
                found.setdefault(sub.__name__, sub)
            todo.append(sub)
    return [found[k] for k in sorted(found)]


def answer_types_fragment() -> str:
    lines = ["```{eval-rst}"]
    for cls in choice_classes():
        base = cls.__mro__[1].__name__
        lines += [f".. py:class:: {cls.__module__}.{cls.__name__}", "",
                  f"   Bases: :py:class:`~paris_check.questionnaire.answers.{base}`", "",
                  f"   {' '.join((cls.__doc__ or '').split())}", "",
                  "   Allowed values: " + ", ".join(f"``{c}``" for c in cls.choices), ""]
    lines += ["```", ""]
    return "\n".join(lines)


_OBJTYPES = {"class": ("class", "exception"), "obj": ("class", "exception", "function", "data"),
             "func": ("function",), "exc": ("exception", "class")}


def resolve_bare_name(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """Autodoc and the package docstring write some names unqualified (``Degree``,
    ``AreaScore``, ``load_questionnaire``): resolve them when exactly one documented
    paris_check object of a fitting type has that name."""
    objtypes = _OBJTYPES.get(node.get("reftype", ""))
    if node.get("refdomain") != "py" or objtypes is None:
        return None
    target = node.get("reftarget", "").removeprefix("paris_check.")
    if not target or "." in target:
        return None
    domain = env.get_domain("py")
    matches = [(name, obj.objtype) for name, obj in domain.objects.items()
               if name.startswith("paris_check.") and name.endswith("." + target)
               and obj.objtype in objtypes]
    if len(matches) != 1:
        return None
    name, objtype = matches[0]
    role = {"function": "func", "exception": "exc", "data": "data"}.get(objtype, "class")
    return domain.resolve_xref(env, node.get("refdoc", ""), app.builder, role, name, node,
                               contnode)


# --------------------------------------------------------------------------- driver


class PackLoadError(SphinxError):
    category = "paris_check rule packs do not load"


def load_ruleset() -> Any:
    """The bundled packs, or those in ``$PARIS_DOCS_RULES`` (a folder) when it is set."""
    from paris_check.errors import ParisCheckError
    from paris_check.packs import load_bundled, load_packs, pack_files

    folder = os.environ.get("PARIS_DOCS_RULES")
    try:
        return load_packs(pack_files(Path(folder))) if folder else load_bundled()
    except ParisCheckError as exc:
        raise PackLoadError(exc.one_line()) from None


def generate(app: Sphinx) -> None:
    """Write every generated page; remove pages of packs that no longer exist."""
    if not app.config.paris_docs_generate:
        return
    out = Path(app.srcdir) / OUT
    ruleset = load_ruleset()
    pages: dict[str, str] = {
        "rules/index.md": rules_index(ruleset),
        "questionnaire.md": questionnaire_page(ruleset),
        "standards.md": standards_page(),
        "coverage.md": coverage_page(ruleset, app.config.paris_docs_require_coverage),
        "fragments/error-examples.md": error_examples(),
        "fragments/scoring-method.md": scoring_fragment(),
        "fragments/answer-types.md": answer_types_fragment(),
        "fragments/pack-errors.md": pack_error_examples(),
        "fragments/fidelity.md": fidelity_fragment(),
    }
    for pack in ruleset.packs:
        pages[f"rules/{pack.name}.md"] = pack_page(pack)
    for rel, text in pages.items():
        write_if_changed(out / rel, text)
    wanted = {(out / rel).resolve() for rel in pages}
    if out.is_dir():
        for path in out.rglob("*"):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
    stale = out / "rules" / "__pycache__"
    if stale.exists():
        shutil.rmtree(stale)


def _xref_role(prefix: str, upper: bool) -> Any:
    def role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
             options: dict[str, Any] | None = None,
             content: list[str] | None = None) -> tuple[list[nodes.Node], list[Any]]:
        key = text.strip().upper() if upper else text.strip()
        node = pending_xref(rawtext, refdomain="std", reftype="ref",
                            reftarget=f"{prefix}-{key}".lower(), refexplicit=True,
                            refwarn=True)
        node += nodes.literal(rawtext, key, classes=["xref", "std", "std-ref", prefix])
        env = inliner.document.settings.env
        node["refdoc"] = env.docname
        return [node], []

    return role


_GLOB_STAR = re.compile(r"(?<![\\*])\*(?=\.\w)")


def escape_click_globs(app: Sphinx, ctx: Any, lines: list[str]) -> None:
    """Help texts say ``*.yaml``; in reStructuredText a lone ``*`` starts emphasis."""
    lines[:] = [_GLOB_STAR.sub(r"\\*", line) for line in lines]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("paris_docs_require_coverage", True, "env", bool)
    app.add_config_value("paris_docs_generate", True, "env", bool)
    app.connect("builder-inited", generate)
    app.connect("missing-reference", resolve_bare_name)
    if "sphinx-click-process-description" in app.events.events:
        app.connect("sphinx-click-process-description", escape_click_globs)
        app.connect("sphinx-click-process-options", escape_click_globs)
        app.connect("sphinx-click-process-arguments", escape_click_globs)
    app.add_role("rule", _xref_role("rule", upper=True))
    app.add_role("question", _xref_role("question", upper=False))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
