"""Figure use cases: quantity keys (fuzzy matched, mergeable), discrepancies, claims across outlets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kzt_annotator.core.attributes import ClaimAttrs, FigureAttrs
from kzt_annotator.core.changes import Changes
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.discrepancy import (
    Group,
    Report,
    date_order,
    group_reports,
    normalise_key,
    reports_from_rows,
)
from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.core.figure_edges import plans, summarise_articles
from kzt_annotator.core.figure_groups import GroupSummary
from kzt_annotator.core.group_tree import ParentOf, arrange, dotted_parent
from kzt_annotator.core.intervals import Rule
from kzt_annotator.core.kinds import Kind, Qualifier, Status
from kzt_annotator.core.model import CodebookEntry, CodebookKind
from kzt_annotator.core.report_rows import one_row_per_article
from kzt_annotator.services.labels import article_labels
from kzt_annotator.services.labels import discrepancy_labels as discrepancy_labels  # its old home
from kzt_annotator.services.memo import Memo
from kzt_annotator.store.repository import AnnotationFilter, Repository

MATCH_THRESHOLD = 80.0


def known_quantity_keys(repo: Repository) -> list[str]:
    keys = {normalise_key(e.key) for e in repo.codebook(CodebookKind.QUANTITY)}
    keys |= set(repo.attribute_values(Kind.FIGURE, "quantity"))
    return sorted(k for k in keys if k)


def similar_quantity_key(raw: str, known: list[str]) -> str | None:
    """A known key that `raw` may mean ("death toll" -> "deaths_total"), or None.

    Only a proposal, shown with the match: a key the researcher types is stored as typed
    (normalised: lower case, words joined by "_"), because "detained" and "people_detained" may
    count different populations.
    """
    key = normalise_key(raw)
    if not key or key in known or not known:
        return None
    from rapidfuzz import fuzz, process  # loaded when first needed: not on the GUI's start path

    found = process.extractOne(
        key.replace("_", " "), [k.replace("_", " ") for k in known], scorer=fuzz.WRatio
    )
    if found is not None and found[1] >= MATCH_THRESHOLD:
        return known[found[2]]
    return None


def merge_quantity_keys(repo: Repository, sources: list[str], target: str) -> Changes:
    """Rename every figure whose quantity is one of `sources` to `target`, in one transaction.

    Raises NotFound (and changes nothing) when a source key is used by no figure: a typo."""
    target = normalise_key(target)
    wanted = {normalise_key(s) for s in sources} - {target}
    figures = [
        a
        for a in repo.annotations(AnnotationFilter(kind=Kind.FIGURE.value))
        if isinstance(a.attributes, FigureAttrs) and a.attributes.quantity
    ]
    used = {normalise_key(a.attributes.quantity) for a in figures}  # type: ignore[union-attr]
    unknown = sorted(wanted - used)
    if unknown:
        raise NotFound(
            f"no figure uses the quantity key(s) {', '.join(map(repr, unknown))}; "
            "see the keys with `kzt-annotator discrepancies`"
        )
    changed = [
        replace(a, attributes=replace(a.attributes, quantity=target))
        for a in figures
        if normalise_key(a.attributes.quantity) in wanted  # type: ignore[union-attr]
    ]
    saved = repo.update_annotations(changed)
    return Changes(
        articles=frozenset(a.article_id for a in saved), annotations=frozenset(a.id for a in saved)
    )


def counted_statuses(adjudicated_only: bool) -> tuple[str, ...]:
    """Review statuses whose figures and claims count in comparisons.

    Rejected annotations never count, nor annotators' annotations taken into the curated layer
    (status curated: their curated copy counts instead), so a curated article is compared through
    its curated layer alone. `adjudicated_only`: accepted ones only (reviewed or curated).
    """
    if adjudicated_only:
        return (Status.ACCEPTED.value,)
    return (Status.PROPOSED.value, Status.ACCEPTED.value)


def variable_split(repo: Repository, name: str | None) -> dict[int, str] | None:
    """article id -> its value of variable `name` ("" for none), or None when not grouping by one."""
    if not name:
        return None
    wanted = name.strip().lower()
    if wanted not in {v.name for v in repo.variables()}:
        raise InvalidInput(f"no variable {name!r}; see `variable list`")
    return {i: values.get(wanted, "") for i, values in repo.article_values().items()}


def _speakers(book: Codebook, reports: list[tuple[str, Report]]) -> list[tuple[str, Report]]:
    """Sources named as the codebook names the speaker ("Tokayev" -> "Kassym-Jomart Tokayev")."""
    if not book.entries(CodebookKind.SPEAKER):
        return reports
    return [
        (key, replace(r, figure_source=book.display(CodebookKind.SPEAKER, r.figure_source) or None))
        for key, r in reports
    ]


def _quantity_key(book: Codebook):  # noqa: ANN202
    return lambda quantity: book.canonical(CodebookKind.QUANTITY, quantity)


def quantity_parent(book: Codebook) -> ParentOf:
    """A quantity key's parent: the codebook entry's parent, else the key's dotted prefix
    ("deaths.security_forces" -> "deaths")."""

    def parent_of(key: str) -> str | None:
        entry = book.get(CodebookKind.QUANTITY, key)
        return entry.parent if entry is not None and entry.parent else dotted_parent(key)

    return parent_of


def _in_families(groups: list[Group], book: Codebook) -> list[Group]:
    """`groups` with a parent's children one after another under it (core.group_tree)."""
    out = []
    parent_of = quantity_parent(book)
    for member in arrange(groups, parent_of):
        group = member.group
        group.family, group.depth = member.family, member.depth
        group.parent = parent_of(group.quantity) if member.family is not None else None
        out.append(group)
    return out


