"""The questionnaire: sections and questions, organised like GANHRI's Statement of Compliance.

Each section is a pydantic model; each field is one question, declared with :func:`ask`, whose
title is the statement the institution rates and whose description is the plain-language help.
The question ID used by rules is ``section.field`` (e.g. ``selection.vacancies_advertised``).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..errors import Problem
from ..i18n import _
from .answers import (
    Evidence,
    LawPractice,
    Percentage,
    ReviewYear,
    TermYears,
    TextAnswer,
    YearAnswer,
    choice,
    multi_choice,
)
from .fields import ask
from .limits import LIMITS, free_text, size

SCHEMA_VERSION = "1.0"

YesNo = choice("YesNo", ["yes", "no"], "A plain yes or no.")
Degree = choice("Degree", ["yes", "partly", "no"], "Yes, partly or no (a single aspect).")
InstitutionType = choice(
    "InstitutionType",
    ["commission", "ombudsman", "hybrid", "advisory_council", "institute", "other"],
    "The institutional model.")
Leadership = choice("Leadership", ["collegial", "single_member"],
                    "Whether the institution is led by a collegial body or by one person.")
ReviewType = choice("ReviewType", ["initial", "re_accreditation", "special_review"],
                    "The kind of accreditation review being prepared.")
CurrentStatus = choice("CurrentStatus", ["A", "B", "not_accredited"], "Current GANHRI status.")
LegalBasis = choice(
    "LegalBasis",
    ["constitution_and_statute", "constitution", "statute", "decree", "other_executive_act", "none"],
    "The instrument that creates the institution.")
LawContent = multi_choice(
    "LawContent",
    ["mandate", "functions", "powers", "funding_source", "accountability",
     "appointment_procedure", "term_of_office", "composition"],
    "What the founding text itself sets out.")
AppointingAuthority = choice(
    "AppointingAuthority",
    ["parliament_qualified_majority", "parliament", "independent_panel", "mixed",
     "executive_after_independent_panel", "executive", "other"],
    "Who finally appoints the members.")
PoliticalMembers = choice(
    "PoliticalMembers", ["none", "advisory_only", "voting"],
    "Whether government or parliament representatives sit on the decision-making body.")
Renewal = choice("Renewal", ["not_renewable", "renewable_once", "renewable_unlimited",
                             "renewable_limit_not_stated"],
                 "How often a member's term can be renewed.")
Secondment = choice(
    "Secondment", ["none", "non_senior_posts", "senior_posts"],
    "Whether staff are seconded from the public service, and whether senior posts are among them.")
ReportAddressee = choice(
    "ReportAddressee", ["parliament", "parliament_and_executive", "executive_only"],
    "To whom the law addresses the annual report.")
ScreeningBody = choice(
    "ScreeningBody",
    ["none", "independent_pluralist", "parliamentary_committee", "government_controlled"],
    "Who screens or shortlists candidates before the appointment.")
EffectivenessGaps = choice(
    "EffectivenessGaps", ["none", "limited", "serious"],
    "How far the institution falls short of using its mandate effectively.")
FullTime = choice("FullTime", ["all", "some", "none"], "How many members serve full time.")
SecurityLimits = choice(
    "SecurityLimits", ["none", "defined_with_safeguards", "broad_or_arbitrary"],
    "Whether national-security grounds limit the institution's powers, and how.")
PluralismModel = multi_choice(
    "PluralismModel", ["members", "appointment_procedure", "cooperation", "staff"],
    "The ways in which the institution reflects the diversity of society (GO 1.7).")
Mechanisms = multi_choice(
    "Mechanisms",
    ["upr", "treaty_bodies", "special_procedures", "hrc_sessions", "regional_system",
     "country_visits", "csw", "crpd_cosp", "oewg_ageing", "hlpf"],
    "International and regional mechanisms the institution engaged with.")
ReprisalRecord = choice(
    "ReprisalRecord", ["no_incidents", "investigated", "not_investigated"],
    "What happened to reported reprisals against the institution or people who cooperate with it.")
ThirdPartyConcerns = choice(
    "ThirdPartyConcerns", ["none", "minor", "serious"],
    "Whether credible third parties (UN bodies, civil society) question the institution's "
    "effectiveness or independence.")
RecommendationStatus = Literal[
    "implemented", "partly_implemented", "not_implemented", "no_longer_relevant", "unknown"]


class Section(BaseModel):
    """Base of every questionnaire section: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Profile(Section):
    """Who the institution is. These answers decide which rules apply."""

    name: TextAnswer | None = ask("Name of the institution", "The official name in full.")
    acronym: TextAnswer | None = ask("Acronym", "The usual short name, if any.")
    country: TextAnswer | None = ask("Country", "The State the institution belongs to.")
    institution_type: InstitutionType | None = ask(  # type: ignore[valid-type]
        "Institutional model",
        "commission, ombudsman, hybrid (ombudsman with a human rights commission's functions), "
        "advisory_council, institute, or other. GANHRI accredits every model.", "GO-1.7-R2")
    leadership: Leadership | None = ask(  # type: ignore[valid-type]
        "Leadership", "collegial (a board or commission decides) or single_member (one "
        "ombudsperson or commissioner decides).", "GO-1.7-R2")
    complaints_mandate: YesNo | None = ask(  # type: ignore[valid-type]
        "The institution may receive and handle individual complaints",
        "Answer yes if the law lets people bring individual complaints or petitions to you. "
        "Complaints-handling rules (Paris Principles section D, GO 2.9) apply only then.",
        "PP-D0", "GO-2.9")
    npm_designation: YesNo | None = ask(  # type: ignore[valid-type]
        "Designated as National Preventive Mechanism (OPCAT)",
        "yes if the State designated you (alone or with others) as its NPM against torture.",
        "GO-2.8")
    crpd_monitoring: YesNo | None = ask(  # type: ignore[valid-type]
        "Designated as monitoring framework under the CRPD (article 33.2)",
        "yes if you are (part of) the independent mechanism monitoring the Convention on the "
        "Rights of Persons with Disabilities.", "GO-2.8")
    multiple_office_holders: YesNo | None = ask(  # type: ignore[valid-type]
        "The institution has several office-holders besides its head (deputies, or a board of "
        "ombudspersons)", "yes if deputies, assistant commissioners or fellow ombudspersons hold "
        "office alongside the head of the institution.", "GO-1.8-R7", "GO-2.3-R2")
    review_type: ReviewType | None = ask(  # type: ignore[valid-type]
        "Review being prepared", "initial, re_accreditation or special_review.", "ACC-PN1")
    current_status: CurrentStatus | None = ask(  # type: ignore[valid-type]
        "Current GANHRI accreditation status", "A, B or not_accredited.")
    assessment_year: ReviewYear | None = ask(
        "Year of this self-assessment", "The year the answers describe, e.g. 2026. Used to "
        "judge whether the latest annual report is current.", "GO-1.11-R5")


