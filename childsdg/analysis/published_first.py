"""Published first: the producer's own figure where the reader's group is one the producer publishes.

METHODS.md §2: where the World Bank (WDI: UN IGME, MMEIG, WUENIC, JME, JMP series), UIS or the JME
publish an aggregate for the group asked (the world, a World Bank region, a World Bank income group),
that figure is the one to show, labelled as the producer's; our weighted estimate stays beside it
with the difference. Elsewhere (UNICEF regions, LDCs, SIDS, the Global South, custom groups) our own
weighted estimate is the figure.

A group's line is never a mix: where the producer publishes the group for an indicator at all, the
line holds the producer's figures only, year by year, and a year the producer has no figure for is
empty, not filled with ours. The aggregates are kept by the pipeline in
``published_aggregates.parquet`` (``pipeline/aggregates.py`` says which groups and why).
"""

from __future__ import annotations

import pandas as pd

from childsdg.data import catalogue, db
from childsdg.i18n import N_, _

PUBLISHED_GROUPINGS = ("world", "wb_region", "income_group")
OWN_LABEL = N_("our weighted estimate")  # English: tables hold ``own_label()``
# Columns group_series adds to api.aggregate's.
COLUMNS = ["own_value", "published_value", "difference", "relative_difference", "published", "producer",
           "source_code", "label"]


def published_group(grouping) -> tuple[str, str] | None:
    """(grouping, group code) when ``grouping`` is one group of a grouping producers publish, else None."""
    name, code, custom = catalogue.parse_grouping(grouping)
    if custom or name not in PUBLISHED_GROUPINGS:
        return None
    if name == "world":
        return "world", "WLD"
    return (name, code) if code else None


def values(indicators: list[str], grouping, sex: str = "total", residence: str = "total") -> pd.DataFrame:
    """The producers' figures for one group: indicator, year, value, producer, source, source_code, kind.

    Empty where nothing is published: another kind of group, or a breakdown by sex or residence
    (the aggregates kept are totals).
    """
    group = published_group(grouping)
    if group is None or (sex, residence) != ("total", "total"):
        return pd.DataFrame(columns=["indicator", "year", "value", "producer", "source", "source_code", "kind"])
    return db.query("published_group_values", indicators=list(indicators), grouping=group[0], group_code=group[1])


def label(producer) -> str:
    """'UN IGME / World Bank published aggregate', or 'our weighted estimate'."""
    return (_("{producer} published aggregate").format(producer=producer) if isinstance(producer, str) and producer
            else own_label())


def own_label() -> str:
    """'our weighted estimate', in the reader's language."""
    return _(OWN_LABEL)


def combine(ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """api.aggregate's rows for one group, with the producer's figure put first where it publishes the group.

    ``value`` becomes the figure to show: the producer's for an indicator it publishes for this group
    (every year; empty where it has no figure), ours otherwise. ``own_value`` keeps ours,
    ``published_value`` the producer's, ``difference`` = ours - published and ``relative_difference``
    its share of the published figure; ``published`` says whose ``value`` is, ``label`` says so in
    words, ``producer`` and ``source_code`` (the producer's code for the group: WLD, SSF, LIC) credit it.
    Years only the producer has are added (with ours empty).
    """
    published = published.rename(columns={"value": "published_value"})[
        ["indicator", "year", "published_value", "producer", "source_code"]]
    if ours.empty and published.empty:
        return ours.assign(**{column: pd.Series(dtype="object") for column in COLUMNS})
    if published.empty:  # nothing published for this group (most groups): ours as they are, no merge (~5 ms)
        return _ours_only(ours)
    table = ours.rename(columns={"value": "own_value"}).merge(published, on=["indicator", "year"], how="outer")
    # Constant per indicator for one group: the producer's extra years take ours, our extra years its producer.
    # Mapped per indicator (a group-by transform per column cost ~5 ms each, on every page rerun).
    for frame, columns in ((ours, ("group_code", "group_name", "weight", "n_members")), (published, ("producer",))):
        constants = frame.drop_duplicates("indicator").set_index("indicator")
        for column in columns:
            if column in table.columns and table[column].isna().any():
                table[column] = table[column].fillna(table["indicator"].map(constants[column]))
    table["producer"] = table["producer"].astype("str")  # also when nothing is published (an empty column)
    table["n_countries"] = table["n_countries"].fillna(0).astype("int64")
    table["coverage"] = table["coverage"].fillna(0.0)
    publishes = table["indicator"].isin(set(published["indicator"]))
    table["published"] = publishes
    table["value"] = table["published_value"].where(publishes, table["own_value"])
    table["difference"] = table["own_value"] - table["published_value"]
    table["relative_difference"] = table["difference"] / table["published_value"]
    table["label"] = [label(p) if flag else own_label() for p, flag in zip(table["producer"], publishes)]
    order = [c for c in ours.columns if c != "value"]
    order.insert(order.index("year") + 1, "value")
    return table[order + COLUMNS].sort_values(["indicator", "year"]).reset_index(drop=True)


def _ours_only(ours: pd.DataFrame) -> pd.DataFrame:
    """``combine``'s table where the producers publish nothing for the group: our figure is the figure."""
    nan = float("nan")
    table = ours.rename(columns={"value": "own_value"}).assign(
        value=ours["value"], published_value=nan, difference=nan, relative_difference=nan, published=False,
        producer=pd.Series(nan, index=ours.index, dtype="str"), source_code=pd.Series(nan, index=ours.index, dtype="str"),
        label=pd.Series(own_label(), index=ours.index, dtype="str"))
    order = [c for c in ours.columns if c != "value"]
    order.insert(order.index("year") + 1, "value")
    return table[order + COLUMNS].sort_values(["indicator", "year"]).reset_index(drop=True)
