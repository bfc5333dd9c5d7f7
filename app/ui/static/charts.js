// Charts drawn from the data tables the pages always render (figure[data-chart] > table):
// Chart.js (vendored in /static/vendor/chartjs) draws each table's rows on a canvas above it
// and the table folds into its <details>, still there for screen readers and for copying.
// Without a script, or without Chart.js, the tables with their CSS bars are the charts.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var style = getComputedStyle(document.documentElement);
  var accent = style.getPropertyValue("--accent").trim() || "#b4232a";
  var funnel = ["#1d4ed8", "#0e7490", "#b45309", "#1f7a3d"];  // posted, matched, claimed, solved
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = style.getPropertyValue("--fg").trim() || "#1d2330";

  function rowsOf(figure) {
    return Array.prototype.map.call(figure.querySelectorAll("tbody tr"), function (row) {
      return {
        label: row.querySelector("th").textContent.trim(),
        value: Number(row.querySelector("[data-value]").getAttribute("data-value"))
      };
    });
  }

  // Axis labels that fit: a month as "26-03", a long name cut (the table keeps it whole).
  function short(label, kind) {
    if (kind === "vbar" && /^\d{4}-\d{2}$/.test(label)) { return label.slice(2); }
    return label.length > 16 ? label.slice(0, 15) + "…" : label;
  }

  function draw(figure) {
    var kind = figure.getAttribute("data-chart");
    var rows = rowsOf(figure);
    var box = figure.querySelector(".chart-canvas");
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", figure.querySelector("figcaption").textContent.trim());
    box.appendChild(canvas);
    box.hidden = false;
    var count = { beginAtZero: true, ticks: { precision: 0 } };
    var names = { ticks: { autoSkip: kind === "vbar", callback: function (i) { return short(rows[i].label, kind); } } };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{
          data: rows.map(function (r) { return r.value; }),
          backgroundColor: kind === "funnel" ? funnel : accent,
          borderRadius: 3
        }]
      },
      options: {
        indexAxis: kind === "vbar" ? "x" : "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: kind === "vbar" ? { y: count, x: names } : { x: count, y: names }
      }
    });
    figure.querySelector("details.chart-data").open = false;
    figure.classList.add("drawn");
  }

  document.querySelectorAll("figure[data-chart]").forEach(draw);
})();
