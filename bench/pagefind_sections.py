"""An experiment for issue 13: Pagefind over sections instead of pages.

    python3 bench/pagefind_sections.py

Builds the example among ../shared/corpus/national-work-reports and
../shared/pages as a Pagefind site, then indexes every section of its built
report pages as a record of its own (Pagefind's Python API, one small HTML
document per section: its heading as <h1>, its own text), and asks every
query of tests/search_queries*.txt of both indexes through Pagefind's API in
headless Chromium. Prints hit@1 and hit@3: for the page index, over the
sections the search page would show (the first five pages, up to three
sections each, the heading that holds the query first); for the section
index, over the first ten records. Not used by the site yet.
"""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagefind.index import IndexConfig, PagefindIndex  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.searching import CHROMIUM_ARGS, EXAMPLE_SLUG, MORE_QUERIES, load_queries, score, serve  # noqa: E402

SHARED = ROOT.parent / "shared"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What is not the page's text: navigation, the print line, Pagefind's spans, permalinks, scripts, the figures table.
FURNITURE = re.compile(
    r'<nav\b.*?</nav>|<p class="bg-print-meta".*?</p>|<span hidden[^>]*></span>|<a class="headerlink".*?</a>'
    r'|<script\b.*?</script>|<div class="bg-figures".*?</table>\s*</div>',
    re.S,
)
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment)).strip()


async def index_sections(site: Path, output: Path) -> int:
    records = 0
    # The index is written to `output` when the block ends (PagefindIndex's exit
    # writes it; without output_path it would write ./pagefind where it runs).
    async with PagefindIndex(config=IndexConfig(force_language="zh", output_path=str(output))) as index:
        for page in sorted(site.glob("*/*.html")):
            if page.name == "fulltext.html" or page.parent.name.startswith("pagefind"):
                continue
            match = ARTICLE.search(page.read_text(encoding="utf-8"))
            if match is None:
                continue
            body = FURNITURE.sub(" ", match.group(1))
            headings = list(HEADING.finditer(body))
            for number, heading in enumerate(headings):
                end = headings[number + 1].start() if number + 1 < len(headings) else len(body)
                title, text = plain(heading.group(3)), plain(body[heading.end() : end])
                document = (
                    f"<html lang='zh'><head><title>{html.escape(title)}</title></head>"
                    f"<body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
                )
                await index.add_html_file(content=document, url=f"/{page.parent.name}/{page.name}#{heading.group(2)}")
                records += 1
    return records


ASK = """async ([bundle, queries, sections]) => {
  const pagefind = await import(new URL(bundle + "/pagefind.js", document.baseURI).href);
  await pagefind.options({excerptLength: 12});
  const ranks = [];
  for (const [text, report, heading] of queries) {
    const found = await pagefind.search(text);
    const hits = [];
    if (sections) {
      for (const record of await Promise.all(found.results.slice(0, 10).map(r => r.data())))
        hits.push([record.meta.title || "", record.url]);
    } else {
      const query = text.replace(/\\s+/g, "");
      const score = (sub) => ((sub.title || "").includes(query) ? 1000 : 0) + (sub.locations || []).length;
      for (const page of await Promise.all(found.results.slice(0, 5).map(r => r.data()))) {
        const subs = (page.sub_results || []).slice().sort((a, b) => score(b) - score(a)).slice(0, 3);
        for (const sub of (subs.length ? subs : [page]))
          hits.push([sub.title || page.meta.title || "", sub.url || page.url]);
      }
    }
    const at = hits.findIndex(([title, url]) =>
      title.includes(heading) && (report === "*" || url.includes("/" + report + "/")));
    ranks.push(at < 0 ? null : at + 1);
  }
  return ranks;
}"""


def main() -> None:
    queries = [(q, "example" if q.report == EXAMPLE_SLUG else "corpus") for q in load_queries()]
    queries += [(q, "more") for q in load_queries(MORE_QUERIES)]
    asked = [[query.text, query.report, query.heading] for query, _ in queries]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        command = [sys.executable, "build.py", "-q", "--search", "pagefind", "--content", str(out / "content")]
        command += ["--site", str(out / "site"), "sources"]
        command += [str(SHARED / "corpus" / "national-work-reports"), str(SHARED / "pages")]
        subprocess.run(command, cwd=ROOT, check=True)
        records = asyncio.run(index_sections(out / "site", out / "site" / "pagefind-sections"))
        print(f"{records} section records")
        print("| index | queries | n | hit@1 | hit@3 |")
        print("| --- | --- | --- | --- | --- |")
        with serve(out / "site") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "search.html")
            for name, bundle, sections in (("pages", "pagefind", False), ("sections", "pagefind-sections", True)):
                ranks = page.evaluate(ASK, [bundle, asked, sections])
                for kind in ("example", "corpus", "more"):
                    found = [rank for (_, k), rank in zip(queries, ranks, strict=True) if k == kind]
                    hit1, hit3 = score(found)
                    print(f"| {name} | {kind} | {len(found)} | {hit1:.2f} | {hit3:.2f} |")
            browser.close()


if __name__ == "__main__":
    main()
