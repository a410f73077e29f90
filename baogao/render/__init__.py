"""Rendering: a Report to Markdown pages and data files through the Jinja
templates, report text escaped, machine ids said in Chinese (`labels`).
Pure: nothing here touches the disk but the template loader."""