def with_headers(groups: list[GroupSummary], parent_of: ParentOf) -> list[GroupSummary]:
    """Groups in families, each family led by a header that shows its members side by side.
    Headers among `groups` are dropped and made afresh (for a list merged after a reload)."""
    out: list[GroupSummary] = []
    header: GroupSummary | None = None
    for member in arrange([g for g in groups if not g.children], parent_of):
        group = member.group
        group.family, group.depth = member.family, member.depth
        if member.family is not None and (header is None or header.quantity != member.family):
            header = GroupSummary(member.family, None, family=member.family, depth=0)
            out.append(header)
        if member.family is not None and header is not None:
            header.children.append(group)
            group.depth = max(group.depth, 1)
        out.append(group)
    return out


def discrepancies(
    repo: Repository,
    *,
    by_date: bool = False,
    adjudicated_only: bool = False,
    rules: dict[Qualifier, Rule] | None = None,
    by_variable: str | None = None,
    every_annotator: bool = False,
) -> list[Group]:
    """Every figure grouped by quantity (codebook aliases joined), optionally by date and by the
    value of a document variable; outlets named through the codebook, never by the title. One
    row per article and group unless `every_annotator` (core.report_rows); relations are judged
    from every report. Copies of one wire story (near-duplicate groups) are one source: no pairs
    are judged between them."""
    split = variable_split(repo, by_variable)
    book = Codebook(repo.codebook())
    rows = repo.figure_rows(counted_statuses(adjudicated_only))
    reports = reports_from_rows(
        rows, article_labels(repo, book), rules, _quantity_key(book), split, repo.article_dates()
    )
    groups = group_reports(
        _speakers(book, reports),
        by_date=by_date,
        sources=repo.syndication_sources(),
        by_variable=split is not None,
    )
    if not every_annotator:
        for group in groups:
            group.reports = one_row_per_article(group.reports)
    return _in_families(groups, book)


