// Topic suggestions for tag boxes: every <input data-tag-autocomplete> (comma-separated
// topics) suggests known topics for the entry being typed, from /tags/suggest/?q= (the
// attribute's value, when set, is another address). A combobox with a listbox: ArrowDown /
// ArrowUp move, Enter takes the highlighted topic, Escape closes; the mouse works too.
// No framework, no inline handlers (the pages work under a strict CSP).
(() => {
  const script = document.currentScript;
  const DEFAULT_URL = (script && script.dataset.suggestUrl) || "/tags/suggest/";
  const LABEL = (script && script.dataset.label) || "Topic suggestions";
  const SELECTOR = "input[data-tag-autocomplete]";
  let timer = null;
  let ticket = 0;
  let counter = 0;

  function listOf(input) {
    return input.tagSuggestions || null;
  }

  function setUp(input) {
    if (input.tagSuggestions) return;
    counter += 1;
    const list = document.createElement("ul");
    list.id = `${input.id || "tag-input"}-suggestions-${counter}`;
    list.className = "list-group position-absolute start-0 end-0 shadow-sm tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", LABEL);
    list.hidden = true;
    list.style.zIndex = "1060";
    list.style.maxHeight = "16rem";
    list.style.overflowY = "auto";
    const holder = input.parentElement;
    if (holder && getComputedStyle(holder).position === "static") holder.classList.add("position-relative");
    input.insertAdjacentElement("afterend", list);
    input.tagSuggestions = list;
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
  }

  function setUpAll(root) {
    if (root.matches && root.matches(SELECTOR)) setUp(root);
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(setUp);
  }

  // The entry the caret is in: [start, end) of the text between commas.
  function entryAt(input) {
    const value = input.value;
    const caret = input.selectionStart ?? value.length;
    const start = value.lastIndexOf(",", caret - 1) + 1;
    const comma = value.indexOf(",", caret);
    return { start, end: comma === -1 ? value.length : comma, before: value.slice(0, caret) };
  }

  function options(input) {
    const list = listOf(input);
    return list ? [...list.querySelectorAll("[role=option]")] : [];
  }

  function close(input) {
    const list = listOf(input);
    if (!list) return;
    list.hidden = true;
    list.replaceChildren();
    input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-expanded", "false");
  }

  function activate(input, option) {
    options(input).forEach((o) => {
      const on = o === option;
      o.setAttribute("aria-selected", on ? "true" : "false");
      o.classList.toggle("active", on);
      if (on) o.scrollIntoView({ block: "nearest" });
    });
    if (option) input.setAttribute("aria-activedescendant", option.id);
    else input.removeAttribute("aria-activedescendant");
  }

  async function suggest(input) {
    const list = listOf(input);
    const { start, before } = entryAt(input);
    const typed = before.slice(start).replace(/^\s*#?/, "").trim();
    if (!list || !typed) return close(input);
    const mine = ++ticket;
    const url = new URL(input.dataset.tagAutocomplete || DEFAULT_URL, window.location.href);
    url.searchParams.set("q", before);
    let response;
    try {
      response = await fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
    } catch {
      return undefined;
    }
    if (mine !== ticket || !response.ok || document.activeElement !== input) return undefined;
    list.innerHTML = await response.text(); // Our own server-rendered, escaped fragment.
    const found = options(input);
    found.forEach((option, index) => {
      option.id = `${list.id}-${index}`;
      option.tabIndex = -1;
    });
    const shown = list.children.length > 0;
    list.hidden = !shown;
    list.style.top = `${input.offsetTop + input.offsetHeight}px`;
    input.setAttribute("aria-expanded", shown ? "true" : "false");
    activate(input, null);
    return undefined;
  }

  function choose(input, option) {
    const { start, end } = entryAt(input);
    const value = input.value;
    const head = value.slice(0, start);
    const tail = value.slice(end).replace(/^\s*,?\s*/, "");
    const inserted = `${head ? " " : ""}${option.dataset.value}, `;
    input.value = `${head}${inserted}${tail}`;
    const caret = head.length + inserted.length;
    input.setSelectionRange(caret, caret);
    close(input);
    input.focus();
    // Others listening to the box (the forum's expert suggestions) see the change.
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches(SELECTOR)) return;
    setUp(input);
    clearTimeout(timer);
    timer = setTimeout(() => suggest(input), 150);
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches(SELECTOR)) return;
    const list = listOf(input);
    const found = options(input);
    const open = list && !list.hidden && found.length > 0;
    const current = found.findIndex((o) => o.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) {
        if (event.key === "ArrowDown") suggest(input);
        return;
      }
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = current === -1 ? (step === 1 ? 0 : found.length - 1) : (current + step + found.length) % found.length;
      activate(input, found[next]);
    } else if (event.key === "Enter" && open && current >= 0) {
      event.preventDefault(); // Take the topic; do not submit the form.
      choose(input, found[current]);
    } else if (event.key === "Escape" && list && !list.hidden) {
      event.preventDefault();
      close(input);
    }
  });

  document.addEventListener("mousedown", (event) => {
    const option = event.target.closest && event.target.closest(".tag-suggestions [role=option]");
    if (!option) return;
    event.preventDefault(); // Keep the focus in the box.
    const input = option.parentElement.previousElementSibling;
    if (input && input.matches(SELECTOR)) choose(input, option);
  });

  document.addEventListener("focusout", (event) => {
    const input = event.target;
    if (input.matches && input.matches(SELECTOR)) setTimeout(() => close(input), 150);
  });

  const start = () => setUpAll(document);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:load", (event) => setUpAll(event.target));
})();
