// The home page's catalogue: narrow the list of reports by kind, level,
// region, year and words of the title, and sort it; counts follow.
// A large site's page lists only its newest entries; the list then comes
// from every entry's data (catalogue-data.js, self.baogaoCatalogue), a
// page of matches at a time, each item built from text, never markup.
// Written for baogao; no library. Works offline and from disk.
(function () {
  "use strict";

  // Matches listed at a time from the data (as the page lists at first).
  var PAGE = 300;
  // Where each fact stands in a row of self.baogaoCatalogue.
  var ROW = { slug: 0, title: 1, kind: 2, level: 3, region: 4, year: 5, meta: 6, incomplete: 7, copies: 8, listed: 9 };

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function link(slug, text) {
    var element = document.createElement("a");
    element.href = "./" + encodeURI(slug) + "/index.html"; // relative, whatever the slug holds
    element.textContent = text;
    return element;
  }

  // One entry of the list, as the page's own list prints it.
  function item(row) {
    var element = document.createElement("li");
    ["kind", "level", "region", "year", "title"].forEach(function (field) {
      element.setAttribute("data-" + field, row[ROW[field]] || "");
    });
    element.appendChild(link(row[ROW.slug], row[ROW.title]));
    element.appendChild(span("bg-catalogue-meta", row[ROW.meta]));
    if (row[ROW.incomplete]) {
      element.appendChild(span("bg-catalogue-incomplete", row[ROW.incomplete]));
    }
    if (row[ROW.listed].length) {
      var copies = span("bg-catalogue-copies", row[ROW.copies]);
      row[ROW.listed].forEach(function (copy) {
        copies.appendChild(link(copy[0], copy[0]));
        copies.appendChild(document.createTextNode(copy[1]));
      });
      element.appendChild(copies);
    }
    return element;
  }

  function setUp(block) {
    var list = block.querySelector(".bg-catalogue-list");
    var text = block.querySelector(".bg-catalogue-text");
    var selects = Array.prototype.slice.call(block.querySelectorAll("select[data-field]"));
    var sorter = block.querySelector("select[data-sort]");
    var count = block.querySelector(".bg-catalogue-count");
    var more = block.querySelector(".bg-catalogue-more");
    var collator = new Intl.Collator("zh");
    var rows = list.hasAttribute("data-more") && Array.isArray(window.baogaoCatalogue) ? window.baogaoCatalogue : null;
    var limit = PAGE;
    // What each entry is matched and sorted on, read once: from the data, or
    // from the page's own items.
    var facts = rows
      ? rows.map(function (row) {
          return {
            row: row,
            item: null,
            title: (row[ROW.title] || "").toLowerCase(),
            keys: { year: row[ROW.year], title: row[ROW.title], region: row[ROW.region] },
            values: selects.map(function (select) {
              return row[ROW[select.getAttribute("data-field")]] || "";
            }),
          };
        })
      : Array.prototype.slice.call(list.children).map(function (element) {
          return {
            row: null,
            item: element,
            title: (element.getAttribute("data-title") || "").toLowerCase(),
            keys: {
              year: element.getAttribute("data-year"),
              title: element.getAttribute("data-title"),
              region: element.getAttribute("data-region"),
            },
            values: selects.map(function (select) {
              return element.getAttribute("data-" + select.getAttribute("data-field")) || "";
            }),
          };
        });

    function matches(fact, wanted, words) {
      return (
        wanted.every(function (value, index) {
          return value === "*" || fact.values[index] === value;
        }) &&
        words.every(function (word) {
          return fact.title.indexOf(word) !== -1;
        })
      );
    }

    function filter() {
      var words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = selects.map(function (select) {
        return select.value;
      });
      var shown = 0;
      if (rows) {
        // The matches, in the list's order, a page of them at a time.
        var fragment = document.createDocumentFragment();
        facts.forEach(function (fact) {
          if (matches(fact, wanted, words)) {
            shown += 1;
            if (shown <= limit) {
              fact.item = fact.item || item(fact.row);
              fragment.appendChild(fact.item);
            }
          }
        });
        list.textContent = "";
        list.appendChild(fragment);
        more.parentNode.hidden = shown <= limit;
      } else {
        facts.forEach(function (fact) {
          var keep = matches(fact, wanted, words);
          fact.item.hidden = !keep;
          shown += keep ? 1 : 0;
        });
      }
      var said = shown === facts.length ? "显示全部 " + shown + " 份" : "显示 " + shown + " 份（共 " + facts.length + " 份）";
      count.textContent = said + (rows && shown > limit ? "，已列出前 " + limit + " 份。" : "。");
    }

    function sort() {
      var key = sorter.value;
      facts.sort(function (a, b) {
        var x = a.keys[key] || "";
        var y = b.keys[key] || "";
        if (key === "year") {
          return (y || "0").localeCompare(x || "0") || collator.compare(a.title, b.title);
        }
        return (!x - !y) || collator.compare(x, y);
      });
      if (rows) {
        filter();
        return;
      }
      var fragment = document.createDocumentFragment();
      facts.forEach(function (fact) {
        fragment.appendChild(fact.item);
      });
      list.appendChild(fragment);
    }

    function narrow() {
      limit = PAGE;
      filter();
    }

    text.addEventListener("input", narrow);
    selects.forEach(function (select) {
      select.addEventListener("change", narrow);
    });
    sorter.addEventListener("change", function () {
      limit = PAGE;
      sort();
    });
    if (more) {
      more.addEventListener("click", function () {
        limit += PAGE;
        filter();
      });
    }
    sort();
  }

  function start() {
    document.querySelectorAll(".bg-catalogue").forEach(function (block) {
      if (!block.hasAttribute("data-ready")) {
        block.setAttribute("data-ready", "");
        setUp(block);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