def orphaned_reports(
    repo: Repository, *, adjudicated_only: bool = False, rules: dict[Qualifier, Rule] | None = None
) -> list[Report]:
    """Figures orphaned by a text revision: never counted in discrepancies, listed apart (their
    old offsets no longer point at their words). Reports as in a group, article by article."""
    book = Codebook(repo.codebook())
    rows = repo.orphaned_figure_rows(counted_statuses(adjudicated_only))
    found = reports_from_rows(rows, article_labels(repo, book), rules, _quantity_key(book))
    return [report for _key, report in found]


def figure_groups(
    repo: Repository,
    *,
    by_date: bool = False,
    adjudicated_only: bool = False,
    rules: dict[Qualifier, Rule] | None = None,
    by_variable: str | None = None,
    quantities: frozenset[str] | None = None,
    memo: Memo | None = None,
    codebook: list[CodebookEntry] | None = None,
    sources: dict[int, int] | None = None,
) -> list[GroupSummary]:
    """The discrepancy groups from the figure index: counts and relations, no single reports.

    `quantities` (quantity values as stored): only the groups these fall into, e.g. after an edit
    (see group_keys for the keys of those groups). `memo`: the groups of all quantities are taken
    from it, not worked out again, while the index rows, codebook, sources and split read equal
    the last ones (the same objects then). `codebook` (every kind) and `sources`: read already.
    """
    if quantities is not None and not quantities:  # no quantity: in no group
        return []
    entries = repo.codebook(CodebookKind.QUANTITY) if codebook is None else codebook
    book = Codebook(entries)
    split = variable_split(repo, by_variable)
    key = _quantity_key(book)
    raw: list[str] | None = None
    if quantities is not None:  # every stored spelling that falls into the same groups
        wanted = {key(q) for q in quantities}
        raw = [q for q in repo.figure_quantities() if key(q) in wanted]
    # per article, its edges worked out in SQL (core.figure_edges: the groups of the tests' oracle)
    rows = repo.figure_edges(plans(rules), counted_statuses(adjudicated_only), by_date, raw)
    sources = repo.syndication_sources() if sources is None else sources

    def grouped() -> list[GroupSummary]:
        return summarise_articles(rows, by_date, sources, key, split)

    if quantities is not None:  # a partial reload: the caller arranges them with the rest
        return grouped()
    groups = grouped() if memo is None else memo.get((rows, by_date, sources, split, entries), grouped)
    return with_headers(groups, quantity_parent(book))


def shared_reads(repo: Repository) -> tuple[list[CodebookEntry], dict[int, int]]:
    """The codebook (every kind) and the syndicated copies (article id -> its story), read once
    for a reload's labels, groups and first page (their `codebook` and `sources`)."""
    return repo.codebook(), repo.syndication_sources()


def group_keys(repo: Repository, quantities: frozenset[str]) -> frozenset[str]:
    """The group keys (GroupSummary.quantity) that these stored quantity values fall into."""
    key = _quantity_key(Codebook(repo.codebook(CodebookKind.QUANTITY)))
    return frozenset(key(q) for q in quantities)


def quantity_tree(repo: Repository) -> ParentOf:
    """The quantity tree as a function key -> parent key (or None), read once: for arranging
    groups without the repository (see with_headers)."""
    return quantity_parent(Codebook(repo.codebook(CodebookKind.QUANTITY)))


