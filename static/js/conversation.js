// The conversation around a post: the dialog for "who reacted" and "share", the comment box,
// reply forms, refusals shown in place, and focus kept across HTMX swaps. No inline handlers;
// every behaviour hangs off data-* attributes written by the feed/_*.html templates.
(() => {
  if (window.kolegaConversation) return; // Included by base and by a page: run once.
  window.kolegaConversation = true;

  const inConversation = (element) => element && element.closest && element.closest("[data-conversation]");

  // htmx swaps only 2xx answers; our 422s (and a poll's 403) carry the form with its message.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    const element = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!inConversation(element)) return;
    if (status === 422 || (status === 403 && event.detail.xhr.getResponseHeader("X-Conversation-Fragment"))) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Other refusals (403, 404: the post is gone, the community archived...) as a toast.
  document.addEventListener("htmx:responseError", (event) => {
    const element = event.detail.requestConfig && event.detail.requestConfig.elt;
    const holder = inConversation(element);
    if (!holder || event.detail.shouldSwap) return;
    const text = holder.closest("[data-refused-text]")?.dataset.refusedText
      || document.documentElement.dataset.refusedText
      || "That did not work. Reload the page and try again.";
    notify(text);
  });

  function notify(text) {
    const region = document.getElementById("live-region");
    if (region) region.textContent = text;
    const toasts = document.getElementById("live-toasts");
    if (!toasts || !window.bootstrap) return;
    const toast = document.createElement("div");
    toast.className = "toast align-items-center text-bg-warning border-0";
    toast.setAttribute("role", "alert");
    const body = document.createElement("div");
    body.className = "toast-body";
    body.textContent = text;
    toast.append(body);
    toasts.append(toast);
    toast.addEventListener("hidden.bs.toast", () => toast.remove(), { once: true });
    window.bootstrap.Toast.getOrCreateInstance(toast, { delay: 6000 }).show();
  }

  // Keep the keyboard where it was: a swapped block comes back with the same ids. When the
  // control is gone (a deleted comment, an answered poll, a closed reply form), the block it
  // was in takes the focus rather than the top of the page.
  let focusId = null;
  let blockId = null;
  const shown = (element) => element && element.isConnected && element.getClientRects().length > 0;
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (!inConversation(event.detail.elt)) return;
    let active = document.activeElement;
    if (active && active.closest(".dropdown-menu")) {
      active = active.closest(".dropdown")?.querySelector("[data-bs-toggle=dropdown]") || active;
    }
    focusId = active && active.id ? active.id : null;
    const block = event.detail.target;
    blockId = active && active !== document.body && block && block.id ? block.id : null;
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    // A swapped block's news ("Your comment is posted.") goes to the page's live region.
    const news = event.detail.elt && event.detail.elt.querySelector && event.detail.elt.querySelector("[data-announce]");
    const region = document.getElementById("live-region");
    if (news && region) region.textContent = news.textContent.trim();
    const autofocus = event.detail.elt && event.detail.elt.querySelector && event.detail.elt.querySelector("[data-autofocus]");
    // Only a focus a swap took away comes back. While the focus is still on something (the
    // person moved it to the reaction menu while the answer was on its way, or another swap
    // settled first), it stays there, and the control noted is kept for a swap still to come.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!autofocus && !lost) return;
    let target = autofocus || (focusId && document.getElementById(focusId));
    if (!shown(target) && blockId && lost) {
      target = document.getElementById(blockId);
      if (target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    }
    focusId = blockId = null;
    if (shown(target) && document.activeElement !== target) target.focus({ preventScroll: true });
    if (target && target.tagName === "TEXTAREA" && target.value) grow(target);
  });

  // The dialog for who reacted and for sharing; without JavaScript the links open pages.
  let opener = null;
  function dialog() {
    let element = document.getElementById("conversation-dialog");
    if (element) return element;
    element = document.createElement("dialog");
    element.id = "conversation-dialog";
    element.className = "conversation-dialog border-0 rounded-3 shadow p-0";
    element.style.width = "min(36rem, 95vw)";
    element.style.maxHeight = "85vh";
    const frame = document.createElement("div");
    frame.className = "p-3 position-relative";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close position-absolute top-0 end-0 m-3";
    close.dataset.dialogClose = "";
    const body = document.createElement("div");
    body.id = "conversation-dialog-body";
    frame.append(close, body);
    element.append(frame);
    element.addEventListener("click", (event) => {
      // A click on the backdrop (the dialog box itself, outside its frame) closes it.
      if (event.target === element || event.target.closest("[data-dialog-close]")) element.close();
    });
    element.addEventListener("close", () => {
      body.replaceChildren();
      if (opener && opener.isConnected) opener.focus();
      opener = null;
    });
    document.body.append(element);
    return element;
  }
  document.addEventListener("htmx:afterSettle", (event) => {
    const body = document.getElementById("conversation-dialog-body");
    if (!body || !body.contains(event.detail.elt)) return;
    const heading = body.querySelector("h2[id]");
    if (heading) body.closest("dialog").setAttribute("aria-labelledby", heading.id);
  });

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("a[data-conversation-dialog]");
    if (trigger && window.htmx && typeof HTMLDialogElement === "function") {
      event.preventDefault();
      const element = dialog();
      const close = element.querySelector("[data-dialog-close]");
      close.setAttribute("aria-label", trigger.dataset.closeLabel || close.getAttribute("aria-label") || "Close");
      opener = trigger;
      if (!element.open) element.showModal();
      window.htmx.ajax("GET", trigger.href, { target: "#conversation-dialog-body", swap: "innerHTML" });
      return;
    }

    // "Comment" focuses the post's comment box.
    const comment = event.target.closest("[data-focus-comment]");
    if (comment) {
      const box = document.getElementById(comment.dataset.focusComment);
      if (box) {
        event.preventDefault();
        box.scrollIntoView({ block: "center", behavior: "smooth" });
        box.focus({ preventScroll: true });
      }
      return;
    }

    // "Reply" opens the thread's reply form (replying to a reply mentions its author).
    const reply = event.target.closest("[data-reply-to]");
    if (reply) {
      const form = document.getElementById(reply.dataset.replyTo);
      if (!form) return;
      event.preventDefault();
      form.hidden = false;
      reply.setAttribute("aria-expanded", "true");
      const box = form.querySelector("textarea");
      const name = reply.dataset.mentionName;
      if (name && !box.value.includes(`@${name}`)) box.value = `@${name} ${box.value}`;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    }
  });

  // Comment boxes grow with their text; Ctrl+Enter (or ⌘+Enter) sends.
  function grow(box) {
    box.style.height = "auto";
    box.style.height = `${Math.min(box.scrollHeight + 2, 240)}px`;
  }
  document.addEventListener("input", (event) => {
    if (event.target.matches(".comment-form textarea, .reply-form textarea")) grow(event.target);
  });
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (!box.matches || !box.matches("[data-conversation] textarea")) return;
    event.preventDefault();
    box.form.requestSubmit();
  });
})();
