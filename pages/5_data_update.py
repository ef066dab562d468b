"""数据更新 Data update: upload a department's file for the report; only a clean file is saved and loaded."""
import streamlit as st

from app import frame
from app import update as update_ui


def data_update(view: frame.View) -> None:
    st.markdown(view.t("update.intro"))
    update_ui.template_button(view)
    upload = st.file_uploader(view.t("update.file", mb=update_ui.MAX_MB), type=["xlsx", "csv"], key="update_file")
    if upload is not None:
        update_ui.accept(upload.name, upload.getvalue(), view)
    update_ui.loaded_files(view)


frame.run_page("data_update", data_update)
