// Verbatim's only script: on an article page, clicking a quote in the text
// or in the side panel marks it and shows its attribution (mention →
// resolved speaker). Without it the page still works: the panel links jump
// to the quotes and list every attribution.
"use strict";
(function () {
  var box = document.getElementById("attribution");
  if (!box) return;
  var active = [];
  function show(q) {
    active.forEach(function (el) { el.classList.remove("active"); });
    active = Array.prototype.slice.call(document.querySelectorAll('mark.q[data-q="' + q + '"]'));
    active.forEach(function (el) { el.classList.add("active"); });
    var attr = document.getElementById("attr-" + q);
    if (attr) {
      box.textContent = attr.textContent; // text only: never markup from the article
      box.hidden = false;
    }
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("mark.q, a.jump") : null;
    if (!el) return;
    var q = el.getAttribute("data-q");
    if (q !== null && /^[0-9]+$/.test(q)) show(q);
  });
  var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
  var m = id && document.getElementById(id);
  if (m && m.matches("mark.q")) show(m.getAttribute("data-q"));
})();
