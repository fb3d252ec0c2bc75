"""Sphinx configuration for the paris_check documentation.

Reference pages (rules, questions, standards, coverage) are generated at build time by the local
extension ``_ext/paris_docs.py`` from the same files the engine reads.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent / "src"))

import paris_check  # noqa: E402

project = "paris_check"
author = "paris_check contributors"
copyright = "paris_check contributors"
version = release = paris_check.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx_click",
    "sphinxcontrib.autodoc_pydantic",
    "paris_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated/fragments", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings: list[str] = []

html_theme = "furo"
html_title = f"paris_check {release}"
html_static_path: list[str] = []

# No network: intersphinx stays off, so references to the standard library are plain text.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(pydantic|pydantic_core|typing|typing_extensions|collections\.abc|pathlib|os|"
               r"enum|datetime|abc)\..*"),
    (r"py:class", r"(str|int|float|bool|bytes|dict|list|tuple|set|frozenset|object|type|None|"
                  r"Exception|ValueError|BaseException|Path|Any|Literal|ClassVar|Sequence|"
                  r"Mapping|Iterable|Callable|PathLike|StrEnum|BaseModel|Node|DNF|Conjunct|"
                  r"Scalar|Loc)"),
    (r"py:obj", r"(typing|collections\.abc)\..*"),
    # Type aliases, private bases and pydantic constraint metadata.
    (r"py:class", r"(Source|Format|Severity|Confidence|Expect|Status|AnswerState|StatusLabel|"
                  r"ChangeKind|F|T|Value|AnswerFact)"),
    (r"py:class", r"paris_check\..*\._[A-Za-z]\w*"),
    # Internal loader type carried by rules for error positions.
    (r"py:class", r"paris_check\.yamlio\.LoadedYaml"),
    (r"py:class", r"(types\.Annotated|annotated_types\..*|ge=\d+|le=\d+|gt=\d+|lt=\d+|"
                  r"allow_inf_nan=\w+|max_length=\d+|_PydanticGeneralMetadata)"),
    (r"py:(class|mod|func)", r"paris_check\.facts(\..*)?"),
    (r"py:func", r"ask"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_pydantic_model_show_json = False
autodoc_pydantic_model_show_config_summary = False
autodoc_pydantic_model_show_validator_summary = False
autodoc_pydantic_model_show_validator_members = False
autodoc_pydantic_field_list_validators = False
autodoc_pydantic_model_show_field_summary = True
autodoc_pydantic_model_member_order = "bysource"

doctest_global_setup = """
from pathlib import Path
import paris_check
REPO = Path(paris_check.__file__).resolve().parents[2]
"""

# The coverage page requires paris_check.coverage; a missing module is a build error.
paris_docs_require_coverage = True
