"""Plots: pure functions from DataFrames to Plotly figures, one shared theme.

Every figure gets an explicit template when it is created: importing streamlit swaps
Plotly's default template for one whose colours only a browser fills in, which turns
server-side PNG bars black (FIELD-NOTES). Traces stay SVG (no Scattergl).

Plotly draws a subset of HTML in titles, annotations, labels and hover text, so every
string from the data is escaped here (plotly_escape) before it reaches a figure. Titles and
captions come in already safe: their data parts are escaped by kpi/charts.py.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kpi.text import fmt_number, fmt_row, fmt_value, localized, plotly_escape, t

FONT = ("Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei, "
        "Microsoft YaHei, PingFang SC, Hiragino Sans GB, sans-serif")
GOOD = "#1f5fa8"      # improved / achieved (blue: red and green mean other things in China)
BAD = "#d9822b"       # worse than before
NEUTRAL = "#7f8c99"   # no good direction
BEFORE = "#b8c4d0"    # the "before" of a before -> after
OPEN = "#e4e8ee"      # not done
TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family=FONT, size=13, color="#1d2733"),
        title=dict(font=dict(size=16), x=0.01, xanchor="left"),
        paper_bgcolor="white", plot_bgcolor="white", colorway=[GOOD, BAD, NEUTRAL, BEFORE],
        xaxis=dict(gridcolor="#e9edf2", zerolinecolor="#c9d1db", automargin=True),
        yaxis=dict(gridcolor="#e9edf2", zerolinecolor="#c9d1db", automargin=True),
        # The legend sits at the bottom of the whole figure, below the axis labels.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0, xanchor="left"),
        margin=dict(l=10, r=40, t=80, b=70),
        hoverlabel=dict(font=dict(family=FONT)),
    )
)
# A chart may convert months to days only with this factor, and must say so (kpi/charts.py).
DAYS_PER_MONTH = 30
TO_DAYS = {"个月": DAYS_PER_MONTH, "天": 1, "个工作日": 1}


def _figure(title: str, caption: str, height: int = 360) -> go.Figure:
    """An empty figure in the shared theme, with its title and source caption."""
    fig = go.Figure(layout=dict(template=TEMPLATE, title=dict(text=title), height=height))
    return with_caption(fig, caption)


def with_caption(fig: go.Figure, caption: str) -> go.Figure:
    """The source / as-of line, as the title's subtitle: it is never clipped, on screen or in a PNG."""
    lines = caption.count("<br>") + 1
    fig.update_layout(title=dict(subtitle=dict(text=caption, font=dict(size=11, color="#5b6775"))),
                      margin=dict(t=max(fig.layout.margin.t or 80, 62 + 16 * lines)))
    return fig


def wrap(label: str, width: int) -> str:
    """Break a long axis label into lines of about width characters (<br> for Plotly)."""
    words = label.split(" ") if " " in label else list(label)
    lines, line = [], ""
    for w in words:
        sep = " " if " " in label and line else ""
        if line and len(line) + len(sep) + len(w) > width:
            lines.append(line)
            line, sep = "", ""
        line += sep + w
    return "<br>".join(plotly_escape(part) for part in lines + [line])


def good_colour(direction: str, change: float) -> str:
    """Colour a change by the indicator's good direction, not by its sign."""
    if direction == "none" or change == 0:
        return NEUTRAL
    return GOOD if (change < 0) == (direction == "down") else BAD


def completion_bars(done_total: pd.DataFrame, lang: str, title: str, caption: str) -> go.Figure:
    """Stacked horizontal bars 'done' + 'not done' per subject (problems, measures).

    done_total columns: subject, done, total."""
    fig = _figure(title, caption, height=260)
    labels = [t(f"chart.completion.{s}", lang) for s in done_total["subject"]]
    done, rest = done_total["done"], done_total["total"] - done_total["done"]
    fig.add_bar(y=labels, x=done, orientation="h", name=t("chart.completion.done", lang), marker_color=GOOD,
                text=[f"{d:g}/{n:g}" for d, n in zip(done, done_total["total"])], textposition="inside",
                insidetextanchor="start")
    fig.add_bar(y=labels, x=rest, orientation="h", name=t("chart.completion.open", lang), marker_color=OPEN,
                marker_line=dict(color=NEUTRAL, width=1), marker_pattern_shape="/")
    fig.update_layout(barmode="stack", yaxis=dict(autorange="reversed"))
    return fig


