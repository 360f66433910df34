/*
 * Paragraph-level search over the builder's prebuilt, scored index.
 *
 * Nothing is indexed here: the builder wrote (builder/search/files.py)
 *   search/index.json   shard keys, where each document's records start, facets (a few KB);
 *   search/t/<n>.json   the scored postings of the terms under one prefix (index.py);
 *   search/r/<n>.json   16 records: what a result shows (label, text, notes cited).
 * Documents, paragraphs and glossary entries are records of one index, scored
 * by one formula (BM25 per field with boosts, summed over the query's terms):
 * every word required first, any word when nothing has them all, for every
 * kind alike. A typed citation ("61/180 op5", "operative paragraph 5 of
 * 61/180") puts that paragraph first. While typing, a search starts only
 * after a pause (DEBOUNCE), a word fetches its shard only once its prefix
 * names one shard, and records are fetched only for the results on screen.
 * Written by hand because no library reads a static, sharded, pre-scored index.
 *
 * The query and filters live in the address (?q=…&year=…), so a search can
 * be shared. Results use Material's result markup and look.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-unp-search]");
  if (!root) return;
  var input = root.querySelector("[data-unp-search-query]");
  var meta = root.querySelector("[data-unp-search-meta]");
  var list = root.querySelector("[data-unp-search-list]");
  var filtersBox = root.querySelector("[data-unp-search-filters]");
  var selects = Array.prototype.slice.call(root.querySelectorAll("[data-unp-filter]"));
  var toggle = document.getElementById("__search");
  var FACETS = ["body", "session", "year", "status"];
  var STATUS_NAMES = { adopted: "Adopted", draft: "Draft", other: "Other" };
  var PAGE = 0, PARAGRAPH = 1, GLOSSARY = 2;
  var SHOWN = 10;
  var DEBOUNCE = 200;  // ms without a keystroke before a search starts (Pagefind's box waits 300)

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);

  /* ---- terms: the same steps as builder/search/terms.py ---- */

  var SYMBOL = /^[a-z0-9][a-z0-9.\-]*(?:\/[a-z0-9][a-z0-9.\-]*)+$/;
  var PIECES = /[\-\u2010-\u2015\/]+/;
  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

  function fold(text) {
    text = text.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(text)) return text;
    return text.replace(/[\u2018\u2019]/g, "'").normalize("NFKD").replace(MARKS, "");
  }

  function trim(word) {
    return word.replace(EDGE, "").replace(/'s$/, "");
  }

  function term(word) {
    word = trim(word);
    if (!word || !lunr.stopWordFilter(word)) return "";
    if (/[0-9\/]/.test(word)) return word;
    return lunr.stemmer(new lunr.Token(word, {})).toString();
  }

  /* Split at white space; a symbol stays one word, anything else splits at hyphens. */
  function words(text) {
    var out = [];
    fold(text).split(/\s+/).forEach(function (chunk) {
      chunk = chunk.replace(EDGE, "");
      if (SYMBOL.test(chunk)) out.push(chunk);
      else chunk.split(PIECES).forEach(function (p) { if (p) out.push(p); });
    });
    return out;
  }

  function terms(text) {
    return words(text).map(term).filter(Boolean);
  }

  /* records.symbol_terms: a symbol, and 61/180 for A/RES/61/180. */
  function symbolTerms(symbol) {
    var parts = symbol.split("/"), out = terms(symbol);
    if (parts.length >= 4 && parts[1] === "RES") out = out.concat(terms(parts.slice(2).join("/")));
    return out;
  }

  function shortSymbol(symbol) {
    var parts = symbol.split("/");
    return parts.length === 4 && parts[1] === "RES" ? parts.slice(2).join("/") : symbol;
  }

  /* ---- loading ---- */

  var loaded = null;
  var cache = {};

  /* index.json is always revalidated (a cheap 304 when unchanged); the files
     it lists are fetched with its version, so a new build never mixes with
     files a browser cached from the previous one. */
  function fetchJSON(path) {
    if (!cache[path]) {
      var url = new URL(path, base);
      if (loaded && loaded.version) url.search = "v=" + loaded.version;
      var options = path === "search/index.json" ? { cache: "no-cache" } : {};
      cache[path] = fetch(url.href, options).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      if (window.lunr) return resolve();
      var script = document.createElement("script");
      script.src = new URL(path, base).href;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(path)); };
      document.head.appendChild(script);
    });
  }

  function load() {
    if (!loaded) {
      loaded = Promise.all([loadScript("assets/lunr.js"), fetchJSON("search/index.json")]).then(function (all) {
        var data = all[1], at = 0;
        data.starts = data.starts.map(function (gap) { return (at += gap); });
        data.terms = {};
        loaded = data;
        fillFilters(data);
        if (!input.value.trim()) meta.textContent = "Type to search documents and paragraphs";
        return data;
      });
      loaded.catch(function () { loaded = null; });
    }
    return Promise.resolve(loaded);
  }

  /* ---- shards ---- */

  /* The shard a whole term lives in: the longest key that begins it. */
  function shardOf(data, t) {
    var best = -1;
    for (var i = 0; i < data.shards.length; i++) {
      var key = data.shards[i];
      if (t.lastIndexOf(key, 0) === 0 && (best < 0 || key.length > data.shards[best].length)) best = i;
    }
    return best;
  }

  /* The shards holding the terms that start with `prefix`: its own, and any keyed longer under it. */
  function shardsUnder(data, prefix) {
    var found = {}, own = shardOf(data, prefix);
    if (own >= 0) found[own] = true;
    data.shards.forEach(function (key, i) {
      if (key.length > prefix.length && key.lastIndexOf(prefix, 0) === 0) found[i] = true;
    });
    return Object.keys(found).map(Number);
  }

  /* A shard's terms, decoded once: term -> {refs, scores} (scores: an array, or one number for all). */
  function shard(data, n) {
    return fetchJSON("search/t/" + n + ".json").then(function (entries) {
      if (!entries.decoded) {
        entries.decoded = entries.map(function (entry) {
          var at = -1, refs = entry[1].map(function (gap) { return (at += gap); });
          var decoded = { term: entry[0], refs: refs, scores: entry[2], high: null };
          if (entry.length > 3) {  // a common term: one score, and the records that score far above it
            at = -1;
            decoded.high = new Map();
            entry[3].forEach(function (gap, i) { decoded.high.set((at += gap), entry[4][i]); });
          }
          data.terms[entry[0]] = decoded;
          return decoded;
        });
      }
      return entries.decoded;
    });
  }

  /* ---- clauses ---- */

  /* The prefix a word and its stem share ("goals", "goal" → "goal"). */
  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charAt(n) === b.charAt(n)) n++;
    return a.slice(0, n);
  }

  /* One clause per word: its term; the word still being typed (no space after
     it) matches every term that starts with it, when they sit in one shard. */
  function clauses(data, text) {
    var raw = words(text), out = [];
    var typing = text.length > 0 && !/\s$/.test(text);
    raw.forEach(function (word, i) {
      var t = term(word);
      var last = typing && i === raw.length - 1;
      var prefix = last ? commonStart(trim(word), t || trim(word)) : "";
      if (prefix.length < 2 || /[0-9\/]/.test(prefix)) prefix = "";
      var shards = prefix ? shardsUnder(data, prefix) : [];
      if (prefix && shards.length === 1) {
        out.push({ term: t, prefix: prefix, shards: shards, required: true });
      } else if (t) {
        // a word cut short whose terms span several shards waits for more letters: not required yet
        var own = shardOf(data, t);
        out.push({ term: t, prefix: "", shards: own >= 0 ? [own] : [], required: !last });
      }
    });
    return out;
  }

  /* A clause's matches: record -> score; for a prefix, the best of its terms. */
  function matches(data, clause, entries) {
    var out = new Map(), found = [];
    entries.forEach(function (entry) {
      if (clause.prefix ? entry.term.lastIndexOf(clause.prefix, 0) !== 0 : entry.term !== clause.term) return;
      found.push(entry.term);
      var refs = entry.refs, scores = entry.scores, fixed = typeof scores === "number", high = entry.high;
      for (var i = 0; i < refs.length; i++) {
        var s = fixed ? (high && high.has(refs[i]) ? high.get(refs[i]) : scores) : scores[i];
        if (!(out.get(refs[i]) >= s)) out.set(refs[i], s);
      }
    });
    return { scores: out, terms: found };
  }

  /* ---- records, documents, filters ---- */

  /* The document a record belongs to (-1: a glossary entry). */
  function docOf(data, ref) {
    if (ref >= data.glossary) return -1;
    var lo = 0, hi = data.starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (data.starts[mid] <= ref) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function kindOf(data, ref) {
    if (ref >= data.glossary) return GLOSSARY;
    return data.starts[docOf(data, ref)] === ref ? PAGE : PARAGRAPH;
  }

  function record(data, ref) {
    return fetchJSON("search/r/" + Math.floor(ref / data.chunk) + ".json").then(function (chunk) {
      return { ref: ref, row: chunk.records[ref % data.chunk], docs: chunk.docs };
    });
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value !== "") chosen[select.dataset.unpFilter] = Number(select.value); });
    return chosen;
  }

  function passes(data, ref, chosen) {
    var names = Object.keys(chosen);
    if (!names.length) return true;
    var doc = docOf(data, ref);
    if (doc < 0) return false;  // glossary entries have no body, session or year
    for (var i = 0; i < names.length; i++) {
      if (data.documentFacets[doc * FACETS.length + FACETS.indexOf(names[i])] !== chosen[names[i]]) return false;
    }
    return true;
  }

  /* ---- citations typed into the box ---- */

  var SYM = "([a-z0-9][a-z0-9.\\-]*(?:/[a-z0-9][a-z0-9.\\-]*)+)";
  var DES = "(?:(operative|preambular)\\s+)?(paragraphs?|paras?|op|pp|action|item|\u00b6)\\.?\\s*(\\d{1,4})" +
            "(?:\\s*\\(([a-z]{1,5})\\)|-?([a-z]{1,2})\\b)?";
  var CITE_AFTER = new RegExp("^(?:(?:draft\\s+)?(?:resolution|document)\\s+)?" + SYM + "[\\s,]+" + DES + "$");
  var CITE_BEFORE = new RegExp("^" + DES + "\\s+(?:of|in)\\s+(?:(?:draft\\s+)?(?:resolution|document)\\s+)?" + SYM + "$");

  /* "61/180 op5", "A/RES/79/1 para 12", "operative paragraph 5 of 61/180" → {symbol, ids}. */
  function citation(text) {
    var folded = fold(text).trim().replace(/\s+/g, " "), m, symbol, des;
    if ((m = CITE_AFTER.exec(folded))) { symbol = m[1]; des = m.slice(2); }
    else if ((m = CITE_BEFORE.exec(folded))) { symbol = m[6]; des = m.slice(1, 6); }
    else return null;
    var qualifier = des[0], kind = des[1], number = des[2], sub = des[3] || des[4] || "";
    var ids;
    if (qualifier === "operative" || kind === "op") ids = ["op" + number];
    else if (qualifier === "preambular" || kind === "pp") ids = ["pp" + number];
    else if (kind === "action" || kind === "item") ids = [kind + number];
    else ids = ["op" + number, "para" + number];
    if (sub) ids = ids.map(function (id) { return id + "-" + sub; });
    return { symbol: symbol.replace(/[.,;]+$/, ""), ids: ids };
  }

  /* The paragraph a citation names: its document by symbol, then the anchor
     (unscoped first, "op5"; else the first scoped one, "annex-para12"). */
  function cited(data, found) {
    var t = term(found.symbol), n = shardOf(data, t);
    if (n < 0) return Promise.resolve(null);
    return shard(data, n).then(function () {
      var entry = data.terms[t];
      if (!entry) return null;
      var best = -1, bestScore = -1;
      entry.refs.forEach(function (ref, i) {
        var s = typeof entry.scores !== "number" ? entry.scores[i] : entry.high && entry.high.get(ref) || entry.scores;
        if (kindOf(data, ref) === PAGE && s > bestScore) { best = ref; bestScore = s; }
      });
      if (best < 0) return null;
      return record(data, best).then(function (page) {
        var anchors = page.row[3].split(" ");
        for (var k = 0; k < found.ids.length; k++) {
          var id = found.ids[k], at = anchors.indexOf(id);
          if (at < 0) at = anchors.findIndex(function (a) { return a.slice(-id.length - 1) === "-" + id; });
          if (at >= 0) return best + 1 + at;
        }
        return null;
      });
    });
  }

  /* ---- search ---- */

  function rank(results) {
    results.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
    return results;
  }

  /* Every clause required; else (two or more words, nothing has them all) any of them. */
  function combine(items, found, all) {
    var totals = new Map(), counts = new Map();
    found.forEach(function (m, c) {
      if (!all && !m.scores.size) return;
      m.scores.forEach(function (s, ref) {
        totals.set(ref, (totals.get(ref) || 0) + s);
        if (items[c].required) counts.set(ref, (counts.get(ref) || 0) + 1);
      });
    });
    var needed = items.filter(function (c) { return c.required; }).length, out = [];
    totals.forEach(function (score, ref) {
      if (!all || (counts.get(ref) || 0) === needed) out.push({ ref: ref, score: score });
    });
    return out;
  }

  /* Results for `text`, best first: {refs, counts, words, cited (a record number or null)}. */
  function search(text, isStale) {
    var started = performance.now();
    return load().then(function (data) {
      var asCitation = citation(text);
      var query = asCitation ? asCitation.symbol : text;
      var items = clauses(data, query);
      var empty = { text: text, results: [], counts: [0, 0, 0], words: [], cited: null, ms: 0 };
      if (!items.length) return empty;
      var numbers = {};
      items.forEach(function (c) { c.shards.forEach(function (n) { numbers[n] = true; }); });
      var wanted = Object.keys(numbers).map(Number);
      return Promise.all(wanted.map(function (n) { return shard(data, n); })).then(function (all) {
        if (isStale && isStale()) return null;
        var byShard = {};
        wanted.forEach(function (n, i) { byShard[n] = all[i]; });
        var found = items.map(function (c) {
          var entries = [];
          c.shards.forEach(function (n) { entries = entries.concat(byShard[n]); });
          return matches(data, c, entries);
        });
        var results = combine(items, found, true);
        if (!results.length && items.filter(function (c) { return c.required; }).length > 1) {
          results = combine(items, found, false);
        }
        var chosen = chosenFilters();
        results = rank(results.filter(function (r) { return passes(data, r.ref, chosen); }));
        var counts = [0, 0, 0], matched = {};
        results.forEach(function (r) { counts[kindOf(data, r.ref)]++; });
        found.forEach(function (m) { m.terms.forEach(function (t) { matched[t] = true; }); });
        var out = { text: text, results: results, counts: counts, words: Object.keys(matched), cited: null };
        var resolving = asCitation ? cited(data, asCitation) : Promise.resolve(null);
        return resolving.then(function (ref) {
          if (ref !== null) {
            out.cited = ref;
            out.results = [{ ref: ref, score: Infinity }].concat(out.results.filter(function (r) { return r.ref !== ref; }));
          }
          out.ms = performance.now() - started;
          return out;
        });
      });
    });
  }

  /* ---- showing results ---- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hits(word, matched) {
    return words(word).some(function (w) {
      var t = term(w);
      return t && matched.some(function (x) { return t === x || t.lastIndexOf(x, 0) === 0; });
    });
  }

  /* An excerpt of `text` around the first matching word, matching words marked.
     Built as DOM nodes from text: document text is never parsed as HTML. */
  function excerpt(text, matched) {
    var p = el("p", "md-search-result__teaser");
    var re = /[^\s]+/g, m, pieces = [], first = -1;
    while ((m = re.exec(text))) {
      var hit = hits(m[0], matched);
      if (hit && first < 0) first = pieces.length;
      pieces.push({ text: m[0], hit: hit });
    }
    var from = Math.max(0, first - 12), to = Math.min(pieces.length, Math.max(first, 0) + 36);
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      if (i > from) p.appendChild(document.createTextNode(" "));
      p.appendChild(pieces[i].hit ? el("mark", "", pieces[i].text) : document.createTextNode(pieces[i].text));
    }
    if (to < pieces.length) p.appendChild(document.createTextNode(" …"));
    return { node: p, hit: first >= 0 };
  }

  /* Why a paragraph matched when its text does not show it: the notes it cites the symbol in. */
  function why(notes, matched, text) {
    var said = [], shown = terms(text);
    notes.forEach(function (pair) {
      var symbol = pair[0], label = pair[1];
      var hit = symbolTerms(symbol).filter(function (t) { return matched.indexOf(t) >= 0 && shown.indexOf(t) < 0; });
      if (!hit.length) return;
      var name = hit.indexOf(term(shortSymbol(symbol))) >= 0 && hit.indexOf(term(symbol)) < 0 ? shortSymbol(symbol) : symbol;
      var text = "cites " + name + " in note " + label;
      if (said.indexOf(text) < 0) said.push(text);
    });
    return said.length ? el("p", "unp-search-why", said.join("; ")) : null;
  }

  function item(href, title, label, extras) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = new URL(href, base).href;
    a.tabIndex = -1;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("div", "unp-search-label", label));
    article.appendChild(el("h1", "", title));
    extras.forEach(function (node) { if (node) article.appendChild(node); });
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function plural(n, word, words) {
    return n + " " + (n === 1 ? word : words);
  }

  function entry(found, shown) {
    var row = shown.row, matched = found.words;
    if (row[0] === GLOSSARY) {
      return item(row[1], row[3], row[2], [row[4] ? el("p", "md-search-result__teaser", row[4]) : null]);
    }
    var doc = shown.docs[String(row[1])];
    if (row[0] === PAGE) return item(doc[0], doc[2], row[2], []);
    var label = doc[1] + " · " + (row[3] || "text");
    var teaser = excerpt(row[4], matched);
    var li = item(doc[0] + (row[2] ? "#" + row[2] : ""), doc[2], label, [teaser.node, why(row[5], matched, row[4])]);
    if (shown.ref === found.cited) li.classList.add("unp-search-cited");
    return li;
  }

  function show(data, found, count, mine) {
    // Records come 16 to a file: each file is fetched once, however many of its results are shown.
    return Promise.all(found.results.slice(0, count).map(function (r) { return record(data, r.ref); })).then(function (rows) {
      if (mine !== sequence) return;  // a newer query has been typed meanwhile
      list.textContent = "";
      rows.forEach(function (shown) { list.appendChild(entry(found, shown)); });
      var c = found.counts, parts = [];
      if (c[PAGE]) parts.push(plural(c[PAGE], "document", "documents"));
      if (c[GLOSSARY]) parts.push(plural(c[GLOSSARY], "glossary entry", "glossary entries"));
      if (c[PARAGRAPH]) parts.push(plural(c[PARAGRAPH], "paragraph", "paragraphs"));
      meta.textContent = found.results.length === 0 ? "No matching documents or paragraphs"
        : (found.cited !== null ? "The paragraph cited, then " : "") + (parts.join(", ") || "1 paragraph");
      if (found.results.length > count) {
        var more = el("button", "md-button unp-search-more", "Show more results");
        more.type = "button";
        more.addEventListener("click", function () { render(count + SHOWN); });
        var li = el("li", "md-search-result__item");
        li.appendChild(more);
        list.appendChild(li);
      }
      list.setAttribute("data-unp-query", found.text);
    });
  }

  function fillFilters(data) {
    selects.forEach(function (select) {
      var name = select.dataset.unpFilter;
      data.facets[name].forEach(function (value, i) {
        var option = el("option", "", name === "status" ? STATUS_NAMES[value] || value : value);
        option.value = String(i);
        select.appendChild(option);
      });
      var wanted = new URLSearchParams(location.search).get(name);
      if (wanted !== null) {
        var at = data.facets[name].indexOf(wanted);
        if (at >= 0) select.value = String(at);
      }
    });
    filtersBox.hidden = false;
  }

  /* ---- wiring ---- */

  var sequence = 0;
  var timer = null;

  function remember(text) {
    var url = new URL(location.href);
    if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
    FACETS.forEach(function (name) { url.searchParams.delete(name); });
    if (loaded && loaded.facets) {
      var chosen = chosenFilters();
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, loaded.facets[name][chosen[name]]); });
    }
    history.replaceState(history.state, "", url.href);
  }

  function render(count) {
    var text = input.value;
    var mine = ++sequence;
    remember(text);
    if (!text.trim()) {
      list.textContent = "";
      list.setAttribute("data-unp-query", "");
      meta.textContent = "Type to search documents and paragraphs";
      return Promise.resolve(null);
    }
    if (!loaded || loaded.then) meta.textContent = "Loading the search index…";
    var stale = function () { return mine !== sequence; };
    return search(text, stale).then(function (found) {
      if (!found || stale()) return null;
      return show(loaded, found, count || SHOWN, mine).then(function () { return found; });
    }).catch(function (error) {
      if (mine === sequence) meta.textContent = "Search is unavailable: " + error.message;
      throw error;
    });
  }

  /* A keystroke makes the results on screen stale at once; the search waits for a pause. */
  function typed() {
    ++sequence;
    clearTimeout(timer);
    timer = setTimeout(function () { render(); }, DEBOUNCE);
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  input.addEventListener("focus", function () { open(); load(); });
  input.addEventListener("input", typed);
  selects.forEach(function (select) { select.addEventListener("change", function () { render(); }); });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { render(); input.focus(); }, 0);
  });

  document.addEventListener("keydown", function (event) {
    var inSearch = root.contains(document.activeElement);
    if (event.key === "Escape" && toggle && toggle.checked) {
      close();
      event.preventDefault();
    } else if (!inSearch && (event.key === "/" || event.key === "s" || event.key === "f") &&
               !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) &&
               !event.ctrlKey && !event.metaKey && !event.altKey) {
      open();
      input.focus();
      input.select();
      event.preventDefault();
    } else if (inSearch && event.key === "Enter" && document.activeElement === input) {
      clearTimeout(timer);
      render();
      event.preventDefault();
    } else if (inSearch && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
      event.preventDefault();
    }
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    open();
    load().then(function () { return render(); });
  }

  window.unpSearch = {
    terms: function (text) { return load().then(function () { return terms(text); }); },
    /* for tests and the bench: results as [kind, record number, score] */
    search: function (text) {
      return search(text).then(function (found) {
        return load().then(function (data) {
          found.ranked = found.results.map(function (r) { return [kindOf(data, r.ref), r.ref, r.score]; });
          return found;
        });
      });
    },
    record: function (ref) { return load().then(function (data) { return record(data, ref); }); }
  };
})();
