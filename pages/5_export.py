"""导出 Export: the one-click briefing pack (PNG, CSV, XLSX per chart, a deck, an index)."""
import streamlit as st

from app import widgets as ui
from kpi import exports, pack
from kpi.text import LANG_NAMES, LANGS, t


def export(lang: str) -> None:
    st.markdown(t("export.page.intro", lang))
    if not exports.browser_path():
        st.warning(t("export.no_browser", lang, hint=exports.INSTALL_HINT))
        return
    pack_lang = st.radio(t("export.page.lang", lang), LANGS, index=LANGS.index(lang), format_func=LANG_NAMES.get,
                         horizontal=True)
    if st.button(t("export.page.build", lang), type="primary", icon=":material/inventory_2:"):
        with st.spinner(t("export.page.build", lang)):
            data, count, seconds = pack.zip_for(pack_lang)
        st.success(t("export.page.built", lang, n=count, s=f"{seconds:.1f}"))
        st.download_button(t("export.page.download", lang), data=data, file_name=pack.zip_name(pack_lang),
                           mime="application/zip", icon=":material/download:", on_click="ignore")


ui.run_page("nav.export", export)
