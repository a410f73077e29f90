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
//     query is asked again with them optional.
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
        var strict = rewrite(message.data, true);
        var loose = rewrite(message.data, false);
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
