// Small enhancements: the submit form, the share buttons, rumor pages that update themselves.
// Every page works without this file.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; });
  }

  // Tell the member, while they type, that a link was submitted before and where it lives.
  function watchDuplicates(form) {
    var input = form.querySelector("input[name=url]");
    var notice = form.querySelector("#duplicate-notice");
    if (!input || !notice) return;
    // Right under the link field, where the member is looking.
    var field = input.closest(".field");
    if (field) field.appendChild(notice);
    var check = debounce(function () {
      var value = input.value.trim();
      if (value.length < 8) { notice.textContent = ""; return; }
      getJSON(form.dataset.checkUrl + "?url=" + encodeURIComponent(value)).then(function (data) {
        // The server renders the notice (title linked, verdict badge) from its own template,
        // escaped there, in the member's language.
        notice.innerHTML = data && data.duplicate ? data.html : "";
      });
    }, 350);
    input.addEventListener("input", check);
    input.addEventListener("change", check);
  }

  // The actors field stays a plain multiple select; a search box above it suggests people
  // as one types and ticks the chosen one in the select.
  function suggestPeople(form) {
    var select = form.querySelector("select[name=people]");
    if (!select) return;
    var box = document.createElement("div");
    box.className = "suggest";
    var label = document.createElement("label");
    label.htmlFor = "people-search";
    label.textContent = select.dataset.searchLabel || "Find an actor";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "people-search";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", "people-suggestions");
    var list = document.createElement("ul");
    list.id = "people-suggestions";
    list.className = "suggestions";
    list.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(list);
    select.parentNode.insertBefore(box, select);

    var lookup = debounce(function () {
      var q = input.value.trim();
      list.innerHTML = "";
      if (!q) return;
      getJSON(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q)).then(function (data) {
        list.innerHTML = "";
        (data && data.results || []).forEach(function (person) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "suggestion";
          button.textContent = person.name + (person.name_hangul ? " (" + person.name_hangul + ")" : "");
          button.addEventListener("click", function () {
            Array.prototype.forEach.call(select.options, function (option) {
              if (option.value === person.slug) option.selected = true;
            });
            input.value = "";
            list.innerHTML = "";
            input.focus();
          });
          item.appendChild(button);
          list.appendChild(item);
        });
      });
    }, 200);
    input.addEventListener("input", lookup);
  }

  // The share buttons that need a script: the phone's own share sheet (the Web Share API,
  // which reaches KakaoTalk and the other apps installed) and copying the link. Each is shown
  // only where the browser has it.
  function shareButtons(box) {
    var data = { url: box.dataset.shareUrl, title: box.dataset.shareTitle, text: box.dataset.shareText };
    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.parentNode.hidden = false;
      native.addEventListener("click", function () {
        navigator.share(data).catch(function () {});  // the reader closed the sheet
      });
    }
    var copy = box.querySelector("[data-share-copy]");
    if (copy && navigator.clipboard) {
      copy.parentNode.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(data.url).then(function () {
          copy.textContent = copy.dataset.copied;
        });
      });
    }
  }

  // A rumor page keeps itself current: it asks status.json (with its ETag: a 304 while nothing
  // changed) and, when the rumor changed (a fetch, a vote, a verdict), reads the page again
  // and swaps in its live parts, except one the reader is typing in.
  function liveRumor(article) {
    var every = Math.max(1, parseInt(article.dataset.liveEvery, 10) || 5) * 1000;
    var etag = null;
    var busy = new WeakSet();
    article.addEventListener("input", function (event) {
      var part = event.target.closest("[data-live]");
      if (part) busy.add(part);
    });
    function swap(html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      Array.prototype.forEach.call(article.querySelectorAll("[data-live]"), function (part) {
        if (busy.has(part) || part.contains(document.activeElement)) return;
        var next = fresh.querySelector('[data-live="' + part.dataset.live + '"]');
        if (!next) return;
        next = document.importNode(next, true);
        part.replaceWith(next);
        Array.prototype.forEach.call(next.querySelectorAll("[data-share-url]"), shareButtons);
      });
    }
    function poll() {
      var headers = { Accept: "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      fetch(article.dataset.liveStatus, { headers: headers, credentials: "same-origin" })
        .then(function (r) {
          if (r.status !== 200) return null;
          var changed = etag !== null && r.headers.get("ETag") !== etag;
          etag = r.headers.get("ETag");
          if (!changed) return null;
          // The new ETag in the address: a shared cache in front (deploy/nginx/jinjja.conf) may
          // still hold the page as it was, but not this address, which every open copy of the
          // page asks for after the same change, so one fresh rendering serves them all.
          var current = window.location.pathname + "?live=" + encodeURIComponent(etag.replace(/\W/g, ""));
          return fetch(current, { credentials: "same-origin", cache: "no-store" })
            .then(function (page) { return page.ok ? page.text() : null; })
            .then(function (html) { if (html) swap(html); });
        })
        .catch(function () {})  // offline for a moment: the next poll tries again
        .then(function () { setTimeout(poll, document.hidden ? every * 4 : every); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-share-url]"), shareButtons);
    var live = document.querySelector("article[data-live-status]");
    if (live && window.fetch && window.DOMParser) liveRumor(live);
    var form = document.querySelector("form[data-submit-form]");
    if (form) {
      watchDuplicates(form);
      suggestPeople(form);
    }
  });
})();
