"""指标核查 Spot-check: every figure back to its sentence, verdicts, samples, a report."""
import streamlit as st

from app import spot as ui_spot
from app import widgets as ui
from kpi import facts, spotcheck, verdicts
from kpi.text import highlight, md_escape, pick, t


def spot_check(lang: str) -> None:
    obs = spotcheck.observations()
    st.subheader(t("spot.filters", lang))
    text = st.text_input(t("spot.search", lang), key="spot_q")
    cols = st.columns(4)
    chosen = {}
    for col, (column, key) in zip(cols, (("area_no", "spot.area"), ("theme", "spot.theme"),
                                         ("kind", "spot.kind"), ("unit", "spot.unit"))):
        labels = spotcheck.options(obs, column, lang)
        chosen[column] = col.multiselect(t(key, lang), list(labels), format_func=labels.get, key=f"spot_{column}")
    found = spotcheck.search(obs, text, **chosen)
    st.caption(t("spot.count", lang, n=len(found)))
    if found.empty:
        st.info(t("spot.empty", lang))
    else:
        ui.facts_table(found, lang)
        ids = list(found["obs_id"])
        current = ui.query_choice("obs", ids, ids[0])
        by_id = found.set_index("obs_id")
        obs_id = st.selectbox(t("spot.choose", lang), ids, index=ids.index(current),
                              format_func=lambda i: spotcheck.label(by_id.loc[i], lang))
        st.query_params["obs"] = obs_id
        detail(by_id.loc[obs_id], obs_id, lang)
    consistency(obs, lang)
    sampling(obs, found, lang)


def detail(row, obs_id: str, lang: str) -> None:
    st.subheader(t("spot.detail", lang, name=md_escape(pick(row, "name", lang))))
    row = row.copy()
    row["obs_id"] = obs_id
    ui.tile(row, lang)
    left, mid, right = st.columns(3)
    left.markdown(f"**{t('spot.qualifier', lang)}:** {md_escape(row['qualifier'])}")
    mid.markdown(f"**{t('spot.period', lang)}:** {md_escape(spotcheck.or_dash(row['period']))}")
    right.markdown(f"**{t('spot.as_of', lang)}:** {row['as_of']:%Y-%m-%d}")
    src = facts.source(row["source_id"])
    st.markdown(f"**{t('source.sentence', lang)}**")
    ui.source_box(row, lang)
    para, at = spotcheck.paragraph(src["text"], int(row["value_offset"]))
    with st.expander(t("spot.paragraph", lang)):
        st.markdown(highlight(para, at, len(row["value_text"])))
    st.caption(t("spot.link", lang, obs=obs_id))
    verdict_panel(row, obs_id, lang)


def verdict_panel(row, obs_id: str, lang: str) -> None:
    st.markdown(f"**{t('spot.verdict', lang)}**")
    store = ui_spot.verdict_store(lang)
    if store is None:
        return
    with st.form(f"verdict-{obs_id}", clear_on_submit=True):
        status = st.radio(t("spot.verdict", lang), verdicts.STATUSES, horizontal=True, key=f"status_{obs_id}",
                          format_func=lambda s: t(f"verdict.{s}", lang))
        note = st.text_area(t("spot.note", lang))
        checker = st.text_input(t("spot.checker", lang), key="spot_checker_" + obs_id)
        if st.form_submit_button(t("spot.record", lang), type="primary"):
            try:
                store.append(obs_id, status, checker, row["value_text"], row["value"], row["quote"], note=note)
                st.success(t("spot.recorded", lang))
            except (verdicts.VerdictInvalid, verdicts.StoreMissing, verdicts.StoreCorrupt) as exc:
                st.error(str(exc))
    ui_spot.verdict_history(store, row, obs_id, lang)


def consistency(obs, lang: str) -> None:
    st.subheader(t("spot.checks", lang))
    ui_spot.checks_table(facts.checks(), lang)
    bad = spotcheck.quote_mismatches(obs)
    if bad.empty:
        st.success(t("spot.quotes_ok", lang, n=len(obs)), icon=":material/check:")
    else:
        st.error(t("spot.quotes_bad", lang, n=len(bad)))
        ui.facts_table(bad, lang)


def sampling(obs, found, lang: str) -> None:
    st.subheader(t("spot.sample", lang))
    left, right = st.columns(2)
    seed = left.number_input(t("spot.seed", lang), min_value=0, value=42, step=1, key="spot_seed")
    n = right.number_input(t("spot.n", lang), min_value=1, max_value=len(obs), value=min(10, len(obs)),
                           step=1, key="spot_n")
    drawn = spotcheck.sample(obs, n, seed)
    st.caption(t("spot.sample_caption", lang, seed=seed, n=n))
    ui.facts_table(drawn, lang)
    ui_spot.report_buttons(drawn, found, seed, n, lang)


ui.run_page("nav.spot", spot_check)
