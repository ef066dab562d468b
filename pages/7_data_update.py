"""数据更新 Data update: upload a department's file; only a clean file is saved and loaded."""
import streamlit as st

from app import update as ui_update
from app import widgets as ui
from kpi.text import t


def data_update(lang: str) -> None:
    st.markdown(t("update.intro", lang))
    ui_update.template_button(lang)
    upload = st.file_uploader(t("update.file", lang, mb=ui_update.MAX_MB), type=["xlsx", "csv"],
                              key="update_file")
    if upload is not None:
        ui_update.accept(upload.name, upload.getvalue(), lang)
    ui_update.loaded_files(lang)


ui.run_page("nav.update", data_update)
