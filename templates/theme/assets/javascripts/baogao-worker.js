// baogao: Web Workers for pages opened from disk (file://).
//
// A browser will not start a Worker from a file:// URL, so Material's search
// worker could not run there. On file:// pages this replaces window.Worker
// with a stand-in that runs the worker's script in a hidden iframe of the
// same page (about:blank, which shares the page's origin): the script gets
// its own globals, `postMessage` and `message` events pass between page and
// iframe, and `importScripts` loads scripts with <script> tags (it returns a
// Promise; Material's worker awaits it). Messages are copied with
// structuredClone, as between a page and a real worker. Elsewhere (http,
// https) nothing changes. Replaces the iframe-worker shim that Material's
// offline plugin loads from a CDN. Written for baogao.
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") {
    return;
  }

  function copy(scope, data) {
    return typeof scope.structuredClone === "function" ? scope.structuredClone(data) : data;
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      var script = new URL(String(url), document.baseURI).href;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      frame.title = "search";
      (document.body || document.documentElement).appendChild(frame);
      var scope = frame.contentWindow;
      var pending = 0; // scripts loading: the worker reads no message meanwhile
      var queue = [];

      this.onmessage = null;
      this.onerror = null;
      this.addEventListener("message", function (event) {
        if (typeof worker.onmessage === "function") worker.onmessage(event);
      });
      this.addEventListener("error", function (event) {
        if (typeof worker.onerror === "function") worker.onerror(event);
      });

      function deliver() {
        if (pending || !queue.length) return;
        var data = queue.shift();
        scope.dispatchEvent(new scope.MessageEvent("message", { data: copy(scope, data) }));
        setTimeout(deliver, 0);
      }
      function load(src) {
        pending++;
        return new Promise(function (resolve, reject) {
          var element = scope.document.createElement("script");
          element.src = new URL(String(src), script).href; // relative to the worker, as in a worker
          element.onload = function () { resolve(); };
          element.onerror = function () { reject(new Error("importScripts: cannot load " + element.src)); };
          scope.document.head.appendChild(element);
        }).finally(function () {
          pending--;
          setTimeout(deliver, 0); // after the script's own promise callbacks
        });
      }

      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, src) {
          return done.then(function () { return load(src); });
        }, Promise.resolve());
      };
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", { data: copy(window, data) });
        setTimeout(function () { worker.dispatchEvent(event); }, 0);
      };
      scope.close = function () { worker.terminate(); };
      scope.addEventListener("error", function (event) {
        worker.dispatchEvent(new ErrorEvent("error", {
          message: event.message, filename: event.filename, lineno: event.lineno, colno: event.colno
        }));
      });
      this._post = function (data) {
        queue.push(data);
        setTimeout(deliver, 0);
      };
      this._frame = frame;
      load(script).catch(function (error) {
        worker.dispatchEvent(new ErrorEvent("error", { message: String(error) }));
      });
    }
    postMessage(data) {
      if (this._post) this._post(data);
    }
    terminate() {
      this._post = null;
      if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
      this._frame = null;
    }
  }

  window.Worker = FrameWorker;
})();
