/* Draws every [data-chart] element from the page's #chart-data JSON with our own copy of ECharts. */
(function () {
  "use strict";
  var dataEl = document.getElementById("chart-data");
  if (!dataEl || !window.echarts) { return; }
  var data = JSON.parse(dataEl.textContent);
  var num = function (v) { return v === null || v === undefined ? null : Number(v); };
  var builders = {
    sparkline: function (d) {
      return {
        animation: false, grid: { left: 2, right: 2, top: 4, bottom: 4 },
        xAxis: { type: "category", show: false, data: d.months },
        yAxis: { type: "value", show: false, scale: true },
        tooltip: { trigger: "axis", confine: true },
        series: [{ type: "line", data: d.values.map(num), symbol: "none", smooth: true,
          lineStyle: { width: 2, color: "#b3202a" }, areaStyle: { opacity: 0.08, color: "#b3202a" } }]
      };
    },
    detail: function (d) {
      var months = d.months.map(function (m) { return m + "月"; });
      return {
        tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 60, right: 50, top: 36, bottom: 30 },
        xAxis: { type: "category", data: months },
        yAxis: [{ type: "value", name: d.unit }, { type: "value", name: "%", splitLine: { show: false } }],
        series: [
          { name: d.year + "年累计", type: "bar", data: d.this_year.map(num), itemStyle: { color: "#b3202a" } },
          { name: (d.year - 1) + "年累计", type: "bar", data: d.last_year.map(num), itemStyle: { color: "#cbd5e1" } },
          { name: "同比增长%", type: "line", yAxisIndex: 1, data: d.growth.map(num), connectNulls: true, itemStyle: { color: "#1d4ed8" } }
        ]
      };
    },
    briefing: function (d) {
      var rows = d.rows.slice().reverse();
      return {
        animation: false,
        legend: { top: 0 }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 150, right: 50, top: 30, bottom: 30 },
        xAxis: { type: "value", name: "%" },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
        series: [
          { name: d.labels.growth, type: "bar", data: rows.map(function (r) { return num(r.growth); }),
            itemStyle: { color: "#b3202a" }, label: { show: true, position: "right", formatter: "{c}%" } },
          { name: d.labels.target, type: "scatter", symbol: "diamond", symbolSize: 12,
            data: rows.map(function (r) { return num(r.target); }), itemStyle: { color: "#1d4ed8" } }
        ]
      };
    },
    peers: function (d) {
      var rows = d.peers.slice().reverse();
      return {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 80, right: 40, top: 10, bottom: 30 },
        xAxis: { type: "value", name: "%" },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
        series: [{ type: "bar", data: rows.map(function (r) {
          return { value: num(r.growth), itemStyle: { color: r.mine ? "#b3202a" : "#94a3b8" } };
        }), label: { show: true, position: "right", formatter: "{c}%" } }]
      };
    }
  };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = builders[el.dataset.chart];
    var source = (el.dataset.source === "detail" || el.dataset.source === "briefing") ? data : data[el.dataset.source];
    if (!build || !source) { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(build(source));
    el.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
