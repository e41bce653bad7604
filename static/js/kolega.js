// Small behaviours shared by every page. No framework: HTMX does the heavy lifting.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});

// "Go back" buttons (no inline handlers: the pages work under a strict CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-history-back]")) history.back();
});

// Live messages arrive over the WebSocket (htmx ws extension) as out-of-band swaps.
// Toasts show for a while, then remove themselves.
document.addEventListener("htmx:oobAfterSwap", () => {
  document.querySelectorAll("[data-live-toast]:not(.show)").forEach((element) => {
    if (!window.bootstrap) return;
    const toast = window.bootstrap.Toast.getOrCreateInstance(element, { delay: 8000 });
    element.addEventListener("hidden.bs.toast", () => element.remove(), { once: true });
    toast.show();
  });
});

// Whether the live connection is up, for styles and for tests: <body data-live="open">.
document.addEventListener("htmx:wsOpen", () => { document.body.dataset.live = "open"; });
document.addEventListener("htmx:wsClose", () => { document.body.dataset.live = "closed"; });

// Upload progress: a form marked data-upload-progress shows its [data-progress-bar] while a
// request that carries a file is on its way (htmx reports the bytes sent).
function progressBarOf(event) {
  const form = event.target.closest && event.target.closest("form[data-upload-progress]");
  return form ? [form, form.querySelector("[data-progress-bar]")] : [null, null];
}
function setProgress(bar, percent) {
  bar.setAttribute("aria-valuenow", String(percent));
  const inner = bar.querySelector(".progress-bar");
  inner.style.width = `${percent}%`;
  inner.textContent = `${percent}%`;
}
document.addEventListener("htmx:beforeRequest", (event) => {
  const [form, bar] = progressBarOf(event);
  if (!bar) return;
  const hasFile = [...form.querySelectorAll("input[type=file]")].some((input) => input.files.length);
  bar.hidden = !hasFile;
  setProgress(bar, 0);
});
document.addEventListener("htmx:xhr:progress", (event) => {
  const [, bar] = progressBarOf(event);
  if (!bar || bar.hidden || !event.detail.lengthComputable) return;
  setProgress(bar, Math.round((event.detail.loaded / event.detail.total) * 100));
});
document.addEventListener("htmx:afterRequest", (event) => {
  const [, bar] = progressBarOf(event);
  if (bar) bar.hidden = true;
});
