"""数据更新 Data update: the template for everyone; a department clerk submits a file for the report
(checked at once, then pending until a checker accepts it); what is loaded."""
import streamlit as st

from app import frame
from app import update as update_ui


def data_update(view: frame.View) -> None:
    st.markdown(view.t("update.intro"))
    update_ui.template_button(view)
    if view.may("submit_update"):
        upload = st.file_uploader(view.t("update.file", mb=update_ui.MAX_MB), type=["xlsx", "csv"], key="update_file")
        if upload is not None:
            update_ui.submit(upload.name, upload.getvalue(), view)
        update_ui.my_submissions(view)
    else:
        update_ui.who_submits(view)
    update_ui.loaded_files(view)


frame.run_page("data_update", data_update)
