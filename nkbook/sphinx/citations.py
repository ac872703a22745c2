"""Citations resolved in a fraction of the time: pybtex plugins looked up once per build.

pybtex finds its plugins (styles, back ends) in the installed packages' metadata on every
lookup, and sphinxcontrib-bibtex looks several up for every citation: about 10 ms each, two
seconds of every full build. Plugins cannot change during a build, so each one found in the
metadata is registered once as a runtime plugin, which pybtex then checks first. (Written
into pybtex's table of runtime plugins directly: its register_plugin() scans the metadata
again on each call, force or not, which would cost a quarter of a second per build.)

In the Korean edition a source's date reads the Korean way, year first: "2018년 3월", not
"March 2018" (its bib file writes months as "3월": scripts/korean.py).
"""

from __future__ import annotations

from importlib.metadata import entry_points

from pybtex import plugin
from pybtex.style.formatting import unsrt
from pybtex.style.template import field, join, optional_field, words


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


def korean_dates(app) -> None:
    """The styles' date template (a module global they read when formatting) in Korean order."""
    if app.config.language == "ko":
        unsrt.date = words[join[field("year"), "년"], optional_field("month")]


def setup(app):
    app.connect("builder-inited", remember_plugins)
    app.connect("builder-inited", korean_dates)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
