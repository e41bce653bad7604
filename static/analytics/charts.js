// Dashboard charts: each <canvas data-chart="ID"> is drawn with Chart.js from the JSON in
// <script id="ID" type="application/json"> (Django's json_script), and drawn again after an
// HTMX swap (the filters). No inline script: the page works under a strict CSP. Suppressed
// figures arrive as null and leave a gap; the table below each chart says why.
(function () {
  function draw(root) {
    if (!window.Chart || !root.querySelectorAll) return;
    root.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      const spec = JSON.parse(source.textContent);
      const previous = window.Chart.getChart(canvas);
      if (previous) previous.destroy();
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: spec.axis } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
    });
  }
  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:afterSettle", () => draw(document));
})();
