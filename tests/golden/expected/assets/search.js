// The search page. Over HTTP the engine is Pagefind (its index in /pagefind/). Opened from disk
// (file://) browsers block module imports and fetch(), so the page loads a script-fed index instead
// (search/offline-index.js) and searches it with MiniSearch (assets/vendor/minisearch.js).
// Both engines return the same shape; everything below `engine` is shared.
// Results are built with textContent and <mark> elements only: no HTML from the index is inserted.
(function () {
  "use strict";

  // The page's words, in its language: a JSON block the build writes into the search page.
  var MSG = JSON.parse(document.getElementById("search-messages").textContent);
  var FILTERS = ["kind", "country", "region", "topic", "year", "type", "language", "status", "cooperation",
    "support"].map(function (name) {
    return [name, MSG.filters[name]];
  });
  var PAGE = 20;
  var LANG = document.documentElement.lang;
  var langRoot = new URL("../", window.location.href); // this page is <lang>/search/index.html
  var siteRoot = new URL("../../", window.location.href); // assets and the Pagefind bundle are shared

  // "%(name)s" placeholders, as in the build's catalogs.
  function fill(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var sortSelect = document.getElementById("search-sort");
  var bestOption = sortSelect.querySelector('option[value=""]');
  var statusEl = document.getElementById("search-status");
  var resultsEl = document.getElementById("search-results");
  var filtersEl = document.getElementById("search-filters");
  var groupsEl = document.getElementById("search-filter-groups");
  var moreWrap = document.getElementById("search-more-wrap");
  var moreButton = document.getElementById("search-more");

  var state = { q: "", sort: "", filters: {}, shown: PAGE };
  var engine = null;
  var timer = null;
  var generation = 0;

  // ---------------------------------------------------------------- URL state

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = (params.get("q") || "").trim();
    state.sort = params.get("sort") === "newest" ? "newest" : "";
    state.filters = {};
    FILTERS.forEach(function (f) {
      var values = params.getAll(f[0]);
      if (values.length) { state.filters[f[0]] = values; }
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    if (state.sort) { params.set("sort", state.sort); }
    FILTERS.forEach(function (f) {
      (state.filters[f[0]] || []).forEach(function (v) { params.append(f[0], v); });
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (e) { /* some browsers refuse history changes on file:// pages; the search still works */ }
  }

  // ---------------------------------------------------------------- engines

  // The Pagefind index is in shards (pagefind/shards.json lists their bundles, the first one
  // primary), indexed apart so that an edit re-indexes only its shard; merged here into one search.
  function pagefindEngine() {
    var bundles = new URL("pagefind/", siteRoot);
    return fetch(new URL("shards.json", bundles).href).then(function (r) { return r.json(); }).then(function (list) {
      return import(new URL(list.bundles[0] + "pagefind.js", bundles).href).then(function (pagefind) {
        return { pagefind: pagefind, others: list.bundles.slice(1) };
      });
    }).then(function (loaded) {
      var pagefind = loaded.pagefind;
      return pagefind.options({ baseUrl: siteRoot.pathname }).then(function () {
        return Promise.all(loaded.others.map(function (bundle) {
          return pagefind.mergeIndex(new URL(bundle, bundles).pathname, { baseUrl: siteRoot.pathname });
        }));
      }).then(function () {
        return pagefind.filters(); // loads the filter index, so that searches report counts
      }).then(function () {
        return {
          search: function (q, filters, sort, limit) {
            var options = { filters: pagefindFilters(filters) };
            if (sort === "newest" || !q) { options.sort = { date: "desc" }; }
            return pagefind.search(q || null, options).then(function (found) {
              return Promise.all(found.results.slice(0, limit).map(function (r) { return r.data(); }))
                .then(function (data) {
                  return {
                    total: found.results.length,
                    counts: found.filters || {},
                    results: data.map(function (d) {
                      return {
                        url: fileUrl(d.url), title: d.meta.title || d.url, kind: d.meta.kind || "",
                        countries: d.meta.countries || "", year: d.meta.year || "",
                        excerpt: pagefindExcerpt(d.excerpt)
                      };
                    })
                  };
                });
            });
          }
        };
      });
    });
  }

  function pagefindFilters(filters) {
    var out = {};
    Object.keys(filters).forEach(function (k) { out[k] = { any: filters[k] }; });
    return out;
  }

  // Pagefind answers '/activities/x/'; our links name their file.
  function fileUrl(url) {
    var u = url.split("#");
    if (u[0].slice(-1) === "/") { u[0] += "index.html"; }
    return u.join("#");
  }

  // Pagefind's excerpt is escaped text with <mark> around matches: keep the text and the marks only.
  function pagefindExcerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var parts = [];
    doc.body.firstChild.childNodes.forEach(function (node) {
      parts.push({ text: node.textContent, mark: node.nodeName === "MARK" });
    });
    return parts;
  }

  function loadScript(path, root) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = new URL(path, root).href;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + path)); };
      document.head.appendChild(s);
    });
  }

  function offlineEngine() {
    return loadScript("assets/vendor/minisearch.js", siteRoot).then(function () {
      return loadScript("search/offline-index.js", langRoot); // this language's pages
    }).then(function () {
      var data = window.PORTAL_SEARCH_INDEX;
      var docs = data.documents;
      docs.forEach(function (d) { // filter values are stored once, by number
        Object.keys(d.filters).forEach(function (k) {
          d.filters[k] = d.filters[k].map(function (i) { return data.filters[k][i]; });
        });
      });
      var index = new window.MiniSearch({
        fields: ["title", "countries", "text"],
        storeFields: [],
        tokenize: tokenize,
        processTerm: function (term) { return term.toLowerCase(); },
        searchOptions: { boost: { title: 4, countries: 2 }, prefix: true, fuzzy: 0.15, combineWith: "AND" }
      });
      index.addAll(docs);
      return {
        search: function (q, filters, sort, limit) {
          var hits = q ? index.search(q).map(function (h) { return docs[h.id]; }) : docs;
          var matching = hits.filter(function (d) { return passes(d, filters); });
          if (sort === "newest" || !q) {
            matching = matching.filter(function (d) { return d.date; })
              .sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
          }
          return Promise.resolve({
            total: matching.length,
            counts: countFilters(matching),
            results: matching.slice(0, limit).map(function (d) {
              return {
                url: new URL(d.url, langRoot).href, title: d.title, kind: d.kind, countries: d.countries,
                year: d.year, excerpt: excerpt(d.text, q)
              };
            })
          });
        }
      };
    });
  }

  // Words are separated by spaces and punctuation, except in Chinese and Japanese, which write no
  // spaces: there every character and every pair of neighbouring characters is a term, so a query
  // finds the words inside a longer run of text.
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]+/g;
  function tokenize(text) {
    var out = [];
    String(text).split(/[\s\p{P}\p{S}]+/u).forEach(function (chunk) {
      if (!chunk) { return; }
      var rest = chunk.replace(CJK, function (run) {
        for (var i = 0; i < run.length; i++) {
          out.push(run[i]);
          if (i + 1 < run.length) { out.push(run.slice(i, i + 2)); }
        }
        return " ";
      });
      rest.split(" ").forEach(function (w) { if (w) { out.push(w); } });
    });
    return out;
  }

  function passes(doc, filters) {
    return Object.keys(filters).every(function (k) {
      var have = doc.filters[k] || [];
      return filters[k].some(function (v) { return have.indexOf(v) !== -1; });
    });
  }

  function countFilters(docs) {
    var counts = {};
    docs.forEach(function (d) {
      Object.keys(d.filters).forEach(function (k) {
        counts[k] = counts[k] || {};
        d.filters[k].forEach(function (v) { counts[k][v] = (counts[k][v] || 0) + 1; });
      });
    });
    return counts;
  }

  // About 30 words around the first match, with every query word marked.
  function excerpt(text, q) {
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    var lower = text.toLowerCase();
    var first = -1;
    words.forEach(function (w) {
      var at = lower.indexOf(w);
      if (at !== -1 && (first === -1 || at < first)) { first = at; }
    });
    var start = Math.max(0, first - 80);
    var end = Math.min(text.length, start + 220);
    var slice = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    if (!words.length) { return [{ text: slice, mark: false }]; }
    var pattern = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "gi");
    return slice.split(pattern).filter(Boolean).map(function (part) {
      return { text: part, mark: words.indexOf(part.toLowerCase()) !== -1 };
    });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // ---------------------------------------------------------------- rendering

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function renderResults(answer) {
    resultsEl.textContent = "";
    answer.results.forEach(function (r) {
      var li = el("li", "result card");
      li.appendChild(el("p", "card-kind", r.kind));
      var h = el("h2", "card-title");
      var a = el("a", "", r.title);
      a.href = r.url;
      h.appendChild(a);
      li.appendChild(h);
      var meta = [r.countries, r.year].filter(Boolean).join(" · ");
      if (meta) { li.appendChild(el("p", "card-meta", meta)); }
      var p = el("p", "excerpt");
      r.excerpt.forEach(function (part) {
        p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
      });
      li.appendChild(p);
      resultsEl.appendChild(li);
    });
    moreWrap.hidden = answer.total <= answer.results.length;
  }

  function renderFilters(counts) {
    groupsEl.textContent = "";
    var any = false;
    FILTERS.forEach(function (f) {
      var key = f[0];
      var chosen = state.filters[key] || [];
      var values = Object.keys(counts[key] || {}).filter(function (v) {
        return counts[key][v] > 0 || chosen.indexOf(v) !== -1;
      });
      chosen.forEach(function (v) { if (values.indexOf(v) === -1) { values.push(v); } });
      if (!values.length) { return; }
      values.sort(function (a, b) {
        if (key === "year") { return a < b ? 1 : -1; }
        return ((counts[key] || {})[b] || 0) - ((counts[key] || {})[a] || 0) || a.localeCompare(b);
      });
      any = true;
      var fieldset = el("fieldset", "facet");
      fieldset.appendChild(el("legend", "", f[1]));
      var list = el("ul");
      values.forEach(function (v, i) {
        var id = "filter-" + key + "-" + i;
        var li = el("li");
        var box = el("input");
        box.type = "checkbox";
        box.id = id;
        box.name = key;
        box.value = v;
        box.checked = chosen.indexOf(v) !== -1;
        box.addEventListener("change", onFilterChange);
        var label = el("label");
        label.htmlFor = id;
        label.appendChild(document.createTextNode(v + " "));
        label.appendChild(el("span", "count-badge", String((counts[key] || {})[v] || 0)));
        li.appendChild(box);
        li.appendChild(label);
        list.appendChild(li);
      });
      fieldset.appendChild(list);
      groupsEl.appendChild(fieldset);
    });
    filtersEl.hidden = !any;
    showChosenCount();
  }

  // The button that folds the filters away says how many values are ticked: "Filters (2)".
  function showChosenCount() {
    var chosen = 0;
    Object.keys(state.filters).forEach(function (k) { chosen += state.filters[k].length; });
    document.getElementById("search-filters-label").textContent = chosen
      ? fill(MSG.filtersChosen, { count: chosen.toLocaleString(LANG) }) : MSG.filtersNone;
  }

  function filterSummary() {
    var parts = [];
    FILTERS.forEach(function (f) {
      var values = state.filters[f[0]];
      if (!values) { return; }
      // A region's countries can be dozens: name three, then how many in all.
      var named = values.length > 4 ? values.slice(0, 3).join(MSG.or) + " … (" + values.length.toLocaleString(LANG) + ")"
        : values.join(MSG.or);
      parts.push(fill(MSG.filterPart, { filter: f[1], values: named }));
    });
    return parts.length ? fill(MSG.filtered, { filters: parts.join(MSG.separator) }) : "";
  }

  function run() {
    writeUrl();
    var mine = ++generation;
    // Without words there is no best match: filters alone list the newest first, and the menu says so.
    bestOption.disabled = !state.q;
    sortSelect.value = state.q ? state.sort : "newest";
    // Filters alone also search (the "see them all" links of country and region pages): every
    // record with those values, newest first.
    if (!state.q && !Object.keys(state.filters).length) {
      resultsEl.textContent = "";
      filtersEl.hidden = true;
      moreWrap.hidden = true;
      statusEl.textContent = MSG.prompt;
      return;
    }
    statusEl.textContent = MSG.searching;
    engine.then(function (e) {
      return e.search(state.q, state.filters, state.sort, state.shown);
    }).then(function (answer) {
      if (mine !== generation) { return; }
      renderResults(answer);
      renderFilters(answer.counts);
      var values = { count: answer.total.toLocaleString(LANG), query: state.q, filters: filterSummary() };
      if (answer.total === 0) {
        statusEl.textContent = fill(state.q ? MSG.none : MSG.noneFiltered, values);
      } else {
        statusEl.textContent = fill(state.q ? MSG.found : MSG.foundFiltered, values);
      }
    }).catch(function (err) {
      statusEl.textContent = fill(MSG.failed, { error: err.message });
    });
  }

  function onFilterChange(event) {
    var box = event.target;
    var list = state.filters[box.name] || [];
    if (box.checked) { list.push(box.value); } else { list = list.filter(function (v) { return v !== box.value; }); }
    if (list.length) { state.filters[box.name] = list; } else { delete state.filters[box.name]; }
    state.shown = PAGE;
    run();
  }

  // ---------------------------------------------------------------- start

  readUrl();
  input.value = state.q;
  sortSelect.value = state.sort;
  engine = window.location.protocol === "file:" ? offlineEngine() : pagefindEngine();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    state.q = input.value.trim();
    state.shown = PAGE;
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.q = input.value.trim();
      state.shown = PAGE;
      run();
    }, 250);
  });
  sortSelect.addEventListener("change", function () {
    state.sort = sortSelect.value;
    run();
  });
  moreButton.addEventListener("click", function () {
    state.shown += PAGE;
    run();
  });
  run();
})();
