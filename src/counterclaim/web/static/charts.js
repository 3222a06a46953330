// Draw the map of the page (map.html, the report): each <div data-chart="ID"> from the JSON in <script id="ID">.
// Figures' charts are inline SVG drawn by the server (web/charts.py): no script.
document.querySelectorAll("[data-chart]").forEach(function (element) {
  var spec = JSON.parse(document.getElementById(element.dataset.chart).textContent);
  Plotly.newPlot(element, spec.data, spec.layout, {displaylogo: false, responsive: true, staticPlot: false, showSendToCloud: false,
                                                      modeBarButtonsToRemove: ["sendDataToCloud"]});
});
