"""Explorers that more than one page shows: charts with controls, built with the book's one
Altair idiom (nkbook.chart), so each carries its description, sources and data table.

    from nkbook.explorers import women_share
    glue("fig-sk-share", women_share(load("sk_arrivals")), display=False)
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from nkbook.charts import COLOURS, chart, dashes, text_expression
from nkbook.data import source_line
from nkbook.i18n import t


def women_share(arrivals: pd.DataFrame):
    """Arrivals in South Korea by sex in the single years of the table, between two sliders
    (first and last year), with the share of women in the chosen years written above the bars.
    Rows that cover several years ("up to 1998", "1999-2001") are left out: a slider picks
    years."""
    single = arrivals[arrivals["period_start"] == arrivals["period_end"]]
    years = single[["period_end", "female", "male", "total", "status"]].rename(
        columns={"period_end": "year"}
    )
    years["status"] = years["status"].map(t)  # "final", "provisional", in the edition's words
    first, last = int(years["year"].min()), int(years["year"].max())
    start = alt.param(
        name="first_year",
        value=first,
        bind=alt.binding_range(min=first, max=last, step=1, name=t("First year ")),
    )
    end = alt.param(
        name="last_year",
        value=last,
        bind=alt.binding_range(min=first, max=last, step=1, name=t("Last year ")),
    )
    chosen = (alt.datum.year >= start) & (alt.datum.year <= end)
    # One row per year and sex, stacked; "_" columns only place the bars.
    by_sex = years.melt(
        id_vars=["year", "total", "status"],
        value_vars=["female", "male"],
        var_name="sex",
        value_name="people",
    )
    women, men = t("Women"), t("Men")
    by_sex["sex"] = by_sex["sex"].map({"female": women, "male": men})
    by_sex["_x_start"], by_sex["_x_end"] = by_sex["year"] - 0.4, by_sex["year"] + 0.4
    # Women at the bottom of each bar, men on top (computed here: each year stacks on its own).
    women_in = by_sex["year"].map(years.set_index("year")["female"])
    by_sex["_y0"] = women_in.where(by_sex["sex"] == men, 0)
    by_sex["_y1"] = by_sex["_y0"] + by_sex["people"]
    order = [women, men]
    bars = (
        alt.Chart(by_sex)
        .mark_bar(stroke=COLOURS["ink"], strokeWidth=1)
        .encode(
            alt.X(
                "_x_start:Q",
                title=t("Year of arrival"),
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(domain=[first - 0.5, last + 0.5], nice=False),
            ),
            alt.X2("_x_end:Q"),
            alt.Y("_y0:Q", title=t("People arriving")),
            alt.Y2("_y1:Q"),
            alt.Color("sex:N", title=None, scale=alt.Scale(domain=order)),
            dashes("sex:N", order, title=None),
            tooltip=[
                alt.Tooltip("year:Q", title=t("Year")),
                alt.Tooltip("sex:N", title=t("Group")),
                alt.Tooltip("people:Q", title=t("People"), format=","),
                alt.Tooltip("status:N", title=t("Status")),
            ],
        )
        .transform_filter(chosen)
    )
    # The share of women in the chosen years, written at the top of the plot (with a halo, as
    # it may cross a bar).
    share = (
        alt.Chart(by_sex)
        .transform_filter(chosen)
        .transform_calculate(women_only=f"datum.sex == {json.dumps(women)} ? datum.people : 0")
        .transform_aggregate(women="sum(women_only)", everyone="sum(people)")
        .transform_calculate(
            line=text_expression(
                t("Women: {share} of {everyone}\narrivals, {first} to {last}"),
                share="format(datum.women / datum.everyone, '.1%')",
                everyone="format(datum.everyone, ',')",
                first="first_year",
                last="last_year",
            ),
        )
        .mark_text(
            align="left",
            baseline="top",
            fontWeight="bold",
            color=COLOURS["ink"],
            stroke=COLOURS["page"],
            strokeWidth=3,
            lineBreak="\n",
        )
        .encode(x=alt.value(4), y=alt.value(4), text="line:N")
    )
    women_pct = 100 * years["female"].sum() / years["total"].sum()
    return chart(
        alt.layer(bars, share).add_params(start, end),
        title=t("Choose the years: arrivals in South Korea by sex, and the share of women"),
        description=t(
            "Stacked bar chart of North Koreans arriving in South Korea each year from {first} "
            "to {last}, women and men, for the years chosen with two sliders, with the share of "
            "women in those years written above the bars; over all the years shown first, women "
            "are {women_pct:.1f}% of arrivals.",
            first=first,
            last=last,
            women_pct=women_pct,
        ),
        source=source_line("sk_arrivals"),
    )