class Establishment(Section):
    """How the institution was created (GO 1.1, Paris Principles A.2)."""

    legal_basis: LegalBasis | None = ask(  # type: ignore[valid-type]
        "Instrument that establishes the institution",
        "constitution_and_statute, constitution, statute, decree, other_executive_act or none. "
        "A decree or other act of the executive is not enough for permanence and independence.",
        "GO-1.1-R1", "PP-A2")
    enabling_instrument: TextAnswer | None = ask(
        "Title and date of the founding text", "e.g. 'Human Rights Commission Act 2009 (Act 4)'.",
        "GO-1.1-R1")
    law_specifies: LawContent | None = ask(  # type: ignore[valid-type]
        "Matters the founding text itself sets out",
        "List those the constitution or statute covers: mandate, functions, powers, "
        "funding_source, accountability, appointment_procedure, term_of_office, composition.",
        "GO-1.1-R2", "GO-1.1-R3", "PP-A2")
    protected_from_executive_amendment: LawPractice | None = ask(
        "The mandate and structure cannot be changed by the executive alone",
        "in_law: only parliament (or the constitution) can change the founding text; "
        "in_practice: no executive measure has curtailed the institution.",
        "GO-1.1-R1", "BP-I.1")


class Mandate(Section):
    """The human rights mandate (GO 1.2, 1.3; Paris Principles A.1-A.3)."""

    promotion: LawPractice | None = ask(
        "Mandate to promote human rights",
        "Education, training, advice, awareness-raising and advocacy.", "PP-A1", "GO-1.2-R1")
    protection: LawPractice | None = ask(
        "Mandate to protect human rights",
        "Monitoring, inquiring into, investigating and reporting on violations.",
        "PP-A1", "GO-1.2-R1")
    all_rights: LawPractice | None = ask(
        "The mandate covers all human rights, including economic, social and cultural rights",
        "no if the mandate is limited to some rights (e.g. only equality, only civil rights).",
        "GO-1.2-R2", "PP-A2")
    private_actors: LawPractice | None = ask(
        "The mandate covers acts and omissions of private actors",
        "e.g. companies, private schools and hospitals, not only the State.", "GO-1.2-R3")
    all_public_authorities: LawPractice | None = ask(
        "No public authority is excluded from the institution's jurisdiction",
        "no if the law excludes e.g. the head of State, ministers' acts or certain bodies.",
        "GO-1.2-R8")
    security_forces: LawPractice | None = ask(
        "The institution may investigate the military, police and security services",
        "Including intelligence services and places under their control.",
        "GO-1.2-R7", "GO-2.6")
    advise_own_initiative: LawPractice | None = ask(
        "The institution may advise Government and Parliament on its own initiative",
        "Opinions, recommendations and reports without being asked and without approval.",
        "PP-A3(a)", "GO-1.6-R1")
    publish_advice: LawPractice | None = ask(
        "The institution may publish its opinions and recommendations",
        "Without needing anyone's approval.", "PP-A3(a)", "PP-C(c)")
    review_legislation: LawPractice | None = ask(
        "The institution reviews laws in force and bills",
        "Including comments on draft legislation before it is adopted.", "PP-A3(a)(i)")
    situation_reports: LawPractice | None = ask(
        "The institution reports on the national human rights situation",
        "General and thematic reports on the situation in the country.",
        "PP-A3(a)(iii)", "GO-1.11-R6")
    draw_attention_to_violations: LawPractice | None = ask(
        "The institution alerts the Government to violations and proposes ways to end them",
        "Including giving its view on the Government's positions and reactions.",
        "PP-A3(a)(iv)", "PP-A3(a)(ii)")
    harmonisation: LawPractice | None = ask(
        "The institution promotes harmonisation of national law with international standards",
        "Law, regulations and practice aligned with treaties the State has ratified.",
        "PP-A3(b)", "GO-1.3-R2")
    encourage_ratification: LawPractice | None = ask(
        "The institution encourages ratification of or accession to human rights treaties",
        "An explicit function in the law, and advocacy in practice.", "PP-A3(c)", "GO-1.3-R1")
    education_research: LawPractice | None = ask(
        "The institution takes part in human rights teaching and research programmes",
        "Schools, universities, professional training.", "PP-A3(f)")
    awareness_raising: LawPractice | None = ask(
        "The institution raises public awareness of human rights and against discrimination",
        "Information campaigns, media work, especially against racial discrimination.",
        "PP-A3(g)", "GO-1.2-R4")


