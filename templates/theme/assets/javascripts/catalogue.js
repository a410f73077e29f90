// The home page's catalogue: narrow the list of reports by kind, level,
// region, year and words of the title, and sort it; counts follow.
// Written for baogao; no library. Works offline and from disk.
(function () {
  "use strict";

  function setUp(block) {
    var list = block.querySelector(".bg-catalogue-list");
    var items = Array.prototype.slice.call(list.children);
    var text = block.querySelector(".bg-catalogue-text");
    var selects = Array.prototype.slice.call(block.querySelectorAll("select[data-field]"));
    var sorter = block.querySelector("select[data-sort]");
    var count = block.querySelector(".bg-catalogue-count");
    var collator = new Intl.Collator("zh");
    // What each item is matched on, read once.
    var facts = items.map(function (item) {
      return {
        item: item,
        title: (item.getAttribute("data-title") || "").toLowerCase(),
        values: selects.map(function (select) {
          return item.getAttribute("data-" + select.getAttribute("data-field")) || "";
        }),
      };
    });

    function filter() {
      var words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = selects.map(function (select) {
        return select.value;
      });
      var shown = 0;
      facts.forEach(function (fact) {
        var keep = wanted.every(function (value, index) {
          return value === "*" || fact.values[index] === value;
        }) && words.every(function (word) {
          return fact.title.indexOf(word) !== -1;
        });
        fact.item.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      count.textContent = shown === facts.length ? "显示全部 " + shown + " 份。" : "显示 " + shown + " 份（共 " + facts.length + " 份）。";
    }

    function sort() {
      var key = sorter.value;
      var sorted = facts.slice().sort(function (a, b) {
        var x = a.item.getAttribute("data-" + key) || "";
        var y = b.item.getAttribute("data-" + key) || "";
        if (key === "year") {
          return (y || "0").localeCompare(x || "0") || collator.compare(a.title, b.title);
        }
        return (!x - !y) || collator.compare(x, y);
      });
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (fact) {
        fragment.appendChild(fact.item);
      });
      list.appendChild(fragment);
    }

    text.addEventListener("input", filter);
    selects.forEach(function (select) {
      select.addEventListener("change", filter);
    });
    sorter.addEventListener("change", sort);
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
