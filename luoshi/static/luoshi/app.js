/* Behaviour every page shares, kept out of the HTML so that the Content-Security-Policy forbids inline
   script: a <select data-autosubmit> submits its form when changed (year, district, language menus). */
document.addEventListener("change", function (evt) {
  "use strict";
  if (evt.target.matches("select[data-autosubmit]") && evt.target.form) { evt.target.form.submit(); }
});
