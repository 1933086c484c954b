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

  // Back to a page kept in the browser's cache: it is not loading any more.
  window.addEventListener("pageshow", hideLoading);

  document.addEventListener("DOMContentLoaded", function () { setProgress(document); });
  document.addEventListener("htmx:load", function (event) { setProgress(event.target); });
})();
