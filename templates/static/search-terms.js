// Words into search terms in the browser, exactly as portal/searchterms.py makes the offline index's
// terms at build time (tests/test_search_terms.py runs both on every word of every language's index).
// Snowball stemmers come from the vendored port (assets/vendor/snowball-stemmers.js), loaded first.
// Classic script: defines window.PortalTerms (and module.exports under node, for the tests).
(function (root) {
  "use strict";

  var SNOWBALL = { en: "english", fr: "french", es: "spanish", ru: "russian" };
  var ARABIC_MARKS = /[\u064b-\u0652\u0670\u0640]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]+/g;
  var ARABIC = /[\u0600-\u06ff]/;
  var LATIN = /[a-z\u00c0-\u024f]/;

  // Light stemming after Larkey, Ballesteros and Connell's "light10" (see portal/searchterms.py).
  var AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
  var AR_NORMAL = { "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي" };

  function arabicLightStem(word) {
    word = word.replace(/[أإآى]/g, function (c) { return AR_NORMAL[c]; });
    if (word.length > 3 && word.charAt(0) === "و") { word = word.slice(1); }
    for (var i = 0; i < AR_PREFIXES.length; i++) {
      var p = AR_PREFIXES[i];
      if (word.indexOf(p) === 0 && word.length - p.length >= 2) { word = word.slice(p.length); break; }
    }
    AR_SUFFIXES.forEach(function (s) {
      if (word.length - s.length >= 2 && word.slice(-s.length) === s) { word = word.slice(0, -s.length); }
    });
    return word;
  }

  function Terms(language, snowball) {
    var stemmers = {};
    function stemmer(algorithm) {
      if (!stemmers[algorithm]) { stemmers[algorithm] = snowball.newStemmer(algorithm); }
      return stemmers[algorithm];
    }
    var stems = new Map(); // a page stems the same words again and again (excerpts, titles)
    function stem(word) {
      var known = stems.get(word);
      if (known !== undefined) { return known; }
      var algorithm = SNOWBALL[language];
      if (!algorithm && LATIN.test(word)) { algorithm = "english"; }
      var out = language === "ar" && ARABIC.test(word) ? arabicLightStem(word)
        : algorithm ? stemmer(algorithm).stem(word) : word;
      if (stems.size < 100000) { stems.set(word, out); }
      return out;
    }
    function words(text) {
      return String(text).normalize("NFC").toLowerCase().replace(ARABIC_MARKS, "").match(WORD) || [];
    }
    // Each word's pieces: its runs of Chinese characters, and what lies between them.
    function pieces(word, latin, cjk) {
      var at = 0;
      word.replace(CJK, function (run, start) {
        if (start > at) { latin(word.slice(at, start)); }
        cjk(run);
        at = start + run.length;
        return run;
      });
      if (at < word.length) { latin(word.slice(at)); }
    }
    return {
      stem: stem,
      words: words,
      // The index's terms: every character of a Chinese run and every pair of neighbours.
      indexTerms: function (text) {
        var out = [];
        words(text).forEach(function (word) {
          pieces(word, function (w) { out.push(stem(w)); }, function (run) {
            for (var i = 0; i < run.length; i++) {
              out.push(run[i]);
              if (i + 1 < run.length) { out.push(run.slice(i, i + 2)); }
            }
          });
        });
        return out;
      },
      // A query's terms: a Chinese run by its pairs (all must match), or its one character.
      queryTerms: function (text) {
        var out = [];
        words(text).forEach(function (word) {
          pieces(word, function (w) { out.push(stem(w)); }, function (run) {
            if (run.length === 1) { out.push(run); }
            for (var i = 0; i + 1 < run.length; i++) { out.push(run.slice(i, i + 2)); }
          });
        });
        return out;
      }
    };
  }

  // MiniSearch's serialization of one term shard of the offline index, as its loadJS reads it: the
  // build ships what every shard shares once ("miniSearch", with the documents' field lengths as
  // "lengths", a document's id being its position) and each shard's terms apart
  // (portal/index.py::offline_index).
  // The shared part is made once per index (loadJS reads it without changing it).
  var shared = typeof WeakMap === "function" ? new WeakMap() : null;
  function serialization(data, entries) {
    var base = shared && shared.get(data);
    if (!base) {
      var ids = {};
      var lengths = {};
      data.lengths.forEach(function (row, i) { ids[i] = i; lengths[i] = row; });
      base = Object.assign({}, data.miniSearch, { documentIds: ids, fieldLength: lengths });
      if (shared) { shared.set(data, base); }
    }
    return Object.assign({}, base, { index: entries });
  }

  var api = { Terms: Terms, arabicLightStem: arabicLightStem, serialization: serialization };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.PortalTerms = api; }
})(this);
