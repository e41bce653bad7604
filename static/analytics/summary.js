// The monthly summary's Print button (no inline handlers: the pages keep to external scripts).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
