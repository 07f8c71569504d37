"""Agreement reports as plain rows and JSON: the one shape the CLI, the CSV and the dialog show.

An undefined measure is an empty cell in tables and CSV (its reason in the `reasons` column) and
`null` in JSON (its reason under `reasons`), never NaN: `json.dumps(..., allow_nan=False)` holds.
"""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.agreement import AgreementReport, Measure

PAIR_COLUMNS = (
    "scope",
    "annotators",
    "F1 exact",
    "F1 overlap",
    "kappa",
    "matched",
    "value differs",
    "missed by 1st",
    "missed by 2nd",
    "relations F1",
    "alpha kind",
    "alpha value",
    "intervals equal",
    "intervals compatible",
    "intervals conflicting",
    "undefined because",
)
ATTRIBUTE_COLUMNS = ("scope", "attribute", "alpha (nominal)", "undefined because")


def number(measure: Measure) -> str:
    """Three decimals, or '' when undefined."""
    return "" if measure.value is None else f"{measure.value:.3f}"


def _reasons(named: dict[str, Measure]) -> str:
    return "; ".join(f"{name}: {m.reason}" for name, m in named.items() if m.value is None and m.reason)


def pair_rows(reports: list[AgreementReport]) -> list[list[str]]:
    """One row per report and annotator pair, in PAIR_COLUMNS order."""
    rows = []
    for r in reports:
        shares = r.interval_shares
        for p in r.pairs:
            measures = {
                "F1 exact": p.f1_exact,
                "F1 overlap": p.f1_overlap,
                "kappa": p.cohen_kappa,
                "relations F1": p.relations_f1,
                "alpha kind": r.alpha_kind,
                "alpha value": r.alpha_value_interval,
            }
            rows.append(
                [
                    r.scope,
                    f"{p.first} / {p.second}",
                    number(p.f1_exact),
                    number(p.f1_overlap),
                    number(p.cohen_kappa),
                    str(p.matched),
                    str(p.value_differs),
                    str(p.missed_by_first),
                    str(p.missed_by_second),
                    number(p.relations_f1),
                    number(r.alpha_kind),
                    number(r.alpha_value_interval),
                    number(shares["equal"]),
                    number(shares["compatible"]),
                    number(shares["conflicting"]),
                    _reasons(measures),
                ]
            )
    return rows


def attribute_rows(reports: list[AgreementReport]) -> list[list[str]]:
    """One row per report and attribute, in ATTRIBUTE_COLUMNS order."""
    return [
        [r.scope, name, number(m), m.reason or ""] for r in reports for name, m in r.alpha_attributes.items()
    ]


def report_json(report: AgreementReport) -> dict[str, Any]:
    """The JSON shape of `agreement --format json` (one element of its list)."""
    reasons: dict[str, str] = {}

    def put(name: str, measure: Measure) -> float | None:
        if measure.value is None:
            reasons[name] = measure.reason or "undefined"
        return measure.value

    out: dict[str, Any] = {
        "scope": report.scope,
        "kind": report.kind,
        "article_id": report.article_id,
        "annotators": report.annotators,
        "units": report.units,
        "alpha_kind": put("alpha_kind", report.alpha_kind),
        "alpha_value_interval": put("alpha_value_interval", report.alpha_value_interval),
        "alpha_attributes": {
            name: put(f"alpha_attributes.{name}", m) for name, m in report.alpha_attributes.items()
        },
        "interval_relations": {
            name: put(f"interval_relations.{name}", m) for name, m in report.interval_shares.items()
        },
        "interval_pairs": sum(report.interval_relations.values()),
    }
    pairs = []
    for p in report.pairs:
        pair_reasons: dict[str, str] = {}

        def put_pair(name: str, measure: Measure, into: dict[str, str] = pair_reasons) -> float | None:
            if measure.value is None:
                into[name] = measure.reason or "undefined"
            return measure.value

        pairs.append(
            {
                "first": p.first,
                "second": p.second,
                "f1_exact": put_pair("f1_exact", p.f1_exact),
                "f1_overlap": put_pair("f1_overlap", p.f1_overlap),
                "cohen_kappa": put_pair("cohen_kappa", p.cohen_kappa),
                "relations_f1": put_pair("relations_f1", p.relations_f1),
                "matched": p.matched,
                "matched_value_differs": p.value_differs,
                "missed_by_first": p.missed_by_first,
                "missed_by_second": p.missed_by_second,
                "reasons": pair_reasons,
            }
        )
    out["pairs"] = pairs
    out["reasons"] = reasons
    return out
