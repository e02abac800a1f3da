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
      return {
        tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 60, right: 50, top: 36, bottom: 30 },
        xAxis: { type: "category", data: d.months },
        yAxis: [{ type: "value", name: d.unit }, { type: "value", name: "%", splitLine: { show: false } }],
        series: [
          { name: d.labels.this_year, type: "bar", data: d.this_year.map(num), itemStyle: { color: "#b3202a" } },
          { name: d.labels.last_year, type: "bar", data: d.last_year.map(num), itemStyle: { color: "#cbd5e1" } },
          { name: d.labels.growth, type: "line", yAxisIndex: 1, data: d.growth.map(num), connectNulls: true, itemStyle: { color: "#1d4ed8" } }
        ]
      };
    },
    briefing: function (d, theme) {
      var rows = d.rows.slice().reverse();
      return {
        animation: false,
        legend: { top: 0, textStyle: { color: theme.text } }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 10 * theme.fs, right: 4 * theme.fs, top: 2.5 * theme.fs, bottom: 2 * theme.fs },
        xAxis: { type: "value", name: "%", axisLabel: { color: theme.text } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { color: theme.text } },
        series: [
          { name: d.labels.growth, type: "bar", barWidth: "45%", data: rows.map(function (r) { return { value: num(r.growth), url: r.url }; }),
            itemStyle: { color: "#b3202a" }, labelLayout: { hideOverlap: true },
            label: { show: true, position: "right", color: theme.text, formatter: "{c}%" } },
          /* the target is a thinner bar of its own with its own label, so the two labels never meet; with
             many indicators in a small cell a label that would overlap another is left to the tooltip */
          { name: d.labels.target, type: "bar", barWidth: "22%", barGap: "15%",
            data: rows.map(function (r) { return num(r.target); }), itemStyle: { color: "#1d4ed8" }, labelLayout: { hideOverlap: true },
            label: { show: true, position: "right", color: theme.text, fontSize: Math.round(theme.fs * 0.7), formatter: "{c}%" } }
        ]
      };
    },
    tree: function (d, theme) {
      return {
        animation: false, tooltip: { trigger: "item" },
        series: [{ type: "tree", data: [d], top: "2%", left: "10%", bottom: "2%", right: "22%",
          symbolSize: 9, initialTreeDepth: 3, expandAndCollapse: true,
          label: { position: "left", verticalAlign: "middle", align: "right", fontSize: 13, color: theme.text },
          leaves: { label: { position: "right", verticalAlign: "middle", align: "left" } } }]
      };
    },
    statusPie: function (d, theme) {
      return {
        animation: false, tooltip: { trigger: "item" },
        legend: { bottom: 0, textStyle: { color: theme.text } },
        series: [{ type: "pie", radius: ["45%", "70%"], center: ["50%", "45%"],
          label: { formatter: "{b} {c}", color: theme.text },
          data: d.map(function (s) { return { name: s.name, value: s.value, url: s.url, itemStyle: { color: s.colour } }; }) }]
      };
    },
    ranks: function (d, theme) {
      /* Each indicator's position among the districts ranked (1 = best, on the left): a grey track from
         第1 to its last place and a mark at its place, so 第1/6 sits at the start and 第6/6 at the end.
         Marks, names and labels are sized to the rows the chart has room for (a wall's cell holds ten
         indicators in ~16 px each), and a long name is cut with "…" (whole in the tooltip), so no two meet. */
      var rows = d.rows.slice().reverse();
      var most = Math.max.apply(null, rows.map(function (r) { return r.peers; }).concat([2]));
      var top = 1.2 * theme.fs, bottom = 2.6 * theme.fs;
      var row = theme.height ? (theme.height - top - bottom) / Math.max(rows.length, 1) : 2 * theme.fs;
      var font = Math.max(9, Math.min(Math.round(theme.fs * 0.8), Math.floor(row * 0.8)));
      var mark = Math.max(6, Math.min(theme.fs, Math.floor(row * 0.7)));
      var names = 7 * font;
      return {
        animation: false, tooltip: { trigger: "item", formatter: function (p) { return p.name + " " + rows[p.dataIndex].label; } },
        grid: { left: names + font, right: 3.2 * font + mark, top: top, bottom: bottom },
        xAxis: { type: "value", min: 1, max: most, interval: 1, name: d.labels.axis, nameLocation: "middle", nameGap: 1.6 * theme.fs,
          axisLabel: { color: theme.text }, nameTextStyle: { color: theme.text } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }),
          axisLabel: { color: theme.text, fontSize: font, width: names, overflow: "truncate", ellipsis: "…", interval: 0 } },
        series: [
          { name: d.labels.field, type: "bar", barWidth: "30%", silent: true, tooltip: { show: false },
            data: rows.map(function (r) { return r.peers; }), itemStyle: { color: theme.track } },
          { type: "scatter", symbol: "circle", symbolSize: mark, itemStyle: { color: "#b3202a" },
            data: rows.map(function (r) { return { value: [r.rank, r.name], url: r.url }; }), labelLayout: { hideOverlap: true },
            label: { show: true, position: "right", distance: 0.3 * font, color: theme.text, fontSize: font,
              formatter: function (p) { return rows[p.dataIndex].label; } } }
        ]
      };
    },
    districtGrowth: function (d, theme) {
      return {
        animation: false, tooltip: { trigger: "axis" },
        grid: { left: 3.4 * theme.fs, right: 1.4 * theme.fs, top: 2 * theme.fs, bottom: 2.7 * theme.fs },
        xAxis: { type: "category", data: d.gdp.map(function (r) { return r.name; }), axisLabel: { color: theme.text } },
        yAxis: { type: "value", name: "%", axisLabel: { color: theme.text } },
        series: [{ name: d.labels.gdp, type: "bar", data: d.gdp.map(function (r) { return { value: num(r.growth), url: r.url }; }),
          itemStyle: { color: "#b3202a" }, label: { show: true, position: "top", color: theme.text, formatter: "{c}%" } }]
      };
    },
    districtStatus: function (d, theme) {
      var names = d.met.map(function (r) { return r.name; });
      var series = ["met", "close", "behind"].map(function (k) {
        return { name: d.labels[k], type: "bar", stack: "s", itemStyle: { color: d.palette[k] },
          /* a segment of none is not drawn and opens nothing (a click there belongs to the one beside it) */
          data: d.met.map(function (r) { return { value: r[k], url: r[k] ? r.urls[k] : null }; }) };
      });
      return {
        animation: false, tooltip: { trigger: "axis" }, legend: { top: 0, textStyle: { color: theme.text } },
        grid: { left: 2.7 * theme.fs, right: 1.4 * theme.fs, top: 2 * theme.fs, bottom: 2.7 * theme.fs },
        xAxis: { type: "category", data: names, axisLabel: { color: theme.text } },
        yAxis: { type: "value", minInterval: 1, axisLabel: { color: theme.text } }, series: series
      };
    },
    projectMonthly: function (d) {
      return {
        tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 60, right: 20, top: 36, bottom: 30 },
        xAxis: { type: "category", data: d.months },
        yAxis: { type: "value", name: d.labels.unit },
        series: [
          { name: d.labels.cumulative, type: "bar", data: d.cumulative.map(num), itemStyle: { color: "#b3202a" } },
          { name: d.labels.month, type: "bar", data: d.month_investment.map(num), itemStyle: { color: "#f59e0b" } },
          { name: d.labels.plan, type: "line", data: d.plan.map(num), itemStyle: { color: "#1d4ed8" },
            lineStyle: { type: "dashed" }, symbol: "none" }
        ]
      };
    },
    rollup: function (d) {
      return {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: { top: 0 },
        grid: { left: 60, right: 50, top: 36, bottom: 60 },
        xAxis: { type: "category", data: d.names, axisLabel: { interval: 0, rotate: d.names.length > 6 ? 30 : 0 } },
        yAxis: [{ type: "value", name: d.labels.unit }, { type: "value", name: "%", splitLine: { show: false } }],
        series: [
          { name: d.labels.plan, type: "bar", data: d.plan.map(num), itemStyle: { color: "#cbd5e1" } },
          { name: d.labels.completed, type: "bar", data: d.completed.map(num), itemStyle: { color: "#b3202a" } },
          { name: d.labels.rate, type: "line", yAxisIndex: 1, data: d.rate.map(num), itemStyle: { color: "#1d4ed8" },
            markLine: { symbol: "none", data: [{ yAxis: num(d.time_pct), name: d.labels.time }],
              label: { formatter: d.labels.time + " {c}%" }, lineStyle: { color: "#16a34a", type: "dashed" } } }
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
  /* A mark that carries a `url` (a slice, a bar, a rank) opens the records it counts. */
  var open = function (p) { if (p.data && p.data.url) { window.location.assign(p.data.url); } };
  var drawn = [];
  var themeNow = function () {
    var dark = document.body.classList.contains("wall");
    var fs = parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
    return { text: dark ? "#e5e7eb" : "#374151", track: dark ? "#24324d" : "#e5e7eb", fs: dark ? fs : 15 };
  };
  var optionFor = function (el, all) {
    var build = builders[el.dataset.chart];
    var source = ["detail", "briefing", "all", "rollup", "project"].indexOf(el.dataset.source) >= 0 ? all : all[el.dataset.source];
    if (!build || !source) { return null; }
    var theme = themeNow();
    theme.height = el.clientHeight;  /* the rows a chart has room for (the ranks size their marks to them) */
    var option = build(source, theme);
    option.textStyle = { fontSize: Math.round(theme.fs * 0.8) };
    /* Tooltips drawn on the canvas: ECharts' HTML tooltips carry style attributes, which the
       Content-Security-Policy (style-src 'self') blocks, so a hovered mark would log an error. */
    if (option.tooltip) { option.tooltip.renderMode = "richText"; option.tooltip.confine = true; }
    return option;
  };
  /* A chart follows its element's size (a wall's cells change with the window and the panels; a card's
     width with the page), not only the window's. */
  var sized = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      drawn.forEach(function (c) {
        if (c.el !== entry.target) { return; }
        c.chart.resize();
        /* a chart sized to its rows is laid out again for its new height */
        var option = c.el.dataset.chart === "ranks" ? optionFor(c.el, c.all) : null;
        if (option) { c.chart.setOption(option, { notMerge: true, lazyUpdate: false }); }
      });
    });
  }) : null;
  /* Draw every chart under `root` from `all` (the page's chart data). */
  var draw = function (root, all) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var option = optionFor(el, all);
      if (!option) { return; }
      if (el.dataset.height) { el.style.height = el.dataset.height + "px"; }  /* CSSOM, allowed by the CSP */
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      chart.on("click", open);
      el.dataset.rendered = "true";
      drawn.push({ el: el, chart: chart, all: all });
      if (sized) { sized.observe(el); }
    });
  };
  /* New figures into the charts already drawn (the wall's refresh): no redraw from blank, no flicker. */
  var update = function (all) {
    drawn = drawn.filter(function (c) { return document.body.contains(c.el); });
    drawn.forEach(function (c) {
      var option = optionFor(c.el, all);
      c.all = all;
      if (option) { c.chart.setOption(option, { notMerge: true, lazyUpdate: false }); }
    });
  };
  var resize = function () { drawn.forEach(function (c) { c.chart.resize(); }); };
  window.addEventListener("resize", resize);
  window.luoshiCharts = { draw: draw, update: update, resize: resize, dispose: function (root) {
    drawn = drawn.filter(function (c) {
      if (root.contains(c.el)) { if (sized) { sized.unobserve(c.el); } c.chart.dispose(); return false; }
      return true;
    });
  } };
  if (!document.body.classList.contains("wall")) { draw(document, data); }
}());
