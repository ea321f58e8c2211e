// Added by `build.py serve` to each page it answers, never written into site/ (portal/serve.py).
// Asks the server for the state of the builds: shows the problems of a failed build over the page
// until a build succeeds, and reloads the page once its bytes (or the shared assets) changed.
(function () {
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-page") : null;
  var lang = document.documentElement.getAttribute("lang") || "";
  var dir = document.documentElement.getAttribute("dir") || "ltr";
  var address = "/__build?page=" + encodeURIComponent(window.location.pathname) +
    "&lang=" + encodeURIComponent(lang);
  var overlay = null;
  // What the script has heard, for whoever looks (the tests do): answers, and the builds' count.
  var live = window.portalServe = { polls: 0, problems: 0, generation: null };

  function element(tag, text) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    return e;
  }

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
    live.problems = 0;
  }

  function show(state) {
    var key = JSON.stringify(state.problems);
    if (overlay && overlay.getAttribute("data-problems") === key) { return; }
    hide();
    var texts = state.texts || {};
    overlay = element("div");
    overlay.id = "serve-build-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("data-problems", key);
    overlay.setAttribute("lang", lang);
    overlay.setAttribute("dir", dir);
    // Styles through the object model: the Content-Security-Policy refuses style attributes.
    var s = overlay.style;
    s.position = "fixed"; s.zIndex = "2147483647"; s.left = "0"; s.right = "0"; s.top = "0";
    s.maxHeight = "80vh"; s.overflow = "auto"; s.padding = "1rem 1.5rem"; s.boxSizing = "border-box";
    s.background = "#fff5f5"; s.color = "#1a1a1a"; s.borderBottom = "4px solid #b00020";
    s.font = "15px/1.5 system-ui, sans-serif"; s.boxShadow = "0 4px 16px rgba(0, 0, 0, 0.3)";
    var title = element("h2", texts.title);
    title.style.margin = "0 0 0.5rem"; title.style.fontSize = "1.2rem"; title.style.color = "#b00020";
    overlay.appendChild(title);
    overlay.appendChild(element("p", texts.explanation));
    var list = element("ul");
    list.style.padding = "0"; list.style.listStyle = "none";
    state.problems.forEach(function (problem) {
      var item = element("li");
      item.style.margin = "0.75rem 0";
      var headline = element("code", problem.headline);
      headline.setAttribute("dir", "ltr");
      headline.style.display = "block"; headline.style.whiteSpace = "pre-wrap";
      headline.style.fontWeight = problem.severity === "error" ? "bold" : "normal";
      item.appendChild(headline);
      if (problem.hint) {
        var hint = element("p");
        hint.style.margin = "0.25rem 0 0"; hint.style.paddingInlineStart = "1.5rem";
        hint.appendChild(element("span", texts.hint));
        hint.appendChild(document.createTextNode(" "));
        var said = element("span", problem.hint);
        said.setAttribute("lang", "en"); said.setAttribute("dir", "ltr");
        hint.appendChild(said);
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
    live.problems = state.problems.length;
  }

  function poll() {
    fetch(address, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (shown === null) { shown = state.page; }
        if (state.page !== shown) { window.location.reload(); return; }
        if (state.failed) { show(state); } else { hide(); }
        live.polls += 1;
        live.generation = state.generation;
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
