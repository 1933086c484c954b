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
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("DOMContentLoaded", function () { setProgress(document); });
  document.addEventListener("htmx:load", function (event) { setProgress(event.target); });
})();
