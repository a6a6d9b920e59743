"""Indicator texts in French, Spanish and Arabic, from the ``<step>.texts.yml`` beside each step.

The English catalogue row stays in ``<step>.meta.yml``; its translations stand beside it, one file per
step, keyed by indicator id then language: ``{name, short_name, unit, definition}``. The definition may be
shorter than the English (one or two sentences), with the same meaning and the numbers and codes unchanged.
Written long to ``indicator_texts.csv`` (id, lang, name, short_name, unit, definition); the app falls back
to the English row where a language has none, but the pipeline refuses to build a store with a gap.
"""

from __future__ import annotations

import pandas as pd
import yaml

from childsdg.data.vocabularies import TRANSLATED_LANGUAGES
from pipeline.core import STEPS_DIR, PipelineError

TEXT_FIELDS = ("name", "short_name", "unit", "definition")
TEXT_COLUMNS = ["id", "lang", *TEXT_FIELDS]


def load_texts(step_name: str) -> dict[str, dict]:
    """indicator id -> language -> field -> text, from ``<step>.texts.yml`` ({} for a step without one)."""
    path = STEPS_DIR / f"{step_name}.texts.yml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def indicator_texts(catalogue: pd.DataFrame, texts: dict[str, dict]) -> pd.DataFrame:
    """The long table of translated texts; PipelineError names every gap, stray id or raw code left as text.

    Rules: every catalogue indicator has every field in every language, non-empty; no text is a raw code
    (the indicator's id or the producer's code, exactly: 'Population' is a word, 'population' the
    id), the usual sign of a placeholder; no texts for an id the
    catalogue lacks (a renamed indicator would otherwise lose its translation silently).
    """
    problems = [f"texts for {stray}, which is not in the catalogue" for stray in sorted(set(texts) - set(catalogue["id"]))]
    rows = []
    for row in catalogue.itertuples(index=False):
        raw_codes = {row.id, str(row.source_code)}
        for lang in TRANSLATED_LANGUAGES:
            entry = (texts.get(row.id) or {}).get(lang) or {}
            texts_row = {field: " ".join(str(entry.get(field) or "").split()) for field in TEXT_FIELDS}
            empty = [field for field, text in texts_row.items() if not text]
            raw = [field for field, text in texts_row.items() if text in raw_codes]
            if empty:
                problems.append(f"{row.id} [{lang}]: no {', '.join(empty)}")
            if raw:
                problems.append(f"{row.id} [{lang}]: {', '.join(raw)} is a raw code, not a translation")
            rows.append({"id": row.id, "lang": lang, **texts_row})
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise PipelineError(f"pipeline/steps/*.texts.yml: rule indicator-texts: {len(problems)} problems:\n  {shown}{more}")
    return pd.DataFrame(rows, columns=TEXT_COLUMNS).sort_values(["id", "lang"]).reset_index(drop=True)
