"""The names of the files baogao writes into content/ besides the reports'
folders. Imported by the build without the rendering machinery: a re-run
with nothing changed needs the names, not Jinja."""

HOME_PAGE = "index.md"
COMPARE_PAGE = "compare.md"
SEARCH_PAGE = "search.md"
# Where `mkdocs.yml` inherits its navigation from (MkDocs skips dot folders).
NAV_FILE = ".baogao/nav.yml"
# Which reports are copies of one another, for the overview pages
# (read by the baogao MkDocs plugin).
COPIES_FILE = ".baogao/copies.json"
READINGS_FILE = ".baogao/readings.json"
HISTORY_FILE = ".baogao/history.json"
# How the site is built (its search), read by the baogao MkDocs plugin so
# that a plain `mkdocs build` builds the site build.py builds.
SITE_FILE = ".baogao/site.json"
# In each report's folder: its text, as one plain file.
FULLTEXT_TEXT = "fulltext.txt"
# What Material's search worker (baogao-search.js) needs to name each
# result's report; the plugin puts it beside the worker in the site
# (SITE_REPORTS_SCRIPT).
REPORTS_SCRIPT = ".baogao/reports.js"
# Every entry of the home page's catalogue, as data its filter reads: above
# `site_pages.HOME_LISTED` entries the page's own list holds only the newest.
CATALOGUE_SCRIPT = "catalogue-data.js"
SITE_REPORTS_SCRIPT = "assets/javascripts/workers/baogao-reports.js"