def in_days(value: float, unit: str, to_unit: str) -> float:
    """value in unit, drawn on to_unit's axis (months as DAYS_PER_MONTH days)."""
    return value * TO_DAYS.get(unit, 1) / TO_DAYS.get(to_unit, 1)


def before_after(rows: pd.DataFrame, lang: str, title: str, caption: str) -> go.Figure:
    """Before -> after for each indicator, one panel per indicator on its own unit."""
    units = [r["unit"] if lang == "zh" else r["unit_en"] for _, r in rows.iterrows()]
    names = [plotly_escape(localized(r, "name", lang)) for _, r in rows.iterrows()]
    fig = make_subplots(rows=len(rows), cols=1, vertical_spacing=0.22 if len(rows) > 1 else 0.1, subplot_titles=[
        f"{n}（{plotly_escape(u)}）" if lang == "zh" else f"{n} ({plotly_escape(u)})" for n, u in zip(names, units)])
    fig.update_layout(template=TEMPLATE, title=dict(text=title), height=150 * len(rows) + 150, showlegend=True,
                      margin=dict(t=120))
    for i, (_, r) in enumerate(rows.iterrows(), start=1):
        after_unit = r["unit"] if lang == "zh" else r["unit_en"]
        before = in_days(r["baseline_value"], r["baseline_unit"], r["unit"])
        before_label = fmt_value(r["baseline_value"], "exact", r["baseline_unit"], r["baseline_unit_en"], lang)
        if r["baseline_unit"] != r["unit"]:
            before_label += f" (≈{before:g} {after_unit})"
        colour = good_colour(r["direction"], r["value"] - before)
        fig.add_scatter(x=[before, r["value"]], y=[0, 0], mode="lines", line=dict(color=BEFORE, width=6),
                        showlegend=False, hoverinfo="skip", row=i, col=1)
        fig.add_scatter(x=[before], y=[0], mode="markers+text", marker=dict(color=BEFORE, size=16,
                        symbol="circle-open", line=dict(width=3)), text=[plotly_escape(before_label)],
                        textposition="top center", name=t("chart.before", lang), showlegend=i == 1, row=i, col=1)
        fig.add_scatter(x=[r["value"]], y=[0], mode="markers+text", marker=dict(color=colour, size=16,
                        symbol="triangle-left"), text=[plotly_escape(fmt_row(r, lang))], textposition="bottom center",
                        name=t("chart.after", lang), showlegend=i == 1, row=i, col=1)
        fig.update_xaxes(rangemode="tozero", row=i, col=1)
        fig.update_yaxes(visible=False, range=[-1, 1], row=i, col=1)
    return with_caption(fig, caption)


def index_bars(points: pd.DataFrame, lang: str, title: str, caption: str, axis_title: str) -> go.Figure:
    """A change chained into an index: the first point is the base (100), each later one the
    previous times (1 + change). points columns: label, index, change (NaN for the base), direction."""
    fig = _figure(title, caption, height=340)
    colours = [BEFORE if pd.isna(c) else good_colour(d, c) for c, d in zip(points["change"], points["direction"])]
    texts = ["100" if pd.isna(c) else f"{i:.2f}<br>({fmt_number(c, lang)}%)"
             for i, c in zip(points["index"], points["change"])]
    fig.add_bar(x=[plotly_escape(label) for label in points["label"]], y=points["index"], marker_color=colours,
                text=texts, textposition="outside", showlegend=False)
    top = max(120.0, float(points["index"].max()) * 1.2)
    fig.update_layout(yaxis=dict(range=[0, top], title=plotly_escape(axis_title)))
    return fig


