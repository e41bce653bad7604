// The header's search-as-you-type: a combobox (WAI-ARIA "list autocomplete" pattern).
// HTMX fetches the options into the listbox as one types (input[hx-get]); this file opens and
// closes the listbox and moves through its options with the keyboard while the focus stays in
// the text box (aria-activedescendant). Enter opens the active option; without one the form
// submits to the full results page.
(() => {
  const script = document.currentScript;

  function parts(form) {
    const input = form.querySelector("[role=combobox]");
    const listbox = input && document.getElementById(input.getAttribute("aria-controls"));
    return [input, listbox];
  }

  function options(listbox) {
    return [...listbox.querySelectorAll("[role=option]")];
  }

  function activeOption(input, listbox) {
    const id = input.getAttribute("aria-activedescendant");
    return id ? listbox.querySelector(`[id="${CSS.escape(id)}"]`) : null;
  }

  function setActive(input, listbox, option) {
    options(listbox).forEach((each) => {
      each.classList.remove("active");
      each.setAttribute("aria-selected", "false");
    });
    if (!option) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    option.classList.add("active");
    option.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function isOpen(listbox) {
    return listbox.classList.contains("show");
  }

  function open(input, listbox) {
    if (!options(listbox).length || !input.value.trim()) return false;
    listbox.classList.add("show");
    input.setAttribute("aria-expanded", "true");
    return true;
  }

  function close(input, listbox) {
    setActive(input, listbox, null);
    listbox.classList.remove("show");
    input.setAttribute("aria-expanded", "false");
  }

  function announce(count) {
    const region = document.getElementById("live-region");
    if (!region || !script) return;
    const text = count === 1 ? script.dataset.countOne : script.dataset.countMany;
    if (text) region.textContent = text.replace("%(count)s", String(count));
  }

  function move(input, listbox, step) {
    const all = options(listbox);
    if (!all.length) return;
    if (!isOpen(listbox) && !open(input, listbox)) return;
    const index = all.indexOf(activeOption(input, listbox));
    let next;
    if (index === -1) next = step > 0 ? 0 : all.length - 1;
    else next = (index + step + all.length) % all.length;
    setActive(input, listbox, all[next]);
  }

  document.addEventListener("keydown", (event) => {
    const form = event.target.closest && event.target.closest("form[data-search-combobox]");
    if (!form) return;
    const [input, listbox] = parts(form);
    if (!input || event.target !== input) return;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(input, listbox, 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(input, listbox, -1);
        break;
      case "Enter": {
        const option = isOpen(listbox) && activeOption(input, listbox);
        if (option) {
          event.preventDefault();
          close(input, listbox);
          window.location.assign(option.href);
        }
        break; // No active option: the form goes to the full results page.
      }
      case "Escape":
        if (isOpen(listbox)) {
          event.preventDefault();
          close(input, listbox);
        }
        break;
      case "Tab":
        close(input, listbox);
        break;
      default:
    }
  });

  // Typing changes what the options will be: forget the active one until they arrive.
  document.addEventListener("input", (event) => {
    const form = event.target.closest && event.target.closest("form[data-search-combobox]");
    if (!form) return;
    const [input, listbox] = parts(form);
    if (event.target !== input) return;
    setActive(input, listbox, null);
    if (!input.value.trim()) close(input, listbox);
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const listbox = event.detail.target;
    if (!listbox || listbox.getAttribute("role") !== "listbox") return;
    const input = document.querySelector(`[aria-controls="${CSS.escape(listbox.id)}"]`);
    if (!input) return;
    setActive(input, listbox, null);
    if (document.activeElement === input && open(input, listbox)) {
      announce(options(listbox).length);
    } else {
      close(input, listbox);
    }
  });

  document.addEventListener("focusin", (event) => {
    const form = event.target.closest && event.target.closest("form[data-search-combobox]");
    if (form) {
      const [input, listbox] = parts(form);
      if (event.target === input) open(input, listbox);
    }
    // Focus went elsewhere: close every open suggestion list.
    document.querySelectorAll("form[data-search-combobox]").forEach((each) => {
      if (each === form) return;
      const [input, listbox] = parts(each);
      if (input && listbox) close(input, listbox);
    });
  });

  // Clicking an option must not take the focus from the text box first (that would close the
  // list before the click lands); a click elsewhere closes it.
  document.addEventListener("mousedown", (event) => {
    const inList = event.target.closest && event.target.closest(".search-suggestions");
    if (inList) {
      event.preventDefault();
      return;
    }
    document.querySelectorAll("form[data-search-combobox]").forEach((form) => {
      if (form.contains(event.target)) return;
      const [input, listbox] = parts(form);
      if (input && listbox) close(input, listbox);
    });
  });

  document.addEventListener("mousemove", (event) => {
    const option = event.target.closest && event.target.closest(".search-suggestions [role=option]");
    if (!option || option.classList.contains("active")) return;
    const listbox = option.closest("[role=listbox]");
    const input = document.querySelector(`[aria-controls="${CSS.escape(listbox.id)}"]`);
    if (input) setActive(input, listbox, option);
  });
})();

// The results page's filters take a screen of their own on a phone: fold them there, unless
// one is in use or has an error (data-keep-open).
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 992px)").matches) return;
  document.querySelectorAll("details[data-fold-when-narrow]:not([data-keep-open])").forEach((details) => {
    details.open = false;
  });
});

// Once the form is on its way to the results page, a suggestion still waiting for the end of
// the typing pause is not worth asking for. (Back from the results page: ask again.)
document.addEventListener("submit", (event) => {
  if (event.target.matches("form[data-search-combobox]")) event.target.dataset.submitted = "true";
});
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.target.closest && event.target.closest("form[data-search-combobox]");
  if (form && form.dataset.submitted) event.preventDefault();
});
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-search-combobox]").forEach((form) => {
    delete form.dataset.submitted;
  });
});
