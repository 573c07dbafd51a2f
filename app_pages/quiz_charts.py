"""Altair charts of quiz results: the score histogram, facility and discrimination per item, and
how often each option of an item was chosen."""

from __future__ import annotations

import altair as alt
import pandas as pd

from classroom.analysis import DISCRIMINATING, TOO_EASY, TOO_HARD


def score_histogram(percents: pd.DataFrame, x_title: str, y_title: str) -> alt.Chart:
    chart: alt.Chart = (  # altair types what its chart methods return as Any
        alt.Chart(percents)
        .mark_bar()
        .encode(
            x=alt.X("percent:Q", bin=alt.Bin(extent=[0, 100], step=10), title=x_title),
            # whole attempts: no tick at 0.2 of one
            y=alt.Y("count():Q", title=y_title, axis=alt.Axis(tickMinStep=1, format="d")),
        )
    )
    return chart


def item_chart(items: pd.DataFrame, labels: dict[str, str]) -> alt.LayerChart:
    """Facility and discrimination side by side per item, with the flag thresholds as rules."""
    data = items.assign(item=[f"{n + 1}" for n in range(len(items))])
    long = data.melt(
        id_vars=["item", "question"],
        value_vars=["facility", "discrimination"],
        var_name="measure",
        value_name="value",
    ).dropna()
    long["measure"] = long["measure"].map(labels)
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("item:N", sort=None, title=labels["item"]),
            xOffset="measure:N",
            y=alt.Y("value:Q", scale=alt.Scale(domain=[-1, 1]), title=None),
            color=alt.Color("measure:N", title=None),
            tooltip=["item", "question", "measure", alt.Tooltip("value:Q", format=".2f")],
        )
    )
    rules = (
        alt.Chart(pd.DataFrame({"y": [TOO_HARD, DISCRIMINATING, TOO_EASY]}))
        .mark_rule(strokeDash=[4, 4], color="gray")
        .encode(y="y:Q")
    )
    chart: alt.LayerChart = bars + rules  # altair types its chart methods' results as Any
    return chart


def options_chart(options: pd.DataFrame, x_title: str) -> alt.Chart:
    chart: alt.Chart = (  # altair types what its chart methods return as Any
        alt.Chart(options)
        .mark_bar()
        .encode(
            x=alt.X("chosen:Q", title=x_title),
            y=alt.Y("option:N", sort=None, title=None),
            color=alt.Color(
                "right answer:N",
                scale=alt.Scale(domain=[True, False], range=["#2e7d32", "#9e9e9e"]),
                legend=None,
            ),
        )
    )
    return chart
