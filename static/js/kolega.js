// Small behaviours shared by every page. No framework: HTMX does the heavy lifting.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});
