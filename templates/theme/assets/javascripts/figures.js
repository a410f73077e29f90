// Figures table: click a column heading to sort, type in the box to filter.
// Written for baogao; no library.
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!numeric) {
      return cell.textContent;
    }
    var value = parseFloat(cell.getAttribute("data-value"));
    return isNaN(value) ? -Infinity : value;
  }

  function makeSortable(table) {
    var headings = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headings, function (heading, index) {
      heading.setAttribute("role", "button");
      heading.tabIndex = 0;
      function sort() {
        var numeric = heading.getAttribute("data-sort") === "number";
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) {
          other.removeAttribute("aria-sort");
        });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric);
          var y = cellValue(b, index, numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "zh");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      }
      heading.addEventListener("click", sort);
      heading.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  function makeFilterable(box, table) {
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
      });
    });
  }

  function setUp() {
    document.querySelectorAll(".bg-figures").forEach(function (block) {
      var table = block.querySelector("table");
      var box = block.querySelector(".bg-figures-filter");
      if (table && !table.hasAttribute("data-ready")) {
        table.setAttribute("data-ready", "");
        makeSortable(table);
        if (box) {
          makeFilterable(box, table);
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
