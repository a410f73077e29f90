// baogao: the 搜索 page of a large site, over Pagefind's section records.
//
// build.py indexes every section of every report as a record of its own
// (baogao/build/sections.py), one Han character to a word, digits and
// letters width folded. This script asks Pagefind for a query's characters
// and keeps the sections where they stand side by side (Pagefind ranks by
// how often and where, a heading above the text, but does not know order);
// of the first of them, read whole, those whose heading holds the query
// come first. Each result names its report, year and region, and opens the
// section at the match, highlighted (a text fragment). Filters narrow the
// results to one report, kind or year. The same script serves the page over
// HTTP (Pagefind's module) and from disk (its classic-script twin; see
// baogao-pagefind-disk.js). Written for baogao.
(function () {
  "use strict";
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3ffff}";
  var HAN_CHAR = new RegExp("([" + HAN + "])", "u");
  // Characters a space the index put in may stand beside: Han, digits,
  // Latin letters (the index sets each apart: G D P), and CJK and full-width
  // punctuation. (Words of Latin text lose their spaces in an excerpt; the
  // page shows them as printed.)
  var CLOSE = new RegExp("[" + HAN + "\\u3000-\\u303f\\uff00-\\uffef0-9A-Za-z]", "u");
  var WIDE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05]/g;
  // White space and the marks of Chinese text end a word, even between two
  // numbers (1.41%、2.92%), as baogao/build/sections.py (CJK_MARKS) cuts the index.
  var CJK_MARKS = /[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7]+/;
  var PAGE = 10;
  // Results read whole to be put in order (two pages' worth).
  var CHECKED = 20;
  // Words shown on either side of the match.
  var EXCERPT_AROUND = 14;

  // Full-width digits, letters, percent and the point between digits, half-width
  // (as baogao/build/sections.py folds the index).
  function fold(text) {
    return text
      .replace(WIDE, function (char) {
        return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
      })
      .replace(/(\d)\uFF0E(?=\d)/g, "$1.");
  }

  // The query as the index holds it: each Han character, digit and letter a
  // word, punctuation and white space between them dropped (3412.55万元 is
  // 3 4 1 2 5 5 万 元, GDP is G D P).
  function words(query) {
    var found = [];
    fold(query)
      .split(HAN_CHAR)
      .forEach(function (piece) {
        if (HAN_CHAR.test(piece)) {
          found.push(piece);
        } else {
          piece.split(CJK_MARKS).forEach(function (run) {
            run.split(/([0-9A-Za-z])/).forEach(function (part) {
              if (/[\p{L}\p{N}]/u.test(part)) {
                found.push(part);
              }
            });
          });
        }
      });
    return found;
  }

  // The longest run of consecutive word positions among a result's matches.
  function longestRun(positions) {
    var sorted = positions.slice().sort(function (a, b) {
      return a - b;
    });
    var best = sorted.length ? 1 : 0;
    var current = 1;
    for (var index = 1; index < sorted.length; index++) {
      if (sorted[index] === sorted[index - 1] + 1) {
        current += 1;
        best = Math.max(best, current);
      } else if (sorted[index] !== sorted[index - 1]) {
        current = 1;
      }
    }
    return best;
  }

  // The query's parts a reader set apart with spaces, each as its words.
  function groups(query) {
    return query
      .split(/[\s\u3000]+/)
      .map(words)
      .filter(function (group) {
        return group.length;
      });
  }

  // The sections where the words of a part of the query stand side by side
  // (a run of positions as long as the longest part), in Pagefind's order;
  // only where none does, every section that holds the words at all.
  function ranked(results, parts) {
    var longest = Math.max.apply(
      null,
      parts.map(function (group) {
        return group.length;
      })
    );
    var together = results.filter(function (result) {
      return longestRun(result.words || []) >= longest;
    });
    return together.length ? together : results;
  }

  // Pagefind's excerpt is the record's escaped text with <mark> around
  // matches; the spaces the index put beside Han characters are taken out.
  function joined(excerpt) {
    var parts = excerpt.replace(/<\/mark>(\s*)<mark>/g, "$1").split(/(<\/?mark>)/);
    var text = parts.map(function (part) {
      return /^<\/?mark>$/.test(part) ? "" : part;
    });
    var out = "";
    var before = "";
    parts.forEach(function (part, number) {
      if (/^<\/?mark>$/.test(part)) {
        out += part;
        return;
      }
      for (var index = 0; index < part.length; index++) {
        var char = part[index];
        if (!/\s/.test(char)) {
          out += char;
          before = char;
          continue;
        }
        var rest = part.slice(index + 1) + text.slice(number + 1).join("");
        var after = rest.replace(/^\s+/, "").charAt(0);
        if (!CLOSE.test(before) && !CLOSE.test(after) && !/\s$/.test(out)) {
          out += " ";
        }
      }
    });
    return out;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (char) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[char];
    });
  }

  function plain(markup) {
    var element = document.createElement("div");
    element.innerHTML = markup;
    return element.textContent || "";
  }

  // The section's address, opening at the match, highlighted: a text
  // fragment of the longest marked words (the query's, side by side), after
  // the word before them. A browser finds a text fragment only from one word
  // boundary to another, so both are widened to whole words (as the
  // browser's own Intl.Segmenter cuts them); where the page prints
  // something else, the browser opens at the section's heading.
  function address(root, record, excerpt) {
    var target = new URL((record.meta && record.meta.url) || record.url, root).href;
    var marks = /<mark>([\s\S]*?)<\/mark>/g;
    var match = null;
    for (var found = marks.exec(excerpt); found; found = marks.exec(excerpt)) {
      if (!match || found[1].length > match[1].length) {
        match = [excerpt.slice(0, found.index), found[1], excerpt.slice(found.index + found[0].length)];
      }
    }
    if (!match) {
      return target;
    }
    var before = plain(match[0]);
    var text = before + plain(match[1]) + plain(match[2]);
    var start = before.length;
    var end = start + plain(match[1]).length;
    var prefix = "";
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var cuts = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(text));
      cuts.forEach(function (cut) {
        var to = cut.index + cut.segment.length;
        if (cut.index < start && to > start) {
          start = cut.index;
        }
        if (cut.index < end && to > end) {
          end = to;
        }
      });
      var previous = cuts.filter(function (cut) {
        return cut.index + cut.segment.length <= start && cut.isWordLike;
      }).pop();
      prefix = previous ? text.slice(previous.index, start) : "";
    }
    var encode = function (words) {
      return encodeURIComponent(words.trim()).replace(/[-,&]/g, function (char) {
        return "%" + char.charCodeAt(0).toString(16).toUpperCase();
      });
    };
    var directive = (prefix.trim() ? encode(prefix) + "-," : "") + encode(text.slice(start, end));
    return target + (target.indexOf("#") < 0 ? "#" : "") + ":~:text=" + directive;
  }

  // The words around the first place the record's text holds the query's
  // first part side by side, that part marked: Pagefind's own excerpt is the
  // stretch with the most matching characters, which for a query read one
  // character to a word may be anywhere. Null where the text does not hold it.
  function excerptAt(content, parts, from) {
    var tokens = (content || "").split(" ");
    var keys = tokens.map(function (token) {
      return words(token).join(" ").toLowerCase();
    });
    var wanted = parts[0].map(function (word) {
      return word.toLowerCase();
    });
    for (var start = from || 0; start + wanted.length <= keys.length; start++) {
      var end = start;
      var next = 0;
      // A token may hold several words (none here but a stray "3G网"): match word by word.
      while (next < wanted.length && end < keys.length) {
        var inToken = keys[end] ? keys[end].split(" ") : [];
        if (!inToken.length || inToken.some(function (word) { return word !== wanted[next++]; })) {
          next = -1;
          break;
        }
        end++;
      }
      if (next === wanted.length) {
        var piece = function (from, to) {
          return escapeHtml(tokens.slice(Math.max(0, from), to).join(" "));
        };
        // Marks that go with the first or last word stay outside the mark.
        var marked = tokens.slice(start, end).join(" ");
        var lead = /^[^\p{L}\p{N}]*/u.exec(marked)[0];
        var trail = /[^\p{L}\p{N}]*$/u.exec(marked.slice(lead.length))[0];
        var core = marked.slice(lead.length, marked.length - trail.length);
        return (
          piece(start - EXCERPT_AROUND, start) + " " + escapeHtml(lead) + "<mark>" + escapeHtml(core) + "</mark>" +
          escapeHtml(trail) + " " + piece(end, end + EXCERPT_AROUND)
        );
      }
    }
    return null;
  }

  function render(state, records) {
    state.list.innerHTML = records
      .map(function (record) {
        // The text's own words first: the record begins with its heading, which the result shows already.
        var heading = words((record.meta && record.meta.title) || "").length;
        var found = excerptAt(record.content, state.parts, heading) || excerptAt(record.content, state.parts, 0);
        var marked = joined(found || record.excerpt || "");
        // A section from the index of headings holds its heading alone: the
        // match, where the link opens; its text shows with the full list.
        var excerpt = record.headingOnly ? "" : marked;
        var meta = record.meta || {};
        var filters = record.filters || {};
        var first = function (values) {
          return values && values.length ? values[0] : "";
        };
        var about = [first(filters.report) + (meta.copy || ""), first(filters.year), meta.region]
          .filter(Boolean)
          .map(escapeHtml)
          .join(" · ");
        return (
          '<li class="bg-result"><a class="bg-result-title" href="' + escapeHtml(address(state.root, record, marked)) + '">' +
          escapeHtml(meta.title || first(filters.report)) + "</a>" +
          (about ? '<p class="bg-result-report">' + about + "</p>" : "") +
          '<p class="bg-result-excerpt">' + excerpt + "</p></li>"
        );
      })
      .join("");
  }

  function chosenFilters(state) {
    var chosen = {};
    state.selects.forEach(function (select) {
      if (select.value) {
        chosen[select.name] = [select.value];
      }
    });
    return chosen;
  }

  function run(state) {
    var query = state.box.value.trim();
    var asked = ++state.asked;
    var parts = groups(query);
    var terms = [].concat.apply([], parts);
    state.parts = parts;
    state.block.setAttribute("data-state", "searching");
    if (!terms.length) {
      // Nothing typed, or only marks and spaces: nothing to look for.
      state.list.innerHTML = "";
      state.count.textContent = query ? "没有找到“" + query + "”" : "";
      state.more.hidden = true;
      state.block.setAttribute("data-state", query ? "done" : "idle");
      return;
    }
    var filters = chosenFilters(state);
    early(state, asked, terms.join(" "), filters, parts);
    state.ready
      .then(function () {
        return state.pagefind.search(terms.join(" "), { filters: filters });
      })
      .then(function (found) {
        if (asked !== state.asked) {
          return;
        }
        var results = ranked(found.results, parts);
        var first = results.slice(0, CHECKED);
        return read(first).then(function (records) {
          if (asked !== state.asked) {
            return;
          }
          state.done = asked;
          state.records = inOrder(records, parts);
          state.results = results.slice(first.length);
          state.shown = 0;
          state.count.textContent = results.length
            ? "“" + query + "”：找到 " + results.length + " 个结果"
            : "没有找到“" + query + "”";
          return showMore(state, asked);
        });
      });
  }

  // Sections whose heading holds the query, from the small index of
  // headings alone (one record a report, each heading a sub-result whose id
  // is the section's address in the report's folder), shown while the
  // search of every section's text is still running; that search puts them
  // first too, and then shows its own list.
  var EARLY_REPORTS = 8;
  function early(state, asked, query, filters, parts) {
    if (!state.headings) {
      return;
    }
    state.headings
      .then(function (headings) {
        return headings && headings.search(query, { filters: filters });
      })
      .then(function (found) {
        if (!found || asked !== state.asked || state.done === asked) {
          return;
        }
        return read(found.results.slice(0, EARLY_REPORTS)).then(function (records) {
          if (asked !== state.asked || state.done === asked) {
            return;
          }
          var sections = [];
          records.forEach(function (record) {
            (record.sub_results || []).forEach(function (sub) {
              var title = plain(joined(escapeHtml(sub.title || "")));
              if (!holds(title, parts)) {
                return;
              }
              var id = sub.url.slice(sub.url.indexOf("#") + 1);
              try {
                id = decodeURIComponent(id);
              } catch (error) {
                // Not encoded: as it is.
              }
              var meta = Object.assign({}, record.meta, { title: title, url: (record.meta.url || "") + id });
              sections.push({ meta: meta, filters: record.filters, content: sub.title, headingOnly: true });
            });
          });
          if (sections.length) {
            render(state, inOrder(sections, parts).slice(0, PAGE));
          }
        });
      })
      .catch(function () {
        // Without the index of headings, the search of every section's text shows all.
      });
  }

  // Whether `text` holds each part of the query, its words side by side.
  function holds(text, parts) {
    var found = " " + words(text || "").join(" ") + " ";
    return parts.every(function (group) {
      return found.indexOf(" " + group.join(" ") + " ") >= 0;
    });
  }

  // The first records, read whole: those whose heading holds the query's
  // words in their order first, the heading the query is more of (a heading
  // about it) before one that names it in passing; then those whose text
  // holds them; then the rest. A copy of a report comes after its fullest
  // copy.
  function inOrder(records, parts) {
    var count = 0;
    var wanted = parts.map(function (group) {
      count += group.length;
      return " " + group.join(" ") + " ";
    });
    var share = function (text) {
      var found = " " + words(text || "").join(" ") + " ";
      var all = wanted.every(function (group) {
        return found.indexOf(group) >= 0;
      });
      return all ? count / Math.max(1, found.split(" ").length - 2) : 0;
    };
    return records
      .map(function (record, index) {
        var heading = share(record.meta && record.meta.title);
        var copy = record.meta && record.meta.copy ? 1 : 0;
        return { record: record, heading: heading, text: heading || share(record.content) ? 1 : 0, copy: copy, index: index };
      })
      .sort(function (a, b) {
        return b.heading - a.heading || b.text - a.text || a.copy - b.copy || a.index - b.index;
      })
      .map(function (entry) {
        return entry.record;
      });
  }

  // The records of Pagefind's results (each its fragment, loaded on demand).
  function read(results) {
    return Promise.all(
      results.map(function (result) {
        return result.data();
      })
    );
  }

  // Shows the next page of results: from the records read whole, then
  // from the rest, read as they are shown.
  function showMore(state, asked) {
    var missing = Math.max(0, state.shown + PAGE - state.records.length);
    var next = state.results.splice(0, missing);
    return read(next).then(function (records) {
      if (asked !== state.asked) {
        return;
      }
      state.records = state.records.concat(records);
      state.shown = Math.min(state.shown + PAGE, state.records.length);
      render(state, state.records.slice(0, state.shown));
      state.more.hidden = state.shown >= state.records.length && !state.results.length;
      state.block.setAttribute("data-state", "done");
    });
  }

  function fillFilters(state, filters) {
    state.selects.forEach(function (select) {
      var values = Object.keys(filters[select.name] || {}).sort(function (a, b) {
        // Years newest first; names in the order of their characters.
        return select.name === "year" ? b.localeCompare(a) : a.localeCompare(b, "zh");
      });
      select.innerHTML =
        '<option value="">全部' + escapeHtml(select.closest("label").textContent.trim()) + "</option>" +
        values
          .map(function (value) {
            return '<option value="' + escapeHtml(value) + '">' + escapeHtml(value) + "</option>";
          })
          .join("");
      select.closest("label").hidden = values.length < 2;
    });
  }

  // Starts the page's search: `pagefind` is Pagefind's module or its
  // classic twin, `bundle` its folder's address, `parts` the other parts'
  // folders (a large site is indexed in parts; results merge), `headings` a
  // promise of the index of headings alone (over HTTP; null from disk).
  window.baogaoSearchPage = function (block, pagefind, bundle, parts, headings) {
    var root = new URL("./", document.baseURI); // the search page is at the site's root
    var state = {
      block: block,
      pagefind: pagefind,
      root: root,
      box: block.querySelector("input[type=search]"),
      list: block.querySelector(".bg-results"),
      count: block.querySelector(".bg-results-count"),
      more: block.querySelector(".bg-results-more"),
      selects: Array.prototype.slice.call(block.querySelectorAll("select")),
      asked: 0,
      results: [],
      records: [],
      shown: 0,
      headings: headings || null,
    };
    block.hidden = false;
    if (state.headings) {
      // Its first search compiles its code: pay that now, not on the first keypress.
      state.headings.then(function (module) {
        return module && module.search("搜");
      });
    }
    state.ready = pagefind
      .options({ basePath: bundle, excerptLength: 24 })
      .then(function () {
        return Promise.all(
          parts.map(function (part) {
            return pagefind.mergeIndex(new URL(part, root).href, { excerptLength: 24 });
          })
        );
      })
      .then(function () {
        return pagefind.filters();
      })
      .then(function (filters) {
        fillFilters(state, filters);
        // A page's first search pays once for compiling Pagefind's search
        // code and loading a first index chunk: pay it now, not on the
        // reader's first keypress.
        return pagefind.search("搜");
      });
    var timer = null;
    state.box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        run(state);
      }, 30);
    });
    state.selects.forEach(function (select) {
      select.addEventListener("change", function () {
        run(state);
      });
    });
    state.more.addEventListener("click", function () {
      showMore(state, state.asked);
    });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      state.box.value = asked;
      run(state);
    }
    state.box.focus();
    return true;
  };
})();
