"""baogao: scraped Chinese report text to a clean, structured, searchable site."""

__version__ = "0.1.0"