class Powers(Section):
    """Powers and methods of operation (Paris Principles C; GO 1.2, 2.6)."""

    own_motion_inquiry: LawPractice | None = ask(
        "The institution may take up any question within its competence on its own motion",
        "Without a complaint or a request from the Government.", "PP-C(a)", "PP-A3(a)(ii)")
    compel_information: LawPractice | None = ask(
        "The institution may hear any person and obtain any information and documents",
        "Including a power to compel production of documents and attendance of witnesses.",
        "PP-C(b)", "GO-1.2-R5", "GA76-FIN-ADMIN")
    detention_visits: LawPractice | None = ask(
        "The institution may visit places of deprivation of liberty",
        "Prisons, police stations, immigration, psychiatric and military facilities, announced "
        "or not. The next question asks about visits without notice.", "GO-1.2-R6", "GO-1.2-R1")
    unannounced_visits: LawPractice | None = ask(
        "The institution may visit places of deprivation of liberty unannounced",
        "Without prior notice or permission, with access to all areas, documents and people.",
        "GO-1.2-R6")
    address_public: LawPractice | None = ask(
        "The institution may address public opinion directly, including through the media",
        "No approval needed for press releases, statements or reports.", "PP-C(c)", "GO-1.2-R4")
    court_standing: LawPractice | None = ask(
        "The institution may go to court (e.g. challenge the constitutionality of laws or "
        "intervene in cases)", "Standing before national courts.", "VP-19")
    national_security_limits: SecurityLimits | None = ask(  # type: ignore[valid-type]
        "Limits on the institution's powers on national-security grounds",
        "none; defined_with_safeguards (narrow, set in law, with due process); or "
        "broad_or_arbitrary (wide exclusions or limits applied case by case without due process).",
        "GO-2.6")
    meets_regularly: LawPractice | None = ask(
        "The decision-making body meets regularly with all members duly convened",
        "Rules of procedure set regular meetings and quorum.", "PP-C(d)")
    working_groups_and_regional_offices: LawPractice | None = ask(
        "The institution may set up working groups and local or regional sections",
        "Regional offices or presence beyond the capital.", "PP-C(e)", "GO-1.10-R3")


class Composition(Section):
    """Pluralism of the institution (GO 1.7; Paris Principles B.1)."""

    pluralism: LawPractice | None = ask(
        "Members reflect the diversity of society",
        "in_law: the law requires diversity (gender, ethnicity, minorities, disability, regions); "
        "in_practice: the current members are in fact diverse.", "GO-1.7-R1", "GO-1.7-R3", "PP-B1")
    pluralism_models: PluralismModel | None = ask(  # type: ignore[valid-type]
        "How pluralism is achieved",
        "members, appointment_procedure, cooperation (advisory committees, networks) and/or staff. "
        "Single-member institutions usually rely on cooperation and staff.", "GO-1.7-R2")
    gender_balance: LawPractice | None = ask(
        "Equitable participation of women",
        "in_law: the law requires gender balance; in_practice: women are equitably represented "
        "among members and senior staff.", "GO-1.7-R1")
    women_share: Percentage | None = ask(
        "Share of women among the members (%)", "A number from 0 to 100.", "GO-1.7-R1")
    staff_diversity: LawPractice | None = ask(
        "Staff reflect the diversity of society",
        "Recruitment policy and actual composition of staff.", "GO-1.7-R2", "GO-1.7-R3")
    social_forces_involved: LawPractice | None = ask(
        "Civil society, professional bodies, religious and philosophical currents and academics "
        "are represented among the members or cooperate with the institution",
        "in_law: the founding text provides for their membership or for structured cooperation "
        "(e.g. advisory committees); in_practice: they actually take part.",
        "PP-B1(a)", "PP-B1(b)", "PP-B1(c)", "PP-B1")


class Selection(Section):
    """Selection and appointment of the decision-making body (GO 1.8)."""

    formalised: LawPractice | None = ask(
        "The selection process is set out in law, regulation or binding guidelines",
        "in_law: a binding text describes each step; in_practice: the text was followed.",
        "GO-1.8-R0", "PP-B1")
    vacancies_advertised: LawPractice | None = ask(
        "Vacancies are advertised widely", "A public call for candidates, published broadly.",
        "GO-1.8-R1")
    broad_candidate_pool: LawPractice | None = ask(
        "The process seeks the widest possible pool of candidates",
        "Candidates from many groups of society and backgrounds.", "GO-1.8-R2")
    civil_society_participation: LawPractice | None = ask(
        "Civil society and other stakeholders are consulted or take part",
        "At application, screening, selection and appointment stages.", "GO-1.8-R3", "PP-B1(a)")
    published_merit_criteria: LawPractice | None = ask(
        "Candidates are assessed on pre-determined, objective, public criteria",
        "Merit-based criteria published in advance.", "GO-1.8-R4", "GO-1.8-R0")
    individual_capacity: LawPractice | None = ask(
        "Members serve in their individual capacity",
        "Not as delegates of the organisation that proposed them.", "GO-1.8-R5")
    uniform_process: LawPractice | None = ask(
        "The same process applies whichever body nominates or appoints members",
        "Answer not_applicable if a single body appoints all members.", "GO-1.8-R6")
    appointing_authority: AppointingAuthority | None = ask(  # type: ignore[valid-type]
        "Who finally appoints the members",
        "parliament_qualified_majority, parliament, independent_panel, mixed, "
        "executive_after_independent_panel, executive, or other.", "GO-1.8-R0", "VP-6")
    screening_body: ScreeningBody | None = ask(  # type: ignore[valid-type]
        "Who screens or shortlists the candidates",
        "none; independent_pluralist (a panel independent of the government, with civil society "
        "or other diverse members); parliamentary_committee; or government_controlled (a "
        "panel the executive appoints or dominates).", "GO-1.8-R3", "GO-1.8-R0")
    single_candidate: YesNo | None = ask(  # type: ignore[valid-type]
        "A single candidate is put forward, and the appointing body only confirms or rejects",
        "yes if the nominating body proposes one name per seat; no if the appointing body "
        "chooses among several candidates.", "GO-1.8-R2", "GO-1.8-R0")
    official_act: LawPractice | None = ask(
        "Members are appointed by an official act that states the length of their mandate",
        "A decree, resolution or instrument of appointment fixing the term.", "PP-B3")
    covers_deputies: LawPractice | None = ask(
        "The selection rules cover every member of the decision-making body, deputies included",
        "no if deputies or some members are chosen outside the formal process (e.g. picked by "
        "the head of the institution or by a minister without a public process).", "GO-1.8-R7")


