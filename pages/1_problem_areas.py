"""问题领域 Problem areas: area -> problems -> measures -> indicators, status as reported."""
import streamlit as st

from app import ledger as ui_ledger
from app import widgets as ui
from kpi import charts, facts, ledger
from kpi.text import md_escape, pick, t


def problem_areas(lang: str) -> None:
    areas = facts.areas()
    numbers = list(areas["area_no"])
    chosen = ui.query_choice("area", numbers, default=numbers[0])
    area_no = st.selectbox(t("areas.choose", lang), numbers, index=numbers.index(chosen),
                           format_func=lambda n: f"{n}. {pick(areas.set_index('area_no').loc[n], 'title', lang)}")
    st.query_params["area"] = str(area_no)
    status = ledger.status().set_index("code")
    for _, problem in facts.problems(area_no).iterrows():
        code = problem["problem_code"]
        st.subheader(f"{t('areas.problem', lang, code=code)} · {md_escape(pick(problem, 'title', lang))}")
        ui_ledger.ledger_line(status.loc[code], lang)
        measures = facts.measures(code)
        with st.expander(f"{t('areas.measures', lang)} ({len(measures)})", expanded=True):
            for _, m in measures.iterrows():
                st.markdown(f"**{m['measure_code']}** {md_escape(m['ordinal'] + m['title_zh']) if lang == 'zh' else ''}"
                            f" — {md_escape(pick(m, 'summary', lang))} · "
                            f"{ui_ledger.status_words(status.loc[m['measure_code']], lang)}")
        rows = facts.problem_facts(problem["problem_code"])
        if rows.empty:
            st.caption(t("areas.no_indicators", lang))
            continue
        ui.tiles(rows, lang)
        for chart in charts.problem_charts(code, lang) + charts.history_charts(list(rows["indicator_id"]), lang):
            ui.chart(chart, lang)


ui.run_page("nav.areas", problem_areas)
