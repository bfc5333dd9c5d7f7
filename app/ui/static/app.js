// Progress indication for slow actions: forms and links marked data-progress show a
// "working…" banner and disable their buttons until the next page arrives.
(function () {
  "use strict";
  function showProgress() {
    var box = document.getElementById("progress");
    if (box) { box.hidden = false; }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-progress")) { return; }
    showProgress();
    // Disable after the submit has read the clicked button's name/value.
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-progress]") : null;
    if (link) { showProgress(); }
  });
  // The review table's "select all on this page" box (without a script, tick rows one by one).
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-select-all")) { return; }
    var form = box.closest("form");
    if (!form) { return; }
    form.querySelectorAll("input[name=entry_ids]").forEach(function (b) { b.checked = box.checked; });
  });
  window.addEventListener("pageshow", function () {
    var box = document.getElementById("progress");
    if (box) { box.hidden = true; }
  });
})();
