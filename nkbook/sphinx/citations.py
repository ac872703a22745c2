"""Citations resolved in a fraction of the time: pybtex plugins looked up once per build.

pybtex finds its plugins (styles, back ends) in the installed packages' metadata on every
lookup, and sphinxcontrib-bibtex looks several up for every citation: about 10 ms each, two
seconds of every full build. Plugins cannot change during a build, so each one found in the
metadata is registered once as a runtime plugin, which pybtex then checks first. (Written
into pybtex's table of runtime plugins directly: its register_plugin() scans the metadata
again on each call, force or not, which would cost a quarter of a second per build.)

In the Korean edition the words the styles add are Korean too: a source's date reads year
first, "2018년 3월", not "March 2018" (its bib file writes months as "3월": scripts/korean.py);
an undated source is cited as "연도 미상", not "n.d."; its address is labelled "주소:", not
"URL:". These words come from the book's catalogue (MESSAGES, through t()).
"""

from __future__ import annotations

from importlib.metadata import entry_points

from pybtex import plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel, unsrt
from pybtex.style.template import (
    field,
    first_of,
    href,
    join,
    node,
    optional,
    optional_field,
    sentence,
    words,
)
from sphinxcontrib.bibtex.style.referencing import basic_author_year, extra_year

from nkbook.i18n import t

NO_DATE = "n.d."  # sphinxcontrib-bibtex's year of an undated source
ADDRESS = "URL:"  # pybtex's label before a source's address
# The words the styles add, for the translation catalogue (scripts/translations.py).
MESSAGES = [NO_DATE, ADDRESS]


def remember_plugins(app=None) -> int:
    """Register every installed pybtex plugin as a runtime plugin; return how many."""
    count = 0
    installed = entry_points()  # one scan of the metadata (each scan takes about 10 ms)
    # The groups looked up for each citation (styles and back ends; the bib file is read once).
    groups = [
        g for g in plugin._DEFAULT_PLUGINS if g.startswith(("pybtex.style", "pybtex.backends"))
    ]
    for group in groups + [f"{g}.aliases" for g in groups] + [f"{g}.suffixes" for g in groups]:
        registered = plugin._RUNTIME_PLUGINS.setdefault(group, {})
        for entry in installed.select(group=group):
            if entry.name not in registered:  # a style the book registered itself stays
                registered[entry.name] = entry.load()
                count += 1
    return count


@node
def year_or_no_date(children, data):
    """The year a citation shows, or the edition's words for an undated source."""
    return first_of[optional[field("year")], t(NO_DATE)].format_data(data)


@node
def publisher_unless_author(children, data):
    """The publisher, when the author line does not already name it: a reader must see who
    published a source (The Washington Post, Reuters), not only the reporter's name."""
    entry = data["entry"]
    publisher = entry.fields.get("publisher", "").strip("{}")
    authors = " ".join(str(person) for person in entry.persons.get("author", []))
    authors = authors.replace("{", "").replace("}", "")
    # "Radio Free Asia" (or "RFA") and "Radio Free Asia (RFA)" name the same publisher.
    name, _, acronym = publisher.removesuffix(")").partition(" (")
    if not publisher or publisher in authors or authors in {name, acronym}:
        return Text()
    return Text(publisher)


def get_misc_template(self, e):
    """pybtex's unsrt template for @misc, with the publisher after the title."""
    return toplevel[
        optional[sentence[self.format_names("author")]],
        optional[self.format_title(e, "title")],
        sentence[publisher_unless_author],
        sentence[optional[field("howpublished")], optional[unsrt.date]],
        sentence[optional_field("note")],
        self.format_web_refs(e),
    ]


def format_url(self, e):
    url = field("url", raw=True)
    return words[t(ADDRESS), href(url)[url]]


def korean_words(app) -> None:
    """The styles' templates (module globals and a method they read when formatting) in
    Korean: the date year first, the year of an undated source and the address label."""
    if app.config.language == "ko":
        unsrt.date = words[join[field("year"), "년"], optional_field("month")]
        unsrt.Style.format_url = format_url
        basic_author_year.year = extra_year.year = year_or_no_date


def setup(app):
    unsrt.Style.get_misc_template = get_misc_template
    app.connect("builder-inited", remember_plugins)
    app.connect("builder-inited", korean_words)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
