// For tests/test_search_terms.py: reads {language, words, documents, shipped} as JSON on stdin;
// answers with the browser's terms of every word (assets/search-terms.js over the vendored Snowball
// port), the index the vendored MiniSearch builds from the documents with those terms, and the
// build's shipped index (its shared part and all its shards' terms, made into MiniSearch's
// serialization as search.js makes it) as MiniSearch loads it: both through toJSON(), terms sorted.
"use strict";
const path = require("path");
const static_ = path.join(__dirname, "..", "..", "templates", "static");
const MiniSearch = require(path.join(static_, "vendor", "minisearch.js"));
const snowball = require(path.join(static_, "vendor", "snowball-stemmers.js"));
const { Terms, serialization } = require(path.join(static_, "search-terms.js"));

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const terms = Terms(input.language, snowball);
const options = {
  fields: ["title", "countries", "facts", "text"],
  tokenize: terms.indexTerms,
  processTerm: (term) => term
};
const sorted = (json) => {
  json.index.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return json;
};
const built = new MiniSearch(options);
built.addAll(input.documents);
const loaded = MiniSearch.loadJS(serialization(input.shipped, input.shipped.entries), options);
process.stdout.write(JSON.stringify({
  words: input.words.map((w) => terms.indexTerms(w)),
  built: sorted(built.toJSON()),
  loaded: sorted(loaded.toJSON()),
  query: input.words.slice(0, 50).map((w) => loaded.search(w).slice(0, 5).map((r) => r.id))
}));
