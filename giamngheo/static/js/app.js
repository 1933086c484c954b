// Page behaviour without inline scripts (the Content-Security-Policy allows only files from this site).
(function () {
  "use strict";

  function setProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0)) + "%";
    });
  }

  // A form marked data-keep-filters carries the list's current filters (except the page) when sent.
  function keepFilters(form) {
    form.querySelectorAll("input[data-filter]").forEach(function (input) { input.remove(); });
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (key === "page") return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = key;
      input.value = value;
      input.dataset.filter = "";
      form.append(input);
    });
  }

  // Links and forms that can take more than a second (reports, exports, imports) say that work is going on.
  var SLOW_LINKS = 'a[data-loading], a[href$=".xlsx"], a[href$=".csv"], a[href$=".pdf"]';
  var FILE = /\.(xlsx|csv|pdf)$/;

  function showLoading(isFile) {
    var box = document.getElementById("loading");
    if (!box) return;
    box.hidden = false;
    // A downloaded file leaves the page in place: the notice goes once the download has had time to start.
    if (isFile) window.setTimeout(function () { box.hidden = true; }, 4000);
  }

  function hideLoading() {
    var box = document.getElementById("loading");
    if (box) box.hidden = true;
  }

  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-submit-on-change]");
    if (field && field.form) field.form.submit();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm !== undefined && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.keepFilters !== undefined) keepFilters(form);
    if (form.classList.contains("logout")) draftsForget();  // a shared computer keeps no one's typing
    if (form.dataset.loading !== undefined || form.enctype === "multipart/form-data") {
      showLoading(form.method.toLowerCase() === "get");
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
    var link = event.target.closest(SLOW_LINKS);
    if (link && !event.defaultPrevented && event.button === 0 && !event.ctrlKey && !event.metaKey
        && !event.shiftKey && link.target !== "_blank") {
      showLoading(link.hasAttribute("download") || FILE.test(link.pathname));
    }
  });

  // The menu collapses behind one button on small screens (without script it stays open).
  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) return;
    document.documentElement.classList.add("js-menu");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.getAttribute("aria-controls").split(" ").forEach(function (id) {
        var panel = document.getElementById(id);
        if (panel) panel.classList.toggle("open", open);
      });
    });
  }

  // A form marked data-draft keeps what was typed in this tab until the server has it (the server keeps
  // the draft itself on every preview): a lost connection or an ended session loses nothing.
  var DRAFT_PREFIX = "giamngheo-draft:";

  function draftKey(form) { return DRAFT_PREFIX + form.dataset.draft; }

  function draftsForget() {
    try {
      Object.keys(window.sessionStorage).forEach(function (key) {
        if (key.indexOf(DRAFT_PREFIX) === 0) window.sessionStorage.removeItem(key);
      });
    } catch (error) { /* storage unavailable */ }
  }

  function draftKeep(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") fields.push([name, value]);
    });
    try { window.sessionStorage.setItem(draftKey(form), JSON.stringify(fields)); } catch (error) { /* full */ }
  }

  function draftRestore(form) {
    var stored = null;
    try { stored = JSON.parse(window.sessionStorage.getItem(draftKey(form)) || "null"); } catch (error) { stored = null; }
    if (!Array.isArray(stored)) return false;
    stored.forEach(function (pair) {
      var field = form.elements.namedItem(pair[0]);
      if (field && field.type !== "hidden" && "value" in field) field.value = pair[1];
    });
    return true;
  }

  function setUpDrafts(root) {
    root.querySelectorAll("form[data-draft]").forEach(function (form) {
      var edits = 0;
      var notice = document.getElementById("survey-offline");
      function edited() { edits += 1; draftKeep(form); }
      form.addEventListener("input", edited);
      form.addEventListener("change", edited);
      form.addEventListener("htmx:beforeRequest", function (event) { event.detail.xhr.draftEdits = edits; });
      form.addEventListener("htmx:afterRequest", function (event) {
        var ok = event.detail.successful;
        if (notice) notice.hidden = ok;
        // forget the copy in this tab only once the server holds everything typed so far
        if (ok && event.detail.xhr.draftEdits === edits) window.sessionStorage.removeItem(draftKey(form));
      });
      if (draftRestore(form)) form.dispatchEvent(new Event("change", { bubbles: true }));
      window.addEventListener("online", function () { window.htmx && window.htmx.trigger(form, "change"); });
    });
  }

  // Back to a page kept in the browser's cache: it is not loading any more.
  window.addEventListener("pageshow", hideLoading);

  document.addEventListener("DOMContentLoaded", function () {
    setProgress(document);
    setUpMenu();
    setUpDrafts(document);
  });
  document.addEventListener("htmx:load", function (event) { setProgress(event.target); });
})();