class Political(Section):
    """Independence from government and parliament (GO 1.9)."""

    representatives_present: YesNo | None = ask(  # type: ignore[valid-type]
        "Government officials or members of parliament sit on the decision-making body",
        "yes if any member is a minister, civil servant acting for the government, or member of "
        "parliament, with or without a vote. Say how they take part in the next question.",
        "GO-1.9-R2", "PP-B1(d)", "PP-B1(e)")
    political_members: PoliticalMembers | None = ask(  # type: ignore[valid-type]
        "Government or parliament representatives on the decision-making body",
        "none; advisory_only (present without a vote); or voting.", "GO-1.9-R2", "PP-B1(e)")
    excluded_from_final_deliberations: LawPractice | None = ask(
        "Such representatives are excluded from final deliberations and strategic decisions",
        "Only relevant if representatives sit in an advisory capacity.", "GO-1.9-R4",
        applies="political_members is advisory_only")
    free_from_instructions: LawPractice | None = ask(
        "The institution neither seeks nor receives instructions from any authority",
        "It sets its own priorities and activities.", "GO-1.9-R1", "VP-14")
    advisory_role_in_law: YesNo | None = ask(  # type: ignore[valid-type]
        "The law states expressly that such representatives take part only in an advisory "
        "capacity, without a vote", "yes or no. Only relevant if representatives sit in an "
        "advisory capacity.", "GO-1.9-R3", "PP-B1(e)", applies="political_members is advisory_only")
    relevant_roles_only: YesNo | None = ask(  # type: ignore[valid-type]
        "Such representatives hold posts directly relevant to the institution's mandate",
        "yes or no (e.g. a human rights focal point of a ministry, not any official). Only "
        "relevant if representatives sit in an advisory capacity.", "GO-1.9-R5",
        applies="political_members is advisory_only")


class Tenure(Section):
    """Members' term, full-time service, dismissal (GO 2.1, 2.2; Paris Principles B.3)."""

    term_years: TermYears | None = ask(
        "Length of a member's term (years)", "As fixed in law, e.g. 5.", "GO-2.2-R2", "PP-B3")
    fixed_term: LawPractice | None = ask(
        "The term is fixed (not open-ended or 'until further notice')",
        "in_law: the law fixes the term; in_practice: members serve their full term.",
        "GO-2.2-R3", "PP-B3")
    renewal: Renewal | None = ask(  # type: ignore[valid-type]
        "Renewal of a member's term", "not_renewable, renewable_once, renewable_unlimited, or "
        "renewable_limit_not_stated (the law allows renewal but sets no limit).",
        "GO-2.2-R4", "VP-10")
    full_time_members: FullTime | None = ask(  # type: ignore[valid-type]
        "Members who serve full time", "all, some or none.", "GO-2.2-R1")
    remunerated: LawPractice | None = ask(
        "Members are remunerated", "Remuneration set in law, comparable to similar offices.",
        "GO-2.2-R1", "GO-1.10-R3")
    conflict_of_interest_rules: LawPractice | None = ask(
        "Conflict-of-interest and incompatibility rules cover all members",
        "Including part-time members.", "GO-2.2-R5", "VP-9")
    dismissal_grounds_defined: LawPractice | None = ask(
        "Dismissal grounds are clearly defined and limited",
        "Limited to conduct or incapacity that affects the ability to fulfil the mandate; "
        "no vague grounds such as 'misconduct' without definition.", "GO-2.1-R2", "VP-11")
    dismissal_independent_decision: LawPractice | None = ask(
        "Dismissal requires a decision by an independent body (e.g. a court or tribunal)",
        "Not a decision of the executive alone.", "GO-2.1-R1", "GO-2.1-R3")
    dismissal_procedure: LawPractice | None = ask(
        "The law sets out the dismissal procedure (who may propose it, a hearing, an appeal)",
        "Substantive and procedural guarantees prescribed in law.", "GO-2.1-R4", "GO-2.1-R1")
    dismissal_not_discretionary: LawPractice | None = ask(
        "Dismissal is not at the discretion of the appointing authority",
        "no if the appointing authority may remove members at will or by a simple vote "
        "without defined grounds.", "GO-2.1-R5")
    dismissal_uniform: LawPractice | None = ask(
        "The same dismissal rules apply to all members, whoever nominated them",
        "Answer not_applicable for single-member institutions.", "GO-2.1-R6")


class Immunity(Section):
    """Functional immunity (GO 2.3)."""

    members: LawPractice | None = ask(
        "Members are protected from criminal and civil liability for official acts in good faith",
        "An explicit provision in the law.", "GO-2.3-R1", "GO-2.3-R4", "PP-B3")
    staff: LawPractice | None = ask(
        "Deputies and staff are protected in the same way",
        "The SCA recommends extending functional immunity to staff.", "GO-2.3-R2")
    lifting_by_independent_body: LawPractice | None = ask(
        "Immunity can be lifted only by an independent body under a fair procedure set in law",
        "e.g. a superior court or a special majority of parliament; never by one person.",
        "GO-2.3-R3")
    after_office: LawPractice | None = ask(
        "The protection continues after members leave office",
        "For acts done while in office.", "VP-23")
    express_provision: YesNo | None = ask(  # type: ignore[valid-type]
        "The constitution or founding law itself contains an express immunity clause",
        "no if members are protected only indirectly (general law, case law, implied powers).",
        "GO-2.3-R4")


