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
  // Decisions in place: a form inside [data-inplace] is posted with fetch and the block is
  // replaced by the same block of the page the post redirects to (no full reload, scroll kept).
  // Without a script, or when fetch fails, the form posts normally.
  function showWhole(html) {  // an error page (or anything unexpected): show it as a reload would
    document.open();
    document.write(html);
    document.close();
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var block = form instanceof HTMLFormElement ? form.closest("[data-inplace]") : null;
    if (!block || form.hasAttribute("data-plain") || !window.fetch || !window.DOMParser) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    var action = (submitter && submitter.getAttribute("formaction")) || form.action;
    fetch(action, { method: "POST", body: new FormData(form, submitter), credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(block.id);
          if (!response.ok || !response.redirected || !fresh) { showWhole(html); return; }
          block.replaceWith(document.adoptNode(fresh));
          var box = document.getElementById("progress");
          if (box) { box.hidden = true; }
        });
      })
      .catch(function () {  // offline or refused: post the ordinary way
        form.setAttribute("data-plain", "");
        form.requestSubmit(submitter);
      });
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
