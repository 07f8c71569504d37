"""The project report as one self-contained HTML file.

Inline CSS and inline SVG charts only: no script, no external resource (a Content-Security-Policy
forbids both), every text from the project escaped. Every table row links to the quote it refers
to: a section `#q-<annotation id>` near the end shows the span with its context.
"""

from __future__ import annotations

from html import escape

from kzt_annotator.core.attributes import format_number
from kzt_annotator.core.discrepancy import Group, Relation
from kzt_annotator.io.svg_chart import IntervalRow, bar_chart, interval_chart
from kzt_annotator.services.project_report import ReportData

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;
padding:1em 1.5em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
h3{margin:1.4em 0 .4em}.meta{color:#666}nav a{margin-right:1em}
table{border-collapse:collapse;font-size:.88em;margin:.5em 0 1em}th,td{border:1px solid #ccc;padding:3px 7px;
vertical-align:top;text-align:left}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.conflicting{color:#c62828;font-weight:600}.compatible{color:#ef6c00}.equal{color:#2e7d32}
tr.conflict td{background:#fdecea}td.zero{color:#bbb;text-align:right}.matrix{overflow-x:auto}
.quote{border-left:4px solid #ccc;margin:.6em 0;padding:.2em .8em}.quote mark{background:#fff3b0}
.quote .ctx{color:#777}.quote:target{border-color:#1565c0;background:#eef4fc}
.small{font-size:.85em;color:#666}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _link(annotation_id: str, text: str = "quote") -> str:
    return f'<a href="#q-{_e(annotation_id)}">{_e(text)}</a>'


def _table(header: list[str], rows: list[str], cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _conflicting_ids(group: Group) -> set[str]:
    return {x for p in group.pairs if p.relation is Relation.CONFLICTING for x in (p.first, p.second)}


def _group(group: Group, index: int, labels: dict[int, str]) -> str:
    bad = _conflicting_ids(group)
    title = group.quantity + (f" (as of {group.as_of.isoformat()})" if group.as_of else "")
    rows, chart_rows = [], []
    for r in sorted(group.reports, key=lambda r: (r.interval.low, r.article_id)):
        label = labels.get(r.article_id, r.outlet or f"article {r.article_id}")
        chart_rows.append(
            IntervalRow(
                label,
                r.interval.low,
                r.interval.high if r.interval.high != float("inf") else None,
                r.value,
                r.annotation_id in bad,
                f"#q-{r.annotation_id}",
            )
        )
        high = "∞" if r.interval.high == float("inf") else format_number(r.interval.high)
        cells = [
            _e(label),
            f'<td class="n">{_e(format_number(r.value))}</td>',
            _e(r.qualifier.value if r.qualifier else ""),
            _e(f"[{format_number(r.interval.low)}, {high}]"),
            _e(r.figure_source),
            _e(r.as_of.isoformat() if r.as_of else ""),
            _e(r.annotator),
            _link(r.annotation_id, f"“{r.text[:50]}”"),
        ]
        cls = ' class="conflict"' if r.annotation_id in bad else ""
        rows.append(
            f"<tr{cls}>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    relation = group.relation.label
    return (
        f'<h3 id="group-{index}">{_e(title)} <span class="{relation}">{relation}</span></h3>'
        + interval_chart(chart_rows, f"Reports of {title}: interval and stated value per article")
        + _table(
            ["outlet (article)", "value", "qualifier", "interval", "source", "as of", "annotator", "quote"],
            rows,
        )
    )


def _claims(data: ReportData) -> str:
    m = data.claims
    if not m.keys:
        return "<p>No claims with a claim key.</p>"
    header = ["claim key"] + [data.labels.get(a, label) for a, label in m.articles]
    rows = []
    for key in m.keys:
        cells = [f'<td class="{"conflicting" if key in m.disputed_keys else ""}">{_e(key)}</td>']
        for article_id, _ in m.articles:
            cell = m.cells.get((article_id, key))
            if cell is None:
                cells.append('<td class="zero">–</td>')
                continue
            who = f" ({', '.join(cell.claimants)})" if cell.claimants else ""
            cells.append(f"<td>{_link(cell.annotation_ids[0], ', '.join(cell.stances) + who)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    note = '<p class="small">Keys in red: the articles take different stances.</p>'
    return note + f'<div class="matrix">{_table(header, rows)}</div>'


def _outlets(data: ReportData) -> str:
    kinds = data.kinds
    rows = []
    for r in data.outlets:
        counts = "".join(f'<td class="n">{r.counts.get(k, 0)}</td>' for k in kinds)
        rows.append(f'<tr><td>{_e(r.outlet)}</td><td class="n">{r.articles}</td>{counts}</tr>')
    chart = bar_chart([(r.outlet, sum(r.counts.values())) for r in data.outlets], "Annotations per outlet")
    return _table(["outlet", "articles"] + kinds, rows) + chart


def _variables(data: ReportData) -> str:
    rows = [
        f'<tr><td>{_e(n)}</td><td>{_e(v)}</td><td class="n">{a}</td><td class="n">{k}</td></tr>'
        for n, v, a, k in data.variables
    ]
    return _table(["variable", "value", "articles", "annotations"], rows)


def _frequencies(data: ReportData) -> str:
    rows = []
    for i, r in enumerate(data.stats.rows):
        links = " ".join(_link(a, str(n + 1)) for n, a in enumerate(r.annotation_ids[:5]))
        more = f" +{len(r.annotation_ids) - 5}" if len(r.annotation_ids) > 5 else ""
        rows.append(
            f'<tr id="code-{i}"><td>{_e(r.code)}</td><td>{_e(r.kind)}</td><td class="n">{r.annotations}</td>'
            f'<td class="n">{r.articles}</td><td class="n">{r.outlets}</td><td>{links}{more}</td></tr>'
        )
    keyed = [(r.code, r.annotations) for r in data.stats.rows if r.code != r.kind][:25]
    return _table(["code", "kind", "annotations", "articles", "outlets", "quotes"], rows) + bar_chart(
        keyed, "Most frequent codes"
    )


def _cooccurrence(data: ReportData, by: str) -> str:
    stats = data.stats
    columns = stats.articles if by == "article" else stats.outlets
    header = ["code"] + [data.labels.get(c, str(c)) if by == "article" else str(c) for c in columns]
    counts = stats.by_article if by == "article" else stats.by_outlet
    rows = []
    for r in stats.rows:
        cells = [f"<td>{_e(r.code)}</td>"]
        for c in columns:
            n = counts.get((r.code, c), 0)
            if not n:
                cells.append('<td class="zero">0</td>')
                continue
            key = "article_id" if by == "article" else "outlet"
            first = next(
                (a for a in r.annotation_ids if getattr(data.quotes[a], key) == c), r.annotation_ids[0]
            )
            cells.append(f'<td class="n">{_link(first, str(n))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="matrix">{_table(header, rows)}</div>'


def _agreement(data: ReportData) -> str:
    if not data.agreement_rows:
        return f"<p>{_e(data.agreement_note or 'No agreement figures.')}</p>"
    rows = ["<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in data.agreement_rows]
    return _table(list(data.agreement_columns), rows)


def _quotes(data: ReportData) -> str:
    parts = []
    for q in sorted(data.quotes.values(), key=lambda q: (q.article_id, q.start, q.end)):
        parts.append(
            f'<div class="quote" id="q-{_e(q.annotation_id)}">'
            f'<div class="small">{_e(q.label)} · {_e(q.title)} · '
            f"{_e(q.kind)} by {_e(q.annotator)} · characters {q.start}–{q.end}</div>"
            f'<p><span class="ctx">…{_e(q.before)}</span><mark>{_e(q.text)}</mark>'
            f'<span class="ctx">{_e(q.after)}…</span></p></div>'
        )
    return "".join(parts)


def _orphans(data: ReportData) -> str:
    """Figures orphaned by a text revision: listed apart, never counted in a group."""
    if not data.orphans:
        return ""
    items = "".join(
        f"<li>{_e(r.quantity)}: “{_e(r.text)}” · {_e(data.labels.get(r.article_id, r.outlet))}</li>"
        for r in data.orphans
    )
    return (
        f'<h3 id="orphaned">Orphaned figures, not counted ({len(data.orphans)})</h3>'
        '<p class="small">Their words left the text in a revision; place them again to count them.</p>'
        f"<ul>{items}</ul>"
    )


SECTIONS = (
    ("discrepancies", "Discrepancies"),
    ("claims", "Claims matrix"),
    ("outlets", "Outlets"),
    ("variables", "Variables"),
    ("codes", "Code frequencies"),
    ("by-article", "Codes × articles"),
    ("by-outlet", "Codes × outlets"),
    ("agreement", "Agreement"),
    ("quotes", "Quotes"),
)


def render(data: ReportData) -> str:
    groups = "".join(_group(g, i, data.labels) for i, g in enumerate(data.groups)) or "<p>No figures.</p>"
    body = {
        "discrepancies": '<p class="small">Bars: the interval of true values each report allows; dots: its '
        "stated value; red: in conflict with another article.</p>" + groups + _orphans(data),
        "claims": _claims(data),
        "outlets": _outlets(data),
        "variables": _variables(data),
        "codes": _frequencies(data),
        "by-article": _cooccurrence(data, "article"),
        "by-outlet": _cooccurrence(data, "outlet"),
        "agreement": _agreement(data),
        "quotes": _quotes(data),
    }
    nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title in SECTIONS)
    sections = "".join(f'<h2 id="{key}">{_e(title)}</h2>{body[key]}' for key, title in SECTIONS)
    outlets = len({r.outlet for r in data.outlets})
    meta = (
        f"{len(data.articles)} articles from {outlets} outlet(s), {len(data.quotes)} annotations · "
        f"generated {data.generated.strftime('%Y-%m-%d %H:%M')} UTC by kzt-annotator"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(data.project)} – report</title><style>{STYLE}</style></head><body>"
        f"<h1>{_e(data.project)}</h1><p class='meta'>{_e(meta)}</p><nav>{nav}</nav>{sections}</body></html>"
    )
