"""One chart theme, one renderer and one wrapper for every chart in the book.

Chapters build an Altair chart as usual and pass it through `chart(...)`, which
insists on a title that states the finding, a text description (read by screen
readers) and a source line. The renderer refuses any chart that skipped the
wrapper, so a chart without them fails the build.

The renderer writes no <script src=...>: the page's own loader
(nkbook/static/nk-charts.js, added by nkbook.sphinx only on pages with charts)
draws each spec with the Vega files the book serves itself. Each chart also
carries the table of exactly the plotted rows, a CSV download, and a PNG for
print.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from urllib.parse import quote

import altair as alt
import pandas as pd
import vl_convert as vlc

from nkbook.book import LANGUAGE, ROOT
from nkbook.i18n import t
from nkbook.tables import scroll_box

if LANGUAGE == "ko":  # so that the drawings made here measure Korean text with its own font
    for _weight in ("400Regular", "700Bold"):  # the drawings measure bold titles too
        vlc.register_font_directory(
            str(ROOT / "node_modules" / "@expo-google-fonts" / "noto-sans-kr" / _weight)
        )

SOURCE_PREFIX = t("Source: ")  # in the edition's language, like every word below (nkbook.i18n)

# The Okabe-Ito hues (told apart with colour-blindness), each set to a relative luminance of
# about 0.16: then every mark has a contrast of at least 3:1 on the white page and on the dark
# page (WCAG 1.4.11), and white text on any of them at least 4.5:1. Chapters name colours from
# COLOURS and never type a colour (tests/test_conventions.py).
COLOURS = {
    "blue": "#0072b2",
    "ochre": "#956700",
    "green": "#007f5d",
    "pink": "#b74584",
    "purple": "#845cba",
    "rust": "#b85100",
    "olive": "#79710a",
    "grey": "#6f6f6f",
    # Ink and context follow the page: dark on the light page, light on the dark one. Ink is
    # for marks that sit on coloured shapes (routes on a map); context for shapes a reader
    # does not need (countries off the routes). Dark mode swaps them (DARK_MODE_SWAPS).
    "ink": "#1f2328",
    "context": "#e4e4e4",
    "white": "#ffffff",  # text on a coloured bar, borders between countries
    # The page's own colour, for a halo around labels that cross coloured shapes (a map's
    # names): mark_text(stroke=COLOURS["page"], strokeWidth=3). Not quite white, so that dark
    # mode can swap it for the dark page without touching white.
    "page": "#fffffe",
}
PALETTE = [
    COLOURS[name] for name in ("blue", "ochre", "green", "pink", "purple", "rust", "olive", "grey")
]
# Colours the page loader (nkbook/static/nk-charts.js) and the stylesheet (_static/custom.css,
# for the static charts) replace in dark mode; tests check all three agree.
DARK_MODE_SWAPS = {
    COLOURS["ink"]: "#e6edf3",
    COLOURS["context"]: "#2d333b",
    COLOURS["page"]: "#121212",
}
# Arial's widths: Arial (Windows, macOS), Liberation Sans (Linux; made to Arial's metrics) and
# Helvetica (iOS) all have them, and vl-convert measures text with Liberation Sans, so the
# static drawing made at build time leaves the same room for its text as the reader's browser
# needs. (With system-ui, a Linux browser draws DejaVu Sans, 14% wider: labels clipped.)
FONT = "Arial, 'Liberation Sans', Helvetica, Roboto, 'Noto Sans KR', sans-serif"


# Dash patterns (solid, dashed, dotted, dash-dot) for the outlines of bars and for lines, so
# that colour is never the only cue (WCAG 1.4.1; tests/test_colour_cues.py).
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]]


def dashes(field: str, order: list[str] | None = None, **options) -> alt.StrokeDash:
    """The categories of a colour encoding told apart by dash pattern too; give the bars an
    outline: mark_bar(stroke=COLOURS["ink"], strokeWidth=1.5).

    Vega-Lite draws one legend for both when they have the same title and the same order given
    as the scale's domain (not as sort=): alt.Color(field, scale=alt.Scale(domain=order)).
    """
    scale = alt.Scale(range=DASHES) if order is None else alt.Scale(domain=order, range=DASHES)
    return alt.StrokeDash(field, scale=scale, **options)


def what_it_counts(estimates: pd.DataFrame) -> tuple[pd.Series, list[str], alt.Color, alt.Shape]:
    """What each estimate counts, in its source's own word (estimates.csv, counts_words), and the
    colour and shape that tell the kinds apart, in the order of each kind's smallest estimate.

    Returns the words (translated) for a column named `counts`, that order, and the two
    encodings: one legend, because they share a title and a domain (see dashes).
    """
    order = [t(word) for word in dict.fromkeys(estimates.sort_values("low")["counts_words"])]
    title, scale = t("What it counts"), alt.Scale(domain=order)
    return (
        estimates["counts_words"].map(t),
        order,
        alt.Color("counts:N", title=title, scale=scale),
        alt.Shape("counts:N", title=title, scale=scale),
    )


def labels_above(base: alt.Chart, labels, x, font_size: int = 12) -> alt.LayerChart:
    """Each row's label (one or more lines, split by "\\n") just above its row's marks.

    labels: the column of labels (a pandas Series, named as in the chart's data); x: where the
    labels start, e.g. alt.X(datum=0). Vega lays the lines of a label out downwards from where
    it is placed, so each label is lifted by its own height: one text layer per line count.
    """
    field = labels.name
    most = int(labels.astype(str).str.count("\n").max()) + 1
    layers = [
        base.transform_filter(f"split(datum['{field}'], '\\n').length == {lines}")
        .mark_text(align="left", baseline="top", lineBreak="\n", dy=-(lines * (font_size + 2) + 6))
        .encode(x, alt.Text(f"{field}:N"))
        for lines in range(1, most + 1)
    ]
    return alt.layer(*layers)


class ChartError(ValueError):
    """A chart is missing its title, description or source."""


@alt.theme.register("nkbook", enable=True)
def theme() -> alt.theme.ThemeConfig:
    # Text and axis colours are left to the page loader, which sets them for light or dark mode.
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "title": {
                "anchor": "start",
                "fontSize": 16,
                "subtitleFontSize": 12,
                "subtitlePadding": 4,
                "offset": 12,
                "limit": 0,
            },
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "grid": True},
            # Labels within 40 px of an end of the x axis line up with that end instead of
            # centring on their tick: they neither run off the chart nor into the y axis.
            "axisX": {"labelFlush": 40},
            # Legends under the chart, one entry per line: a row of entries runs off a phone.
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom", "columns": 1},
            "header": {"labelFontSize": 12, "titleFontSize": 13},
            # Value labels too: 12 px keeps them at 11 px or more when a phone's column
            # shrinks the static drawing a little (tests/test_charts_readable.py).
            "text": {"fontSize": 12},
            "mark": {"color": PALETTE[0]},
            # Points drawn at full strength (Vega-Lite's default 0.7 lets them fall below 3:1),
            # and rules (reference lines) in ink, which follows the page in dark mode.
            "point": {"opacity": 1},
            "circle": {"opacity": 1},
            "square": {"opacity": 1},
            "rule": {"color": COLOURS["ink"]},
            "autosize": {"type": "fit-x", "contains": "padding"},
            # Room on the right for what overhangs the plot: the last year on an axis, a
            # value label beside the rightmost point.
            "padding": {"left": 5, "top": 5, "bottom": 5, "right": 24},
        }
    }


class BookChart:
    """A finished chart, rendered once when it is made, so that any error fails its cell.

    (IPython swallows errors raised while displaying an object and shows its repr instead,
    which would put "alt.Chart(...)" on the page and let the build pass.)
    """

    def __init__(self, altair_chart: alt.TopLevelMixin):
        self.altair_chart = altair_chart
        self.bundle = render(altair_chart.to_dict())

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle


def chart(
    base: alt.TopLevelMixin, *, title: str, description: str, source: str, height: int = 300
) -> BookChart:
    """Give `base` its title, alt text and source line, make it fit its container, render it.

    title:       the finding, as a sentence ("Arrivals fell below 1,000 only in 2020").
    description: what a screen reader announces: chart type, of what, showing what.
    source:      who published the data, e.g. nkbook.source_line("sk_arrivals").
    """
    for name, value in (("title", title), ("description", description), ("source", source)):
        if not isinstance(value, str) or not value.strip():
            raise ChartError(f"chart() needs a non-empty {name}")
    titled = base.properties(
        title=alt.Title(title, subtitle=SOURCE_PREFIX + source), description=description
    )
    if isinstance(base, (alt.Chart, alt.LayerChart)):
        titled = titled.properties(width="container", height=height)
    else:  # facets and concatenations have fixed-size parts; "fit" cannot size them
        titled = titled.properties(autosize=alt.AutoSizeParams(type="pad"))
    return BookChart(titled)


def text_expression(template: str, **expressions: str) -> str:
    """A Vega expression that writes `template` (translated with t()) with each {name} replaced
    by the value of an expression: text_expression(t("{n} people"), n="datum.n")."""
    parts = re.split(r"\{(\w+)\}", template)
    # Even parts are text, odd parts are names: ["", "n", " people"] -> "" + (datum.n) + " people"
    return " + ".join(
        f"({expressions[part]})" if index % 2 else json.dumps(part)
        for index, part in enumerate(parts)
        if part or index % 2
    )


def check_spec(spec: dict) -> None:
    """Raise ChartError unless the spec came through `chart()`."""
    title = spec.get("title")
    subtitle = title.get("subtitle", "") if isinstance(title, dict) else ""
    if not (isinstance(title, dict) and title.get("text")):
        raise ChartError("every chart needs a title: build it with nkbook.chart(...)")
    if not str(subtitle).startswith(SOURCE_PREFIX):
        raise ChartError("every chart needs a source line: build it with nkbook.chart(...)")
    if not spec.get("description"):
        raise ChartError("every chart needs a description: build it with nkbook.chart(...)")
    if any(m.get("lineBreak") and m.get("baseline") == "bottom" for m in _marks(spec)):
        raise ChartError(
            'a label of several lines has baseline "bottom": Vega lays its lines out downwards '
            "from there, onto the marks below; use nkbook.labels_above(...)"
        )
    if _coloured_text(spec):
        raise ChartError(
            "a text mark takes its colour from the data: a palette colour is too faint for text "
            "on the dark page (3.6:1, below 4.5:1). Give the labels the ink colour, "
            '.encode(color=alt.value(COLOURS["ink"])), and let their place say what they label'
        )


_ids = itertools.count(1)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-_")[:60] or "chart"


def _field_titles(node, titles: dict | None = None) -> dict:
    """Each plotted field's title as the chart shows it (tooltip or axis), e.g. women_pct ->
    "Women (%)"; tooltip titles win, as they name one value rather than an axis."""
    titles = {} if titles is None else titles
    if isinstance(node, dict):
        field, title = node.get("field"), node.get("title")
        if isinstance(field, str) and isinstance(title, str) and title:
            titles.setdefault(field, title)
        for key in sorted(node, key=lambda k: k != "tooltip"):  # tooltips first
            _field_titles(node[key], titles)
    elif isinstance(node, list):
        for item in node:
            _field_titles(item, titles)
    return titles


PLAIN_NAMES = {
    "lon": t("Longitude"),
    "lat": t("Latitude"),
    "iso3": t("ISO country code"),
    "source_id": t("Source key (references.bib)"),
}


def _plain_name(column: str) -> str:
    if column in PLAIN_NAMES:
        return PLAIN_NAMES[column]
    words = column.replace("_pct", " (%)").replace("_", " ").strip()
    return t(words[:1].upper() + words[1:])


def readers_table(spec: dict) -> pd.DataFrame:
    """The rows a chart plots, as one table for readers: every dataset of the chart together,
    without the columns that only place marks ("_..."), with the chart's own names for the
    columns, and dates without a time of day."""
    frames = [pd.DataFrame(values) for values in (spec.get("datasets") or {}).values()]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True, sort=False)
    frame = frame[[c for c in frame.columns if not str(c).startswith("_")]]
    frame = frame.drop_duplicates().reset_index(drop=True)
    for column in frame.columns:
        if frame[column].astype("string").str.contains("\n", regex=False).any():
            # A label broken into lines for the drawing would show "\n" in the table and CSV.
            raise ChartError(
                f"column {column!r} holds line breaks: a label laid out for the drawing belongs "
                f"to the drawing only, so name it '_{column}' (the data table leaves it out)"
            )
    for column in frame.columns:
        text = frame[column].astype("string")
        if text.str.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00(?:\.000)?").fillna(True).all():
            frame[column] = text.str.slice(0, 10)
    titles, names = _field_titles(spec), {}
    for column in frame.columns:
        name = titles.get(column, _plain_name(str(column)))
        if name in names.values():  # two fields with one title: keep them apart
            name = f"{name} ({_plain_name(str(column)).lower()})"
        names[column] = name
    return frame.rename(columns=names)


def data_table_html(spec: dict) -> str:
    """A collapsible table of the rows the chart plots, with one CSV download named after the
    chart's finding."""
    frame = readers_table(spec)
    if frame.empty:
        return ""
    csv = frame.to_csv(index=False)
    name = _slug(spec["title"]["text"]) + ".csv"
    href = "data:text/csv;charset=utf-8," + html.escape(_percent(csv), quote=True)
    table = frame.to_html(index=False, border=0, classes="nk-data-table", na_rep="")
    return (
        f'<details class="nk-chart-data"><summary>{t("Show the data behind this chart")}</summary>'
        + scroll_box(table, t("The data behind this chart"))
        + f'<p><a class="nk-download" download="{name}" href="{href}">'
        f"{t('Download these data (CSV)')}</a></p></details>"
    )


def _marks(node):
    """Every mark definition (as a dict) in a spec."""
    if isinstance(node, dict):
        if isinstance(node.get("mark"), dict):
            yield node["mark"]
        for value in node.values():
            yield from _marks(value)
    elif isinstance(node, list):
        for item in node:
            yield from _marks(item)


def _coloured_text(spec: dict, inherited: dict | None = None) -> bool:
    """Whether a text mark draws in colours from a field (its own or its layer's encoding)."""
    encoding = {**(inherited or {}), **spec.get("encoding", {})}
    mark = spec.get("mark")
    if (mark.get("type") if isinstance(mark, dict) else mark) == "text":
        colour = encoding.get("color")
        if isinstance(colour, dict) and "field" in colour:
            return True
    for child in spec.get("layer", []):  # layers inherit their parent's encoding
        if _coloured_text(child, encoding):
            return True
    parts = [spec.get("spec")]
    parts += [part for key in ("hconcat", "vconcat", "concat") for part in spec.get(key, [])]
    return any(_coloured_text(part) for part in parts if part)


def _percent(text: str) -> str:
    return quote(text, safe=",.-_:/()")  # spaces too: a data: address may not hold one


def render(spec: dict, **_meta) -> dict:
    """Altair renderer: the chart as a static SVG (readable without JavaScript, in print and in
    the PDF), its spec for the page loader to make it interactive, and the data table."""
    check_spec(spec)
    # The loader says "vega-lite" itself, so the page need not carry the schema's web address.
    spec = {key: value for key, value in spec.items() if key != "$schema"}
    spec["usermeta"] = {
        **spec.get("usermeta", {}),
        "darkModeSwaps": DARK_MODE_SWAPS,
        "narrowBelow": NARROW_BELOW,
        "narrow": narrow_layout(spec, STATIC_WIDTHS["narrow"]),
    }
    chart_id = f"nk-chart-{next(_ids)}"
    spec_json = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    label = html.escape(spec["description"], quote=True)
    # An explorer's inputs (parameters bound to a control) go above the drawing, outside its
    # role="img", so that each is a labelled control a keyboard and a screen reader reach.
    controls = (
        f'<div class="nk-chart-controls" data-for="{chart_id}"></div>'
        if any("bind" in param for param in spec.get("params", []))
        else ""
    )
    body = controls + (
        f'<div class="nk-chart" id="{chart_id}" data-nk-chart aria-label="{label}" role="img">'
        f'<div class="nk-chart-static">{_svg(spec)}</div></div>'
        # The values of the mark a reader taps or picks with the arrow keys (nk-charts.js),
        # written here so that filling it in moves nothing on the page.
        f'<p class="nk-chart-details" role="status" data-for="{chart_id}"></p>'
        f'<script type="application/json" class="nk-chart-spec" data-for="{chart_id}">'
        f"{spec_json}</script>" + data_table_html(spec)
    )
    return {"text/html": body, "text/plain": f"<chart: {spec['title']['text']}>"}


# Below this container width (px) a chart takes its narrow layout; the stylesheet's container
# query (_static/custom.css) switches the static drawings at the same width.
NARROW_BELOW = 520


def narrow_layout(spec: dict, width: int) -> list[list]:
    """How a chart with fixed-size panels fits a phone's column: small multiples wrap into as
    many columns as fit (one column: panels as wide as the column), and stacked panels narrow
    beside shorter row labels. Returned as [path, value]
    changes, which the static drawing applies here and the page loader applies in the browser,
    so both draw the same chart."""
    if "vconcat" in spec:
        return _narrow_stack(spec, width)
    panel = spec.get("spec", {}).get("width")
    if "facet" not in spec or not isinstance(panel, (int, float)):
        return []
    columns = max(1, int(width // (panel + 70)))
    if columns >= spec.get("columns", columns + 1):
        return []
    changes = [[["columns"], columns]]
    if columns == 1:
        changes.append([["spec", "width"], width - 90])
    return changes


# On a phone, row labels of stacked panels are cut to this many px (with an ellipsis; the
# data table under the chart has them whole), so the panels keep room to draw.
NARROW_LABEL_LIMIT = 100


def _narrow_stack(spec: dict, width: int) -> list[list]:
    """Stacked panels of fixed width: each panel as wide as the column leaves beside its row
    labels (the whole column when its rows are labelled above, with no axis labels), and the
    labels cut to NARROW_LABEL_LIMIT px."""
    changes = []
    for i, part in enumerate(spec["vconcat"]):
        room = width - (200 if _has_row_labels(part) else 40)
        if isinstance(part.get("width"), (int, float)) and part["width"] > room:
            changes.append([["vconcat", i, "width"], room])
        for path, limit in _label_limits(part, ["vconcat", i]):
            if limit > NARROW_LABEL_LIMIT:
                changes.append([path, NARROW_LABEL_LIMIT])
    return changes


def _has_row_labels(node) -> bool:
    """Whether a panel draws a y axis with labels (an encoding "y" without axis: null)."""
    if isinstance(node, list):
        return any(_has_row_labels(item) for item in node)
    if not isinstance(node, dict):
        return False
    y = node.get("y")
    if isinstance(y, dict) and "field" in y and y.get("axis", {}) is not None:
        return True
    return any(_has_row_labels(value) for key, value in node.items() if key != "y")


def _label_limits(node, path: list):
    """The paths to every axis labelLimit inside `node`, with their values."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "labelLimit" and isinstance(value, (int, float)):
                yield path + [key], value
            else:
                yield from _label_limits(value, path + [key])
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _label_limits(item, path + [i])


def apply_changes(spec: dict, changes: list[list]) -> dict:
    for path, value in changes:
        target = spec
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return spec


# The static chart is drawn twice: for a phone's column and for a desktop's. The stylesheet
# shows the one that fits the chart's container (a container query), so its text is drawn
# near its own size, never shrunk to fit a phone. The narrow one is drawn a little narrower than
# the column of a 375 px phone, so that it is scaled up there (never down, below 11 px text).
STATIC_WIDTHS = {"narrow": 320, "wide": 640}


def _svg(spec: dict) -> str:
    return "".join(
        f'<div class="nk-static-{name}">{_svg_at(spec, width)}</div>'
        for name, width in STATIC_WIDTHS.items()
    )


def _svg_at(spec: dict, width: int) -> str:
    """The chart drawn at build time at `width` pixels (there is no container yet).

    Screen readers read the chart's aria-label on its container, so the SVG itself is hidden
    from them; CSS gives its text the page's colours in dark mode.
    """
    printable = json.loads(json.dumps(spec))
    if width < NARROW_BELOW:
        apply_changes(printable, narrow_layout(printable, width))
    _fix_width(printable, width)
    # As the page loader does: long titles break into lines, never squeeze the plot. A little
    # shorter than the loader's lines: the drawing may come out narrower than `width` (fixed
    # panels), and the reader's font may be wider than the one vl-convert measures with.
    printable["title"]["text"] = _wrap(printable["title"]["text"], width // 11)
    printable["title"]["subtitle"] = _wrap(printable["title"]["subtitle"], width // 8)
    svg = slim_svg(vlc.vegalite_to_svg(printable))
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def slim_svg(svg: str) -> str:
    """The drawing without what nobody receives: the SVG is hidden from screen readers (its
    container is labelled), so its marks' ARIA labels and roles go, and path coordinates keep
    one decimal (a tenth of a pixel). A map's page is 8 KiB lighter to download."""
    svg = re.sub(r' (?:aria-label|aria-roledescription|role)="[^"]*"', "", svg)
    return re.sub(r'(?<= d=")[^"]*', lambda d: re.sub(r"(\d\.\d)\d+", r"\1", d.group(0)), svg)


# Hangul and CJK characters are about twice as wide as Latin letters: they count as two.
WIDE = re.compile("[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def _columns(text: str) -> int:
    return len(text) + len(WIDE.findall(text))


def wrap_label(text: str, limit: int) -> str:
    """A label broken into lines of at most `limit` columns (a Korean character is two), joined
    by "\n" for a text mark with lineBreak="\n"."""
    lines = _wrap(text, limit)
    return "\n".join(lines) if isinstance(lines, list) else lines


def _wrap(text: str, limit: int) -> str | list[str]:
    lines, line = [], ""
    for word in str(text).split():
        if line and _columns(line) + 1 + _columns(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines if len(lines) > 1 else lines[0]


def _fix_width(spec: dict, width: int) -> None:
    if spec.get("width") == "container":
        spec["width"] = width
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            _fix_width(child, width)
    if "spec" in spec:
        _fix_width(spec["spec"], width)


alt.renderers.register("nkbook", render)
alt.renderers.enable("nkbook")