def unit_bars(rows: pd.DataFrame, lang: str, title: str, caption: str) -> go.Figure:
    """Horizontal bars for indicators that share one unit; '+' and a hatch for 余/多.

    Names stand above their bars rather than on the axis, so a phone-width chart keeps
    its plot area."""
    fig = _figure(title, caption, height=150 + 80 * len(rows))
    names = [plotly_escape(localized(r, "name", lang)) for _, r in rows.iterrows()]
    lower_bound = rows["qualifier"] == "more_than"
    fig.add_bar(y=names, x=rows["value"], orientation="h", showlegend=False, width=0.4,
                marker=dict(color=[GOOD if d == "up" else NEUTRAL for d in rows["direction"]],
                            pattern_shape=["/" if m else "" for m in lower_bound]),
                text=[plotly_escape(fmt_row(r, lang)) for _, r in rows.iterrows()], textposition="outside",
                cliponaxis=False, hovertext=names, hoverinfo="text+x")
    for name in names:
        fig.add_annotation(x=0, y=name, text=name, showarrow=False, xanchor="left", yanchor="bottom",
                           yshift=18, xref="x", yref="y", font=dict(size=12))
    fig.update_layout(yaxis=dict(autorange="reversed", visible=False), xaxis=dict(rangemode="tozero"),
                      margin=dict(l=10, r=90))
    return fig


def group_chart(rows: pd.DataFrame, lang: str, title: str, caption: str) -> go.Figure:
    """The right chart for indicators of one unit: before -> after where the text gives a
    baseline, bars otherwise."""
    if rows["baseline_value"].notna().all():
        return before_after(rows, lang, title, caption)
    return unit_bars(rows, lang, title, caption)


def history_line(rows: pd.DataFrame, lang: str, title: str, caption: str) -> go.Figure:
    """An indicator over time; the last point says its 环比 and, where known, 同比 change."""
    fig = _figure(title, caption, height=320)
    labels = [plotly_escape(fmt_row(r, lang)) for _, r in rows.iterrows()]
    fig.add_scatter(x=rows["as_of"], y=rows["value"], mode="lines+markers+text", text=labels,
                    textposition="top center", line=dict(color=GOOD, width=2), marker=dict(size=9),
                    showlegend=False, cliponaxis=False)
    last = rows.iloc[-1]
    notes = []
    for col, key in (("prev_change", "chart.history.prev"), ("yoy_change", "chart.history.yoy")):
        if pd.notna(last[col]):
            notes.append(t(key, lang, change=fmt_value(last[col], "exact", last["unit"], last["unit_en"], lang)))
    if notes:
        fig.add_annotation(x=last["as_of"], y=last["value"], text=plotly_escape(" · ".join(notes)), showarrow=False,
                           yshift=-28, font=dict(size=12, color=good_colour(last["direction"], last["prev_change"])))
    fig.update_layout(yaxis=dict(rangemode="tozero"), xaxis=dict(type="date", tickformat="%Y-%m-%d"))
    return fig


# Status of a ledger item: a colour and a pattern, so that no status is told by colour alone
# (the legend and the hover text say it in words).
STATUS_STYLE = {"completed": (GOOD, ""), "in_progress": ("#7fb3e6", "."), "ongoing": ("#4f9a94", "x"),
                "extension_requested": (BAD, "-"), "not_stated": ("#dde2e8", "/")}


