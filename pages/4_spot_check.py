"""指标核查 Spot-check: every figure of the report back to its sentence, verdicts, samples, a report."""
import streamlit as st

from app import frame, widgets
from app import spot as spot_ui
from kpi import facts, spotcheck, verdicts, vocabulary
from kpi.text import fmt_date, fmt_period, highlight, localized, md_escape


def spot_check(view: frame.View) -> None:
    lang = view.lang
    obs = spotcheck.observations(view.report_id)
    st.subheader(view.t("spot.filters"))
    text = st.text_input(view.t("spot.search"), key="spot_q")
    chosen = {}
    for col, (column, key) in zip(st.columns(4), (("area_no", "spot.area"), ("theme", "spot.theme"),
                                                  ("kind", "spot.kind"), ("unit", "spot.unit"))):
        labels = spotcheck.report_options(view.report_id, column, lang)
        chosen[column] = col.multiselect(view.t(key), list(labels), format_func=labels.get, key=f"spot_{column}")
    found = spotcheck.search(obs, text, **chosen)
    st.caption(view.t("spot.count", n=len(found)))
    if found.empty:
        st.info(view.t("spot.empty"))
    else:
        widgets.facts_table(found, lang)
        ids = list(found["obs_id"])
        current = widgets.query_choice("obs", ids, ids[0])
        by_id = found.set_index("obs_id")
        names = spotcheck.labels(view.report_id, lang)
        obs_id = st.selectbox(view.t("spot.choose"), ids, index=ids.index(current), format_func=names.get)
        st.query_params["obs"] = obs_id
        detail(by_id.loc[obs_id], obs_id, view)
    consistency(obs, view)
    sampling(obs, found, view)


def detail(row, obs_id: str, view: frame.View) -> None:
    lang = view.lang
    st.subheader(view.t("spot.detail", name=md_escape(localized(row, "name", lang))))
    row = row.copy()
    row["obs_id"] = obs_id
    widgets.tile(obs_id, view)
    left, mid, right = st.columns(3)
    left.markdown(f"**{view.t('spot.qualifier')}:** {md_escape(vocabulary.word('qualifiers', row['qualifier'], lang))}")
    mid.markdown(f"**{view.t('spot.period')}:** {md_escape(fmt_period(row['period'], lang) or '–')}")
    right.markdown(f"**{view.t('spot.as_of')}:** {fmt_date(row['as_of'], lang)}")
    src = facts.source(view.report_id, row["source_id"])
    st.markdown(f"**{view.t('source.sentence')}**")
    widgets.source_box(obs_id, view)
    para, at = spotcheck.paragraph(src["text"], int(row["value_offset"]))
    with st.expander(view.t("spot.paragraph")):
        st.markdown(highlight(para, at, len(row["value_text"])))
    st.caption(view.t("spot.link", obs=obs_id))
    verdict_panel(row, obs_id, view)


def verdict_panel(row, obs_id: str, view: frame.View) -> None:
    """Record a verdict (checkers and admins, as themselves) and see the history (everyone)."""
    st.markdown(f"**{view.t('spot.verdict')}**")
    db = spot_ui.the_store(view.lang)
    if db is None:
        return
    if view.may("record_verdict"):
        spot_ui.recorded_note(obs_id, view.lang)
        with st.form(f"verdict-{obs_id}", clear_on_submit=False):
            status = st.radio(view.t("spot.verdict"), verdicts.STATUSES, horizontal=True, key=f"status_{obs_id}",
                              format_func=lambda s: view.t(f"verdict.{s}"))
            note = st.text_area(view.t("spot.note"), key=f"note_{obs_id}")
            st.caption(md_escape(view.t("spot.as", name=view.actor.display_name or view.actor.name)))
            if st.form_submit_button(view.t("spot.record"), type="primary"):
                spot_ui.record(db, view, row, obs_id, status, note)
    else:
        st.caption(view.t("spot.who_records"))
    spot_ui.verdict_history(db, row, obs_id, view.lang)


def consistency(obs, view: frame.View) -> None:
    st.subheader(view.t("spot.checks"))
    spot_ui.checks_table(facts.checks(view.report_id), view.lang)
    bad = spotcheck.mismatches(view.report_id)
    if bad.empty:
        st.success(view.t("spot.quotes_ok", n=len(obs)), icon=":material/check:")
    else:
        st.error(view.t("spot.quotes_bad", n=len(bad)))
        widgets.facts_table(bad, view.lang)


def sampling(obs, found, view: frame.View) -> None:
    st.subheader(view.t("spot.sample"))
    left, right = st.columns(2)
    seed = left.number_input(view.t("spot.seed"), min_value=0, value=42, step=1, key="spot_seed")
    n = right.number_input(view.t("spot.n"), min_value=1, max_value=len(obs), value=min(10, len(obs)),
                           step=1, key="spot_n")
    drawn = spotcheck.drawn(view.report_id, n, seed)
    st.caption(view.t("spot.sample_caption", seed=seed, n=n))
    widgets.facts_table(drawn, view.lang)
    spot_ui.report_buttons(drawn, found, seed, n, view)


frame.run_page("spot_check", spot_check)
