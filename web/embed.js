// Replica embeds for documentation and papers: include this script, then write
//
//   <replica-task task="sha256sum"></replica-task>
//   <replica-report src="report.json" wasm="attempt.wasm"></replica-report>
//   <replica-report><script type="application/json">{ …a report… }</script></replica-report>
//
// Each element shows an iframe onto the Replica app (`#/embed/...`), which posts its height
// so the frame fits its content. The app's URL is the `src` attribute of <replica-task>,
// the `app` attribute of either element, or else the folder this script was loaded from
// (the static bundle puts embed.js beside index.html). Plain JavaScript, no dependencies,
// nothing fetched but the app itself. See docs/embedding.md.
(function () {
  'use strict';
  if (window.customElements.get('replica-task')) return; // the script was included twice

  var script = document.currentScript;
  var HERE = script && script.src ? new URL('./', script.src).href : new URL('./', document.baseURI).href;
  // Before the app reports its height, a frame is this tall.
  var INITIAL_HEIGHT = 420;

  function absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  function appUrl(el, attr) {
    var app = el.getAttribute(attr) || HERE;
    app = absolute(app);
    return app.split('#')[0];
  }

  // Frames start one after another, in document order: the first is interactive sooner
  // (it does not share the connection with the others), and the next ones find the app in
  // the HTTP cache where the host allows caching. The next frame starts when the app in
  // the current one posts `replica:loaded` (its task or report is shown, or why not), or
  // a while after the frame loaded without doing so (a wrong app URL), so one broken
  // frame never holds the others back.
  var queue = [];
  var busy = null;
  var GIVE_UP_MS = 10000;

  function startNext() {
    busy = queue.shift() || null;
    if (!busy) return;
    var frame = busy._frame;
    frame.addEventListener('load', function () {
      setTimeout(function () { release(frame); }, GIVE_UP_MS);
    }, { once: true });
    frame.src = frame.dataset.src;
  }

  function release(frame) {
    if (busy && busy._frame === frame) startNext();
  }

  function enqueue(el) {
    queue.push(el);
    if (!busy) startNext();
  }

  // Messages from the frames: each is matched to its element by the window that sent it.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.type !== 'string' || data.type.indexOf('replica:') !== 0) return;
    var all = document.querySelectorAll('replica-task, replica-report');
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (el._frame && el._frame.contentWindow === event.source) {
        el._onMessage(data, event);
        return;
      }
    }
  });

  function defineEmbed(name, route) {
    class Embed extends HTMLElement {
      connectedCallback() {
        if (this._frame) return;
        // Children (an inline report) are parsed after the element itself: wait for them.
        if (document.readyState === 'loading') {
          document.addEventListener('DOMContentLoaded', this.connectedCallback.bind(this), { once: true });
          return;
        }
        var root = this.shadowRoot || this.attachShadow({ mode: 'open' });
        var style = document.createElement('style');
        style.textContent =
          ':host{display:block;margin:1rem 0}' +
          'iframe{display:block;width:100%;border:1px solid #d0d7de;border-radius:8px;background:transparent}' +
          '.error{font:14px/1.5 system-ui,sans-serif;color:#b42318;border:1px solid #b42318;border-radius:8px;padding:.6rem .8rem}';
        root.appendChild(style);
        var target;
        try {
          target = route(this);
        } catch (e) {
          var error = document.createElement('p');
          error.className = 'error';
          error.setAttribute('role', 'alert');
          error.textContent = 'Replica embed: ' + e.message;
          root.appendChild(error);
          return;
        }
        var frame = document.createElement('iframe');
        frame.dataset.src = target;
        frame.title = this.getAttribute('title') || name.replace('replica-', 'Replica ') + ' ' + (this.getAttribute('task') || '');
        frame.style.height = (this.getAttribute('height') || INITIAL_HEIGHT) + 'px';
        frame.setAttribute('loading', this.getAttribute('loading') || 'eager');
        frame.setAttribute('allow', 'clipboard-write');
        this._frame = frame;
        root.appendChild(frame);
        // A lazy frame waits for the reader to scroll near it, so it cannot wait in line.
        if (frame.getAttribute('loading') === 'lazy') frame.src = target;
        else enqueue(this);
      }

      _onMessage(data, event) {
        if (data.type === 'replica:height' && typeof data.height === 'number' && data.height > 0) {
          // With max-height the frame stops growing there and scrolls inside.
          var max = Number(this.getAttribute('max-height')) || Infinity;
          this._frame.style.height = Math.min(Math.ceil(data.height), max) + 'px';
          this.dispatchEvent(new CustomEvent('replica-resize', { detail: { height: data.height } }));
        } else if (data.type === 'replica:loaded') {
          release(this._frame);
        } else if (data.type === 'replica:ready' && this._inline !== undefined) {
          var origin = new URL(this._frame.dataset.src).origin;
          event.source.postMessage(
            { type: 'replica:report', json: this._inline, name: this.getAttribute('name') || '' },
            origin === 'null' ? '*' : origin,
          );
        }
      }
    }
    window.customElements.define(name, Embed);
  }

  // <replica-task task="wc" [src=APP] [tab="run|submit"]>
  defineEmbed('replica-task', function (el) {
    var task = el.getAttribute('task');
    if (!task) throw new Error('<replica-task> needs a task attribute, e.g. task="wc"');
    var tab = el.getAttribute('tab');
    var path = 'task/' + encodeURIComponent(task) + (tab ? '/' + encodeURIComponent(tab) : '');
    return appUrl(el, 'src') + '#/embed/' + path;
  });

  // <replica-report src=REPORT.json | inline JSON [wasm=MODULE.wasm] [case=N] [app=APP]>
  defineEmbed('replica-report', function (el) {
    var query;
    var src = el.getAttribute('src');
    if (src) {
      query = 'src=' + encodeURIComponent(absolute(src));
    } else {
      var holder = el.querySelector('script[type="application/json"]');
      var text = (holder ? holder.textContent : el.textContent).trim();
      if (!text) throw new Error('<replica-report> needs a src attribute or a report inside it');
      el._inline = text;
      query = 'from=parent';
    }
    var c = el.getAttribute('case');
    if (c) query += '&case=' + encodeURIComponent(c);
    var wasm = el.getAttribute('wasm');
    if (wasm) query += '&wasm=' + encodeURIComponent(absolute(wasm));
    return appUrl(el, 'app') + '#/embed/report?' + query;
  });
})();
