// Community forms: the address (slug) follows the name until someone edits it by hand.
function slugify(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9_\s-]/g, "").trim().replace(/[-\s]+/g, "-").slice(0, 120);
}
document.addEventListener("input", (event) => {
  const source = event.target.closest("[data-slug-source]");
  if (source) {
    const slug = document.querySelector(source.dataset.slugSource);
    if (slug && !slug.dataset.edited) slug.value = slugify(source.value);
    return;
  }
  if (event.target.matches("input[name=slug]")) event.target.dataset.edited = event.target.value ? "1" : "";
});

// Forms with data-confirm (archive, hand over ownership) ask before they are sent.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset?.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
