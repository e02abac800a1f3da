/* Large-screen mode: a clock, and a reload every data-refresh seconds so the wall stays current. */
(function () {
  "use strict";
  var clock = document.getElementById("clock");
  if (!clock) { return; }
  var tick = function () { clock.textContent = new Date().toLocaleString("zh-CN", { hour12: false }); };
  tick();
  setInterval(tick, 1000);
  var seconds = Number(clock.dataset.refresh) || 300;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
}());
