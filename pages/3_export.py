"""导出 Export: the one-click briefing pack of the report (PNG, CSV, XLSX per chart, a deck, an index)."""
import streamlit as st

from app import frame
from kpi import exports, pack
from kpi.text import LANG_NAMES, LANGS


def export(view: frame.View) -> None:
    st.markdown(view.t("export.page.intro"))
    if not exports.browser_path():
        st.warning(view.t("export.no_browser", hint=exports.INSTALL_HINT))
        return
    pack_lang = st.radio(view.t("export.page.lang"), LANGS, index=LANGS.index(view.lang), format_func=LANG_NAMES.get,
                         horizontal=True)
    if st.button(view.t("export.page.build"), type="primary", icon=":material/inventory_2:"):
        with st.spinner(view.t("export.page.build")):
            data, count, seconds = pack.zip_for(view.report_id, pack_lang)
        st.success(view.t("export.page.built", n=count, s=f"{seconds:.1f}"))
        st.download_button(view.t("export.page.download"), data=data, file_name=pack.zip_name(view.report_id, pack_lang),
                           mime="application/zip", icon=":material/download:", on_click="ignore")


frame.run_page("export", export)
