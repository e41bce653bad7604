// The wiki's small behaviours. No inline handlers: the pages work under a strict CSP.

// Forms marked data-wiki-confirm ask before they are sent (delete, revert).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset?.wikiConfirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// "Copy" buttons: data-wiki-copy="#id" copies that field's text and says so.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-wiki-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.wikiCopy);
  if (!source) return;
  const status = button.parentElement.querySelector("[data-wiki-copy-status]");
  try {
    await navigator.clipboard.writeText(source.value ?? source.textContent);
  } catch {
    source.select?.();
    document.execCommand?.("copy");
  }
  if (status) {
    status.textContent = button.dataset.wikiCopied || "";
    setTimeout(() => { status.textContent = ""; }, 4000);
  }
});

// "Print" on the printable view.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-wiki-print]")) window.print();
});

// History: comparing needs two different revisions, the older one first.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("[data-wiki-compare]");
  if (!form) return;
  const from = Number(form.querySelector("input[name=from]:checked")?.value);
  const to = Number(form.querySelector("input[name=to]:checked")?.value);
  if (from && to && from > to) {
    form.querySelector(`input[name=from][value="${to}"]`).checked = true;
    form.querySelector(`input[name=to][value="${from}"]`).checked = true;
  }
});

// Leaving an edit form with unsaved text asks first (not after submitting it).
document.addEventListener("input", (event) => {
  const form = event.target.closest("form[data-wiki-editor]");
  if (form) form.dataset.dirty = "1";
});
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-wiki-editor]");
  if (form) delete form.dataset.dirty;
});
window.addEventListener("beforeunload", (event) => {
  if (document.querySelector("form[data-wiki-editor][data-dirty]")) event.preventDefault();
});
