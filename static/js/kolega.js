// Small behaviours shared by every page. No framework: HTMX does the heavy lifting.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
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
