"""The corpus of real SCA decisions: one questionnaire per decision, with a ``#@`` header.

The header (comment lines starting with ``#@ ``) records the institution, the session, the status
the SCA recommended, the General Observations it cited and the sources; see ``docs/sca-corpus.md``.
The questionnaire loader ignores comments, so every corpus file is also an ordinary questionnaire.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError, SourceSpan
from .yamlio import load_yaml_text

HEADER_PREFIX = "#@"


class DecisionHeader(BaseModel):
    """What the SCA decided, and where that is recorded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    institution: str
    country: str
    session: str = Field(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$",
                         description="Year and month of the SCA session.")
    review_type: Literal["initial", "re_accreditation", "special_review"]
    sca_status: Literal["A", "B"]
    previous_status: Literal["A", "B", "C", "none", "unknown"] = "unknown"
    cited_gos: list[str] = Field(default_factory=list)
    cited_gos_complete: bool = False
    origin: Literal["calibration", "corpus"] = "corpus"
    go_edition: Literal["icc", "2013", "2018"] | None = Field(
        None, description="Edition whose numbering cited_gos uses; by default the one in force "
        "at the session.")
    sources: list[str] = Field(min_length=1)

    @field_validator("cited_gos")
    @classmethod
    def _go_ids(cls, v: list[str]) -> list[str]:
        for g in v:
            if not g.startswith("GO-"):
                raise ValueError(f"{g!r}: write GO numbers as GO-x.y")
        return v


@dataclass(frozen=True)
class Decision:
    """One corpus file: its header and its path."""

    header: DecisionHeader
    path: Path

    @property
    def year(self) -> int:
        return int(self.header.session[:4])


def read_header(path: Path) -> DecisionHeader:
    """Parse the ``#@`` header of a corpus file."""
    text = path.read_text("utf-8")
    numbered = [(i, ln[len(HEADER_PREFIX):].removeprefix(" "))
                for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(HEADER_PREFIX)]
    first = numbered[0][0] if numbered else 1
    if not numbered:
        raise InputError("no '#@' header", code="PC401", span=SourceSpan(str(path), 1, 1),
                         hint="start the file with the decision header of docs/sca-corpus.md")
    data = load_yaml_text("\n".join(ln for _, ln in numbered) + "\n", str(path)).data
    try:
        header = DecisionHeader.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        line = next((i for i, ln in numbered if ln.startswith(f"{key}:")), first)
        raise InputError(err["msg"], code="PC402", span=SourceSpan(str(path), line, 4),
                         field=".".join(str(p) for p in err["loc"]),
                         hint="see the header fields in docs/sca-corpus.md") from None
    if header.id != path.stem:
        line = next((i for i, ln in numbered if ln.startswith("id:")), first)
        raise InputError(f"header id {header.id!r} differs from the file name", code="PC403",
                         span=SourceSpan(str(path), line, 4), hint=f"write '#@ id: {path.stem}'")
    return header


def decisions(folder: Path) -> Iterator[Decision]:
    """Every decision in ``folder``, in file-name order."""
    for path in sorted(folder.glob("*.yaml")):
        yield Decision(read_header(path), path)
