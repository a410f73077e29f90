// baogao's search worker: Material's worker, with Chinese queries segmented
// the way the index was (jieba words, joined by U+200B).
//
// Material segments each run of Han characters in a query against its index,
// but never tries the whole run as one word, so 教师 becomes a search for 教*.
// This worker rewrites a query before Material reads it:
//   - a run of digits or Latin letters is set apart from Han text
//     (3412.55万元 -> 3412.55 万元), as the index sets them apart;
//   - a Han run is cut into the index's words by longest match, helped by
//     Intl.Segmenter where the browser has it;
//   - each word the index holds gets a trailing U+3007 (〇, a Han character),
//     which lets Material's segmenter take the word whole and then drops it.
// Written for baogao.
"use strict";

var HAN = /\p{Script=Han}+/gu;
var SENTINEL = "\u3007";
var MAX_WORD = 8;
var SETUP = 0;
var QUERY = 2;
var vocabulary = new Set();

function learn(message) {
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
  var pieces = [run];
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    pieces = Array.from(segmenter.segment(run), function (part) {
      return part.segment;
    });
  }
  var words = [];
  pieces.forEach(function (piece) {
    words.push.apply(words, vocabulary.has(piece) ? [piece] : longestMatch(piece));
  });
  return words.map(function (word) {
    return vocabulary.has(word) ? word + SENTINEL : word;
  });
}

function rewrite(query) {
  return query
    .replace(HAN, function (run) {
      return " " + segmentRun(run).join(" ") + " ";
    })
    .replace(/\s+/g, " ")
    .trim();
}

// Material registers its message listener when its script runs: wrap it so
// that every message passes through here first.
var addListener = self.addEventListener.bind(self);
self.addEventListener = function (type, listener, options) {
  if (type !== "message") {
    return addListener(type, listener, options);
  }
  return addListener(
    type,
    function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        learn(message);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: rewrite(message.data) };
      }
      return listener.call(self, { data: message });
    },
    options
  );
};

importScripts(new URL(self.location.href).searchParams.get("worker"));