def area_status(rows: pd.DataFrame, words: dict[str, str], lang: str, title: str, caption: str) -> go.Figure:
    """One stacked horizontal bar per area and level (problems above, measures below): items by
    status, counts on the segments, done / total and the rate at the end of each bar.

    rows: area_no, title_zh, title_en, level, a column per status key, done, total, rate;
    words: status key -> its word in lang."""
    levels = [lv for lv in ("problem", "measure") if lv in set(rows["level"])]
    fig = make_subplots(rows=len(levels), cols=1, shared_xaxes=False, vertical_spacing=0.12,
                        subplot_titles=[t(f"chart.status.{lv}s", lang) for lv in levels])
    n_areas = rows["area_no"].nunique()
    fig.update_layout(template=TEMPLATE, title=dict(text=title), barmode="stack",
                      height=190 + len(levels) * (60 + 42 * n_areas), margin=dict(r=110, t=150))
    for i, level in enumerate(levels, start=1):
        part = rows[rows["level"] == level]
        names = [wrap(f"{r['area_no']}. {r['title_en']}", 30) if lang == "en" else wrap(f"{r['area_no']}.{r['title_zh']}", 12)
                 for _, r in part.iterrows()]
        for key, word in words.items():
            colour, pattern = STATUS_STYLE.get(key, (NEUTRAL, ""))
            counts = part[key].tolist()
            fig.add_bar(y=names, x=counts, orientation="h", name=plotly_escape(word), legendgroup=key,
                        showlegend=i == 1, marker=dict(color=colour, pattern_shape=pattern,
                                                       line=dict(color="#9aa5b1", width=0.5)),
                        text=[str(c) if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
                        hovertext=[f"{plotly_escape(word)}：{c}" if lang == "zh" else f"{plotly_escape(word)}: {c}"
                                   for c in counts], hoverinfo="text", row=i, col=1)
        for name, (_, r) in zip(names, part.iterrows()):
            label = f"{r['done']}/{r['total']}" + (f" · {fmt_number(r['rate'], lang)}%" if pd.notna(r["rate"]) else "")
            fig.add_annotation(x=r["total"], y=name, text=label, showarrow=False, xanchor="left", xshift=6,
                               font=dict(size=12), row=i, col=1)
        fig.update_yaxes(autorange="reversed", row=i, col=1)
        fig.update_xaxes(rangemode="tozero", dtick=None, row=i, col=1)
    return with_caption(fig, caption)


def table_figure(frame: pd.DataFrame, title: str, caption: str) -> go.Figure:
    """A table as a figure (for PNG and slides); every cell escaped."""
    fig = _figure(title, caption, height=140 + 28 * (len(frame) + 1))
    fig.add_table(header=dict(values=[plotly_escape(c) for c in frame.columns], fill_color="#eef2f6",
                              align="left", font=dict(size=12)),
                  cells=dict(values=[[plotly_escape("" if pd.isna(v) else v) for v in frame[c]] for c in frame.columns],
                             align="left", font=dict(size=11), height=26))
    fig.update_layout(margin=dict(l=10, r=10, b=10))
    return fig


def over_time(rows: pd.DataFrame, lang: str, title: str, caption: str, marker_date, marker_label: str) -> go.Figure:
    """Items completed (solid) and signed off (dotted) by date, per level, as steps; the report's
    as-of date marked. rows: date, level, event (completed / signed_off), n (cumulative)."""
    fig = _figure(title, caption, height=340)
    for (level, event), part in rows.groupby(["level", "event"], sort=False):
        fig.add_scatter(x=part["date"], y=part["n"], mode="lines+markers", line_shape="hv",
                        name=t(f"chart.over_time.{level}.{event}", lang),
                        line=dict(color=GOOD if level == "problem" else NEUTRAL,
                                  dash="solid" if event == "completed" else "dot"))
    fig.add_vline(x=pd.Timestamp(marker_date).timestamp() * 1000, line=dict(color=BAD, dash="dash", width=1))
    fig.add_annotation(x=pd.Timestamp(marker_date), y=0.98, yref="paper", text=plotly_escape(marker_label),
                       showarrow=False, xanchor="left", yanchor="top", xshift=4, font=dict(size=11, color=BAD))
    fig.update_layout(yaxis=dict(rangemode="tozero", title=t("table.count", lang)),
                      xaxis=dict(type="date", tickformat="%Y-%m-%d"))
    return fig
