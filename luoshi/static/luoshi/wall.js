/* Large-screen mode (大屏) on any wall: 1920×1080, 3840×2160 or a 5760×1080 strip.
   - Layout: the columns and rows that give the panels cells closest to a comfortable shape for this screen
     and this number of panels; the root font size follows the cell size, so a 4K wall reads like a 1080p one.
   - Paging: a list or table whose rows do not fit its cell shows them a page at a time, turning every
     PAGE_SECONDS, with "1/3" in its heading: every row is shown in turn, none is cut off.
   - Refresh: every data-refresh seconds the page is fetched and its figures swapped in place (the charts
     take the new data with setOption), never a reload, so the wall does not flash. */
(function () {
  "use strict";
  var clock = document.getElementById("clock");
  var main = document.querySelector(".wall-main");
  if (!clock || !main) { return; }
  var PAGE_SECONDS = 10;
  var CELL_ASPECT = 1.45;  /* width / height of the cell a panel reads best in */
  var TILE_ROW = 0.6;      /* the status tiles' row, as a share of a panel row's height */
  var root = document.documentElement;
  var pageTimer = null;
  var current = null;  /* the chart data last drawn, so a resize can draw it again at the new scale */

  var tick = function () { clock.textContent = new Date().toLocaleString("zh-CN", { hour12: false }); };
  tick();
  setInterval(tick, 1000);

  var chartData = function (doc) {
    var el = doc.getElementById("chart-data");
    return el ? JSON.parse(el.textContent) : {};
  };

  /* Choose columns and rows for the cards (a wide card takes two cells when there are 4+ columns; the
     status tiles take a whole row of their own, however many columns). */
  var layout = function () {
    var grid = main.querySelector("[data-wall-grid]");
    if (!grid) { return; }
    var all = Array.prototype.slice.call(grid.children);
    var full = all.filter(function (c) { return c.classList.contains("card-tiles"); }).length;
    var cards = all.filter(function (c) { return !c.classList.contains("card-tiles"); });
    var wide = cards.filter(function (c) { return c.classList.contains("card-wide"); }).length;
    var width = main.clientWidth, height = main.clientHeight || window.innerHeight;
    var best = null;
    for (var cols = 1; cols <= cards.length + wide; cols += 1) {
      var cells = cards.length + (cols >= 4 ? wide : 0);
      var rows = full + Math.ceil(cells / cols);
      var w = width / cols, h = height / (rows - full + TILE_ROW * full);
      var score = Math.abs(Math.log((w / h) / CELL_ASPECT)) + 0.15 * (cols * (rows - full) - cells) / cols;
      if (best === null || score < best.score) { best = { cols: cols, rows: rows, w: w, h: h, score: score }; }
    }
    /* A wide card (the indicator table, last) takes two cells and the cells its last row would leave empty. */
    var left = best.cols * (best.rows - full) - (cards.length + (best.cols >= 4 ? wide : 0));
    cards.forEach(function (c) {
      var isWide = c.classList.contains("card-wide");
      var span = Math.min(best.cols, (isWide && best.cols >= 4 ? 2 : 1) + (isWide ? left : 0));
      c.classList.toggle("span-2", isWide && best.cols >= 4);
      c.style.gridColumn = "span " + span;  /* CSSOM, allowed by the CSP */
      if (isWide) { left = 0; }
    });
    grid.style.gridTemplateRows = (full ? "minmax(0, " + TILE_ROW + "fr) " : "") +
      "repeat(" + (best.rows - full) + ", minmax(0, 1fr))";
    var fs = Math.max(10, Math.min(best.w / 26, best.h / 18, 48));
    root.style.setProperty("--wall-fs", fs.toFixed(1) + "px");  /* CSSOM, allowed by the CSP */
    grid.style.setProperty("--wall-cols", best.cols);
    grid.style.setProperty("--wall-rows", best.rows);
  };

  /* Split each [data-pages] list or table into pages that fit the space its card leaves it. */
  var paginate = function () {
    main.querySelectorAll("[data-pages]").forEach(function (box) {
      var body = box.closest(".card-body") || box.parentElement;
      var items = Array.prototype.slice.call(box.tagName === "TABLE" ? box.tBodies[0].rows : box.children);
      items.forEach(function (it) { it.classList.remove("off"); delete it.dataset.page; });
      var room = body.clientHeight - (box.tHead ? box.tHead.offsetHeight : 0);
      var page = 0, used = 0;
      items.forEach(function (it) {
        var h = it.offsetHeight;
        if (used > 0 && used + h > room) { page += 1; used = 0; }
        used += h;
        it.dataset.page = page;
      });
      box.dataset.pageCount = page + 1;
      box.dataset.pageShown = 0;
      show(box, 0);
    });
  };

  var show = function (box, page) {
    var items = box.tagName === "TABLE" ? box.tBodies[0].rows : box.children;
    Array.prototype.forEach.call(items, function (it) { it.classList.toggle("off", Number(it.dataset.page) !== page); });
    box.dataset.pageShown = page;
    var heading = box.closest(".card").querySelector("h2");
    var label = heading.querySelector(".page-no");
    var count = Number(box.dataset.pageCount);
    if (count < 2) { if (label) { label.remove(); } return; }
    if (!label) { label = document.createElement("span"); label.className = "page-no"; heading.appendChild(label); }
    label.textContent = (page + 1) + "/" + count;
  };

  var turnPages = function () {
    main.querySelectorAll("[data-pages]").forEach(function (box) {
      var count = Number(box.dataset.pageCount) || 1;
      if (count > 1) { show(box, (Number(box.dataset.pageShown) + 1) % count); }
    });
  };

  /* A new window size: new cells and a new root font size, so the charts are resized to their cells and
     take options built for the new scale (labels, margins and marks follow --wall-fs). */
  var arrange = function () {
    layout();
    if (window.luoshiCharts) {
      window.luoshiCharts.resize();
      if (current) { window.luoshiCharts.update(current); }
    }
    paginate();
    main.dataset.arranged = window.innerWidth + "x" + window.innerHeight;  /* for people and tests: laid out for this size */
  };

  var keys = function (el) {
    return Array.prototype.map.call(el.querySelectorAll("[data-card]"), function (c) { return c.dataset.card; }).join(",");
  };

  /* Swap in the new figures: card by card when the same panels are there (charts keep their canvas and
     take the new data), the whole grid otherwise. */
  var refresh = function () {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".wall-main");
        if (!fresh) { return; }
        var data = chartData(doc);
        current = data;
        if (keys(fresh) === keys(main)) {
          fresh.querySelectorAll("[data-card]").forEach(function (card) {
            var old = main.querySelector('[data-card="' + card.dataset.card + '"]');
            if (!old.querySelector("[data-chart]")) { old.innerHTML = card.innerHTML; }
          });
          if (window.luoshiCharts) { window.luoshiCharts.update(data); }
        } else {
          if (window.luoshiCharts) { window.luoshiCharts.dispose(main); }
          main.innerHTML = fresh.innerHTML;
          layout();
          if (window.luoshiCharts) { window.luoshiCharts.draw(main, data); }
        }
        paginate();
        clock.dataset.refreshedAt = new Date().toISOString();
      })
      .catch(function () { /* the wall keeps its last figures; the next refresh tries again */ });
  };

  layout();
  current = chartData(document);
  if (window.luoshiCharts) { window.luoshiCharts.draw(main, current); }
  paginate();
  main.dataset.arranged = window.innerWidth + "x" + window.innerHeight;
  pageTimer = setInterval(turnPages, PAGE_SECONDS * 1000);
  var resizing = null;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(arrange, 150); });
  var seconds = Number(clock.dataset.refresh) || 300;
  setInterval(refresh, seconds * 1000);
  window.luoshiWall = { refresh: refresh, turnPages: turnPages, arrange: arrange, pageTimer: pageTimer };
}());
