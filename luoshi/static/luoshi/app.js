/* Behaviour every page shares, kept out of the HTML so that the Content-Security-Policy forbids inline
   script: a <select data-autosubmit> submits its form when changed (year, district, language menus). */
document.addEventListener("change", function (evt) {
  "use strict";
  if (evt.target.matches("select[data-autosubmit]") && evt.target.form) { evt.target.form.submit(); }
});

/* On a phone a ledger table becomes a list of cards (app.css, max-width 600px); each cell then says which
   column it is from its header, so the data-label attributes come from the table's own <th>s. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("table.ledger").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) { return; }
    var labels = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i += 1) { labels.push(th.textContent.trim()); }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && labels[column]) { cell.setAttribute("data-label", labels[column]); }
          column += cell.colSpan || 1;
        });
      });
    });
  });
});

/* A form with a measure kind (the work plan's task form) shows only the fields of the kind chosen; without
   script every field stays shown and the server names the one it needs. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("select[name=measure_kind]").forEach(function (select) {
    var form = select.form;
    if (!form) { return; }
    function sync() {
      form.querySelectorAll("[data-measure-kind]").forEach(function (field) {
        var row = field.closest("p") || field;
        row.hidden = field.getAttribute("data-measure-kind") !== select.value;
      });
    }
    select.addEventListener("change", sync);
    sync();
  });
});
