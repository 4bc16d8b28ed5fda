"""The report as JSON: the complete structured data (report.model) with a `schema_version`.

The keys are documented in the README ("Reports"); SCHEMA_VERSION changes when one changes meaning.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.report.model import SCHEMA_VERSION, ReportData
from factcheck.report.words import check_language, rating_label
from factcheck.text.control import json_safe


def report_document(data: ReportData, lang: str) -> dict[str, Any]:
    """The JSON value: {"schema_version", "language", "article", "summary", "claims", …}.

    Each claim carries `verdict.label` in `lang` beside the stored rating key.
    """
    check_language(lang)
    document = {"schema_version": SCHEMA_VERSION, "language": lang, **data.to_dict()}
    for claim in document["claims"]:
        verdict = claim["claim"].get("verdict")
        if verdict:
            verdict["label"] = rating_label(verdict["rating"], lang)
    return document


def render_json(data: ReportData, lang: str) -> str:
    """Pretty-printed JSON text ending in a newline (keys in a fixed order: deterministic)."""
    # json_safe: C1 controls and bidi overrides as \\uXXXX too (the same JSON value; safe on a terminal).
    return json_safe(json.dumps(report_document(data, lang), ensure_ascii=False, indent=2)) + "\n"
