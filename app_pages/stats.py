"""Stats: reviews per day, true retention, the 30-day forecast, mastery by topic, a calendar."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from app_pages import stats_charts
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

months = tr("stats.months").split()
weekdays = tr("stats.weekdays").split()
day, reviews, cards = tr("stats.day"), tr("stats.reviews"), tr("stats.cards")

st.subheader(tr("stats.per_day"))
if month:
    per_day = stats_charts.days_back({e.day: e.reviews for e in month}, today, 30)
    st.altair_chart(stats_charts.daily_bars(per_day, months, reviews, day), width="stretch")
else:
    st.caption(tr("stats.none"))

st.subheader(tr("stats.forecast"))
upcoming = stats.due_forecast(store, now)
st.altair_chart(stats_charts.daily_bars(upcoming, months, cards, day), width="stretch")
counts = [count for _, count in upcoming]
st.caption(tr("stats.forecast_summary", today=counts[0], week=sum(counts[:7]), month=sum(counts)))

st.subheader(tr("stats.mastery"))
st.caption(tr("stats.mastery_help"))
titles = {(deck.id, t.id): pick(t.title) for deck in decks.values() for t in deck.topics}
by_topic = pd.DataFrame(
    [
        {"topic": titles.get((m.deck, m.topic), m.topic), "recall": m.recall, "cards": m.cards}
        for m in mastery
    ]
)
if not by_topic.empty:
    st.altair_chart(stats_charts.mastery_bars(by_topic, tr("stats.recall"), cards), width="stretch")

st.subheader(tr("stats.calendar"))
year_days = [(e.day, e.reviews) for e in stats.calendar(year, today)]
st.altair_chart(
    stats_charts.calendar_heatmap(year_days, months, weekdays, reviews), width="stretch"
)
