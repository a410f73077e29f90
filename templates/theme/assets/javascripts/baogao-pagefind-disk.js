// baogao: Pagefind's search on a site opened from disk (file://).
//
// There a browser loads neither Pagefind's ES module nor any file by fetch.
// build.py writes a classic-script twin of pagefind.js (it sets
// window.baogaoPagefind) and, for every index file, a twin script that hands
// its bytes to baogaoPagefindFile(path, base64). This script answers
// Pagefind's fetches of its own files from those twins; the page's own
// interface (baogao-search-page.js) runs on the twin as it runs on the
// module over HTTP. Used by the 搜索 page only when opened from disk.
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
})();