def group_page(
    repo: Repository,
    group: GroupSummary,
    articles: dict[int, tuple[str, str]],
    *,
    adjudicated_only: bool = False,
    rules: dict[Qualifier, Rule] | None = None,
    offset: int = 0,
    limit: int = 200,
    every_annotator: bool = False,
    memo: Memo | None = None,
    codebook: list[CodebookEntry] | None = None,
) -> tuple[list[Report], int]:
    """Reports `offset`.. of one group, smallest first, and how many stored rows were read;
    `memo`: taken from it while every row and label read equals the last ones; `codebook`: its
    entries of every kind, read already.

    Unless `every_annotator`, one row per article (core.report_rows) when the whole group fits on
    this first page; a group paged over several pages lists every report, so that offsets stay
    the stored rows'. A family header gives its children's first pages, one child after another
    (each child judged on its own), at offset 0 only."""
    if group.children:
        if offset:
            return [], 0
        reports: list[Report] = []
        read = 0
        for child in group.children:
            page, n = group_page(
                repo,
                child,
                articles,
                adjudicated_only=adjudicated_only,
                rules=rules,
                limit=limit,
                every_annotator=every_annotator,
                codebook=codebook,
            )
            reports.extend(page)
            read += n
        return reports, read
    statuses = counted_statuses(adjudicated_only)
    only = list(group.articles) if group.variable_value is not None else None
    rows = repo.figure_report_rows(
        group.raw_quantities, group.dates, statuses, offset, limit, only, group.units or None
    )
    split = None if only is None else dict.fromkeys(only, group.variable_value or "")
    dates = repo.article_dates({r[1] for r in rows})
    entries = repo.codebook(CodebookKind.SPEAKER) if codebook is None else codebook

    def page() -> tuple[list[Report], int]:
        found = reports_from_rows(rows, articles, rules, values=split, dates=dates)
        reports = [report for _key, report in _speakers(Codebook(entries), found)]
        whole = offset == 0 and len(rows) < limit
        if not whole:  # pages keep the stored order (smallest first), so that offsets stay right
            return reports, len(rows)
        reports.sort(key=date_order)  # as_of, else the article's date, unknown last
        return (reports if every_annotator else one_row_per_article(reports)), len(rows)

    if memo is None:
        return page()
    return memo.get((rows, dates, entries, articles, rules, split, every_annotator, offset, limit), page)


@dataclass(frozen=True, slots=True)
class ClaimCell:
    article_id: int
    claim_key: str
    stances: tuple[str, ...]
    claimants: tuple[str, ...]
    annotation_ids: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimsMatrix:
    articles: list[tuple[int, str]]  # (id, outlet as views name it: never the title)
    keys: list[str]
    cells: dict[tuple[int, str], ClaimCell]
    disputed_keys: frozenset[str]  # keys whose stances differ across articles


def claims_matrix(repo: Repository, *, adjudicated_only: bool = False) -> ClaimsMatrix:
    flt = AnnotationFilter(kind=Kind.CLAIM.value, status=Status.ACCEPTED.value if adjudicated_only else None)
    book = Codebook(repo.codebook())
    grouped: dict[tuple[int, str], list] = {}
    counted = counted_statuses(adjudicated_only)
    for ann in repo.annotations(flt):
        if ann.status.value not in counted or ann.orphaned:
            continue
        attrs = ann.attributes
        if not isinstance(attrs, ClaimAttrs) or not attrs.claim_key:
            continue
        key = book.canonical(CodebookKind.CLAIM_KEY, attrs.claim_key)
        grouped.setdefault((ann.article_id, key), []).append(ann)
    cells: dict[tuple[int, str], ClaimCell] = {}
    for (article_id, key), anns in grouped.items():
        anns.sort(key=lambda a: a.start)
        cells[(article_id, key)] = ClaimCell(
            article_id,
            key,
            tuple(sorted({a.attributes.stance.value if a.attributes.stance else "reports" for a in anns})),
            tuple(
                sorted(
                    {
                        book.display(CodebookKind.SPEAKER, a.attributes.claimant)
                        for a in anns
                        if a.attributes.claimant
                    }
                )
            ),
            tuple(a.id for a in anns),
            anns[0].start,
            anns[0].end,
        )
    keys = sorted({key for _, key in cells})
    disputed = frozenset(
        key for key in keys if len({cell.stances for (_, k), cell in cells.items() if k == key}) > 1
    )
    article_ids = sorted({a for a, _ in cells})
    labels = article_labels(repo, book, article_ids)  # only the articles with claims
    articles = [(a, labels[a][0]) for a in article_ids if a in labels]
    return ClaimsMatrix(articles, keys, cells, disputed)
