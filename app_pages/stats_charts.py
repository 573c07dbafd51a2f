"""Altair charts of a learner's stats that read well on day one and after a year.

Days are categories labelled in the page's language (a time axis with one day of data draws a
hairline bar labelled with an hour, and writes English month names); every day of the span has
its bar, empty ones at zero. Field names are fixed ASCII and the shown titles passed in, so a
Russian title never has to be escaped inside an encoding string.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import altair as alt
import pandas as pd

EMPTY_DAY = "#ebedf0"
"""A day with no review in the calendar: the page's faint grey, unlike any shade of green."""


def day_label(day: date, months: Sequence[str]) -> str:
    """`3 Dec`, in the page's language (`months`: its twelve short month names)."""
    return f"{day.day} {months[day.month - 1]}"


def daily_bars(
    counts: Sequence[tuple[date, int]], months: Sequence[str], y_title: str, x_title: str
) -> alt.Chart:
    """A bar per day (every day of `counts`, in order), a label every week."""
    data = pd.DataFrame(
        {"day": [day_label(d, months) for d, _ in counts], "count": [n for _, n in counts]}
    )
    labelled = list(data["day"][::7])
    chart: alt.Chart = (  # altair types what its chart methods return as Any
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "day:N",
                sort=None,
                title=x_title,
                axis=alt.Axis(values=labelled, labelAngle=0),
            ),
            y=alt.Y("count:Q", title=y_title, axis=alt.Axis(tickMinStep=1, format="d")),
            tooltip=[alt.Tooltip("day:N", title=x_title), alt.Tooltip("count:Q", title=y_title)],
        )
    )
    return chart


def days_back(counts: dict[date, int], last: date, days: int) -> list[tuple[date, int]]:
    """The `days` up to `last`, each with its count (0 when absent)."""
    first = last - timedelta(days=days - 1)
    span = (first + timedelta(days=n) for n in range(days))
    return [(d, counts.get(d, 0)) for d in span]


def mastery_bars(topics: pd.DataFrame, x_title: str, cards_title: str) -> alt.Chart:
    """Recall per topic (`topic`, `recall`, `cards`), the topic names written out in full."""
    chart: alt.Chart = (
        alt.Chart(topics)
        .mark_bar()
        .encode(
            x=alt.X(
                "recall:Q", title=x_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")
            ),
            y=alt.Y("topic:N", title=None, sort=None, axis=alt.Axis(labelLimit=600)),
            tooltip=[
                alt.Tooltip("topic:N", title=" "),
                alt.Tooltip("recall:Q", format=".0%", title=x_title),
                alt.Tooltip("cards:Q", title=cards_title),
            ],
        )
    )
    return chart


def calendar_heatmap(
    counts: Sequence[tuple[date, int]],
    months: Sequence[str],
    weekdays: Sequence[str],
    reviews_title: str,
) -> alt.Chart:
    """A year as GitHub draws it: a column per week, the month named over its first week,
    days with no review in grey and the others in greens by count."""
    data = pd.DataFrame(
        {
            "week": [(d - timedelta(days=d.weekday())).isoformat() for d, _ in counts],
            "weekday": [weekdays[d.weekday()] for d, _ in counts],
            "day": [day_label(d, months) for d, _ in counts],
            "reviews": [n for _, n in counts],
        }
    )
    starts = {  # the column (week) holding each month's first day
        (d - timedelta(days=d.weekday())).isoformat(): months[d.month - 1]
        for d, _ in counts
        if d.day == 1
    }
    names = "{" + ", ".join(f"'{week}': '{name}'" for week, name in starts.items()) + "}"
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_rect(cornerRadius=2)
        .encode(
            x=alt.X(
                "week:O",
                title=None,
                axis=alt.Axis(
                    values=list(starts),
                    labelExpr=f"{names}[datum.value]",
                    labelAngle=0,
                    ticks=False,
                    domain=False,
                ),
            ),
            y=alt.Y(
                "weekday:O",
                title=None,
                sort=list(weekdays),
                axis=alt.Axis(domain=False, ticks=False),
            ),
            color=alt.condition(
                "datum.reviews > 0",
                alt.Color(
                    "reviews:Q", scale=alt.Scale(scheme="greens", domainMin=0), title=reviews_title
                ),
                alt.value(EMPTY_DAY),
            ),
            tooltip=[
                alt.Tooltip("day:N", title=" "),
                alt.Tooltip("reviews:Q", title=reviews_title),
            ],
        )
    )
    return chart
