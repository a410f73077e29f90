"""baogao: scraped Chinese report text to a clean, structured, searchable site."""

__version__ = "0.1.0"

# Above this many reports a site is "large": Pagefind instead of Material's
# search (pipeline), a sidebar of the current report only (plugin), and one
# row per indicator on the comparison page (write). One number, one place.
LARGE_SITE_REPORTS = 30
