"""Building: sources found and read, the build plan, content/ written without
losing an edit, MkDocs (on both cores) and Pagefind, swapped in atomically.
All of baogao's I/O is here."""
