// Search without a server. Material runs its search in a Web Worker, and
// Chromium will not start a Worker from a page opened from disk (file://).
// On file:// pages only, this file replaces `Worker` with a stand-in that runs
// the worker's script inside a hidden iframe of the same page and carries the
// messages both ways. Over http(s) it does nothing.
//
// Its name contains "iframe-worker" on purpose: Material's offline plugin
// then leaves it alone instead of adding a polyfill from a CDN.
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  // Load scripts into a document one after another; resolves when all ran.
  function loadInOrder(doc, urls) {
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = doc.createElement("script");
          script.src = new URL(url, location.href).href;
          script.onload = function () { resolve(); };
          script.onerror = function () { reject(new Error("could not load " + url)); };
          doc.head.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._queue = [];
      this._frame = document.createElement("iframe");
      this._frame.hidden = true;
      this._frame.setAttribute("aria-hidden", "true");
      this._frame.tabIndex = -1;
      (document.body || document.documentElement).appendChild(this._frame);
      var scope = this._frame.contentWindow;
      // What the worker's script sees as its global scope.
      scope.postMessage = this._deliver.bind(this, "message");
      scope.importScripts = function () {
        return loadInOrder(scope.document, Array.prototype.slice.call(arguments));
      };
      loadInOrder(scope.document, [url]).then(this._flush.bind(this), this._fail.bind(this));
    }

    // Page to worker: queued until the worker's script has run.
    postMessage(data) {
      if (this._queue === null) {
        this._send(data);
      } else {
        this._queue.push(data);
      }
    }

    terminate() {
      this._queue = [];
      this._frame.remove();
    }

    _flush() {
      var waiting = this._queue;
      this._queue = null;
      waiting.forEach(this._send, this);
    }

    _send(data) {
      var scope = this._frame.contentWindow;
      setTimeout(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
      }, 0);
    }

    // Worker to page, asynchronous like a real worker's messages.
    _deliver(type, data) {
      var self = this;
      setTimeout(function () {
        var event = type === "message" ? new MessageEvent("message", { data: data }) : new Event("error");
        var handler = type === "message" ? self.onmessage : self.onerror;
        if (typeof handler === "function") {
          handler.call(self, event);
        }
        self.dispatchEvent(event);
      }, 0);
    }

    _fail(error) {
      console.error("Search is unavailable: " + error.message);
      this._deliver("error");
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
