// The article editor's images: "Insert" puts an image's Markdown line into the text at the
// cursor (on a line of its own). No inline handlers: the pages work under a strict CSP.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-blog-insert]");
  if (!button) return;
  const line = document.querySelector(button.dataset.blogInsert);
  const text = document.querySelector(button.dataset.blogInsertInto);
  if (!line || !text) return;
  const start = text.selectionStart ?? text.value.length;
  const end = text.selectionEnd ?? start;
  const before = text.value.slice(0, start);
  const after = text.value.slice(end);
  const opening = before && !before.endsWith("\n") ? "\n\n" : "";
  const closing = after && !after.startsWith("\n") ? "\n\n" : "";
  const inserted = opening + line.value + closing;
  text.value = before + inserted + after;
  const cursor = before.length + inserted.length;
  text.focus();
  text.setSelectionRange(cursor, cursor);
  text.dispatchEvent(new Event("input", { bubbles: true }));
  const status = button.closest("section")?.querySelector("[data-blog-insert-status]");
  if (status) status.textContent = button.dataset.blogInserted || "";
});
