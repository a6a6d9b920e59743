"""Chart exports: the first export after start (cold) and warm PNG, SVG, PDF, CSV and Excel per chart.

Two charts as the theme pages draw them: a line chart (under-5 mortality in eight countries and
their region, 2000-2023) and a world map (stunting). Warm figures are the median of ``REPEATS``
exports after the browser is up, each the whole ``chart_files.image`` call (decorate + render) or the
whole data file. The machine's load average is recorded with them: Chromium renders on the
same CPUs as everything else.
"""

from __future__ import annotations

import os
import statistics
import time

import pandas as pd

from bench import publish
from childsdg import api
from childsdg.charts import common_charts
from childsdg.data import catalogue, geo
from childsdg.exports import chart_files

REPEATS = 7
COUNTRIES = ["KEN", "UGA", "TZA", "RWA", "ETH", "COD", "SOM", "ZAF"]


def _charts() -> dict:
    """name -> (figure, data, context)."""
    names = pd.Series(catalogue.country_names())
    row = catalogue.indicator("u5mr")
    series = api.series("u5mr", COUNTRIES, 2000, 2023)
    group = api.aggregate("u5mr", "unicef_region:ESAR", 2000, 2023)
    latest = api.latest("stunting", None, as_of=2022)
    return {
        "line chart (trend, 9 lines)": (
            common_charts.trend(series, names, row, group, "Eastern and Southern Africa", row["target_2030"]), series,
            chart_files.ChartContext.create("trend", "u5mr", {"Group": "Eastern and Southern Africa", "Years": "2000-2023"},
                                       series["year"])),
        "world map (choropleth)": (
            common_charts.choropleth(latest, names, catalogue.indicator("stunting"), 2022, geo.geojson_for_browser()),
            latest, chart_files.ChartContext.create("map", "stunting", {"Group": "World", "Year": "2022"},
                                               latest["data_year"])),
    }


def _ms(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def run() -> dict:
    if chart_files.unavailable_reason():
        return {"unavailable": chart_files.unavailable_reason()}
    exports = _charts()
    chart_files.shutdown()
    first = next(iter(exports))
    figure, _, context = exports[first]
    results = {"cold_first_png_ms": {first: round(_ms(lambda: chart_files.image(figure, context, "png")))},
               "median_ms": {}, "bytes": {}, "load_average_before": round(os.getloadavg()[0], 1)}
    for name, (figure, data, context) in exports.items():
        builds = {fmt: (lambda fmt=fmt, figure=figure, context=context: chart_files.image(figure, context, fmt))
                  for fmt in chart_files.IMAGE_TYPES}
        builds.update(csv=lambda data=data, context=context: chart_files.to_csv(data, context),
                      xlsx=lambda data=data, context=context: chart_files.to_excel(data, context))
        results["median_ms"][name] = {fmt: round(statistics.median(_ms(build) for _ in range(REPEATS)))
                                      for fmt, build in builds.items()}
        results["bytes"][name] = {fmt: len(build()) for fmt, build in builds.items()}
    results["load_average_after"] = round(os.getloadavg()[0], 1)
    return results


def report(results: dict) -> str:
    if "unavailable" in results:
        return f"Exports: not measured. {results['unavailable']}"
    (name, cold), = results["cold_first_png_ms"].items()
    formats = list(next(iter(results["median_ms"].values())))
    lines = [f"First export after start (browser start + PNG of the {name}): {cold / 1000:.1f} s. Load average "
             f"{results['load_average_before']} before, {results['load_average_after']} after "
             f"({os.cpu_count()} CPUs): other work on the machine slows the browser.", "",
             "| chart | " + " | ".join(f"{fmt.upper()} ms (KB)" for fmt in formats) + " |",
             "|---|" + "---|" * len(formats)]
    lines += [f"| {chart} | " + " | ".join(f"{ms[fmt]} ({results['bytes'][chart][fmt] / 1000:.0f})" for fmt in formats)
              + " |" for chart, ms in results["median_ms"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    publish("export", run(), report)