class Funding(Section):
    """Funding and financial autonomy (GO 1.10, 2.7; Paris Principles B.2)."""

    adequate: LawPractice | None = ask(
        "Funding is enough to carry out the whole mandate effectively and independently",
        "in_law: the law guarantees adequate funding; in_practice: the budget covers staff, "
        "premises and mandated activities.", "GO-1.10-R1", "PP-B2", "BP-I.2")
    separate_budget_line: LawPractice | None = ask(
        "The institution has its own, separate budget line",
        "In the State budget, under its own management.", "GO-1.10-R5")
    source_in_law: Degree | None = ask(  # type: ignore[valid-type]
        "The law states where the budget comes from", "yes, partly or no.", "GO-1.10-R5")
    allocation_autonomy: LawPractice | None = ask(
        "The institution decides how to allocate and spend its budget",
        "Absolute management and control over its funds.", "GO-1.10-R2", "GO-1.10-R5")
    budget_protected: LawPractice | None = ask(
        "The executive cannot revise, withhold or re-phase the budget on its own",
        "no if a ministry can cut the proposal, block releases or approve spending.",
        "GO-1.10-R9", "GO-2.7-R2", "VP-21")
    regular_release: LawPractice | None = ask(
        "Funds are released regularly and on time", "No delays that disrupt the work or staff.",
        "GO-1.10-R6")
    premises_accessible: LawPractice | None = ask(
        "Premises are accessible to the public, including persons with disabilities",
        "And not shared with government agencies where that deters people.", "GO-1.10-R3",
        "GO-1.10-R10")
    staff_pay_parity: LawPractice | None = ask(
        "Staff salaries and conditions are comparable to other independent State institutions",
        "Enough to recruit and retain qualified staff.", "GO-1.10-R3", "GO-2.4-R6")
    additional_funding_for_new_mandates: LawPractice | None = ask(
        "Additional mandates (NPM, CRPD monitoring, equality body...) came with additional funding",
        "Answer not_applicable if no mandate was added.", "GO-1.10-R4", "GO-2.8-R1")
    independent_audit: LawPractice | None = ask(
        "Accounts are audited independently each year and financial reports are public",
        "Accountability without control over priorities.", "GO-1.10-R7", "GO-2.7-R2")
    external_funds_free: LawPractice | None = ask(
        "The institution may receive external (donor) funds without government approval",
        "And uses them for its own priorities.", "GO-1.10-R8")
    donor_share: Percentage | None = ask(
        "Share of the core budget that comes from external donors (%)",
        "A number from 0 to 100. Core funding is the State's responsibility.", "GO-1.10-R8")
    admin_rules_proportionate: LawPractice | None = ask(
        "General administrative and financial rules do not compromise independence",
        "No more burdensome than for other independent State bodies.", "GO-2.7-R1", "GO-2.7-R2",
        "GO-2.7-R3")


class Staff(Section):
    """Staff recruitment and secondment (GO 2.4)."""

    recruits_own_staff: LawPractice | None = ask(
        "The institution sets its staffing structure and recruits its own staff",
        "Legally empowered to decide skills, criteria and selection.", "GO-2.4-R1", "PP-B2")
    open_merit_recruitment: LawPractice | None = ask(
        "Recruitment is open, transparent and merit-based", "Public vacancies, fair selection.",
        "GO-2.4-R2", "GO-2.4-R3")
    no_external_approval: LawPractice | None = ask(
        "Hiring needs no approval from the Government or another body",
        "no if a ministry or committee must approve appointments.", "GO-2.4-R5")
    senior_staff_chosen_by_institution: LawPractice | None = ask(
        "Senior staff (e.g. the secretary-general, investigators) are chosen by the institution",
        "no if the Government assigns or imposes them.", "GO-2.4-R4", "GO-2.4-R8")
    seconded_share: Percentage | None = ask(
        "Share of staff seconded or redeployed from the public service (%)",
        "A number from 0 to 100.", "GO-2.4-R7", "GO-2.4-R9")
    senior_posts_not_seconded: LawPractice | None = ask(
        "No senior post is filled by a secondee from government",
        "no if the head of administration or other senior staff are on secondment.", "GO-2.4-R8")
    secondment: Secondment | None = ask(  # type: ignore[valid-type]
        "Staff seconded from the public service",
        "none; non_senior_posts (some secondees, none in senior posts); or senior_posts (the "
        "secretary-general, heads of department or investigators include secondees).",
        "GO-2.4-R7", "GO-2.4-R8", "GO-2.4-R4")


