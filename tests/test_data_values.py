"""Check that the figures in data/ are transcribed correctly.

Every expected value below is copied from the book's reference notes
(facts.md, the only allowed source of figures). If a test fails, fix the CSV,
not the test, unless the reference notes themselves have changed.

Only pandas, the standard library and pytest are used.
"""

from pathlib import Path

import pandas as pd
import pytest

from nkbook.data import descriptor
from nkbook.sources import bib_keys

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def read(name: str) -> pd.DataFrame:
    # keep_default_na=False + na_values=[""]: only empty cells are missing
    # (so a literal "NA" could never turn into a missing value by accident).
    return pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, na_values=[""])


def row(df: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for col, val in where.items():
        mask &= df[col] == val
    hits = df[mask]
    assert len(hits) == 1, f"expected one row for {where}, found {len(hits)}"
    return hits.iloc[0]


# --------------------------------------------------------------------------- South Korea

ANNOUNCED = {  # year: (total, men, women), cumulative at the end of the year
    2022: (33882, 9510, 24372),
    2023: (34078, 9542, 24536),
    2024: (34314, 9568, 24746),
    2025: (34537, 9593, 24944),
}


@pytest.fixture(scope="module")
def sk():
    return read("sk_arrivals")


def test_sk_male_plus_female_is_total(sk):
    bad = sk[sk["male"] + sk["female"] != sk["total"]]
    assert bad.empty, bad


def test_sk_periods_in_order_and_labelled(sk):
    assert list(sk["period"][:3]) == ["up to 1998", "1999-2001", "2002"]
    assert pd.isna(sk.loc[0, "period_start"])
    assert list(sk["period_end"]) == [1998] + list(range(2001, 2026))
    assert sk["period_end"].is_monotonic_increasing


@pytest.mark.parametrize("year", sorted(ANNOUNCED))
def test_sk_running_sums_match_announced(sk, year):
    upto = sk[sk["period_end"] <= year]
    total, men, women = ANNOUNCED[year]
    assert upto["total"].sum() == total
    assert upto["male"].sum() == men
    assert upto["female"].sum() == women


@pytest.mark.parametrize("year", sorted(ANNOUNCED))
def test_sk_announced_totals_file(year):
    ann = read("sk_announced_totals")
    r = row(ann, as_of=f"{year}-12-31")
    assert (r["total"], r["male"], r["female"]) == ANNOUNCED[year]


def test_sk_announced_2017():
    ann = read("sk_announced_totals")
    aug = row(ann, as_of="2017-08-31")
    assert aug["total"] == 30992 and aug["share_female_pct"] == 71
    end = row(ann, as_of="2017-12-31")
    assert end["total"] == 31339
    assert read("sk_arrivals").query("period_end <= 2017")["total"].sum() == 31339


def test_sk_announced_male_female_sum_where_given():
    ann = read("sk_announced_totals").dropna(subset=["male", "female"])
    assert not ann.empty
    assert (ann["male"] + ann["female"] == ann["total"]).all()


def test_sk_peak_and_thousand_line(sk):
    years = sk[sk["period_start"] == sk["period_end"]].set_index("period_end")["total"]
    assert years.idxmax() == 2009 and years.max() == 2914
    assert (years.loc[2012:2019] > 1000).all()
    assert (years.loc[2020:2025] < 1000).all()
    assert list(years.loc[2012:2019]) == [1502, 1514, 1397, 1275, 1418, 1127, 1137, 1047]
    assert list(years.loc[2020:2025]) == [229, 63, 67, 196, 236, 223]


def test_sk_first_rows_and_status(sk):
    assert tuple(sk.loc[0, ["male", "female", "total"]]) == (831, 116, 947)
    assert tuple(sk.loc[1, ["male", "female", "total"]]) == (565, 478, 1043)
    assert set(sk.loc[sk["status"] == "provisional", "period"]) == {"2025"}


# --------------------------------------------------------------------------- United States


def test_us_admissions_sum_and_coverage():
    us = read("us_admissions")
    assert us["admitted"].sum() == 224
    assert sorted(us["fiscal_year"]) == list(range(2006, 2024))
    # facts.md 9b: none arrived in calendar 2022 or 2023, so FY2023 (Oct 2022-Sep 2023) is 0.
    assert us.set_index("fiscal_year").loc[2023, "admitted"] == 0
    assert us.set_index("fiscal_year").loc[2008, "admitted"] == 37
    assert us.set_index("fiscal_year").loc[2021, "admitted"] == 0
    assert us.query("fiscal_year <= 2014")["admitted"].sum() == 171


def test_us_checkpoints_agree_with_annual_figures():
    us = read("us_admissions").set_index("fiscal_year")["admitted"]
    cp = read("us_cumulative_checkpoints")
    assert row(cp, as_of_label="end FY2016")["cumulative_admitted"] == 200 == us.loc[:2016].sum()
    assert row(cp, as_of_label="end FY2018")["cumulative_admitted"] == 217 == us.loc[:2018].sum()
    assert row(cp, as_of_label="Jan 2020")["cumulative_admitted"] == 218
    assert row(cp, as_of_label="Aug 2021")["cumulative_admitted"] == 220
    assert row(cp, as_of_label="end FY2016")["as_of"] == "2016-09-30"


# --------------------------------------------------------------------------- UNHCR


def test_unhcr_2011_rows():
    un = read("unhcr_refugees")
    got = un[un["year"] == 2011].set_index("country")["refugees"].to_dict()
    expected = {
        "United Kingdom": 603,
        "Germany": 193,
        "Canada": 64,
        "Netherlands": 36,
        "Belgium": 31,
        "Australia": 29,
        "United States": 25,
    }
    for country, n in expected.items():
        assert got[country] == n, country


def test_unhcr_five_or_fewer_flag():
    un = read("unhcr_refugees")
    assert un["five_or_fewer"].dtype == bool
    assert (un["five_or_fewer"] == (un["refugees"] == 5)).all()
    assert un["five_or_fewer"].sum() == 4  # Norway 2004, Canada 2004 and 2008, Australia 2004


def test_unhcr_dashes_are_missing_rows_and_zeros_kept():
    un = read("unhcr_refugees")
    assert len(un) == 67
    assert un[(un["country"] == "Belgium") & (un["year"] == 2004)].empty
    assert un[(un["country"] == "Norway") & (un["year"] >= 2018)].empty
    assert un[(un["country"] == "Russia") & (un["year"] == 2004)].empty
    assert row(un, country="Australia", year=2024)["refugees"] == 0
    assert row(un, country="Canada", year=2016)["refugees"] == 485
    assert row(un, country="Germany", year=2004)["refugees"] == 276


def test_unhcr_2024_estimates_match_table():
    un = read("unhcr_refugees").query("year == 2024").set_index("country")["refugees"]
    est = (
        read("estimates")
        .query("measure == 'refugees_unhcr' and year_end == 2024")
        .set_index("place")["low"]
    )
    assert est.sort_index().to_dict() == un.sort_index().to_dict()


# --------------------------------------------------------------------------- estimates


def test_estimates_spot_values():
    est = read("estimates")
    assert (est["low"] <= est["high"]).all()
    assert (est["year_start"] <= est["year_end"]).all()
    china = est[(est["place"] == "China")]
    ranges = set(zip(china["low"], china["high"], china["year_end"], strict=False))
    for r in [
        (50000, 50000, 2001),
        (10000, 10000, 2007),
        (100000, 300000, 2007),
        (75000, 125000, 2000),
        (30000, 50000, 2006),
        (50000, 130000, 1998),
        (6000, 16000, 2007),
    ]:
        assert r in ranges, r
    sk = row(est, place="South Korea", measure="registered_arrivals_cumulative")
    assert sk["low"] == 34537
    assert row(est, place="Russia", measure="all_nationals")["low"] == 10000
    assert row(est, place="Europe", measure="refugees_estimate")["low"] == 1400
    assert row(est, place="Europe", measure="naturalised")["low"] == 820
    assert row(est, place="Germany", measure="naturalised")["low"] == 396
    assert row(est, place="United Kingdom", measure="naturalised")["low"] == 317
    assert row(est, place="United States", measure="admitted_cumulative")["low"] == 224
    assert row(est, place="Japan", measure="settled")["low"] == 200
    world = est[est["place"] == "World"].set_index(["measure", "year_end"])["low"]
    assert world[("refugees_unhcr", 2011)] == 1052
    assert world[("asylum_seekers_pending_unhcr", 2011)] == 490
    assert world[("refugees_unhcr", 2016)] == 1422
    assert world[("asylum_seekers_pending_unhcr", 2016)] == 533
    canada = est.query("place == 'Canada' and measure == 'asylum_seekers_pending_unhcr'")
    assert dict(zip(canada["year_end"], canada["low"], strict=False)) == {
        2007: 126,
        2012: 822,
        2016: 313,
    }


def test_estimates_iso3_empty_only_for_regions():
    est = read("estimates")
    regions = est["place"].isin(["Europe", "World"])
    assert est.loc[regions, "iso3"].isna().all()
    assert est.loc[~regions, "iso3"].notna().all()


# --------------------------------------------------------------------------- asylum, transit, costs


def test_asylum_outcomes_spot_values():
    a = read("asylum_outcomes")
    ho = a[a["counted_by"] == "UK Home Office"].set_index("outcome")["count"].to_dict()
    assert ho == {"applied": 902, "granted": 408, "refused": 413, "withdrawn": 77}
    un = a[(a["country"] == "United Kingdom") & (a["counted_by"] == "UNHCR")].set_index("outcome")
    assert un.loc["applied", "count"] == 1300 and un.loc["applied", "qualifier"] == "more_than"
    assert un.loc["granted", "count"] == 544 and un.loc["refused", "count"] == 505
    ru = a[(a["country"] == "Russia") & (a["period_start"] == 2011) & (a["period_end"] == 2019)]
    assert ru.set_index("outcome")["count"].to_dict() == {"applied": 207, "granted": 1}
    c14 = row(a, country="Canada", period_start=2014, outcome="claims_made")
    assert (c14["count"], c14["qualifier"]) == (5, "fewer_than")
    assert row(a, country="Canada", period_start=2012, outcome="claims_made")["count"] == 720
    assert row(a, country="Canada", period_start=2012, outcome="granted")["count"] == 218
    assert row(a, country="Netherlands", period_start=2013, outcome="refused")["count"] == 128
    assert row(a, country="United States", outcome="cases_opened")["count"] == 238
    assert row(a, country="United States", outcome="arrived")["count"] == 94


def test_transit_events_spot_values():
    t = read("transit_events")
    assert row(t, country="Thailand", year=2004)["people"] == 46
    assert row(t, country="Thailand", year=2010)["people"] == 2500
    assert row(t, country="Vietnam", year=2004)["people"] == 468
    assert row(t, country="Laos", year=2013)["people"] == 9
    assert row(t, country="South Korea", year=2024)["people"] == 3


def test_transit_policies_cover_countries():
    p = read("transit_policies")
    assert set(p["country"]) == {"China", "Laos", "Thailand", "Vietnam", "Mongolia", "South Korea"}
    assert set(p["direction"]) == {"start", "south", "north"}
    assert "light fine" in row(p, country="Thailand")["treatment"]


def test_broker_costs_spot_values():
    b = read("broker_costs")
    assert (b["amount_low"] <= b["amount_high"]).all()
    assert set(b["currency"]) == {"USD", "KRW"}
    rc = b[(b["leg"] == "river_crossing") & (b["currency"] == "USD")].iloc[0]
    assert (rc["amount_low"], rc["amount_high"], rc["year"]) == (13300, 16000, 2017)
    assert row(b, year=2024, amount_low=85000)["currency"] == "USD"
    assert row(b, year=2023, qualifier="at_least")["amount_low"] == 6000
    assert row(b, year=2015, leg="nk_to_china")["amount_low"] == 8000


# --------------------------------------------------------------------------- repatriation


def test_repatriations_spot_values():
    r = read("repatriations")
    oct9 = row(r, date_start="2023-10-09")
    assert (oct9["low"], oct9["high"]) == (500, 600)
    # RealClearPolitics, reporting TJWG: "an estimated 70% are women" (not "more than").
    assert (oct9["women_share_pct"], oct9["women_share_qualifier"]) == (70, "about")
    # HRF: "More than 90% of the 600"; neither share rests on HNGN now.
    assert (oct9["women_share_high_pct"], oct9["women_share_high_qualifier"]) == (90, "more_than")
    assert oct9["source_ids_women"] == "rcp2023tjwg;hrf2023return"
    assert oct9["source_id_high"] == "reuters2023tjwg"
    assert oct9["source_id"] != oct9["source_id_high"]
    assert row(r, date_start="2023-08-29")["low"] == 80
    assert row(r, date_start="2023-09-18")["low"] == 40
    assert row(r, date_start="2021-07-01")["low"] == 50
    assert row(r, date_start="2024-04-26")["low"] == 60
    cum = r[r["kind"] == "cumulative"].set_index("date_start")
    assert cum.loc["2020-01-01", "low"] == 670 and cum.loc["2020-01-01", "qualifier"] == "more_than"
    assert cum.loc["2024-01-01", "low"] == 406 and cum.loc["2024-01-01", "qualifier"] == "at_least"
    assert (r["low"] <= r["high"]).all()


# --------------------------------------------------------------------------- origin


def test_origin_spot_values_and_totals():
    o = read("origin_provinces")
    t = read("origin_totals").set_index("dataset")["total_people"]
    assert t["mou_1996_2018"] == 32042 and t["mou_undated"] == 33821
    assert row(o, dataset="mou_1996_2018", province="North Hamgyong")["people"] == 19145
    assert row(o, dataset="mou_1996_2018", province="Ryanggang")["people"] == 5061
    assert row(o, dataset="mou_1996_2018", province="South Hamgyong")["people"] == 2775
    assert o.query("dataset == 'mou_1996_2018'")["people"].sum() == 26981
    und = o.query("dataset == 'mou_undated'")
    assert len(und) == 11 and und["people"].sum() == 33821
    assert row(o, dataset="mou_undated", province="Pyongyang")["people"] == 867
    assert und["period_start"].isna().all()


# --- seed claims, women in China


def test_seed_claims():
    s = read("seed_claims")
    assert list(s["claim_id"]) == list(range(1, 27))
    # facts.md 9f: the 100,000-300,000 is the high end of estimates of North Koreans "living in
    # hiding" in China (HRW 2002): right numbers, wrong quantity, so "imprecise".
    assert row(s, claim_id=5)["verdict"] == "imprecise"
    assert "living in hiding" in row(s, claim_id=5)["evidence_says"]
    # 9f: Amnesty International named "Jilin and Liaoning"; 31,093 was the end-September 2017 total.
    assert row(s, claim_id=2)["verdict"] == "holds"
    assert row(s, claim_id=21)["verdict"] == "outdated"
    assert "border provinces" not in row(s, claim_id=4)["evidence_says"]
    # The surveys behind "76% to 84%" were not found: never "holds".
    assert row(s, claim_id=4)["verdict"] == "unverified"
    assert "75.5%" in row(s, claim_id=4)["evidence_says"]
    assert "84.2%" in row(s, claim_id=4)["evidence_says"]
    assert row(s, claim_id=23)["verdict"] == "wrong"
    assert "34,537" in row(s, claim_id=21)["evidence_says"]
    allowed = {"holds", "outdated", "wrong", "unverified", "imprecise"}
    assert set(s["verdict"]) <= allowed


def test_china_women_share():
    w = read("china_women_share").set_index("year")
    assert w.loc[2008, "wording"] == "nearly two-thirds"
    assert pd.isna(w.loc[2008, "share_low_pct"]) and pd.isna(w.loc[2008, "share_high_pct"])
    assert w.loc[2010, "share_low_pct"] == 80 == w.loc[2010, "share_high_pct"]


# --------------------------------------------------------------------------- keys and descriptor


def test_every_source_key_is_in_references_bib():
    keys = bib_keys()
    pkg = descriptor()
    for res in pkg["resources"]:
        assert all(src["bibkey"] in keys for src in res["sources"]), res["name"]
        if res.get("format") != "csv":
            continue  # map shapes: no rows to cite
        df = read(res["name"])
        for col in ("source_id", "source_id_high", "source_ids"):
            if col in df:
                for cell in df[col].dropna():
                    for key in str(cell).split(";"):
                        assert key in keys, f"{res['name']}.{col}: {key}"
        for src in res["sources"]:
            assert src["bibkey"] in keys


def test_descriptor_lists_every_csv_and_every_column():
    pkg = descriptor()
    tables = [r for r in pkg["resources"] if r.get("format") == "csv"]
    assert {r["name"] for r in tables} == {p.stem for p in DATA.glob("*.csv")}
    for res in tables:
        df = read(res["name"])
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == list(df.columns), res["name"]
        for f in fields:
            for prop in ("type", "title", "description", "unit"):
                assert prop in f, (res["name"], f["name"], prop)
        pk = res["schema"]["primaryKey"]
        assert not df.duplicated(subset=pk).any(), res["name"]


def test_settlement_survey_spot_values():
    """Korea Hana Foundation survey figures as the stored press reports give them."""
    survey = read("settlement_survey").set_index(["survey_year", "measure"])
    assert survey.loc[(2025, "satisfied_with_life"), "percent"] == 81.2  # Yonhap, Dec 2025
    assert survey.loc[(2011, "employment_rate"), "percent"] == 49.7  # JoongAng, Dec 2023
    assert survey.loc[(2014, "unemployment_rate"), "percent"] == 6.2  # Yonhap, 2015
    assert survey.loc[(2014, "unemployment_rate"), "respondents"] == 12777
    assert survey.loc[(2023, "unemployment_rate"), "percent"] == 4.5  # Korea Bizwire, Dec 2023
    reasons = read("settlement_reasons").set_index(["answer", "reason"])["percent"]
    assert reasons[("satisfied", "they can do the work they like")] == 47.3
    assert reasons[("dissatisfied", "economic difficulties")] == 58


def test_leaving_reasons_spot_values():
    """Reasons for leaving as the stored reports give them, with the report's own words."""
    rows = read("leaving_reasons").set_index(["survey", "period", "measure"])
    freedom = rows.loc[("hanawon", "2014-2016", "longing_for_freedom")]
    assert (freedom["percent"], freedom["qualifier"]) == (35, "about")  # Nocut, Aug 2016
    regime = rows.loc[("hanawon", "before 2001", "discontent_with_the_regime")]
    assert (regime["percent"], regime["qualifier"]) == (10, "under")
    assert rows.loc[("hanawon", "since 2014", "income_average_or_above"), "percent"] == 55.9
    assert (
        rows.loc[("hanawon", "before 2001", "living_standard_middle_or_upper"), "percent"] == 23.5
    )
    assert rows.loc[("piie", "2008", "economic_problems"), "percent"] == 56.7  # Yonhap, Feb 2009
    assert pd.isna(rows.loc[("piie", "2008", "political_freedom"), "qualifier"])


def test_settlement_wages_spot_values():
    """Monthly pay as Yonhap reported it (won a month)."""
    wages = read("settlement_wages").set_index(["year", "measure"])["won"]
    assert wages[(2014, "defectors_average")] == 1_470_000  # Yonhap, 2015
    assert wages[(2014, "national_average")] == 2_230_000
    assert wages[(2019, "defectors_average")] == 2_040_000  # Yonhap, Feb 2020
    assert wages[(2021, "defectors_average")] == 2_270_000  # Yonhap, 8 Feb 2022
    assert wages[(2021, "gap_to_national_average")] == 457_000


def test_each_estimator_has_one_short_name():
    """Chart labels use estimator_short: one estimator, one short name, on every page."""
    estimates = read("estimates")
    names = estimates.groupby("estimator")["estimator_short"].nunique()
    assert (names == 1).all(), names[names > 1]


def test_terms_spot_values():
    """The Korean terms as the stored Korean sources write them."""
    terms = read("terms").set_index("term_en")
    assert terms.loc["North Korean defector", "term_ko"] == "북한이탈주민"
    assert terms.loc["North Korean defector", "source_id"] == "korealaw2024defectorsact"
    assert terms.loc["Ministry of Unification", "term_ko"] == "통일부"
    assert terms.loc["UNHCR", "term_ko"] == "유엔난민기구"
