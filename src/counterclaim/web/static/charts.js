// Draw every chart of the page: each <div data-chart="ID"> from the JSON in <script id="ID">.
document.querySelectorAll("[data-chart]").forEach(function (element) {
  var spec = JSON.parse(document.getElementById(element.dataset.chart).textContent);
  Plotly.newPlot(element, spec.data, spec.layout, {displaylogo: false, responsive: true, staticPlot: false});
});
