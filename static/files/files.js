// The file share's behaviours: uploads (a file input or files dropped on the folder view),
// one XMLHttpRequest per file with its own <progress> bar and result, "upload as a new
// version" when the name is taken, and confirmations. No inline handlers (strict CSP), no
// innerHTML with names: every text goes in through textContent.
(() => {
  "use strict";

  const PARALLEL = 2;

  // "%(name)s is too big" with the values of ``values`` put in.
  function fill(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, (_, key) => (key in values ? String(values[key]) : ""));
  }

  function humanSize(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let size = bytes;
    let unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit += 1;
    }
    const digits = unit === 0 ? 0 : 1;
    const lang = document.documentElement.lang || undefined;
    return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(size)} ${units[unit]}`;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // One upload zone: a form[data-files-upload] with its queue, limits and messages.
  class Uploader {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector("input[type=file]");
      this.queue = form.querySelector("[data-files-queue]");
      this.live = form.querySelector("[data-files-live]");
      this.maxBytes = Number(form.dataset.maxBytes || 0);
      this.text = form.dataset;
      this.waiting = [];
      this.running = 0;
      this.finished = 0;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.add(this.input.files);
      });
      this.input.addEventListener("change", () => this.add(this.input.files));
      const submit = form.querySelector("[data-files-submit]");
      if (submit) submit.hidden = true;
    }

    say(message) {
      if (this.live) this.live.textContent = message;
    }

    add(fileList) {
      const files = [...(fileList || [])];
      if (!files.length) return;
      this.queue.hidden = false;
      for (const file of files) this.enqueue(file);
      this.input.value = "";
      this.pump();
    }

    enqueue(file) {
      const item = element("li", "files-queue-item list-group-item");
      const head = element("div", "d-flex flex-wrap justify-content-between gap-2");
      head.append(element("span", "files-queue-name text-break fw-semibold", file.name));
      head.append(element("span", "small text-body-secondary", humanSize(file.size)));
      const bar = element("progress", "files-progress w-100");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", fill(this.text.msgProgressLabel, { name: file.name }));
      const status = element("p", "files-queue-status small mb-0");
      item.append(head, bar, status);
      this.queue.append(item);
      const job = { file, item, bar, status, url: this.form.action, extra: {} };
      if (this.maxBytes && file.size > this.maxBytes) {
        this.fail(job, fill(this.text.msgTooBig, { name: file.name, limit: this.text.maxLabel }));
        return;
      }
      status.textContent = fill(this.text.msgWaiting, { name: file.name });
      this.waiting.push(job);
    }

    pump() {
      while (this.running < PARALLEL && this.waiting.length) {
        this.running += 1;
        this.send(this.waiting.shift());
      }
    }

    send(job) {
      const { file, bar, status } = job;
      const data = new FormData();
      const token = this.form.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) data.append("csrfmiddlewaretoken", token.value);
      const folder = this.form.querySelector("input[name=folder]");
      if (folder && !job.extra.version) data.append("folder", folder.value);
      data.append(job.extra.version ? "upload" : "files", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", job.url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      if (token) xhr.setRequestHeader("X-CSRFToken", token.value);
      job.item.dataset.state = "uploading";
      job.item.setAttribute("aria-busy", "true");
      bar.removeAttribute("value");
      let spoken = -1;
      status.textContent = fill(this.text.msgUploading, { name: file.name });
      this.say(status.textContent);
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        const percent = Math.min(100, Math.floor((event.loaded / event.total) * 100));
        bar.value = percent;
        bar.setAttribute("aria-valuetext", `${percent}%`);
        status.textContent = fill(this.text.msgPercent, { name: file.name, percent });
        // Screen readers hear every quarter, not every percent.
        const quarter = Math.floor(percent / 25);
        if (quarter !== spoken) {
          spoken = quarter;
          this.say(status.textContent);
        }
      });
      xhr.addEventListener("load", () => this.answered(job, xhr));
      xhr.addEventListener("error", () => this.fail(job, fill(this.text.msgNetwork, { name: file.name }), true));
      xhr.addEventListener("abort", () => this.fail(job, fill(this.text.msgNetwork, { name: file.name }), true));
      xhr.send(data);
    }

    answered(job, xhr) {
      let answer = {};
      try {
        answer = JSON.parse(xhr.responseText || "{}");
      } catch {
        answer = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        this.succeed(job, answer);
      } else {
        const error = answer.error || fill(this.text.msgFailed, { name: job.file.name });
        this.fail(job, error, true, answer);
      }
    }

    succeed(job, answer) {
      const { item, bar, status } = job;
      bar.value = 100;
      bar.setAttribute("aria-valuetext", "100%");
      item.dataset.state = "done";
      item.removeAttribute("aria-busy");
      status.textContent = "";
      status.className = "files-queue-status small mb-0 text-success";
      status.append(element("i", "bi bi-check-circle me-1"));
      status.lastChild.setAttribute("aria-hidden", "true");
      const message = answer.message || fill(this.text.msgDone, { name: job.file.name });
      if (answer.url) {
        const link = element("a", "link-success", message);
        link.href = answer.url;
        status.append(link);
      } else {
        status.append(document.createTextNode(message));
      }
      this.say(message);
      this.done(true);
    }

    fail(job, message, wasSent = false, answer = {}) {
      const { item, bar, status } = job;
      bar.value = 0;
      bar.hidden = true;
      item.dataset.state = "failed";
      item.removeAttribute("aria-busy");
      status.textContent = message;
      status.className = "files-queue-status small mb-0 text-danger";
      if (answer.code === "name_taken" && answer.version_url) {
        const offer = element("button", "btn btn-sm btn-outline-primary ms-2", this.text.msgNewVersion);
        offer.type = "button";
        offer.addEventListener("click", () => {
          offer.remove();
          bar.hidden = false;
          item.dataset.state = "waiting";
          status.className = "files-queue-status small mb-0";
          status.textContent = fill(this.text.msgWaiting, { name: job.file.name });
          this.waiting.push({ ...job, url: answer.version_url, extra: { version: true } });
          this.pump();
        });
        status.append(offer);
      }
      this.say(message);
      if (wasSent) this.done(false);
    }

    done(changed) {
      this.running = Math.max(0, this.running - 1);
      this.finished += changed ? 1 : 0;
      this.pump();
      if (this.running === 0 && !this.waiting.length && this.finished) {
        this.finished = 0;
        this.refresh();
      }
    }

    // The folder's listing again (the named partial), with the new files in it.
    refresh() {
      const listing = document.getElementById("files-listing");
      if (!listing || !window.htmx) return;
      window.htmx.ajax("GET", window.location.href, { target: "#files-listing", swap: "outerHTML" });
    }
  }

  // Files dragged over a [data-files-drop] area go to its upload zone.
  function dropArea(event) {
    return event.target.closest && event.target.closest("[data-files-drop]");
  }
  function carriesFiles(event) {
    return [...(event.dataTransfer?.types || [])].includes("Files");
  }

  const uploaders = new WeakMap();
  function uploaderOf(area) {
    const form = area.matches("form[data-files-upload]") ? area : area.querySelector("form[data-files-upload]");
    return form ? uploaders.get(form) : null;
  }

  function setUp() {
    document.querySelectorAll("form[data-files-upload]").forEach((form) => {
      if (!uploaders.has(form)) uploaders.set(form, new Uploader(form));
    });
  }

  document.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    // Never let a missed drop open the file in the tab (and leave the page).
    event.preventDefault();
    const area = dropArea(event);
    event.dataTransfer.dropEffect = area ? "copy" : "none";
    if (area) area.classList.add("files-dragover");
  });
  document.addEventListener("dragleave", (event) => {
    const area = dropArea(event);
    if (area && !area.contains(event.relatedTarget)) area.classList.remove("files-dragover");
  });
  document.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const area = dropArea(event);
    if (!area) return;
    area.classList.remove("files-dragover");
    const uploader = uploaderOf(area);
    if (uploader) uploader.add(event.dataTransfer.files);
  });

  // A lone file input with data-max-bytes (a new version) refuses a file over the limit at once.
  document.addEventListener("change", (event) => {
    const input = event.target.closest && event.target.closest("input[type=file][data-max-bytes]");
    if (!input) return;
    const max = Number(input.dataset.maxBytes || 0);
    const big = [...(input.files || [])].find((file) => max && file.size > max);
    input.setCustomValidity(big ? fill(input.dataset.msgTooBig, { name: big.name, limit: input.dataset.maxLabel }) : "");
    if (big) input.reportValidity();
  });

  // Forms marked data-files-confirm ask first (delete, empty the trash, delete a version).
  document.addEventListener("submit", (event) => {
    const message = event.target.dataset?.filesConfirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  document.addEventListener("htmx:afterSettle", setUp);
})();
