/* Copy link / copy citation for anchored paragraphs.
 * The clipboard API needs a secure context; elsewhere fall back to a hidden
 * textarea and execCommand, so the buttons work from file:// and plain http.
 */
(function () {
  "use strict";

  function status(message) {
    var region = document.getElementById("unp-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "unp-status";
      region.className = "unp-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = message;
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
    return Promise.resolve();
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function paragraphLink(para) {
    var url = new URL(window.location.href);
    url.hash = para.id;
    url.search = "";
    return url.toString();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-unp-copy]");
    if (!button) return;
    var para = button.closest(".unp-para");
    if (!para) return;
    var link = paragraphLink(para);
    var text = button.getAttribute("data-unp-copy") === "citation"
      ? para.getAttribute("data-unp-cite") + " (" + link + ")"
      : link;
    copy(text).then(function () {
      button.setAttribute("data-unp-copied", "");
      status(button.getAttribute("data-unp-copy") === "citation" ? "Citation copied" : "Link copied");
      setTimeout(function () { button.removeAttribute("data-unp-copied"); }, 2000);
    });
  });
})();
