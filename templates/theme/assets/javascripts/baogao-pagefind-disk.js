// baogao: Pagefind's search on a site opened from disk (file://).
//
// There a browser loads neither Pagefind's ES module nor any file by fetch.
// build.py writes a classic-script twin of pagefind.js (it sets
// window.baogaoPagefind) and, for every index file, a twin script that hands
// its bytes to baogaoPagefindFile(path, base64). This script answers
// Pagefind's fetches of its own files from those twins, and shows results in
// a small list of its own (Pagefind's interface imports the module, which
// the browser refuses). Used by the 搜索 page only when opened from disk.
// Written for baogao.
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }
  var root = new URL("./", document.baseURI); // the search page is at the site's root
  var files = {};

  window.baogaoPagefindFile = function (path, data) {
    if (files[path]) {
      files[path].resolve(data);
    }
  };

  function load(path) {
    if (!files[path]) {
      var entry = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        var script = document.createElement("script");
        script.src = new URL(path + ".js", root).href;
        script.onerror = function () {
          reject(new TypeError("cannot load " + path));
        };
        document.head.appendChild(script);
      });
      files[path] = entry;
    }
    return files[path].promise;
  }

  function bytes(encoded) {
    var text = atob(encoded);
    var result = new Uint8Array(text.length);
    for (var index = 0; index < text.length; index++) {
      result[index] = text.charCodeAt(index);
    }
    return result;
  }

  var fetchFromNetwork = window.fetch;
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input.url, document.baseURI);
    if (url.protocol !== "file:" || url.href.indexOf(root.href) !== 0) {
      return fetchFromNetwork.apply(this, arguments);
    }
    var path = decodeURIComponent(url.pathname.slice(root.pathname.length));
    return load(path).then(function (encoded) {
      var type = /\.pagefind$/.test(path) ? "application/wasm" : "application/octet-stream";
      return new Response(bytes(encoded), { status: 200, headers: { "Content-Type": type } });
    });
  };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (char) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[char];
    });
  }

  // A result's address: Pagefind gives it from the disk's root
  // (/media/usb/site/r0/02.html), as it derives it from where its files are.
  function address(url) {
    return new URL(String(url), document.baseURI).href;
  }

  function render(list, count, query, pages, total) {
    count.textContent = total ? "找到 " + total + " 个结果" + (total > pages.length ? "（显示前 " + pages.length + " 个）" : "") : "没有找到“" + query + "”";
    list.innerHTML = pages
      .slice(0, 10)
      .map(function (page) {
        var sections = (page.sub_results || [])
          .slice()
          .sort(function (a, b) {
            var score = function (sub) {
              return ((sub.title || "").indexOf(query) !== -1 ? 1000 : 0) + (sub.locations || []).length;
            };
            return score(b) - score(a);
          })
          .slice(0, 3)
          .map(function (sub) {
            // Pagefind's excerpt is the page's own escaped text with <mark> around matches.
            return '<li><a href="' + escapeHtml(address(sub.url)) + '">' + escapeHtml(sub.title) + "</a><p>" + sub.excerpt + "</p></li>";
          })
          .join("");
        var title = (page.meta && page.meta.title) || page.url;
        return '<li><a href="' + escapeHtml(address(page.url)) + '">' + escapeHtml(title) + "</a>" +
          (sections ? "<ul>" + sections + "</ul>" : "<p>" + page.excerpt + "</p>") + "</li>";
      })
      .join("");
  }

  window.baogaoSearchFromDisk = function (block, parts) {
    var pagefind = window.baogaoPagefind;
    var box = block.querySelector("input");
    var list = block.querySelector("ol");
    var count = block.querySelector("p");
    if (!pagefind) {
      return false;
    }
    block.hidden = false;
    var ready = pagefind.options({ basePath: new URL("pagefind/", root).href, excerptLength: 12 }).then(function () {
      return Promise.all(parts.map(function (part) {
        return pagefind.mergeIndex(new URL(part, root).href, { excerptLength: 12 });
      }));
    });
    var asked = 0;
    function run() {
      var query = box.value.trim();
      var mine = ++asked;
      if (!query) {
        list.innerHTML = "";
        count.textContent = "";
        return;
      }
      ready
        .then(function () {
          return pagefind.search(query);
        })
        .then(function (found) {
          return Promise.all(found.results.slice(0, 10).map(function (result) {
            return result.data();
          })).then(function (pages) {
            if (mine === asked) {
              render(list, count, query, pages, found.results.length);
            }
          });
        });
    }
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    var asks = new URLSearchParams(location.search).get("q");
    if (asks) {
      box.value = asks;
      run();
    }
    box.focus();
    return true;
  };
})();