class Operations(Section):
    """Cooperation, recommendations and follow-up (GO 1.5, 1.6; Paris Principles C(f)-(g))."""

    cooperation_civil_society: LawPractice | None = ask(
        "Regular, effective cooperation with civil society and human rights defenders",
        "in_law: cooperation is provided for or formalised (e.g. MoUs, advisory bodies); "
        "in_practice: it is regular and effective.", "GO-1.5-R1", "GO-1.5-R3", "PP-C(g)", "MD-1")
    cooperation_other_bodies: LawPractice | None = ask(
        "Cooperation with other bodies that protect human rights",
        "Ombudsmen, equality bodies, courts, other national institutions.", "PP-C(f)", "GO-1.5-R2",
        "GA76-OMBUDS")
    outreach_to_remote_groups: LawPractice | None = ask(
        "Outreach makes the institution accessible to remote or marginalised groups",
        "Geographically, politically or socially remote people.", "GO-1.5-R4")
    recommendation_follow_up: LawPractice | None = ask(
        "The institution follows up its recommendations and publishes what authorities did",
        "Systematic tracking and public reporting on implementation.", "GO-1.6-R2", "GO-1.6-R3")
    authorities_must_respond: LawPractice | None = ask(
        "Authorities must respond to the institution's recommendations within a set time",
        "A duty in law to reply and explain follow-up.", "GO-1.6-R4", "VP-17")
    monitors_hrd_legislation: LawPractice | None = ask(
        "The institution monitors laws that affect human rights defenders and advises the State",
        "Regular review with practical recommendations.", "GA76-HRD-LEGISLATION", "MD-7")
    parliament_consults_on_bills: LawPractice | None = ask(
        "Parliament consults the institution on draft laws with human rights implications",
        "Invitations to committee hearings, formal requests for opinions.", "BP-III.1")
    parliament_relationship: LawPractice | None = ask(
        "A formal working relationship with parliament exists (committee, focal point)",
        "Without undermining the institution's independence.", "BP-V.1", "BP-IV.1")


class AnnualReport(Section):
    """Annual reports (GO 1.11)."""

    latest_year: YearAnswer | None = ask(
        "Year covered by the latest annual report", "e.g. 2025.", "GO-1.11-R5", "ACC-PN1")
    report_current: Degree | None = ask(  # type: ignore[valid-type]
        "The latest annual report covers the year before this self-assessment",
        "yes: the report on the previous year is published; partly: it is written but not yet "
        "published, or the latest published report is one year older; no: it is older still "
        "or there is none.", "GO-1.11-R5", "ACC-PN1")
    published: LawPractice | None = ask(
        "The annual report is published and widely distributed",
        "Available to the public, e.g. on the website, in the national languages.", "GO-1.11-R1")
    content_complete: Degree | None = ask(  # type: ignore[valid-type]
        "The report covers the human rights situation, the institution's activities and its "
        "recommendations", "yes, partly or no.", "GO-1.11-R2")
    tabled_in_parliament: LawPractice | None = ask(
        "The report is submitted to parliament", "in_law: the law requires it.", "GO-1.11-R3",
        "BP-II.1")
    debated_by_parliament: LawPractice | None = ask(
        "Parliament discusses and considers the report", "in_law: a duty to debate it.",
        "GO-1.11-R3", "BP-II.1")
    addressee: ReportAddressee | None = ask(  # type: ignore[valid-type]
        "To whom the law addresses the annual report",
        "parliament; parliament_and_executive; or executive_only (e.g. only the head of State "
        "or the government).", "GO-1.11-R3", "GO-1.11-R4")
    direct_tabling: LawPractice | None = ask(
        "The institution submits the report directly, not through the executive",
        "And publication does not wait for a government response.", "GO-1.11-R4")


class International(Section):
    """Interaction with the international human rights system (GO 1.4)."""

    engages_mechanisms: LawPractice | None = ask(
        "The institution engages with the UN and regional human rights mechanisms",
        "Parallel reports, statements, support to country visits, follow-up.", "GO-1.4-R1",
        "PP-A3(d)", "PP-A3(e)", "GA76-UN-HRC")
    mechanisms: Mechanisms | None = ask(  # type: ignore[valid-type]
        "Mechanisms engaged with in the last five years",
        "Any of: upr, treaty_bodies, special_procedures, hrc_sessions, regional_system, "
        "country_visits, csw, crpd_cosp, oewg_ageing, hlpf.", "GO-1.4-R1", "GA76-UN-NY")
    independent_reporting: LawPractice | None = ask(
        "The institution reports in its own right and does not write the State's reports",
        "It may be consulted, but never drafts or presents the State report.", "GO-1.4-R2",
        "PP-A3(d)")
    not_in_state_delegation: LawPractice | None = ask(
        "The institution does not sit in the State's delegation at reviews",
        "Or is clearly identified as independent where no separate seat exists.", "GO-1.4-R3")
    no_government_approval: LawPractice | None = ask(
        "International engagement needs no government approval", "No control or clearance.",
        "GO-1.4-R4")
    international_mandate: LawPractice | None = ask(
        "The law gives an explicit mandate for international cooperation",
        "With the UN, regional bodies, GANHRI and other institutions.", "GO-1.4-R6", "PP-A3(e)")
    follows_up_mechanisms: LawPractice | None = ask(
        "The institution monitors and promotes implementation of recommendations of UN and "
        "regional mechanisms", "e.g. a public tracker of UPR and treaty-body recommendations.",
        "GO-1.4-R1", "GO-1.4-R5", "GA76-REPRISALS-ROLE")


