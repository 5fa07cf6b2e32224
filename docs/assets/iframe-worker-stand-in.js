// Search on a page opened from disk.
//
// Material runs its search in a Web Worker, and Chromium will not start one
// on a file:// page. There, this script puts a stand-in in Worker's place:
// the worker's script runs in a hidden, empty frame of the page, with the
// two things a worker's script calls on its global replaced (postMessage
// answers this object; importScripts loads scripts in order), and messages
// cross both ways as copies, a task later, as they do to a real worker.
//
// Material's offline plugin adds a package from a CDN for this unless a
// polyfill whose path holds "iframe-worker" is listed (mkdocs.yml): hence
// this file's name. Served over http(s), the page keeps the real Worker.
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  /** Load the scripts into a document one after another; resolves when the last has run.
   *  @param {Document} doc @param {string[]} urls @returns {Promise<void>} */
  function loadInOrder(doc, urls) {
    return urls.reduce(function (before, url) {
      return before.then(function () {
        return new Promise(function (loaded, failed) {
          var script = doc.createElement("script");
          script.src = new URL(url, location.href).href;
          script.onload = function () { loaded(undefined); };
          script.onerror = function () { failed(new Error("could not load " + url)); };
          doc.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  class FrameWorker extends EventTarget {
    /** @param {string | URL} url */
    constructor(url) {
      super();
      /** @type {((event: MessageEvent) => void) | null} */
      this.onmessage = null;
      /** @type {((event: ErrorEvent) => void) | null} */
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.title = "search";
      document.body.appendChild(this.frame);
      var outside = this;
      var inside = /** @type {any} */ (this.frame.contentWindow);
      inside.postMessage = function (/** @type {unknown} */ data) {
        var copy = structuredClone(data);
        setTimeout(function () { outside.emit(new MessageEvent("message", { data: copy })); }, 0);
      };
      inside.importScripts = function (/** @type {string[]} */ ...urls) {
        return loadInOrder(inside.document, urls);
      };
      inside.addEventListener("error", function (/** @type {ErrorEvent} */ event) {
        outside.emit(new ErrorEvent("error", { message: event.message, filename: event.filename,
                                               lineno: event.lineno, colno: event.colno, error: event.error }));
      });
      this.ready = loadInOrder(inside.document, [String(url)]);
      this.ready.catch(function (/** @type {Error} */ error) {
        outside.emit(new ErrorEvent("error", { message: error.message, error: error }));
      });
    }

    /** Dispatch to listeners and to the on- handler, as a Worker does. @param {Event} event */
    emit(event) {
      this.dispatchEvent(event);
      var handler = event.type === "message" ? this.onmessage : this.onerror;
      if (handler) {
        handler.call(this, /** @type {any} */ (event));
      }
    }

    /** @param {unknown} data */
    postMessage(data) {
      var copy = structuredClone(data);
      var frame = this.frame;
      this.ready.then(function () {
        var inside = frame.contentWindow;
        if (inside) {
          inside.dispatchEvent(new MessageEvent("message", { data: copy }));
        }
      }, function () {});
    }

    terminate() {
      this.frame.remove();
    }
  }

  // Material's worker looks for this name on its parent to find where its language scripts lie.
  /** @type {any} */ (window).IFrameWorker = FrameWorker;
  /** @type {any} */ (window).Worker = FrameWorker;
})();
