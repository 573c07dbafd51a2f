"""Stats: reviews per day, true retention, the 30-day forecast, mastery by topic, a calendar."""

from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.common import learner_or_stop, loaded_decks, pick, synced_cards, tr, utcnow
from study import stats
from study.day import study_day

session = learner_or_stop()
store, settings = session.store, session.settings
now = utcnow()
today = study_day(now, settings.timezone, settings.day_starts_at).day
decks = loaded_decks()
for deck in decks.values():
    synced_cards(session, deck)

st.title(tr("stats.title"))
year = stats.reviews_per_day(store, today - timedelta(days=364), today)
month = [entry for entry in year if entry.day > today - timedelta(days=30)]
retention = stats.true_retention(store, since=today - timedelta(days=29))
mastery = stats.topic_mastery(store, now)

metrics = st.columns(4)
metrics[0].metric(tr("stats.today"), sum(e.reviews for e in year if e.day == today))
metrics[1].metric(tr("stats.month"), sum(e.reviews for e in month))
metrics[2].metric(tr("stats.retention"), "—" if retention.rate is None else f"{retention.rate:.0%}")
metrics[3].metric(
    tr("stats.studied"),
    f"{sum(m.studied for m in mastery)} / {sum(m.cards for m in mastery)}",
)

day, reviews, cards = tr("stats.day"), tr("stats.reviews"), tr("stats.cards")

st.subheader(tr("stats.per_day"))
if month:
    recent = pd.DataFrame(
        [{day: e.day.isoformat(), reviews: e.reviews, tr("stats.again"): e.again} for e in month]
    )
    st.altair_chart(
        alt.Chart(recent)
        .mark_bar()
        .encode(
            x=alt.X(f"{day}:T", title=day),
            y=alt.Y(f"{reviews}:Q", title=reviews),
            tooltip=[f"{day}:T", f"{reviews}:Q", f"{tr('stats.again')}:Q"],
        ),
        width="stretch",
    )
else:
    st.caption(tr("stats.none"))

st.subheader(tr("stats.forecast"))
upcoming = stats.due_forecast(store, now)
forecast = pd.DataFrame([{day: d.isoformat(), cards: count} for d, count in upcoming])
st.altair_chart(
    alt.Chart(forecast)
    .mark_bar()
    .encode(
        x=alt.X(f"{day}:T", title=day),
        y=alt.Y(f"{cards}:Q", title=cards),
        tooltip=[f"{day}:T", f"{cards}:Q"],
    ),
    width="stretch",
)
counts = [count for _, count in upcoming]
st.caption(tr("stats.forecast_summary", today=counts[0], week=sum(counts[:7]), month=sum(counts)))

st.subheader(tr("stats.mastery"))
st.caption(tr("stats.mastery_help"))
topic, recall = tr("topic"), tr("stats.recall")
titles = {(deck.id, t.id): pick(t.title) for deck in decks.values() for t in deck.topics}
by_topic = pd.DataFrame(
    [
        {
            topic: titles.get((m.deck, m.topic), m.topic),
            recall: m.recall,
            cards: m.cards,
        }
        for m in mastery
    ]
)
if not by_topic.empty:
    st.altair_chart(
        alt.Chart(by_topic)
        .mark_bar()
        .encode(
            x=alt.X(
                f"{recall}:Q",
                title=recall,
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            y=alt.Y(f"{topic}:N", title=None, sort=None),
            tooltip=[f"{topic}:N", alt.Tooltip(f"{recall}:Q", format=".0%"), f"{cards}:Q"],
        ),
        width="stretch",
    )

st.subheader(tr("stats.calendar"))
week, weekday = tr("stats.week"), tr("stats.weekday")
weekdays = tr("stats.weekdays").split()
heat = pd.DataFrame(
    [
        {
            day: e.day.isoformat(),
            week: (e.day - timedelta(days=e.day.weekday())).isoformat(),
            weekday: weekdays[e.day.weekday()],
            reviews: e.reviews,
        }
        for e in stats.calendar(year, today)
    ]
)
st.altair_chart(
    alt.Chart(heat)
    .mark_rect()
    .encode(
        x=alt.X(f"{week}:O", title=None, axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y(f"{weekday}:O", title=None, sort=weekdays),
        color=alt.Color(f"{reviews}:Q", scale=alt.Scale(scheme="greens"), title=reviews),
        tooltip=[f"{day}:T", f"{reviews}:Q"],
    ),
    width="stretch",
)
