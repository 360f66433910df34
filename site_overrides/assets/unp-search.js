/*
 * Paragraph-level search over the builder's prebuilt lunr index.
 *
 * Nothing is indexed here: the builder wrote (builder/search/files.py)
 *   search/index.json   documents and glossary entries with a whole lunr index
 *                       over them, the facets, and the list of term shards;
 *   search/t/<n>.json   the paragraph index, cut by the first letters of terms;
 *   search/p/<n>.json   each document's paragraphs, for labels and excerpts.
 * A query loads index.json once, then only the shards of its own terms and
 * the paragraphs of the results it shows, and answers with lunr.Index.query
 * over an index put together from those shards (lunr.js ships in MkDocs and
 * is copied by the builder to assets/lunr.js). Written by hand because
 * Material's search expects one whole index built in the browser.
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
  var SHOWN = 20;

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

  /* ---- loading ---- */

  var loaded = null;
  var cache = {};

  /* index.json is always revalidated (a cheap 304 when unchanged); the files
     it lists are fetched with its version, so a new build never mixes with
     shards a browser cached from the previous one. */
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
        var data = all[1];
        data.lunr = lunr.Index.load(data.index);
        data.glossaryByRef = {};
        data.glossary.forEach(function (g) { data.glossaryByRef[g[0]] = g; });
        loaded = data;
        fillFilters(data);
        if (!input.value.trim()) meta.textContent = "Type to search documents and paragraphs";
        return data;
      });
      loaded.catch(function () { loaded = null; });
    }
    return Promise.resolve(loaded);
  }

  /* ---- the paragraph index, from shards ---- */

  function shardsFor(data, word, prefix) {
    var keys = data.shards, found = {}, best = -1;
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (word.lastIndexOf(key, 0) === 0 && (best < 0 || key.length > keys[best].length)) best = i;
      if (prefix && key.length > word.length && key.lastIndexOf(word, 0) === 0) found[i] = true;
    }
    if (best >= 0) found[best] = true;
    return Object.keys(found).map(Number);
  }

  var merged = {};

  /* The postings of the given shards, merged: term -> [term index, per field
     [ref, score, ref, score, ...]], and the sorted list of their terms. */
  function postings(numbers) {
    var key = numbers.slice().sort(function (a, b) { return a - b; }).join(",");
    if (!merged[key]) {
      merged[key] = Promise.all(numbers.map(function (n) { return fetchJSON("search/t/" + n + ".json"); }))
        .then(function (shards) {
          var byTerm = Object.create(null), terms = [];
          shards.forEach(function (entries) {
            entries.forEach(function (entry) { byTerm[entry[0]] = [entry[1], entry[2]]; terms.push(entry[0]); });
          });
          terms.sort();
          return { byTerm: byTerm, terms: terms };
        });
    }
    return merged[key];
  }

  function expand(post, clause) {
    if (!clause.wildcard) return post.byTerm[clause.term] ? [clause.term] : [];
    var terms = post.terms, lo = 0, hi = terms.length, out = [];
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < clause.term) lo = mid + 1; else hi = mid;
    }
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(clause.term, 0) === 0; i++) out.push(terms[i]);
    return out;
  }

  /* lunr.Index.prototype.query's scoring, over postings instead of a whole
     lunr.Index: for each field, the dot product of the query vector (boosts)
     with the paragraph's field vector (stored BM25 scores), divided by the
     query vector's length, summed over fields; a required clause must match.
     Same results and scores as lunr (test_search_browser.py compares them),
     but it makes no per-match objects: lunr.Index.query took 120-330 ms on
     words found in 17,000 of the corpus's paragraphs, this takes a few ms. */
  function score(post, fields, items) {
    var sums = new Map(), queryVectors = fields.map(function () { return new Map(); });
    var required = null, found = [];
    for (var c = 0; c < items.length; c++) {
      var clause = items[c], expanded = expand(post, clause);
      if (!expanded.length) {
        if (clause.required) return { results: [], terms: [] };
        continue;
      }
      var matched = clause.required ? new Set() : null;
      expanded.forEach(function (t) {
        var entry = post.byTerm[t];
        found.push(t);
        fields.forEach(function (field, f) {
          var vector = queryVectors[f], pairs = entry[1][f];
          vector.set(entry[0], (vector.get(entry[0]) || 0) + clause.boost);
          for (var i = 0; i < pairs.length; i += 2) {
            var ref = pairs[i], row = sums.get(ref);
            if (!row) { row = new Array(fields.length).fill(0); sums.set(ref, row); }
            row[f] += clause.boost * pairs[i + 1];
            if (matched) matched.add(ref);
          }
        });
      });
      if (matched) required = required ? new Set([...required].filter(function (r) { return matched.has(r); })) : matched;
    }
    var norms = queryVectors.map(function (vector) {
      var sum = 0;
      vector.forEach(function (v) { sum += v * v; });
      return Math.sqrt(sum);
    });
    var results = [];
    sums.forEach(function (row, ref) {
      if (required && !required.has(ref)) return;
      var total = 0;
      for (var f = 0; f < row.length; f++) if (row[f]) total += row[f] / norms[f];
      results.push({ ref: ref, score: total });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.ref < b.ref ? -1 : 1); });
    return { results: results, terms: found };
  }

  /* ---- querying ---- */

  /* The prefix a word and its stem share ("goals", "goal" → "goal"): the word
     being typed matches every term that starts there, its own stem included. */
  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charAt(n) === b.charAt(n)) n++;
    return a.slice(0, n);
  }

  /* lunr clauses for the typed text: every word is required; the last one,
     while it is still being typed, is required as a prefix (which covers its
     own stem) and its stem scores extra. */
  function clauses(text, required) {
    var raw = words(text), out = [];
    var typing = text.length > 0 && !/\s$/.test(text);
    raw.forEach(function (word, i) {
      var t = term(word);
      var prefix = typing && i === raw.length - 1 ? commonStart(trim(word), t || trim(word)) : "";
      if (prefix.length < 2 || /[0-9\/]/.test(prefix)) prefix = "";
      if (prefix) {
        out.push({ term: prefix, wildcard: true, boost: 1, required: required });
        if (t) out.push({ term: t, wildcard: false, boost: 2, required: false });
      } else if (t) {
        out.push({ term: t, wildcard: false, boost: 1, required: required });
      }
    });
    return out;
  }

  function lunrQuery(index, items) {
    return index.query(function (q) {
      items.forEach(function (c) {
        q.term(c.term, {
          usePipeline: false,
          boost: c.boost,
          wildcard: c.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          presence: c.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL
        });
      });
    });
  }

  /* All words first; when nothing has them all, any of them. */
  function allThenAny(text, run) {
    var all = clauses(text, true);
    var found = run(all);
    return found.length || all.filter(function (c) { return c.required; }).length < 2 ? found : run(clauses(text, false));
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value !== "") chosen[select.dataset.unpFilter] = Number(select.value); });
    return chosen;
  }

  function passes(data, docNumber, chosen) {
    var doc = data.documents[docNumber];
    for (var name in chosen) if (doc[3 + FACETS.indexOf(name)] !== chosen[name]) return false;
    return true;
  }

  /* Results for `text`: documents and glossary entries first, then paragraphs, best first. */
  function search(text) {
    var started = performance.now();
    return load().then(function (data) {
      var items = clauses(text, false);
      if (!items.length) return { text: text, documents: [], paragraphs: [], ms: 0, words: [] };
      var numbers = {};
      items.forEach(function (c) {
        shardsFor(data, c.term, c.wildcard).forEach(function (n) { numbers[n] = true; });
      });
      return postings(Object.keys(numbers).map(Number)).then(function (post) {
        var chosen = chosenFilters(), matched = {};
        var documents = allThenAny(text, function (cs) { return lunrQuery(data.lunr, cs); }).filter(function (r) {
          Object.keys(r.matchData.metadata).forEach(function (t) { matched[t] = true; });
          return r.ref.charAt(0) === "g" ? !Object.keys(chosen).length : passes(data, parseInt(r.ref.slice(1), 16), chosen);
        });
        var paragraphs = allThenAny(text, function (cs) {
          var scored = score(post, data.fields, cs);
          scored.terms.forEach(function (t) { matched[t] = true; });
          return scored.results;
        }).filter(function (r) {
          return passes(data, parseInt(r.ref.split(".")[0], 16), chosen);
        });
        return {
          text: text, documents: documents, paragraphs: paragraphs,
          ms: performance.now() - started, words: Object.keys(matched)
        };
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

  /* An excerpt of `text` around the first matching word, matching words marked.
     Built as DOM nodes from text: document text is never parsed as HTML. */
  function excerpt(text, matched) {
    var p = el("p", "md-search-result__teaser");
    var re = /[^\s]+/g, m, pieces = [], first = -1;
    while ((m = re.exec(text))) {
      var hit = words(m[0]).some(function (w) {
        var t = term(w);
        return matched.some(function (x) { return t && (t === x || t.lastIndexOf(x, 0) === 0); });
      });
      if (hit && first < 0) first = pieces.length;
      pieces.push({ text: m[0], hit: hit, at: m.index });
    }
    var from = Math.max(0, first - 12), to = Math.min(pieces.length, Math.max(first, 0) + 36);
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      if (i > from) p.appendChild(document.createTextNode(" "));
      p.appendChild(pieces[i].hit ? el("mark", "", pieces[i].text) : document.createTextNode(pieces[i].text));
    }
    if (to < pieces.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function item(href, title, label, teaser) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = new URL(href, base).href;
    a.tabIndex = -1;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("div", "unp-search-label", label));
    article.appendChild(el("h1", "", title));
    if (teaser) article.appendChild(teaser);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function show(data, found, shown, mine) {
    // Each document's paragraph file is fetched once, however many of its paragraphs are shown.
    return Promise.all(found.paragraphs.slice(0, shown).map(function (r) {
      var n = parseInt(r.ref.split(".")[0], 16);
      return fetchJSON("search/p/" + n + ".json").then(function (paras) { return [r, n, paras]; });
    })).then(function (rows) {
      if (mine !== sequence) return;  // a newer query has been typed meanwhile
      list.textContent = "";
      list.setAttribute("data-unp-query", found.text);
      found.documents.slice(0, 5).forEach(function (r) {
        if (r.ref.charAt(0) === "g") {
          var g = data.glossaryByRef[r.ref];
          var description = g[4] ? el("p", "md-search-result__teaser", g[4]) : null;
          list.appendChild(item(g[1], g[3], g[2], description));
        } else {
          var doc = data.documents[parseInt(r.ref.slice(1), 16)];
          list.appendChild(item(doc[0], doc[2], doc[1], null));
        }
      });
      rows.forEach(function (row) {
        var r = row[0], n = row[1], para = row[2][parseInt(r.ref.split(".")[1], 16)];
        var doc = data.documents[n];
        var label = doc[1].split(" · ")[0] + " · " + para[1];
        list.appendChild(item(doc[0] + "#" + para[0], doc[2], label, excerpt(para[2], found.words)));
      });
      var total = Math.min(found.documents.length, 5) + found.paragraphs.length;
      meta.textContent = total === 0 ? "No matching documents or paragraphs"
        : (found.documents.length ? plural(found.documents.length, "document") + ", " : "") +
          plural(found.paragraphs.length, "paragraph");
      if (found.paragraphs.length > shown) {
        var more = el("button", "md-button unp-search-more", "Show more paragraphs");
        more.type = "button";
        more.addEventListener("click", function () { render(shown + SHOWN); });
        var li = el("li", "md-search-result__item");
        li.appendChild(more);
        list.appendChild(li);
      }
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

  function render(shown) {
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
    return search(text).then(function (found) {
      if (mine !== sequence) return null;
      return show(loaded, found, shown || SHOWN, mine).then(function () { return found; });
    }).catch(function (error) {
      if (mine === sequence) meta.textContent = "Search is unavailable: " + error.message;
      throw error;
    });
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
  input.addEventListener("input", function () { render(); });
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
    search: search,
    /* for tests: the paragraph scoring next to lunr's own, on the same clauses */
    clauses: clauses,
    score: function (numbers, items) {
      return load().then(function (data) {
        return postings(numbers).then(function (post) { return score(post, data.fields, items).results; });
      });
    }
  };
})();
