/* Agreed language in the browser (issue 19).
 *
 * 1. A paragraph's "precedents" toggle: on first opening, the page's precedents-N.json
 *    (written by the builder, builder/render/agreed.py) gives its precedents: each a link,
 *    a score and the word changes, shown with <ins>/<del>.
 * 2. compare/?a=SYMBOL&b=SYMBOL: any two documents compared paragraph by paragraph from
 *    their document.json (the open-data contract: symbol, title, date, paragraphs
 *    [{id, kind, number, part, text}]). The alignment is builder/similarity/align.py's,
 *    written again here by hand (no library does paragraph alignment); keep the two in step.
 */
(function () {
  "use strict";

  var FOLD = { "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " " };
  var TOKEN = /[\p{L}\p{N}_]+(?:[-\u2019'][\p{L}\p{N}_]+)*|[^\p{L}\p{N}_\s]/gu;
  var MATCH = 0.5;
  var PREFILTER = 0.2;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fold(text) {
    return text.normalize("NFKC").replace(/[\u201c\u201d\u2018\u2019\u2013\u2014\u00a0]/g, function (c) {
      return FOLD[c];
    });
  }

  /* Folded tokens and, one for one, the printed tokens with the space before each. */
  function cut(text) {
    var shown = text.normalize("NFKC");
    var folded = fold(shown).toLowerCase();
    var words = [];
    var display = [];
    var last = 0;
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(folded)) !== null) {
      words.push(m[0]);
      display.push(shown.slice(last, m.index + m[0].length));
      last = m.index + m[0].length;
    }
    return { words: words, display: display };
  }

  /* Longest common subsequence table of two token lists (by hand: no diff library offline). */
  function lcsTable(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) rows.push(new Uint16Array(b.length + 1));
    for (i = a.length - 1; i >= 0; i--) {
      for (var j = b.length - 1; j >= 0; j--) {
        rows[i][j] = a[i] === b[j] ? rows[i + 1][j + 1] + 1 : Math.max(rows[i + 1][j], rows[i][j + 1]);
      }
    }
    return rows;
  }

  function similarity(a, b) {
    if (!a.length && !b.length) return 1;
    var table = lcsTable(a, b);
    return (2 * table[0][0]) / (a.length + b.length);
  }

  function wordDiff(oldText, newText) {
    var o = cut(oldText);
    var n = cut(newText);
    var table = lcsTable(o.words, n.words);
    var out = [];
    function put(op, text) {
      if (!text) return;
      if (out.length && out[out.length - 1][0] === op) out[out.length - 1][1] += text;
      else out.push([op, text]);
    }
    var i = 0;
    var j = 0;
    while (i < o.words.length || j < n.words.length) {
      if (i < o.words.length && j < n.words.length && o.words[i] === n.words[j]) {
        put("=", n.display[j]);
        i++;
        j++;
      } else if (j >= n.words.length || (i < o.words.length && table[i + 1][j] >= table[i][j + 1])) {
        put("-", o.display[i]);
        i++;
      } else {
        put("+", n.display[j]);
        j++;
      }
    }
    if (out.length) out[0][1] = out[0][1].trim();
    return out;
  }

  function diffHtml(segments) {
    return segments
      .map(function (s) {
        var text = s[1];
        var body = text.replace(/^\s+/, "");
        var lead = text.slice(0, text.length - body.length);
        if (s[0] === "=") return esc(text);
        var tag = s[0] === "+" ? "ins" : "del";
        var said = s[0] === "+" ? "inserted" : "deleted";
        return (
          lead + "<" + tag + '><span class="unp-sr">[' + said + ": </span>" + esc(body) +
          '<span class="unp-sr">]</span></' + tag + ">"
        );
      })
      .join("");
  }

  var LEGEND =
    '<p class="unp-legend unp-chrome">Changes: <ins>inserted words</ins> · <del>deleted words</del> ' +
    "(underlined and struck through, not colour alone)</p>";

  /* ---- 1. precedents toggles ---- */
  var precedentFiles = {};

  function loadPrecedents(n) {
    if (!precedentFiles[n]) {
      precedentFiles[n] = fetch(new URL("precedents-" + n + ".json", location.href)).then(function (r) {
        if (!r.ok) throw new Error("precedents-" + n + ".json: " + r.status);
        return r.json();
      });
    }
    return precedentFiles[n];
  }

  function fillPrecedents(details) {
    if (details.dataset.unpFilled) return;
    details.dataset.unpFilled = "1";
    loadPrecedents(details.dataset.unpFile || "1")
      .then(function (all) {
        var rows = all[details.dataset.unpPrec] || [];
        var items = rows.map(function (row) {
          var when = row.when === "earlier" ? "" : ' <span class="unp-later">' + esc(row.when) + "</span>";
          var change;
          if (row.same) {
            change = '<div class="unp-prec-diff unp-prec-same">Word for word the same.</div>';
          } else {
            var what = row.when === "later" ? "Changes in this later text" : "Changes since this precedent";
            change =
              '<div class="unp-prec-diff"><span class="unp-sr">' + what + ": </span>" + diffHtml(row.diff) + "</div>";
          }
          return (
            '<li><a href="' + esc(row.href) + '">' + esc(row.name) + '</a> <span class="unp-score">' +
            Math.round(row.score * 100) + "%</span>" + when + change + "</li>"
          );
        });
        details.insertAdjacentHTML("beforeend", LEGEND + '<ol class="unp-prec-list">' + items.join("") + "</ol>");
      })
      .catch(function () {
        delete precedentFiles[details.dataset.unpFile || "1"];
        details.dataset.unpFilled = "";
      });
  }

  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (details.matches && details.matches("details.unp-prec") && details.open) fillPrecedents(details);
    },
    true
  );

  /* ---- 2. compare any two documents ---- */
  var LABELS = { preamble: "preambular paragraph", preambular: "preambular paragraph", operative: "operative paragraph", para: "paragraph", numbered: "paragraph" };

  function label(p) {
    if (p.citation) return p.citation;
    var base = LABELS[p.kind] && p.number ? LABELS[p.kind] + " " + p.number : p.id;
    return p.part ? p.part + ", " + base : base;
  }

  function sides(doc) {
    return (doc.paragraphs || [])
      .filter(function (p) {
        return p.kind !== "formula" && p.kind !== "heading";
      })
      .map(function (p) {
        return { id: p.id, label: label(p), text: String(p.text || "").split(/\s+/).join(" ").trim() };
      });
  }

  function bisectLeft(list, x) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function longestIncreasing(pairs) {
    var tails = [];
    var tailAt = [];
    var back = [];
    pairs.forEach(function (pair, pos) {
      var k = bisectLeft(tails, pair[1]);
      back.push(k ? tailAt[k - 1] : -1);
      tails[k] = pair[1];
      tailAt[k] = pos;
    });
    var out = new Set();
    var pos = tailAt.length ? tailAt[tailAt.length - 1] : -1;
    while (pos >= 0) {
      out.add(pairs[pos][0]);
      pos = back[pos];
    }
    return out;
  }

  function align(a, b) {
    var ta = a.map(function (s) { return cut(s.text).words; });
    var tb = b.map(function (s) { return cut(s.text).words; });
    var match = new Map();
    var used = new Set();
    var exact = new Map();
    ta.forEach(function (w, i) {
      var key = w.join("\u0001");
      if (!exact.has(key)) exact.set(key, []);
      exact.get(key).push(i);
    });
    tb.forEach(function (w, j) {
      var free = (exact.get(w.join("\u0001")) || []).filter(function (i) { return !used.has(i); });
      if (free.length) {
        match.set(j, [free[0], 1]);
        used.add(free[0]);
      }
    });
    var sa = ta.map(function (w) { return new Set(w); });
    var sb = tb.map(function (w) { return new Set(w); });
    var pairs = [];
    for (var j = 0; j < b.length; j++) {
      if (match.has(j)) continue;
      for (var i = 0; i < a.length; i++) {
        if (used.has(i) || !sa[i].size || !sb[j].size) continue;
        var shared = 0;
        sb[j].forEach(function (w) { if (sa[i].has(w)) shared++; });
        if (shared / (sa[i].size + sb[j].size - shared) < PREFILTER) continue;
        var score = similarity(ta[i], tb[j]);
        if (score >= MATCH) pairs.push([score, Math.abs(i - j), j, i]);
      }
    }
    pairs.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]; });
    pairs.forEach(function (p) {
      if (!match.has(p[2]) && !used.has(p[3])) {
        match.set(p[2], [p[3], p[0]]);
        used.add(p[3]);
      }
    });
    var matched = Array.from(match.keys()).sort(function (x, y) { return x - y; });
    var inOrder = longestIncreasing(matched.map(function (j) { return [j, match.get(j)[0]]; }));
    var rows = [];
    var nextA = 0;
    function deletedUntil(limit) {
      while (nextA < limit) {
        if (!used.has(nextA)) rows.push({ kind: "deleted", a: a[nextA], b: null });
        nextA++;
      }
    }
    b.forEach(function (side, j) {
      if (!match.has(j)) {
        rows.push({ kind: "inserted", a: null, b: side });
        return;
      }
      var i = match.get(j)[0];
      var score = match.get(j)[1];
      if (inOrder.has(j)) deletedUntil(i + 1);
      var changed = score < 1 || ta[i].join("\u0001") !== tb[j].join("\u0001");
      var kind = !inOrder.has(j) ? "moved" : changed ? "changed" : "kept";
      rows.push({ kind: kind, a: a[i], b: side, score: score, diff: changed ? wordDiff(a[i].text, side.text) : [] });
    });
    deletedUntil(a.length);
    return rows;
  }

  function citeRow(row, aName, bName) {
    if (row.kind === "inserted") return row.b.label + " of " + bName + ", new since " + aName;
    if (row.kind === "deleted") return row.a.label + " of " + aName + ", not in " + bName;
    var how = { kept: "unchanged from", changed: "changed from", moved: "moved from" }[row.kind];
    var also = row.kind === "moved" && row.diff.length ? " and changed" : "";
    return row.b.label + " of " + bName + ", " + how + also + " " + row.a.label + " of " + aName;
  }

  function sideLink(root, address, side) {
    if (!side) return '<span class="unp-cmp-id">—</span>';
    return (
      '<a class="unp-cmp-id" href="' + esc(root + address + "/#" + side.id) + '">' + esc(side.id) + "</a>"
    );
  }

  function rowsHtml(rows, root, a, b) {
    return (
      '<div class="unp-cmp-rows">' +
      rows
        .map(function (row) {
          var id = row.b ? "b-" + row.b.id : "a-" + row.a.id;
          var body =
            (row.kind === "changed" || row.kind === "moved") && row.diff.length
              ? diffHtml(row.diff)
              : esc((row.b || row.a).text);
          var score =
            row.kind === "changed" || row.kind === "moved"
              ? ' <span class="unp-score">' + Math.round(row.score * 100) + "%</span>"
              : "";
          return (
            '<div class="unp-cmp-row unp-cmp-' + row.kind + '" id="' + esc(id) + '">' +
            '<div class="unp-cmp-ids">' + sideLink(root, a.address, row.a) +
            sideLink(root, b.address, row.b) + "</div>" +
            '<div class="unp-cmp-text"><p><span class="unp-cmp-kind">' + row.kind + "</span>" + score + " " +
            body + "</p>" + (row.kind === "kept" ? "" : '<p class="unp-cmp-cite">' + esc(citeRow(row, a.name, b.name)) + "</p>") +
            "</div></div>"
          );
        })
        .join("") +
      "</div>"
    );
  }

  /* "A/RES/80/1", "/A/RES/80/1/", "A/RES/80/1/document.json" → "A/RES/80/1"; nothing that leaves the site. */
  function address(text) {
    var clean = String(text || "").trim().replace(/^\/+|\/+$/g, "").replace(/\/document\.json$/, "");
    if (!clean || /^[a-z]+:|\.\.|[?#\\]/i.test(clean)) return "";
    return clean;
  }

  function loadDocument(root, where) {
    return fetch(root + where + "/document.json").then(function (r) {
      if (!r.ok) throw new Error("No document " + where + " on this site");
      return r.json();
    });
  }

  function compareInBrowser(result) {
    var params = new URLSearchParams(location.search);
    var a = address(params.get("a"));
    var b = address(params.get("b"));
    var form = document.querySelector(".unp-cmp-form");
    if (form) {
      form.elements.a.value = params.get("a") || "";
      form.elements.b.value = params.get("b") || "";
    }
    if (!a || !b) return;
    var root = "../";
    result.innerHTML = "<p>Comparing " + esc(a) + " with " + esc(b) + "…</p>";
    Promise.all([loadDocument(root, a), loadDocument(root, b)])
      .then(function (docs) {
        var sa = { address: a, name: docs[0].symbol || docs[0].title || a };
        var sb = { address: b, name: docs[1].symbol || docs[1].title || b };
        var rows = align(sides(docs[0]), sides(docs[1]));
        var counts = { kept: 0, changed: 0, moved: 0, inserted: 0, deleted: 0 };
        rows.forEach(function (r) { counts[r.kind]++; });
        var figures = Object.keys(counts).map(function (k) { return counts[k] + " " + k; }).join(", ");
        document.title = "Compare " + sa.name + " with " + sb.name;
        result.innerHTML =
          '<h2 id="comparison">Compare ' + esc(sa.name) + " with " + esc(sb.name) + "</h2>" +
          '<div class="unp-cmp-head unp-chrome"><p>Older: <a href="' + esc(root + a + "/") + '">' + esc(sa.name) +
          "</a>" + (docs[0].date ? " · " + esc(docs[0].date) : "") + "<br>Newer: " + '<a href="' +
          esc(root + b + "/") + '">' + esc(sb.name) + "</a>" + (docs[1].date ? " · " + esc(docs[1].date) : "") +
          '</p><p class="unp-cmp-figures">Paragraphs: ' + esc(figures) + ".</p>" + LEGEND + "</div>" +
          rowsHtml(rows, root, sa, sb);
      })
      .catch(function (error) {
        result.innerHTML = '<p class="unp-cmp-error">' + esc(error.message) + "</p>";
      });
  }

  function start() {
    var result = document.getElementById("unp-cmp-result");
    if (result) compareInBrowser(result);
    document.querySelectorAll("details.unp-prec[open]").forEach(fillPrecedents);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
