// Live feed: when /ws/live/ says a post is new on the feed this page shows, a
// "N new posts — show" button appears on top of it; pressing it fetches the new items over
// HTTP (the view checks visibility again) and puts them on top.
//
// The socket carries HTML (out-of-band swaps, handled by the htmx ws extension) and JSON
// (handled here, and kept away from htmx, which would try to swap it):
//   {"type": "post.new", "post": 12, "feeds": ["home", "company", "tag-budget", ...]}
//   {"type": "post.removed", "post": 12}
// Every JSON message is also re-dispatched on document as a "kolega:live" event.
//
// The page: <div id="feed" data-feed-key="home" data-new-url="/feed/new/"> holding
// <div id="feed-items"> whose items carry data-cursor and hold <article id="post-<id>">.
// The words come from this script's tag: data-new-one, data-new-many ("%(count)s").
(() => {
  const script = document.currentScript;
  const words = {
    one: script?.dataset.newOne || "1 new post — show",
    many: script?.dataset.newMany || "%(count)s new posts — show",
  };
  const pending = new Set(); // ids of new posts this page has not shown yet
  let loading = false;
  let renderSoon = 0;

  const feed = () => document.getElementById("feed");
  const list = () => document.getElementById("feed-items");
  const postElement = (id) => document.getElementById(`post-${id}`);

  // The newest item the server listed. A post of one's own that the composer put on top
  // carries no cursor, so older news from colleagues is not skipped.
  function newestCursor() {
    const first = list()?.querySelector("[data-cursor]");
    return first ? first.dataset.cursor : "";
  }

  function bar() {
    const container = feed();
    if (!container) return null;
    let region = document.getElementById("feed-live-bar");
    if (region) return region;
    region = document.createElement("div");
    region.id = "feed-live-bar";
    region.className = "feed-live-bar mb-3";
    region.setAttribute("aria-live", "polite");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary w-100";
    button.hidden = true;
    button.addEventListener("click", showNew);
    region.append(button);
    const items = list();
    container.insertBefore(region, items && items.parentElement === container ? items : container.firstChild);
    return region;
  }

  function render() {
    const region = bar();
    if (!region) return;
    const button = region.querySelector("button");
    for (const id of pending) if (postElement(id)) pending.delete(id); // shown meanwhile
    const count = pending.size;
    button.hidden = count === 0;
    button.disabled = loading;
    const label = count === 1 ? words.one : words.many.replace("%(count)s", String(count));
    const icon = document.createElement("i");
    icon.className = "bi bi-arrow-up-circle me-1";
    icon.setAttribute("aria-hidden", "true");
    button.replaceChildren(icon, document.createTextNode(label));
  }

  // The <article id="post-N"> of a returned item (the item itself, or inside it).
  function articleOf(element) {
    if (/^post-\d+$/.test(element.id)) return element;
    return element.querySelector('[id^="post-"]:not([id$="-counts"])');
  }

  // The items newer than ``after`` (empty: the newest page), as elements, newest first.
  async function fetchItems(after) {
    const url = new URL(feed().dataset.newUrl, window.location.href);
    url.searchParams.set("after", after);
    const response = await fetch(url, {
      headers: { "HX-Request": "true", Accept: "text/html" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`${response.status}`);
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    return [...template.content.children].filter((element) => articleOf(element));
  }

  // Put ``elements`` (newest first) on top of the list, skipping posts already shown.
  function prepend(elements, onlyIds = null) {
    const items = list();
    const anchor = items.firstElementChild;
    const added = [];
    for (const element of elements) {
      const article = articleOf(element);
      const id = article.id.slice("post-".length);
      if (postElement(id) || (onlyIds && !onlyIds.has(id))) continue;
      items.insertBefore(element, anchor);
      added.push(element);
      pending.delete(id);
    }
    added.forEach((element) => window.htmx?.process(element));
    if (added.length) feed()?.querySelector(".feed-empty")?.remove();
    return added;
  }

  async function showNew() {
    if (loading || !feed()?.dataset.newUrl || !list()) return;
    loading = true;
    render();
    try {
      const added = prepend(await fetchItems(newestCursor()));
      // Whatever is still missing (a cursor-less item on top, a reordered feed): look among
      // the newest posts, and take only those.
      const missing = new Set([...pending].filter((id) => !postElement(id)));
      if (missing.size) added.push(...prepend(await fetchItems(""), missing));
      pending.clear();
      const first = added[0] && articleOf(added[0]);
      if (first) {
        if (!first.hasAttribute("tabindex")) first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: true });
        first.scrollIntoView({ block: "nearest" });
      }
    } catch (error) {
      console.warn("Could not load the new posts:", error);
    } finally {
      loading = false;
      render();
    }
  }

  function onPostNew(message) {
    const container = feed();
    if (!container || !Array.isArray(message.feeds)) return;
    if (!message.feeds.includes(container.dataset.feedKey)) return;
    const id = String(message.post);
    if (postElement(id) || pending.has(id)) return;
    pending.add(id);
    // A moment's wait: on the author's own page the composer's answer usually brings the
    // post just after the socket announced it, and the bar need not flash.
    clearTimeout(renderSoon);
    renderSoon = setTimeout(render, 300);
  }

  // A deleted (or hidden) post leaves the page, unless this page is the one acting on it:
  // the author's "deleted: undo" card and a moderator's restorable card stay. The news may
  // come before the page's own answer, hence the wait.
  function onPostRemoved(message) {
    const id = String(message.post);
    if (pending.delete(id)) render();
    setTimeout(() => {
      const element = postElement(id);
      if (!element || element.matches(".post-removed, .post-deleted, .htmx-request")) return;
      if (element.querySelector(".htmx-request")) return;
      (element.closest("#feed-items > *") || element).remove();
    }, 1000);
  }

  document.addEventListener("htmx:wsBeforeMessage", (event) => {
    const text = event.detail?.message;
    if (typeof text !== "string" || !text.trimStart().startsWith("{")) return;
    event.preventDefault(); // JSON is for us, not for an htmx swap.
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === "post.new") onPostNew(message);
    else if (message.type === "post.removed") onPostRemoved(message);
    document.dispatchEvent(new CustomEvent("kolega:live", { detail: message }));
  });

  // The live region exists before anything is announced in it (also when the feed section
  // arrives later, loaded by another page).
  const start = () => bar();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:afterSettle", start);
  // The news may come before the page itself shows the post (one's own post arrives with
  // the composer's answer, after the socket told about it): count it out once it is there.
  const recount = () => {
    if (pending.size && !loading) render();
  };
  document.addEventListener("htmx:afterSettle", recount);
  document.addEventListener("htmx:oobAfterSwap", recount);
})();
