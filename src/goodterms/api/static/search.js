// Suggestions as you type in the search box, from the API's people search (GET /api/people?q=).
// A combobox: arrow keys move through the list, Enter opens the chosen person, Escape closes it.
// Without this file the search form still works (it submits to the search page).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  var status = document.getElementById("suggest-status");
  if (!input || !list) { return; }
  var source = input.getAttribute("data-suggest") || "/api/people";
  var timer = null;
  var latest = 0;
  var active = -1;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var all = options();
    if (!all.length) { return; }
    active = (index + all.length) % all.length;
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", all[active].id);
  }

  function personUrl(name) { return "/person?name=" + encodeURIComponent(name); }

  function show(items) {
    list.textContent = "";
    active = -1;
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = personUrl(item.name);
      link.tabIndex = -1;  // the input keeps the focus; arrows choose, Enter follows
      link.textContent = item.name;  // text, never markup: names come from articles
      li.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "meta";
      var what = item.articles + (item.articles === 1 ? " article" : " articles");
      if (item.matched && item.matched !== item.name) { what += " · " + item.kind + " " + item.matched; }
      meta.textContent = " " + what;
      li.appendChild(meta);
      list.appendChild(li);
    });
    var open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (status) {
      status.textContent = open ? items.length + " suggestion" + (items.length === 1 ? "" : "s") +
        ": use the arrow keys" : "No suggestions";
    }
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (!text) { close(); return; }
    var ticket = ++latest;
    fetch(source + "?limit=8&q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (page) { if (ticket === latest) { show(page.items || []); } })
      .catch(function () { if (ticket === latest) { close(); } });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].querySelector("a").href);
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 200); });
})();
