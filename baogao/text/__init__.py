"""The text stages, pure functions from one value of the document model to
the next: decode, numbering, chrome, line breaks, repeats, marks, the title
(`clean`), the outline, figures; `report.process` runs them in order."""
