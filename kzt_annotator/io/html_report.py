"""A self-contained HTML report of one annotated article.

Everything from the article (text, title, metadata, attribute values) is escaped, so nothing in
an article can run as script; the page carries no script of its own and a CSP that forbids it.
"""

from __future__ import annotations

from html import escape

from kzt_annotator.core.attributes import FigureAttrs, attributes_to_strings, format_number
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, Article

CSP = "default-src 'none'; style-src 'unsafe-inline'"
COLOURS = {
    Kind.CLAIM: "rgba(255,179,0,.35)",
    Kind.ATTRIBUTION: "rgba(0,172,193,.35)",
    Kind.FIGURE: "rgba(216,27,96,.30)",
}
STYLE = """
body{font-family:Georgia,serif;max-width:860px;margin:2em auto;line-height:1.55;padding:0 1em}
.meta{font-family:sans-serif;color:#555;font-size:.9em}.text{white-space:pre-wrap}
mark{padding:0 1px;border-radius:2px}.boiler{color:#999}
table{border-collapse:collapse;font-family:sans-serif;font-size:.9em}
td,th{border:1px solid #ccc;padding:3px 6px}
.legend span{padding:2px 6px;margin-right:8px;font-family:sans-serif}
""" + "".join(
    f"mark.{k.value}{{background:{c}}}.legend .{k.value}{{background:{c}}}" for k, c in COLOURS.items()
)


def render(article: Article, annotations: list[Annotation]) -> str:
    text = article.text
    cuts = {0, len(text)}
    for a in annotations:
        cuts |= {a.start, a.end}
    for r in article.boilerplate:
        cuts |= {r.start, r.end}
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        segment = escape(text[a:b])
        covering = sorted((x for x in annotations if x.start <= a < x.end), key=lambda x: x.end - x.start)
        for ann in reversed(covering):
            title = escape(
                f"{str(ann.kind)} by {ann.annotator}: "
                + ", ".join(f"{k}={v}" for k, v in attributes_to_strings(ann.attributes).items() if v),
                quote=True,
            )
            segment = f'<mark class="{str(ann.kind)}" title="{title}">{segment}</mark>'
        if any(r.start <= a < r.end for r in article.boilerplate):
            segment = f'<span class="boiler">{segment}</span>'
        pieces.append(segment)
    meta = " · ".join(
        escape(str(v)) for v in (article.outlet, article.author, article.published, article.url) if v
    )
    rows = []
    for ann in annotations:
        if ann.kind == Kind.FIGURE and isinstance(ann.attributes, FigureAttrs):
            f = ann.attributes
            cells = (
                ann.text,
                f.quantity,
                format_number(f.value),
                f.qualifier.value if f.qualifier else "",
                f.unit,
                f.figure_source,
                ann.annotator,
            )
            rows.append("<tr>" + "".join(f"<td>{escape(str(c or ''))}</td>" for c in cells) + "</tr>")
    figures = (
        (
            "<h2>Figures</h2><table><tr><th>Text</th><th>Quantity</th><th>Value</th><th>Qualifier</th>"
            "<th>Unit</th><th>Source</th><th>Annotator</th></tr>" + "".join(rows) + "</table>"
        )
        if rows
        else ""
    )
    legend = "".join(f'<span class="{k.value}">{k.value}</span>' for k in Kind)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{escape(article.title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(article.title)}</h1><p class='meta'>{meta}<br>sha256 {article.sha256}</p>"
        f"<p class='legend'>{legend}</p><div class='text'>{''.join(pieces)}</div>{figures}</body></html>"
    )
