/* Copy link / copy citation for anchored paragraphs.
 * The builder writes each paragraph's permalink; the group that shows it on
 * hover or focus, and a small menu button beside it, are added here (they
 * need script anyway, and the pages stay small). The button is the
 * paragraph's one tab stop (the permalink is still there for the mouse and
 * for screen readers' link lists, out of the tab order); it opens a menu,
 * "Copy link" and "Copy citation" (one menu for the page, moved to the
 * paragraph that opens it), used with the arrow keys, Escape or a click
 * elsewhere closing it. The
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
      links[i].tabIndex = -1;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "unp-menu-button";
      toggle.setAttribute("aria-haspopup", "menu");
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-label", "Copy link or citation: " + what);
      toggle.title = "Copy link or citation";
      toggle.textContent = "\u22EF";
      group.appendChild(toggle);
    }
  }

  var menu = null;

  function menuItems() {
    return menu ? Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]")) : [];
  }

  function openToggle() {
    return document.querySelector(".unp-menu-button[aria-expanded=true]");
  }

  function closeMenu(refocus) {
    var toggle = openToggle();
    if (menu) menu.hidden = true;
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", "false");
    toggle.removeAttribute("aria-controls");
    toggle.parentNode.removeAttribute("data-unp-open");
    if (refocus) toggle.focus();
  }

  function openMenu(toggle, item) {
    closeMenu(false);
    if (!menu) {
      menu = document.createElement("span");
      menu.className = "unp-menu";
      menu.id = "unp-menu";
      menu.setAttribute("role", "menu");
      [["link", "Copy link", "Copy link to "], ["citation", "Copy citation", "Copy citation of "]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "unp-copy";
        button.tabIndex = -1;
        button.setAttribute("role", "menuitem");
        button.setAttribute("data-unp-copy", b[0]);
        button.setAttribute("data-unp-label", b[2]);
        button.textContent = b[1];
        menu.appendChild(button);
      });
      menu.addEventListener("keydown", menuKeys);
    }
    var what = toggle.closest(".unp-para").getAttribute("data-unp-cite");
    menu.setAttribute("aria-label", "Copy " + what);
    menuItems().forEach(function (button) {
      button.setAttribute("aria-label", button.getAttribute("data-unp-label") + what);
      button.removeAttribute("data-unp-copied");
    });
    toggle.parentNode.appendChild(menu);
    toggle.setAttribute("aria-controls", "unp-menu");
    toggle.setAttribute("aria-expanded", "true");
    toggle.parentNode.setAttribute("data-unp-open", "");
    menu.hidden = false;
    var items = menuItems();
    items[item === "last" ? items.length - 1 : 0].focus();
  }

  function menuKeys(event) {
    var items = menuItems();
    var at = items.indexOf(document.activeElement);
    var next = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      items[next].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeMenu(true);
    } else if (event.key === "Tab") {
      closeMenu(true); // from the menu button, Tab goes on to the next paragraph's
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
    if (window.unpEid && window.unpEid.claims(id)) {
      window.unpEid.resolve(id, function () { showMissing(id, article); }); // an AKN4UN eId (unp-data.js)
      return;
    }
    showMissing(id, article);
  }

  function showMissing(id, article) {
    var notice = document.getElementById("unp-missing");
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

  document.addEventListener("keydown", function (event) {
    var toggle = event.target.closest && event.target.closest(".unp-menu-button");
    if (toggle && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      openMenu(toggle, event.key === "ArrowUp" ? "last" : "first");
    }
  });

  // Focus leaving the open menu and its button (a click elsewhere, Tab away) closes it.
  document.addEventListener("focusin", function (event) {
    var toggle = openToggle();
    if (toggle && !toggle.parentNode.contains(event.target)) closeMenu(false);
  });

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".unp-menu-button");
    if (toggle) {
      if (toggle.getAttribute("aria-expanded") === "true") closeMenu(true);
      else openMenu(toggle, "first");
      return;
    }
    var button = event.target.closest && event.target.closest("[data-unp-copy]");
    if (!button) {
      if (openToggle() && !(event.target.closest && event.target.closest(".unp-menu"))) closeMenu(false);
      return;
    }
    var para = button.closest(".unp-para");
    if (!para) return;
    var link = paragraphLink(para);
    var text = button.getAttribute("data-unp-copy") === "citation"
      ? citation(para) + " (" + link + ")"
      : link;
    var menuButton = para.querySelector(":scope > p > .unp-actions > .unp-menu-button");
    closeMenu(false);
    copy(text).then(function () {
      button.setAttribute("data-unp-copied", "");
      status(button.getAttribute("data-unp-copy") === "citation" ? "Citation copied" : "Link copied");
      if (menuButton) {
        menuButton.setAttribute("data-unp-copied", "");
        setTimeout(function () { menuButton.removeAttribute("data-unp-copied"); }, 2000);
      }
    });
    if (menuButton) menuButton.focus();
  });
})();
