"""Curation use cases: roles, finishing an article, the units of an article, taking units into the
curated layer (by hand or automatically where all annotators agree), and the team's progress.

Every decision is a `TakeUnits` command (core.curation_commands): the GUI pushes it on its undo
stack, the CLI runs it. See core.curation for the model.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.curation import (
    CURATED_LAYER,
    ArticleState,
    CurationState,
    CurationUnit,
    Role,
    check_person_name,
    choose,
    curated_copy,
    decided_originals,
    number_units,
)
from kzt_annotator.core.curation_commands import TakeUnits
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation, CodebookKind
from kzt_annotator.core.units import build_units
from kzt_annotator.store.repository import AnnotationFilter, Repository


def set_role(repo: Repository, name: str, role: str) -> Changes:
    """Give `name` the role 'annotator' or 'curator'. Raises InvalidInput for another role."""
    name = check_person_name(name)
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(f"unknown role {role!r}: use annotator or curator") from None
    repo.set_role(name, role.value)
    return Changes()


def check_curator(repo: Repository, name: str) -> str:
    """`name` if it has the curator role; raises InvalidInput naming the command that grants it,
    with this project's --db (without it the command would act on the default project)."""
    name = check_person_name(name)
    if repo.annotator_roles().get(name) != Role.CURATOR.value:
        raise InvalidInput(
            f"{name} is not a curator of this project; a curator grants the role with "
            f"`kzt-annotator --db {shlex.quote(repo.name)} role {shlex.quote(name)} curator`"
        )
    return name


def finish(repo: Repository, article_id: int, annotator: str, reopen: bool = False) -> Changes:
    """Mark the annotator's work on the article finished (or back in progress with `reopen`)."""
    annotator = check_person_name(annotator)
    state = ArticleState.IN_PROGRESS if reopen else ArticleState.FINISHED
    repo.set_article_state(article_id, annotator, state.value)
    return Changes(articles=frozenset({article_id}))


def curation_units(
    repo: Repository, article_id: int, annotators: list[str] | None = None
) -> list[CurationUnit]:
    """The article's units across annotators (all who tagged it unless named), in reading order.

    Orphaned annotations are left out: their quote is gone from the text.
    """
    annotations = [a for a in repo.annotations(AnnotationFilter(article_id=article_id)) if not a.orphaned]
    curated = [a for a in annotations if a.annotator == CURATED_LAYER]
    people = annotators or sorted({a.annotator for a in annotations if a.annotator != CURATED_LAYER})
    by_annotator = {n: [a for a in annotations if a.annotator == n] for n in people}
    return number_units(build_units(by_annotator, people), people, curated)


def _command(chosen: list[tuple[CurationUnit, Annotation]], curator: str, label: str) -> TakeUnits:
    copies, decisions = [], []
    for unit, version in chosen:
        if unit.curated is not None:
            raise InvalidInput(
                f"unit {unit.number} is already in the curated layer; undo that decision first"
            )
        copies.append(curated_copy(version, curator, unit))
        decisions += decided_originals(unit, version, curator)
    return TakeUnits(copies, decisions, label)


def take_command(units: list[CurationUnit], take: str, curator: str) -> TakeUnits:
    """Take each unit's version named by `take` (an annotator or 'majority') into the curated layer.

    Raises InvalidInput if a unit is already curated or has no such version.
    """
    label = f"Curate unit {units[0].number}" if len(units) == 1 else f"Curate {len(units)} units"
    return _command([(u, choose(u, take)) for u in units], curator, f"{label} ({take})")


def auto_merge_command(units: list[CurationUnit], curator: str) -> TakeUnits | None:
    """Take every not yet curated unit on which all annotators agree; None when there is none."""
    agreed = [(u, next(iter(u.versions.values()))) for u in units if u.agreed and u.curated is None]
    if not agreed:
        return None
    return _command(agreed, curator, f"Merge {len(agreed)} agreed units automatically")


def curation_state(repo: Repository, article_id: int) -> str:
    """The article's curation state: 'open' (never started), 'in_curation' or 'curated'."""
    return repo.curation_states().get(article_id, (CurationState.OPEN.value, None))[0]


def start_curation(repo: Repository, article_id: int, curator: str) -> Changes:
    """Mark the article as in curation by `curator` (unless it is already curated)."""
    state = curation_state(repo, article_id)
    if state != CurationState.CURATED.value:
        repo.set_curation_state(article_id, CurationState.IN_CURATION.value, curator)
    return Changes(articles=frozenset({article_id}))


def undecided(
    units: list[CurationUnit], deciding: set[int] | None = None, auto_merge: bool = False
) -> list[int]:
    """The numbers of the units still undecided once the units numbered in `deciding` are taken
    (and, with `auto_merge`, every unit all annotators agree on): what marking the article curated
    now would leave out of the curated layer."""
    deciding = deciding or set()
    return [
        u.number
        for u in units
        if u.curated is None and u.number not in deciding and not (auto_merge and u.agreed)
    ]


def mark_curated(repo: Repository, article_id: int, curator: str, done: bool = True) -> Changes:
    """Close (or reopen) the article's curation."""
    state = CurationState.CURATED if done else CurationState.IN_CURATION
    repo.set_curation_state(article_id, state.value, curator)
    return Changes(articles=frozenset({article_id}))


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    """One row of the team dashboard: an article, each annotator's state and count, its curation."""

    article_id: int
    title: str
    outlet: str | None
    states: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    curation: str = CurationState.OPEN.value
    curator: str | None = None
    curated_count: int = 0
    outlet_name: str = ""  # the outlet as every view names it (the codebook's label, else as stored)

    @property
    def ready(self) -> bool:
        """Someone finished it and nobody who started it is still in progress."""
        states = set(self.states.values())
        return ArticleState.FINISHED.value in states and ArticleState.IN_PROGRESS.value not in states


def team_progress(repo: Repository) -> tuple[list[str], list[ArticleProgress]]:
    """(annotators, one row per article) for the dashboard and `curation-status`.

    An annotator's state is the stored one, else in_progress when they tagged something in the
    article, else not_started. `outlet_name` names the outlet as every view does: the codebook's
    label where the codebook has the outlet (core.codebook.Codebook.outlet), else as stored, else
    "unknown outlet"; `outlet` is the stored value.
    """
    book = Codebook(repo.codebook(CodebookKind.OUTLET))
    roles = repo.annotator_roles()
    counts = repo.annotation_counts()
    stored = repo.article_states()
    curation = repo.curation_states()
    people = sorted(n for n in roles if n != CURATED_LAYER)
    rows = []
    for article_id, (outlet, title) in sorted(repo.article_labels().items()):
        states, per = {}, {}
        for name in people:
            n = counts.get((article_id, name), 0)
            per[name] = n
            state = stored.get((article_id, name))
            states[name] = state or (ArticleState.IN_PROGRESS.value if n else ArticleState.NOT_STARTED.value)
        state, curator = curation.get(article_id, (CurationState.OPEN.value, None))
        rows.append(
            ArticleProgress(
                article_id,
                title,
                outlet,
                states,
                per,
                state,
                curator,
                counts.get((article_id, CURATED_LAYER), 0),
                book.outlet(outlet),
            )
        )
    return people, rows
