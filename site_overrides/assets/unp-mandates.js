/* The mandates index (mandates/index.md, written by builder/mandates/pages.py).
   The page carries its first rows as plain HTML; this script fetches every row
   (mandates.json, beside the page) and filters them by addressee, kind, session
   due, "no review or end date" and words. The filter state lives in the address
   (?addressee=Secretary-General&kind=report&session=81), so a filtered view can be
   shared and the quick links ("Reports due at the 81st session") are plain links.
   Text from the data is set with textContent: never parsed as HTML. */
(function () {
  "use strict";
  var PAGE = 100;
  var FIELDS = ["addressee", "kind", "session", "status", "open", "q"];

  function ordinal(n) {
    var s = n % 100 >= 10 && n % 100 <= 20 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
    return n + s;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function state(form) {
    var out = {};
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      if (!input) return;
      var value = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value.trim();
      if (value) out[name] = value;
    });
    return out;
  }

  function fromAddress(form) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      var value = params.get(name);
      if (!input || value === null) return;
      if (input.type === "checkbox") input.checked = value === "1";
      else {
        if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) {
          input.appendChild(el("option", value)).value = value;
        }
        input.value = value;
      }
    });
  }

  function toAddress(current) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (current[name]) params.set(name, current[name]); });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function matches(row, data, f, words) {
    var names = data.names;
    if (f.addressee && !row[4].some(function (i) { return names[i] === f.addressee; })) return false;
    if (f.kind && names[row[5]] !== f.kind) return false;
    if (f.session && String(row[6]) !== f.session) return false;
    if (f.open && !row[9]) return false;
    if (f.status && data.docs[row[0]][2] !== f.status) return false;
    if (words.length) {
      var doc = data.docs[row[0]];
      var hay = (doc[0] + " " + row[10] + " " + row[4].map(function (i) { return names[i]; }).join(" ")).toLowerCase();
      for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function rowNode(row, data, base) {
    var names = data.names;
    var doc = data.docs[row[0]];
    var tr = document.createElement("tr");
    var first = el("td");
    var a = el("a", doc[0]);
    a.href = base + doc[1] + "#" + row[1];
    first.appendChild(a);
    first.appendChild(document.createTextNode(" " + row[2]));
    if (row[11]) first.appendChild(el("span", " · repeats an earlier request", "unp-m-repeats"));
    tr.appendChild(first);
    tr.appendChild(el("td", row[4].map(function (i) { return names[i]; }).join(", ")));
    tr.appendChild(el("td", names[row[3]]));
    tr.appendChild(el("td", names[row[5]]));
    tr.appendChild(el("td", row[8]));
    tr.appendChild(el("td", row[10]));
    return tr;
  }

  function start(box) {
    var form = document.querySelector(".unp-mfilters");
    var status = document.querySelector(".unp-mstatus");
    var body = box.querySelector("tbody");
    if (!form || !body) return;
    var base = new URL("../", window.location.href).href;
    var source = new URL(box.getAttribute("data-unp-mandates"), window.location.href).href;
    fromAddress(form);
    fetch(source).then(function (r) { return r.json(); }).then(function (data) {
      var shown = PAGE;
      var more = el("button", "Show more", "md-button unp-mmore");
      more.type = "button";
      box.appendChild(more);

      function render() {
        var f = state(form);
        var words = (f.q || "").toLowerCase().split(/\s+/).filter(Boolean);
        var rows = data.rows.filter(function (row) { return matches(row, data, f, words); });
        body.textContent = "";
        rows.slice(0, shown).forEach(function (row) { body.appendChild(rowNode(row, data, base)); });
        var parts = [];
        if (f.addressee) parts.push("addressed to " + f.addressee);
        if (f.kind) parts.push("kind: " + f.kind);
        if (f.session) parts.push("due at the " + ordinal(Number(f.session)) + " session");
        if (f.status) parts.push(f.status === "adopted" ? "in adopted resolutions" : "in drafts");
        if (f.open) parts.push("no review or end date");
        if (f.q) parts.push("with “" + f.q + "”");
        status.textContent = rows.length + (rows.length === 1 ? " row" : " rows") +
          (parts.length ? " " + parts.join(", ") : "") +
          (rows.length > shown ? "; the first " + shown + " shown." : ".");
        more.hidden = rows.length <= shown;
        return f;
      }

      function changed() {
        shown = PAGE;
        toAddress(render());
      }
      form.addEventListener("change", changed);
      form.addEventListener("input", changed);
      form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
      more.addEventListener("click", function () { shown += PAGE; render(); });
      render();
      box.setAttribute("data-unp-ready", "1");
    }).catch(function () {
      status.textContent = "The full list could not be loaded; the first rows are shown.";
    });
  }

  function init() {
    var box = document.querySelector("[data-unp-mandates]");
    if (box) start(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
