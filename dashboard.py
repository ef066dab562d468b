"""Entry point: the headline figures of the rectification report, read from DuckDB."""
import streamlit as st

from kpi import db

st.set_page_config(page_title="台州湾经开区营商环境巡察整改", layout="wide")
st.title("台州湾经开区营商环境专项巡察整改进展")
try:
    facts = db.query("headline").set_index("indicator_id")
except db.DatabaseMissing as exc:
    st.error(str(exc))
    st.stop()
v = facts["value"].astype(int)
left, right = st.columns(2)
left.metric("已完成整改问题", f"{v['problems_rectified']}/{v['problems_total']}")
right.metric("已完成整改措施", f"{v['measures_completed']}/{v['measures_stated']}")
st.caption(f"来源：{facts['source_title'].iloc[0]}（{facts['source_published'].iloc[0]:%Y-%m-%d}），"
           f"截至 {facts['as_of'].iloc[0]:%Y-%m-%d}")
