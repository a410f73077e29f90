// baogao's search worker: Material's worker, with Chinese queries segmented
// the way the index was (jieba words, joined by U+200B).
//
// Material segments each run of Han characters in a query against its index,
// but never tries the whole run as one word, so 教师 becomes a search for 教*.
// This worker rewrites a query before Material reads it:
//   - a run of digits or Latin letters is set apart from Han text
//     (3412.55万元 -> 3412.55 万元), as the index sets them apart;
//   - a Han run is cut into the index's words by longest match; characters
//     the index has no word for are cut by Intl.Segmenter;
//   - each word the index holds gets a trailing U+3007 (〇, a Han character),
//     which lets Material's segmenter take the word whole and then drops it;
//   - the words of one query are all required (+); if that finds nothing the
//     query is asked again with them optional;
//   - digits, Latin letters, points and percent signs printed full-width
//     (３３．５％) are read half-width, in the index and in the query;
//   - each page in the results names its report (title, kind, region, year:
//     baogao-reports.js, written by build.py beside this script).
// Written for baogao.
"use strict";

var HAN = /\p{Script=Han}+/gu;
var SENTINEL = "\u3007";
var MAX_WORD = 8;
var SETUP = 0;
var QUERY = 2;
var vocabulary = new Set();

// Full-width digits, letters, point and percent (３３．５％ ＡＢＣ) as half-width.
var WIDE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05]/g;
function fold(text) {
  return text
    .replace(WIDE, function (char) {
      return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
    })
    .replace(/(\d)\uFF0E(?=\d)/g, "$1.");
}

function learn(message) {
  message.data.docs.forEach(function (doc) {
    if (typeof doc.title === "string") {
      doc.title = fold(doc.title);
    }
    if (typeof doc.text === "string") {
      doc.text = fold(doc.text);
    }
  });
  var separator = new RegExp(message.data.config.separator || "[\\s\\u200b]+", "u");
  message.data.docs.forEach(function (doc) {
    [doc.title, doc.text].forEach(function (field) {
      if (typeof field !== "string") {
        return;
      }
      field.split(separator).forEach(function (word) {
        if (word.length <= MAX_WORD && /^\p{Script=Han}+$/u.test(word)) {
          vocabulary.add(word);
        }
      });
    });
  });
}

function longestMatch(run) {
  var words = [];
  var start = 0;
  while (start < run.length) {
    var end = Math.min(run.length, start + MAX_WORD);
    while (end > start + 1 && !vocabulary.has(run.slice(start, end))) {
      end--;
    }
    words.push(run.slice(start, end));
    start = end;
  }
  return words;
}

function segmentRun(run) {
  // The index's own words first (longest match); the browser's segmenter
  // only where the index knows none of the characters' words.
  var words = [];
  longestMatch(run).forEach(function (word) {
    if (vocabulary.has(word) || typeof Intl === "undefined" || !Intl.Segmenter) {
      words.push(word);
      return;
    }
    var last = words.length - 1;
    if (last >= 0 && !vocabulary.has(words[last])) {
      words[last] += word; // gather unknown characters, segment them together
    } else {
      words.push(word);
    }
  });
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  var result = [];
  words.forEach(function (word) {
    if (vocabulary.has(word) || !segmenter) {
      result.push(word);
      return;
    }
    Array.from(segmenter.segment(word), function (part) {
      result.push(part.segment);
    });
  });
  return result;
}

// A query typed without spaces means all of its words: each becomes a
// required term (+), and a word the index holds gets the trailing sentinel.
function rewrite(query, required) {
  var parts = [];
  query
    .replace(HAN, function (run) {
      return " " + run + " ";
    })
    .trim()
    .split(/\s+/)
    .forEach(function (part) {
      if (!/^\p{Script=Han}+$/u.test(part)) {
        parts.push(part);
        return;
      }
      segmentRun(part).forEach(function (word) {
        parts.push(vocabulary.has(word) ? word + SENTINEL : word);
      });
    });
  if (required && parts.length > 1) {
    parts = parts.map(function (part) {
      return /^[+-]/.test(part) ? part : "+" + part;
    });
  }
  return parts.join(" ");
}

// The report each result's page belongs to: baogao-reports.js sets
// self.baogaoReports = {slug: [title, "自评报告 · 甘肃省张掖市 · 2023年"]}. A site
// built by a plain `mkdocs build` may lack it; results then name pages only.
try {
  var loading = importScripts("baogao-reports.js");
  if (loading && typeof loading.catch === "function") {
    loading.catch(function () {});
  }
} catch (error) {
  self.baogaoReports = null;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, function (char) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[char];
  });
}

// A page's result (not a section's) gets a line naming its report; the
// overview, whose title is the report's, gets its kind, region and year.
function nameReports(items) {
  var reports = self.baogaoReports;
  if (!reports) {
    return;
  }
  items.forEach(function (group) {
    group.forEach(function (item) {
      var parts = String(item.location || "").split("/");
      var report = parts.length > 1 && item.location.indexOf("#") === -1 ? reports[parts[0]] : null;
      if (!report) {
        return;
      }
      var overview = parts[1] === "" || parts[1] === "index.html";
      var line = overview ? report[1] : report[0] + (report[1] ? " · " + report[1] : "");
      if (line) {
        item.title += '<span class="bg-result-report">' + escapeHtml(line) + "</span>";
      }
    });
  });
}

// Material registers its message listener when its script runs: wrap it so
// that every message passes through here first. When a query with required
// terms finds nothing, it is asked again with the terms optional.
var RESULT = 3;
var materialListener = null;
var relaxed = null;
var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === RESULT && relaxed !== null && !message.data.items.length) {
    var retry = relaxed;
    relaxed = null;
    materialListener.call(self, { data: { type: QUERY, data: retry } });
    return;
  }
  relaxed = null;
  if (message && message.type === RESULT && message.data && message.data.items) {
    nameReports(message.data.items);
  }
  post(message);
};
var addListener = self.addEventListener.bind(self);
self.addEventListener = function (type, listener, options) {
  if (type !== "message") {
    return addListener(type, listener, options);
  }
  materialListener = listener;
  return addListener(
    type,
    function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        learn(message);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        var query = fold(message.data);
        var strict = rewrite(query, true);
        var loose = rewrite(query, false);
        relaxed = strict !== loose ? loose : null;
        message = { type: QUERY, data: strict };
      }
      return listener.call(self, { data: message });
    },
    options
  );
};

// This script's URL carries Material's worker (?worker=…). In a page opened
// from disk the worker runs in an iframe (baogao-worker.js), where location
// is the iframe's: the URL is then the <script> element's.
var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
importScripts(new URL(here).searchParams.get("worker"));
