// The feed pages: the composer (modes, character counter, image previews, file list, praise
// picker, @mention suggestions), refusals swapped in place, and infinite scroll housekeeping.
// No inline handlers; everything hangs off data-* attributes written by templates/feed/.
// Upload progress is kolega.js's (form[data-upload-progress]); live news is feed-live.js's.
(() => {
  if (window.kolegaFeed) return;
  window.kolegaFeed = true;

  // htmx swaps only 2xx answers; a composer or an edit form refused (422) or a post already
  // deleted (409) comes back with its message and what was typed.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const element = event.detail.requestConfig && event.detail.requestConfig.elt;
    const form = element && element.closest && element.closest("[data-swap-errors]");
    if (form && [409, 422].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // --- composer: modes ----------------------------------------------------------------
  function showMode(form) {
    const checked = form.querySelector("[data-composer-mode]:checked");
    const mode = checked ? checked.value : "post";
    form.querySelectorAll("[data-mode-section]").forEach((section) => {
      const active = section.dataset.modeSection === mode;
      section.hidden = !active;
      section.disabled = !active;
    });
  }

  // Words with a number: the template gives the "one" and "other" forms of the plural as
  // its language has them (the same text twice where there is no plural, as in Indonesian).
  function plural(one, other, count) {
    return (count === 1 ? one : other).replace("%(count)s", String(count));
  }

  // --- composer: counter --------------------------------------------------------------
  // The visible count follows every keystroke; screen readers hear only the thresholds
  // (feed/_counter_status.html): 100, 20 and no characters left, and over the limit.
  const COUNTER_STEPS = [100, 20, 0];

  function counterStep(left) {
    if (left < 0) return "over";
    const reached = COUNTER_STEPS.filter((step) => left <= step);
    return reached.length ? String(reached[reached.length - 1]) : "";
  }

  function counterNews(words, left) {
    if (left < 0) return plural(words.overOne, words.overOther, -left);
    if (left === 0) return words.noneLeft;
    return plural(words.leftOne, words.leftOther, left);
  }

  function updateCounter(textarea, { announce = true } = {}) {
    const form = textarea.closest("form");
    const counter = form && form.querySelector("[data-counter]");
    if (!counter) return;
    const limit = Number(textarea.dataset.maxLength || 5000);
    const length = textarea.value.length;
    counter.textContent = `${length} / ${limit}`;
    counter.classList.toggle("text-danger", length > limit);
    counter.classList.toggle("fw-semibold", length > limit);
    const status = form.querySelector("[data-counter-status]");
    if (!status) return;
    const step = counterStep(limit - length);
    if (step === (status.dataset.step || "")) return;
    status.dataset.step = step;
    status.textContent = announce && step ? counterNews(status.dataset, limit - length) : "";
  }

  // --- composer: images and files -----------------------------------------------------
  function showPreviews(input) {
    const list = input.closest("form").querySelector("[data-image-previews]");
    if (!list) return;
    list.querySelectorAll("img").forEach((img) => URL.revokeObjectURL(img.src));
    list.replaceChildren();
    [...input.files].forEach((file, index) => {
      const item = document.createElement("li");
      item.className = "composer-preview";
      if (file.type.startsWith("image/")) {
        const img = document.createElement("img");
        img.src = URL.createObjectURL(file);
        img.alt = file.name;
        img.width = 72;
        img.height = 72;
        item.append(img);
      } else {
        item.textContent = file.name;
      }
      if (index >= 10) item.classList.add("composer-preview-over");
      list.append(item);
    });
  }

  function showFiles(input) {
    const list = input.closest("form").querySelector("[data-file-list]");
    if (!list) return;
    list.replaceChildren(
      ...[...input.files].map((file) => {
        const item = document.createElement("li");
        const icon = document.createElement("i");
        icon.className = "bi bi-paperclip me-1";
        icon.setAttribute("aria-hidden", "true");
        const kb = Math.max(1, Math.round(file.size / 1024));
        item.append(icon, document.createTextNode(`${file.name} (${kb} KB)`));
        return item;
      }),
    );
  }

  // --- composer: praise picker --------------------------------------------------------
  // Picking a colleague in the suggestion box adds their username to the "Thank" field.
  function addPraised(pick) {
    const target = document.querySelector(pick.dataset.praisePick);
    const username = pick.value.trim().replace(/^@/, "");
    const offered = [...(pick.list ? pick.list.options : [])].some((o) => o.value === username);
    if (!target || !username || !offered) return;
    const names = target.value.split(/[\s,;]+/).filter(Boolean);
    if (!names.includes(username)) names.push(username);
    target.value = names.join(", ");
    pick.value = "";
  }

  // --- @mention suggestions -----------------------------------------------------------
  const MENTION_AT_CARET = /(?:^|[^\w@./-])@([\w.-]{1,60})$/;
  let mentionTimer = null;
  let mentionRequest = 0;

  function mentionList(textarea) {
    const holder = textarea.parentElement;
    return holder && holder.querySelector("[data-mention-list]");
  }

  function mentionQuery(textarea) {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = before.match(MENTION_AT_CARET);
    return match ? match[1] : "";
  }

  function closeMentions(textarea) {
    const list = mentionList(textarea);
    if (!list) return;
    list.hidden = true;
    list.replaceChildren();
    textarea.removeAttribute("aria-activedescendant");
    textarea.setAttribute("aria-expanded", "false");
  }

  async function suggestMentions(textarea) {
    const list = mentionList(textarea);
    const query = mentionQuery(textarea);
    if (!list || !query) return closeMentions(textarea);
    const ticket = ++mentionRequest;
    const url = new URL(textarea.dataset.mentionUrl, window.location.href);
    url.searchParams.set("q", query);
    const response = await fetch(url, { headers: { "HX-Request": "true" } });
    if (ticket !== mentionRequest || !response.ok) return;
    list.innerHTML = await response.text(); // Our own server-rendered, escaped fragment.
    const options = list.querySelectorAll("[role=option]");
    list.hidden = options.length === 0;
    textarea.setAttribute("aria-expanded", options.length ? "true" : "false");
    if (list.id) textarea.setAttribute("aria-controls", list.id);
    if (options.length) activate(textarea, options[0]);
  }

  function activate(textarea, option) {
    mentionList(textarea).querySelectorAll("[role=option]").forEach((o) => {
      const on = o === option;
      o.setAttribute("aria-selected", on ? "true" : "false");
      o.classList.toggle("active", on);
    });
    textarea.setAttribute("aria-activedescendant", option.id);
  }

  function insertMention(textarea, option) {
    const caret = textarea.selectionStart;
    const before = textarea.value.slice(0, caret);
    const match = before.match(MENTION_AT_CARET);
    if (!match) return closeMentions(textarea);
    const start = caret - match[1].length - 1;
    const text = `${option.dataset.insert} `;
    textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(caret);
    const position = start + text.length;
    textarea.setSelectionRange(position, position);
    textarea.focus();
    closeMentions(textarea);
    updateCounter(textarea);
  }

  document.addEventListener("keydown", (event) => {
    const textarea = event.target.closest && event.target.closest("textarea[data-mention-url]");
    if (!textarea) return;
    const list = mentionList(textarea);
    if (!list || list.hidden) return;
    const options = [...list.querySelectorAll("[role=option]")];
    if (!options.length) return;
    const current = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(textarea, options[(current + step + options.length) % options.length]);
    } else if ((event.key === "Enter" || event.key === "Tab") && current >= 0) {
      event.preventDefault();
      insertMention(textarea, options[current]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeMentions(textarea);
    }
  });

  document.addEventListener("mousedown", (event) => {
    const option = event.target.closest && event.target.closest("[data-mention-list] [role=option]");
    if (!option) return;
    event.preventDefault(); // Keep the focus in the text box.
    const textarea = option.closest("[data-mention-list]").parentElement.querySelector("textarea");
    if (textarea) insertMention(textarea, option);
  });

  document.addEventListener("focusout", (event) => {
    const textarea = event.target.closest && event.target.closest("textarea[data-mention-url]");
    if (textarea) setTimeout(() => closeMentions(textarea), 150);
  });

  // --- wiring ---------------------------------------------------------------------------
  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target.matches("textarea[data-max-length]")) updateCounter(target);
    if (target.matches("textarea[data-mention-url]")) {
      clearTimeout(mentionTimer);
      mentionTimer = setTimeout(() => suggestMentions(target), 200);
    }
    if (target.matches("[data-praise-pick]")) addPraised(target);
  });

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("[data-composer-mode]")) showMode(target.closest("form"));
    if (target.matches("input[data-image-input]")) showPreviews(target);
    if (target.matches("input[data-file-input]")) showFiles(target);
    if (target.matches("[data-praise-pick]")) addPraised(target);
  });

  function setUp(root) {
    root.querySelectorAll("form[data-composer]").forEach((form) => {
      showMode(form);
      form.querySelectorAll("textarea[data-max-length]").forEach((textarea) => {
        updateCounter(textarea, { announce: false });
      });
      form.querySelectorAll("textarea[data-mention-url]").forEach((textarea, index) => {
        const list = mentionList(textarea);
        if (list && !list.id) list.id = `${textarea.id || `mention-box-${index}`}-suggestions`;
        textarea.setAttribute("aria-autocomplete", "list");
        textarea.setAttribute("aria-expanded", "false");
      });
      const errors = form.querySelector("#composer-errors, .alert-danger[role=alert]");
      if (errors && form.contains(document.activeElement) === false) errors.focus();
    });
  }

  // A post may arrive twice (one's own post put on top by the composer, then fetched again by
  // the live bar): keep the first, newest-placed copy.
  function dropDuplicates() {
    const seen = new Set();
    document.querySelectorAll("#feed-items > article[id^='post-'], #feed-items > [data-post]").forEach((item) => {
      if (seen.has(item.id)) item.remove();
      else seen.add(item.id);
    });
  }

  // Tell screen readers when the next page arrived (feed-live.js announces new posts).
  let countBefore = 0;
  const itemCount = () => document.querySelectorAll("#feed-items > article").length;

  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.target.closest && event.target.closest(".feed-more")) {
      countBefore = itemCount();
      document.getElementById("feed-items")?.setAttribute("aria-busy", "true");
    }
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("feed-more")) return;
    const status = document.getElementById("feed-status");
    const added = itemCount() - countBefore;
    if (!status || added <= 0) return;
    const words = document.getElementById("feed")?.dataset || {};
    const one = words.loadedOne || "%(count)s more post loaded.";
    status.textContent = plural(one, words.loadedOther || "%(count)s more posts loaded.", added);
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    const items = document.getElementById("feed-items");
    if (items) items.setAttribute("aria-busy", "false");
    setUp(event.target.parentElement || document);
    dropDuplicates();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setUp(document));
  } else {
    setUp(document);
  }
})();
