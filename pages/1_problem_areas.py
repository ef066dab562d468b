"""问题领域 Problem areas: progress by area from the ledger, then one area's items, its completions
over time, and its problems -> measures -> figures."""
import streamlit as st

from app import frame, widgets
from app import ledger as ledger_ui
from app import progress as progress_ui
from kpi import charts, facts, ledger
from kpi.text import localized, md_escape


def problem_areas(view: frame.View) -> None:
    rid, lang = view.report_id, view.lang
    progress_ui.area_status(view)
    progress_ui.area_lights(view)
    areas = facts.area_progress(rid).set_index("area_no")
    numbers = list(areas.index)
    chosen = widgets.query_choice("area", numbers, default=numbers[0])
    area_no = st.selectbox(view.t("areas.choose"), numbers, index=numbers.index(chosen),
                           format_func=lambda n: f"{n}. {localized(areas.loc[n], 'title', lang)}")
    st.query_params["area"] = str(area_no)
    progress_ui.area_items(view, area_no)
    progress_ui.area_over_time(view, area_no)
    status = ledger.status(rid).set_index("code")
    all_measures = facts.measures(rid)
    for _, problem in facts.problems(rid, area_no).iterrows():
        code = problem["problem_code"]
        st.subheader(f"{view.t('areas.problem', code=code)} · {md_escape(localized(problem, 'title', lang))}")
        ledger_ui.ledger_line(status.loc[code], view)
        measures = all_measures[all_measures["problem_code"] == code]
        with st.expander(f"{view.t('areas.measures')} ({len(measures)})", expanded=True):
            for _, m in measures.iterrows():
                st.markdown(f"**{m['measure_code']}** {md_escape(m['ordinal'] + m['title_zh']) if lang == 'zh' else ''}"
                            f" — {md_escape(localized(m, 'summary', lang))} · "
                            f"{ledger_ui.status_words(status.loc[m['measure_code']], lang)}")
        rows = facts.problem_facts(rid, code)
        if rows.empty:
            st.caption(view.t("areas.no_indicators"))
            continue
        widgets.tiles(rows, view)
        for chart in charts.problem_charts(rid, code, lang) + charts.history_charts(rid, tuple(rows["indicator_id"]),
                                                                                  lang):
            widgets.chart(chart, view)


frame.run_page("problem_areas", problem_areas)
