/* Copy link / copy citation for anchored paragraphs.
 * The builder writes each paragraph's permalink; the group that shows it on
 * hover or focus, and the two buttons beside it, are added here (they need
 * script anyway, and the pages stay small). The
 * citation is the document's name (data-unp-doc on the page header) and the
 * paragraph's (data-unp-cite). The clipboard API needs a secure context;
 * elsewhere fall back to a hidden textarea and execCommand, so the buttons
 * work from file:// and plain http.
 *
 * A fragment that names nothing on the page (#op99: a paragraph this
 * document does not have) would land silently at the top; a small notice
 * (role="status") says so instead.
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

  function addButtons() {
    var links = document.querySelectorAll(".unp-para > p > .unp-permalink");
    for (var i = 0; i < links.length; i++) {
      var what = links[i].parentNode.parentNode.getAttribute("data-unp-cite");
      var group = document.createElement("span");
      group.className = "unp-actions unp-chrome";
      links[i].parentNode.insertBefore(group, links[i]);
      group.appendChild(links[i]);
      [["link", "Copy link", "Copy link to "], ["citation", "Copy citation", "Copy citation of "]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "unp-copy";
        button.setAttribute("data-unp-copy", b[0]);
        button.setAttribute("aria-label", b[2] + what);
        button.textContent = b[1];
        group.appendChild(button);
      });
    }
  }

  function citation(para) {
    var header = document.querySelector("[data-unp-doc]");
    var name = header ? header.getAttribute("data-unp-doc") : document.title;
    return name + ", " + para.getAttribute("data-unp-cite");
  }

  function fragment() {
    var hash = window.location.hash.slice(1);
    try { return decodeURIComponent(hash); } catch (e) { return hash; }
  }

  function checkFragment() {
    var id = fragment();
    var notice = document.getElementById("unp-missing");
    var article = document.querySelector("article.md-content__inner") || document.querySelector("article");
    if (!id || document.getElementById(id) || document.getElementsByName(id).length || !article) {
      if (notice) notice.remove();
      return;
    }
    if (!notice) {
      notice = document.createElement("p");
      notice.id = "unp-missing";
      notice.className = "unp-missing unp-chrome";
      notice.setAttribute("role", "status");
      var heading = article.querySelector("h1");
      if (heading) heading.insertAdjacentElement("afterend", notice);
      else article.insertBefore(notice, article.firstChild);
    }
    notice.textContent = "Paragraph " + id + " is not in this document";
  }

  function start() {
    addButtons();
    checkFragment();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("hashchange", checkFragment);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-unp-copy]");
    if (!button) return;
    var para = button.closest(".unp-para");
    if (!para) return;
    var link = paragraphLink(para);
    var text = button.getAttribute("data-unp-copy") === "citation"
      ? citation(para) + " (" + link + ")"
      : link;
    copy(text).then(function () {
      button.setAttribute("data-unp-copied", "");
      status(button.getAttribute("data-unp-copy") === "citation" ? "Citation copied" : "Link copied");
      setTimeout(function () { button.removeAttribute("data-unp-copied"); }, 2000);
    });
  });
})();
