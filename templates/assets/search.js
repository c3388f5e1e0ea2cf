/* wazi search: a progressive enhancement. Without it the page offers the browse lists. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.JSON) return;
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form.getAttribute("data-root") || "./";
  var items = null;
  form.hidden = false;
  document.getElementById("search-fallback").hidden = true;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function run() {
    if (!items) return;
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var found = items.filter(function (item) {
      return terms.every(function (term) { return item.hay.indexOf(term) >= 0; });
    });
    found.slice(0, 100).forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.u;
      a.textContent = item.t;
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " · " + item.k + (item.s ? " · " + item.s : "");
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    var n = found.length;
    status.textContent = n === 0 ? form.getAttribute("data-none")
      : form.getAttribute(n === 1 ? "data-one" : "data-other").replace("{n}", String(n));
  }

  fetch(form.getAttribute("data-index")).then(function (response) { return response.json(); }).then(function (data) {
    items = data.items.map(function (item) {
      item.hay = fold(item.t + " " + item.k + " " + item.s);
      return item;
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) input.value = query;
    run();
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
})();
