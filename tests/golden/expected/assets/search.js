// The search page. Over HTTP the engine is Pagefind (its index in /pagefind/). Opened from disk
// (file://) browsers block module imports and fetch(), so the page loads a script-fed index instead
// (search/offline-index.js, ready to query) and searches it with MiniSearch (assets/vendor/minisearch.js).
// Over HTTP that same local index also answers what Pagefind cannot: Arabic (every query) and
// misspellings (when Pagefind finds nothing). Both engines return the same shape; everything below
// `engine` is shared.
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
                      // A result's kind, countries and year are its filters' values (base.html
                      // gives Pagefind each once), the countries joined as the language joins a list.
                      var f = d.filters || {};
                      return {
                        url: fileUrl(d.url), title: d.meta.title || d.url, kind: (f.kind || [""])[0],
                        countries: (f.country || []).join(MSG.list), year: (f.year || [""])[0],
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

  // The offline index of this page's language, shipped ready to query: MiniSearch's serialization
  // (made by the build, portal/index.py::offline_index) is loaded as it is, nothing is indexed here.
  // What shows and filters its documents comes in one file, its terms in shards by first letter,
  // loaded when a query needs them (each shard is a MiniSearch index of its terms over all the
  // documents), the texts of excerpts in groups, loaded for the results shown. The query becomes
  // terms as the index's words did (assets/search-terms.js: Snowball stems, Arabic light stems,
  // Chinese character pairs). Classic scripts, so it works from disk too.
  var CJK_TERM = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
  var EVERY_SHARD_ONLINE = 4; // an index of some 2,000 records: its term shards are about 2 MB
  function localEngine() {
    return Promise.all([
      loadScript("assets/vendor/minisearch.js", siteRoot),
      loadScript("assets/vendor/snowball-stemmers.js", siteRoot),
      loadScript("search/offline-index.js", langRoot) // this language's pages
    ]).then(function () {
      return loadScript("assets/search-terms.js", siteRoot);
    }).then(function () {
      var data = window.PORTAL_SEARCH_INDEX;
      var docs = data.documents.map(function (row, id) { // a list of values in data.fields' order
        var d = { id: id };
        data.fields.forEach(function (name, i) { d[name] = row[i]; });
        Object.keys(d.filters).forEach(function (k) { // filter values are stored once, by number
          d.filters[k] = d.filters[k].map(function (i) { return data.filters[k][i]; });
        });
        return d;
      });
      var terms = window.PortalTerms.Terms(data.language, window.snowballFactory);
      var options = {
        fields: ["title", "countries", "facts", "text"],
        tokenize: terms.indexTerms,
        processTerm: function (term) { return term; },
        searchOptions: {
          boost: { title: 4, countries: 2, facts: 1.5 },
          combineWith: "OR",
          // Word beginnings, and typos: one edit in words of 4 or 5 letters, two from 6 (not in
          // Chinese pairs, where one wrong character is another word).
          prefix: function (term) { return term.length >= 3 && !CJK_TERM.test(term); },
          fuzzy: editsAllowed
        }
      };
      var shards = {};
      function shard(k) {
        if (!shards[k]) {
          shards[k] = loadScript("search/offline-index-" + k + ".js", langRoot).then(function () {
            var entries = window.PORTAL_SEARCH_SHARDS[k];
            // loadJSON(text) is loadJS(JSON.parse(text)): the index arrives parsed, as a script.
            var serialized = window.PortalTerms.serialization(data, entries);
            return { index: window.MiniSearch.loadJS(serialized, options), vocabulary: Vocabulary(entries) };
          });
        }
        return shards[k];
      }
      function shardOf(term) { return term.codePointAt(0) % data.shards; }

      // The texts of excerpts come in groups of documents (data.texts to a file), loaded for the
      // results shown: the documents' texts, in order.
      var groups = {};
      function groupOf(d) { return Math.floor(d.id / data.texts); }
      function textsOf(shown) {
        var wanted = {};
        shown.forEach(function (d) { wanted[groupOf(d)] = true; });
        return Promise.all(Object.keys(wanted).map(function (g) {
          groups[g] = groups[g] || loadScript("search/offline-text-" + g + ".js", langRoot);
          return groups[g];
        })).then(function () {
          return shown.map(function (d) { return window.PORTAL_SEARCH_TEXTS[groupOf(d)][d.id % data.texts]; });
        });
      }

      // Each shard answers for its terms (any of them); a record's score is the sum over shards, as
      // one MiniSearch index scores a query (its score per term times the terms matched).
      function find(list, all) {
        var groups = {};
        list.forEach(function (t) { (groups[shardOf(t)] = groups[shardOf(t)] || []).push(t); });
        var keys = Object.keys(groups);
        return Promise.all(keys.map(shard)).then(function (loaded) {
          var found = new Map();
          loaded.forEach(function (s, i) {
            var mine = groups[keys[i]];
            s.index.search(mine.join(" "), { tokenize: function () { return mine; } }).forEach(function (r) {
              var f = found.get(r.id) || { id: r.id, raw: 0, terms: [], queryTerms: [] };
              f.raw += r.score / (r.queryTerms.length || 1);
              r.terms.forEach(function (t) { if (f.terms.indexOf(t) === -1) { f.terms.push(t); } });
              r.queryTerms.forEach(function (t) { if (f.queryTerms.indexOf(t) === -1) { f.queryTerms.push(t); } });
              found.set(r.id, f);
            });
          });
          var wanted = list.filter(function (t, i) { return list.indexOf(t) === i; }).length;
          var hits = [];
          found.forEach(function (f) {
            if (!all || f.queryTerms.length >= wanted) { f.score = f.raw * f.queryTerms.length; hits.push(f); }
          });
          return hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        });
      }

      // Each word the index does not know becomes its nearest term: from the word's own shard (the
      // terms that begin with its letter) when one there is a single edit away, or else from every
      // shard, loaded for that, so that a typo in the first letter ("oatent" for "patent") finds the
      // term one edit away rather than one two edits away that begins with the wrong letter. Over a
      // network every shard is loaded only for a small index (EVERY_SHARD_ONLINE shards): at 10,000
      // records they are about 10 MB, too much to download for one typo on a slow connection.
      var everyShard = window.location.protocol === "file:" || data.shards <= EVERY_SHARD_ONLINE;
      function correct(asked) {
        return Promise.all(asked.map(function (t) {
          return shard(shardOf(t)).then(function (s) {
            if (s.vocabulary.known(t)) { return t; }
            var near = s.vocabulary.nearest(t);
            if (!everyShard || (near && near.distance === 1)) { return near ? near.term : t; }
            var all = [];
            for (var k = 0; k < data.shards; k++) { all.push(shard(k)); }
            return Promise.all(all).then(function (loaded) {
              var best = nearestOf(loaded.map(function (other) { return other.vocabulary.nearest(t); }));
              return best ? best.term : t;
            });
          });
        }));
      }

      return {
        local: true,
        // While the reader types, the shards of the words typed so far start loading, so that
        // they are there when the pause after the last keystroke ends.
        prefetch: function (q) {
          terms.queryTerms(q).forEach(function (t) { shard(shardOf(t)); });
        },
        search: function (q, filters, sort, limit) {
          var asked = q ? terms.queryTerms(q) : [];
          var corrected = asked;
          var relaxed = false;
          return correct(asked).then(function (list) {
            corrected = list;
            if (!list.length) { return []; }
            return find(list, true).then(function (hits) {
              // No record has every word, even spelt nearly so: the records with most of them.
              relaxed = !hits.length;
              return hits.length ? hits : find(list, false);
            });
          }).then(function (hits) {
            // A record whose title is the query, word for word, comes first (as a title typed whole
            // is what the reader wants), whatever longer records repeat those words.
            // Looked for among the 50 best (the title field's boost puts it there).
            var wanted = corrected.slice().sort().join(" ");
            hits.slice(0, 50).forEach(function (h) {
              if (terms.queryTerms(docs[h.id].title).sort().join(" ") === wanted) { h.score *= 10; }
            });
            hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
            var wasCorrected = hits.length && corrected.join(" ") !== asked.join(" ");
            var matching = (q ? hits.map(function (h) { return docs[h.id]; }) : docs)
              .filter(function (d) { return passes(d, filters); });
            if (sort === "newest" || !q) {
              matching = matching.filter(function (d) { return d.date; })
                .sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
            }
            var marked = {};
            hits.forEach(function (h) { h.terms.forEach(function (t) { marked[t] = true; }); });
            var shown = matching.slice(0, limit);
            var best = wasCorrected ? [docs[hits[0].id]] : [];
            return textsOf(shown.concat(best)).then(function (texts) {
              var meant = "";
              if (wasCorrected) {
                // Words as the reader typed them, except those replaced by the index's (the word of
                // the best record that the index's term stands for).
                var typed = terms.words(q);
                var bestText = texts[shown.length];
                meant = corrected.map(function (t, i) {
                  return t !== asked[i] ? wordFor(t, best[0], bestText, terms) : typed.length === asked.length ? typed[i] : t;
                }).join(" ");
              }
              return {
                total: matching.length,
                counts: countFilters(matching),
                meant: meant,
                relaxed: relaxed,
                results: shown.map(function (d, i) {
                  return {
                    url: new URL(d.url, langRoot).href, title: d.title, kind: d.kind, countries: d.countries,
                    year: d.year, excerpt: excerpt(texts[i], q, marked, terms)
                  };
                })
              };
            });
          });
        }
      };
    });
  }

  // "Did you mean", from the index's own vocabulary: a query term that is neither a term of the
  // index nor the beginning of one is replaced by the nearest term (optimal string alignment
  // distance, so that a swap of two letters is one edit; one edit in terms of 4 or 5 letters, two
  // from 6), the one in most records when several are as near. Chinese terms are left as typed.
  function Vocabulary(entries) {
    var sorted = entries.map(function (e) { return e[0]; }); // the build writes them sorted
    var set = new Set(sorted);
    function records(i) {
      var seen = {};
      var fields = entries[i][1];
      Object.keys(fields).forEach(function (f) { Object.keys(fields[f]).forEach(function (d) { seen[d] = 1; }); });
      return Object.keys(seen).length;
    }
    function begins(term) { // some term of the index begins with `term`
      var lo = 0;
      var hi = sorted.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (sorted[mid] < term) { lo = mid + 1; } else { hi = mid; }
      }
      return lo < sorted.length && sorted[lo].indexOf(term) === 0;
    }
    return {
      // Whether the term needs no correction: too short or Chinese to correct, or in the index, or
      // the beginning of a term of it.
      known: function (term) {
        return !editsAllowed(term) || set.has(term) || begins(term);
      },
      // The nearest term of these (fewest edits, then in most records), as
      // { term, distance, records }, or null when none is near enough.
      nearest: function (term) {
        var most = editsAllowed(term);
        var best = null;
        var bestDistance = most + 1;
        var bestRecords = 0;
        for (var i = 0; i < sorted.length; i++) {
          var t = sorted[i];
          if (Math.abs(t.length - term.length) > most) { continue; }
          var d = distance(term, t, bestDistance);
          if (d > most || d > bestDistance) { continue; }
          var n = records(i);
          if (d < bestDistance || n > bestRecords) { best = t; bestDistance = d; bestRecords = n; }
        }
        return best === null ? null : { term: best, distance: bestDistance, records: bestRecords };
      }
    };
  }

  // Edits a word may be away from the index's term it is corrected to: one in words of 4 or 5
  // letters, two from 6; none in shorter words or Chinese pairs (one wrong character is another word).
  function editsAllowed(term) {
    return CJK_TERM.test(term) || term.length < 4 ? 0 : term.length < 6 ? 1 : 2;
  }

  // The best of several shards' nearest terms: fewest edits, then in most records, then first in
  // order, so that the answer does not depend on which shard loaded first.
  function nearestOf(found) {
    var best = null;
    found.forEach(function (f) {
      if (f && (!best || f.distance < best.distance || (f.distance === best.distance &&
          (f.records > best.records || (f.records === best.records && f.term < best.term))))) {
        best = f;
      }
    });
    return best;
  }

  // The word of a record that the corrected term stands for, to show the reader what was searched.
  function wordFor(term, doc, text, terms) {
    var words = terms.words([doc.title, doc.countries, text].join(" "));
    for (var i = 0; i < words.length; i++) {
      if (terms.queryTerms(words[i])[0] === term) { return words[i]; }
    }
    return term;
  }

  // Optimal string alignment distance (Levenshtein with swaps of neighbours); stops early once every
  // way is beyond `limit`.
  function distance(a, b, limit) {
    var before = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, before[j - 2] + 1); }
        row.push(d);
        if (d < least) { least = d; }
      }
      if (least > limit) { return least; }
      before = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // Over HTTP, Pagefind searches; the offline index (loaded only when needed) answers the queries
  // it cannot: Arabic words in any form (Pagefind's Snowball Arabic stemmer takes a root letter for
  // a prefix, see portal/searchterms.py), and misspelt words, which Pagefind matches only exactly.
  var local = null;
  function localOnce() {
    if (!local) { local = localEngine(); }
    return local;
  }

  // Arabic and Chinese are searched in the local index online too (docs/search.md): Pagefind's
  // Arabic stems never meet ours, and its Chinese segmentation matches the parts of a name
  // ("西亚" in "波利尼西亚") before the name itself.
  var LOCAL_ONLINE = LANG === "ar" || LANG === "zh";

  function onlineEngine() {
    if (LOCAL_ONLINE) { return localOnce(); }
    var pagefind = pagefindEngine();
    return Promise.resolve({
      search: function (q, filters, sort, limit) {
        // Newest first (and browsing by filters alone, which lists newest first): Pagefind sorts
        // each of its shards on its own and merges them by score, so the order across shards would
        // be lost; the local index holds every page's date and filters and sorts them all at once.
        if (!q || sort === "newest") {
          return localOnce().then(function (e) { return e.search(q, filters, sort, limit); });
        }
        // Both indexes are asked. A misspelling can still match many pages in Pagefind (a wrong
        // character in Chinese matches the others), so the local index's answer stands when it
        // corrected a word, when no record has all the words (it lists those with most of them)
        // or when Pagefind found nothing; else Pagefind's, which holds every page's full text.
        return Promise.all([
          pagefind.then(function (e) { return e.search(q, filters, sort, limit); }),
          localOnce().then(function (e) { return e.search(q, filters, sort, limit); })
        ]).then(function (answers) {
          var answer = answers[0], mine = answers[1];
          return mine.meant || mine.relaxed || !answer.total ? mine : answer;
        });
      }
    });
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

  // About 30 words around the first match, with every word marked whose term the search matched
  // (and, in Chinese, the query's own characters).
  function excerpt(text, q, marked, terms) {
    var cjk = q.match(/[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]+/g) || [];
    var parts = [];
    var at = 0;
    var first = -1;
    String(text).replace(/[\p{L}\p{N}]+/gu, function (word, start) {
      var hit = false;
      if (CJK_TERM.test(word)) {
        hit = cjk.some(function (run) { return word.indexOf(run) !== -1; });
      } else {
        var t = terms.queryTerms(word);
        hit = t.length === 1 && marked[t[0]] === true;
      }
      if (hit) {
        if (start > at) { parts.push({ text: text.slice(at, start), mark: false, at: at }); }
        parts.push({ text: word, mark: true, at: start });
        at = start + word.length;
        if (first === -1) { first = start; }
      }
      return word;
    });
    if (at < text.length) { parts.push({ text: text.slice(at), mark: false, at: at }); }
    var from = Math.max(0, first - 80);
    var to = Math.min(text.length, from + 220);
    while (to < text.length && to < from + 250 && /[\p{L}\p{N}]/u.test(text[to])) { to++; } // not in a word
    var out = from > 0 ? [{ text: "…", mark: false }] : [];
    parts.forEach(function (p) {
      var end = p.at + p.text.length;
      if (end <= from || p.at >= to) { return; }
      out.push({ text: p.text.slice(Math.max(0, from - p.at), to - p.at), mark: p.mark });
    });
    if (to < text.length) { out.push({ text: "…", mark: false }); }
    return out;
  }

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
      // A misspelt word searched as the index's nearest word says so: “patnet → patent”.
      var shown = answer.meant ? state.q + " → " + answer.meant : state.q;
      var values = { count: answer.total.toLocaleString(LANG), query: shown, filters: filterSummary() };
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
  var fromDisk = window.location.protocol === "file:";
  engine = fromDisk ? localOnce() : onlineEngine();
  // The local index answers at once: a short pause after typing is enough (one a little longer
  // than between two keystrokes, so that a word is not searched letter by letter); Pagefind fetches.
  var pause = fromDisk || LOCAL_ONLINE ? 120 : 250;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    state.q = input.value.trim();
    state.shown = PAGE;
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    if (local && (fromDisk || LOCAL_ONLINE)) {
      local.then(function (e) { e.prefetch(input.value); }).catch(function () { /* reported by run() */ });
    }
    timer = setTimeout(function () {
      state.q = input.value.trim();
      state.shown = PAGE;
      run();
    }, pause);
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
