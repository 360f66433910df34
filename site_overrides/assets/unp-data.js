/* Open data on a document page (issue 18).
 *
 * The Download menu (a <details> the builder writes) closes on Escape, giving
 * the focus back to its button, and on a click elsewhere.
 *
 * Akoma Ntoso (AKN4UN) element ids as paragraph addresses. A page's own ids (#op5-b) never hold "_"; an AKN4UN eId (#para_5__subpara_b)
 * always does. When the fragment is an eId, the page's document.json (beside
 * it, written by the builder: paragraphs[].eid → paragraphs[].id) names the
 * paragraph, and the address is replaced with its own id: the page then lands
 * on and highlights it exactly as the native link does. unp.js asks here
 * before saying a paragraph is missing.
 */
(function () {
  "use strict";
  var EID = /^[A-Za-z][\w.-]*_[\w.-]+$/;
  var cache = null;

  function ids() {
    if (!cache) {
      cache = fetch("document.json", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (data) {
          var map = {};
          (data.paragraphs || []).forEach(function (p) { if (p.eid && p.id) map[p.eid] = p.id; });
          (data.notes || []).forEach(function (n) { if (n.eid && n.id) map[n.eid] = n.id; });
          (data.parts || []).forEach(function (p) { if (p.eid && p.eid !== "main") map[p.eid] = p.id; });
          return map;
        })
        .catch(function () { return {}; });
    }
    return cache;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.unp-download[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    var open = document.querySelector("details.unp-download[open]");
    if (open && !open.contains(event.target)) open.open = false;
  });

  window.unpEid = {
    /* True when `id` is an eId this script will resolve; `missing()` is called if the page lacks it. */
    claims: function (id) { return EID.test(id) && !!document.querySelector("[data-unp-doc]"); },
    resolve: function (id, missing) {
      ids().then(function (map) {
        var native = map[id];
        if (native && document.getElementById(native)) window.location.replace("#" + encodeURIComponent(native).replace(/%3A/g, ":"));
        else missing();
      });
    },
  };
})();