class Complaints(Section):
    """Complaints handling (GO 2.9; Paris Principles D). Only if there is a complaints mandate."""

    written_public_procedures: LawPractice | None = ask(
        "Complaint procedures are in written guidelines that are public",
        "Published rules on who may complain, how, and what happens next.", "GO-2.9-R3",
        applies="complaints mandate")
    accessible: LawPractice | None = ask(
        "Complaining is accessible, free of charge and barrier-free",
        "Offices, languages, disability access, several channels.", "GO-2.9-R2", "VP-15",
        applies="complaints mandate")
    fair_and_timely: LawPractice | None = ask(
        "Complaints are handled fairly, transparently, consistently and without delay",
        "Time limits, case management, consistent decisions.", "GO-2.9-R1",
        applies="complaints mandate")
    third_party_complaints: LawPractice | None = ask(
        "Complaints may be brought by representatives, third parties and organisations",
        "Not only by the victim in person.", "PP-D0", applies="complaints mandate")
    private_bodies: LawPractice | None = ask(
        "Complaints may be brought against private as well as public bodies",
        "", "GO-2.9-R6", "GO-1.2-R3", applies="complaints mandate")
    settlement: LawPractice | None = ask(
        "The institution may seek amicable or confidential settlement, or take binding decisions",
        "Conciliation, mediation, or decisions within the limits of the law.", "PP-D(a)",
        "GO-2.9-R4", applies="complaints mandate")
    informs_of_remedies: LawPractice | None = ask(
        "Complainants are told about their rights and available remedies",
        "And helped to access them.", "PP-D(b)", applies="complaints mandate")
    referral: LawPractice | None = ask(
        "The institution may transmit complaints to the competent authority",
        "Including referral to courts or prosecutors.", "PP-D(c)", applies="complaints mandate")
    recommends_reforms: LawPractice | None = ask(
        "Complaints lead to recommendations to change laws and practices",
        "Where they reveal systemic problems.", "PP-D(d)", "GO-1.6-R1",
        applies="complaints mandate")
    equal_screening: LawPractice | None = ask(
        "Screening criteria do not treat some rights as less worthy",
        "Admissibility grounds are neutral between rights.", "GO-2.9-R5",
        applies="complaints mandate")
    complainant_protection: LawPractice | None = ask(
        "Complainants and witnesses are protected from reprisals",
        "Confidentiality and protective measures.", "GO-2.9-R6", "GA76-REPRISALS",
        applies="complaints mandate")


class SpecialMandates(Section):
    """National Preventive Mechanism and CRPD monitoring roles (GO 2.8)."""

    effective_discharge: LawPractice | None = ask(
        "The designated mechanism roles are carried out independently and effectively",
        "Separate unit, regular visits or monitoring, public reports.", "GO-2.8-R2",
        applies="NPM or CRPD designation")


class Emergencies(Section):
    """Conduct during a coup d'etat or state of emergency (GO 2.5)."""

    emergency_in_period: YesNo | None = ask(  # type: ignore[valid-type]
        "A state of emergency, conflict or coup occurred since the last review",
        "yes or no. The emergency rules apply only if yes.", "GO-2.5")
    heightened_vigilance: LawPractice | None = ask(
        "During the emergency the institution monitored, documented and reported publicly",
        "Regular, detailed and timely reports and statements on violations.", "GO-2.5-R1",
        "GO-2.5-R2", "GO-2.5-R3", applies="emergency_in_period is yes")
    mandate_not_suspended: LawPractice | None = ask(
        "The law does not allow the mandate to be suspended in an emergency",
        "And in practice the institution kept working.", "GO-2.5-R2", "GA76-COVID")
    acted_independently: Degree | None = ask(  # type: ignore[valid-type]
        "During the emergency the institution kept its independence from the authorities in power",
        "yes, partly or no. no if it endorsed or legitimised unconstitutional authorities, or "
        "stayed silent on their conduct because of pressure.", "GO-2.5-R1",
        applies="emergency_in_period is yes")


class Reprisals(Section):
    """Protection of the institution and of people who cooperate with it (GA res. 76/170)."""

    protection_of_members_and_staff: LawPractice | None = ask(
        "Members and staff are protected against reprisals and intimidation",
        "Political pressure, threats, harassment, unjustified budget cuts.", "GA76-REPRISALS",
        "MD-11")
    protection_of_cooperating_persons: LawPractice | None = ask(
        "People who cooperate with the institution are protected against reprisals",
        "Complainants, witnesses, human rights defenders.", "GA76-REPRISALS")
    reprisal_record: ReprisalRecord | None = ask(  # type: ignore[valid-type]
        "What happened to reported reprisals",
        "no_incidents, investigated (promptly and thoroughly), or not_investigated.",
        "GA76-REPRISALS")
    no_retaliatory_budget_cuts: LawPractice | None = ask(
        "The budget has not been cut in response to the institution's work",
        "no if funding fell after critical reports or cases.", "GA76-REPRISALS", "GO-1.10-R9")
    responds_to_reprisals: LawPractice | None = ask(
        "The institution monitors and acts on reprisals against defenders and people who engage "
        "with the UN", "Focal point, early warning, public statements.", "GA76-REPRISALS-ROLE",
        "MD-5", "MD-6")


class Performance(Section):
    """Effectiveness in practice (SCA Practice Notes on performance and special reviews; GO 1.2)."""

    addresses_serious_violations: Degree | None = ask(  # type: ignore[valid-type]
        "The institution addresses serious violations promptly and publicly",
        "e.g. torture, enforced disappearances, attacks on defenders: yes, partly or no.",
        "ACC-PN3", "GO-1.2-R1", "GO-2.5-R5", "GA76-PREVENT")
    public_positions: Degree | None = ask(  # type: ignore[valid-type]
        "The institution takes public positions on pressing human rights issues",
        "Including when they are politically sensitive: yes, partly or no.",
        "ACC-PN3", "GO-1.2-R4", "PP-C(c)")
    third_party_concerns: ThirdPartyConcerns | None = ask(  # type: ignore[valid-type]
        "Concerns raised by credible third parties about effectiveness or independence",
        "none, minor or serious (UN bodies, civil society reports, media).", "ACC-PN3")
    effectiveness_gaps: EffectivenessGaps | None = ask(  # type: ignore[valid-type]
        "Shortfalls in using the mandate effectively (follow-up, speaking out, coverage of "
        "the mandate)", "none; limited (some areas of the mandate are little used); or serious "
        "(the institution does not use core parts of its mandate, or does not follow up its "
        "findings).", "ACC-PN3", "GO-1.2-R1", "GO-1.6-R1")
    partisan_statements: YesNo | None = ask(  # type: ignore[valid-type]
        "The leadership has made partisan public statements or aligned itself with the "
        "government or a party", "yes or no. Statements that defend the government against "
        "credible reports of violations count.", "ACC-PN3", "GO-1.9-R1")


class PreviousRecommendation(BaseModel):
    """One recommendation the SCA made at a previous review, and what was done about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = Field(None, max_length=size("label"),
                           description="Your own short label, e.g. 'SCA-2019-3'.")
    text: str = Field(max_length=size("recommendation_text"),
                      description="The recommendation, in your own words.")
    refs: list[str] = Field(default_factory=list, max_length=size("refs"),
                            description="GO or PP IDs it relates to.")
    status: RecommendationStatus = Field(
        "unknown", description="implemented, partly_implemented, not_implemented, "
        "no_longer_relevant or unknown.")
    action: str | None = Field(None, max_length=size("recommendation_text"),
                               description="What the institution did or is doing.")
    evidence: list[Evidence] = Field(default_factory=list, max_length=size("evidence_items"))


class Accreditation(Section):
    """Accreditation history and follow-up of previous SCA recommendations."""

    last_review_year: ReviewYear | None = ask(
        "Year of the last SCA review", "e.g. 2021. Leave out for an initial accreditation.",
        "ACC-PN1")
    previous_deferral: YesNo | None = ask(  # type: ignore[valid-type]
        "The last review was deferred, or a special review was opened",
        "yes if the SCA deferred the institution's (re-)accreditation or opened a special "
        "review since the last full review.", "ACC-PN1", "ACC-PN2")
    previous_recommendations: list[PreviousRecommendation] | None = Field(
        None, max_length=size("recommendations"),
        title="Recommendations from the previous SCA review",
        description="One entry per recommendation, with its status and the action taken. "
        "Unexplained inaction on previous recommendations is a ground for deferral.",
        json_schema_extra={"refs": ["ACC-PN1", "GA76-ACCREDITATION"]})


class Justification(BaseModel):
    """Why the institution accepts a known gap for now, or what it is doing about it.

    A justification is shown beside the gap; it never hides or downgrades it, and never changes
    the indicative status.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(max_length=size("justification_text"),
                      description="The explanation, in your own words (not empty).")
    date: datetime.date | None = Field(None, description="When it was recorded (YYYY-MM-DD).")
    by: str | None = Field(None, max_length=size("label"),
                           description="Who recorded it, e.g. 'Legal unit'.")
    until: datetime.date | None = Field(
        None, description="Review date (YYYY-MM-DD): after it the justification is overdue.")

    @field_validator("text")
    @classmethod
    def _not_empty(cls, v: str) -> str:
        if not v.strip():
            raise Problem(_("a justification needs text"),
                          _("write why the gap is accepted for now or what is being done about "
                            "it"))
        return v


class Questionnaire(BaseModel):
    """A completed (or partly completed) paris_check self-assessment questionnaire."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # The file it was loaded from (name, bytes), so that an assessment of it records the same
    # provenance as the CLI does. Not part of the data: never serialised or compared.
    _source: tuple[str, bytes] | None = PrivateAttr(None)

    def __eq__(self, other: object) -> bool:
        """Equal when the answers are equal, wherever each was loaded from."""
        if not isinstance(other, Questionnaire):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(self.model_dump_json())

    schema_version: Literal["1.0"] = Field(
        "1.0", description="Version of the questionnaire format. Write \"1.0\".")
    profile: Profile = Field(default_factory=Profile)
    establishment: Establishment = Field(default_factory=Establishment)
    mandate: Mandate = Field(default_factory=Mandate)
    powers: Powers = Field(default_factory=Powers)
    composition: Composition = Field(default_factory=Composition)
    selection: Selection = Field(default_factory=Selection)
    political: Political = Field(default_factory=Political)
    tenure: Tenure = Field(default_factory=Tenure)
    immunity: Immunity = Field(default_factory=Immunity)
    funding: Funding = Field(default_factory=Funding)
    staff: Staff = Field(default_factory=Staff)
    operations: Operations = Field(default_factory=Operations)
    annual_report: AnnualReport = Field(default_factory=AnnualReport)
    international: International = Field(default_factory=International)
    complaints: Complaints = Field(default_factory=Complaints)
    special_mandates: SpecialMandates = Field(default_factory=SpecialMandates)
    emergencies: Emergencies = Field(default_factory=Emergencies)
    reprisals: Reprisals = Field(default_factory=Reprisals)
    performance: Performance = Field(default_factory=Performance)
    accreditation: Accreditation = Field(default_factory=Accreditation)
    justifications: dict[str, Justification] = Field(
        default_factory=dict, max_length=size("justifications"),
        description="Recorded justifications for known gaps, keyed by rule code (e.g. SE02).")

    @field_validator("justifications", mode="before")
    @classmethod
    def _justification_keys(cls, v: Any) -> Any:
        if v is None:
            return {}
        if isinstance(v, dict):
            for key in v:
                if not (isinstance(key, str) and re.fullmatch(r"[A-Z]{2}[0-9]{2}", key)):
                    raise Problem(_("%(key)s is not a rule code", key=repr(key)),
                                  _("write the code of the rule the gap comes from, e.g. SE02"))
        return v

    @model_validator(mode="after")
    def _total_text(self) -> Questionnaire:
        """All the free text together stays within ``LIMITS["total_text"]``; the error is
        placed at the text that goes past it (``ctx["where"]``, its location)."""
        limit = size("total_text")
        pieces = free_text(self)
        total = sum(n for _, n in pieces)
        if total <= limit:
            return self
        running, where = 0, pieces[-1][0]
        for loc, length in pieces:
            running += length
            if running > limit:
                where = loc
                break
        raise PydanticCustomError(
            "total_text_too_long",
            "the free text of the questionnaire adds up to {total} characters, past the limit "
            "of {limit} for one file",
            {"limit": limit, "total": total, "where": where, "unit": LIMITS["total_text"].unit})
