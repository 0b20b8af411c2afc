// The review page's behaviour: the links between evidence and claims, the claim forms, adding
// a claim from a selection, and saving. The server renders the page; after each change this
// script asks for the page again and swaps in its <main>. Every value from the server is
// either in that server-escaped HTML or set here with textContent, never as markup.
"use strict";
(() => {
  const token = document.querySelector('meta[name="review-token"]').content;
  const byId = (id) => document.getElementById(id);
  let busy = Promise.resolve();

  async function post(path, data) {
    const response = await fetch(path, {
      method: "POST",
      headers: {
        "X-Review-Token": token,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(data).toString(),
    });
    let body = {};
    try {
      body = await response.json();
    } catch (_) {
      body = { error: "the server's answer was not understood (" + response.status + ")" };
    }
    return { status: response.status, body };
  }

  // Swaps in the page as the server now renders it, keeping the panes where they were.
  async function refresh() {
    const response = await fetch("/", { cache: "no-store" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("review");
    const old = byId("review");
    const kept = ["text", "claims"].map((id) => [id, byId(id) ? byId(id).scrollTop : 0]);
    const windowY = window.scrollY;
    old.replaceWith(document.adoptNode(fresh));
    for (const [id, top] of kept) if (byId(id)) byId(id).scrollTop = top;
    window.scrollTo(0, windowY);
  }

  function marksOf(index) {
    return Array.from(document.querySelectorAll("mark.ev")).filter((m) =>
      m.dataset.claims.split(" ").includes(String(index)));
  }

  function markCurrent(index) {
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
    const card = byId("claim-" + index);
    if (card) card.classList.add("current");
    for (const mark of marksOf(index)) mark.classList.add("current");
  }

  // From a claim to its evidence.
  function showEvidence(index) {
    markCurrent(index);
    const anchor = byId("ev-" + index);
    if (anchor) anchor.scrollIntoView({ block: "center" });
    const first = marksOf(index)[0];
    if (first) first.focus({ preventScroll: true });
  }

  // From evidence to its claim; a passage that backs several claims goes to the next one.
  function showClaim(mark) {
    const claims = mark.dataset.claims.split(" ");
    const current = document.querySelector("article.claim.current");
    const at = current ? claims.indexOf(current.id.slice("claim-".length)) : -1;
    const index = claims[(at + 1) % claims.length];
    markCurrent(index);
    const card = byId("claim-" + index);
    card.scrollIntoView({ block: "start" });
    const first = card.querySelector("select, input, button");
    if (first) first.focus({ preventScroll: true });
  }

  function say(element, text, kind) {
    if (!element) return;
    element.textContent = text;
    element.className = "message" + (kind ? " " + kind : "");
  }

  async function submitClaim(form, decision) {
    const index = Number(form.dataset.claim);
    const data = new URLSearchParams(new FormData(form));
    data.set("decision", decision);
    const { status, body } = await post("/claims/" + index, data);
    if (status !== 200) {
      say(form.querySelector(".message"), body.error || "the change was refused", "error");
      return false;
    }
    await refresh();
    const next = decision === "keep" ? null : byId("claim-" + (index + 1));
    const card = next || byId("claim-" + index);
    markCurrent(card.id.slice("claim-".length));
    if (decision !== "keep") {
      card.scrollIntoView({ block: "nearest" });
      const first = card.querySelector("select, input, button");
      if (first) first.focus({ preventScroll: true });
    }
    return true;
  }

  async function addClaim(form) {
    const { status, body } = await post("/claims", new URLSearchParams(new FormData(form)));
    if (status !== 200) {
      say(form.querySelector(".message"), body.error || "the claim was not added", "error");
      return;
    }
    await refresh();
    showEvidence(body.claim);
    const card = byId("claim-" + body.claim);
    card.scrollIntoView({ block: "start" });
    const holder = card.querySelector('select[name="holder"]');
    if (holder) holder.focus({ preventScroll: true });
  }

  async function save(overwrite) {
    // Edits not yet applied are applied first, keeping each claim's decision.
    for (const form of document.querySelectorAll("article.claim.dirty form")) {
      if (!(await submitClaim(form, "keep"))) return;
    }
    const status = byId("save-status");
    status.textContent = "Checking and saving…";
    const answer = await post("/save", overwrite ? { overwrite: "yes" } : {});
    if (answer.status === 409) {
      if (window.confirm(answer.body.error)) return save(true);
      say(status, "Not saved: " + answer.body.exists + " is left as it was.", "error");
      return;
    }
    if (answer.status !== 200) {
      status.textContent = "";
      const head = document.createElement("p");
      head.className = "message error";
      head.textContent = answer.body.error;
      status.append(head);
      if (answer.body.errors) {
        const list = document.createElement("ul");
        list.className = "errors";
        for (const line of answer.body.errors) {
          const item = document.createElement("li");
          item.textContent = line;
          list.append(item);
        }
        status.append(list);
      }
      return;
    }
    await refresh();
    say(byId("save-status"), "Saved " + answer.body.claims + " claims to " + answer.body.saved + ".", "saved");
  }

  // Characters (code points, as the draft counts them) from the start of the article text.
  function offsetIn(text, node, offset) {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function readSelection() {
    const text = byId("text");
    const form = byId("add-form");
    const selection = window.getSelection();
    if (!text || !form || !selection.rangeCount || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    form.elements.quote.value = range.toString();
    form.elements.start.value = offsetIn(text, range.startContainer, range.startOffset);
    form.elements.end.value = offsetIn(text, range.endContainer, range.endOffset);
  }

  // Selects the article's characters start..end, as a person would with the mouse.
  function selectText(start, end) {
    const text = byId("text");
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const units = Array.from(node.data);
      const place = (at) => units.slice(0, at - seen).join("").length;
      if (seen <= start && start <= seen + units.length) range.setStart(node, place(start));
      if (seen <= end && end <= seen + units.length) {
        range.setEnd(node, place(end));
        break;
      }
      seen += units.length;
    }
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    readSelection();
  }

  function growList(select) {
    const list = select.closest("fieldset.list");
    if (!list || !select.value) return;
    const selects = list.querySelectorAll("select");
    if (select !== selects[selects.length - 1]) return;
    const more = select.cloneNode(true);
    more.value = "";
    more.setAttribute("aria-label", list.querySelector("legend").textContent + " " + (selects.length + 1));
    list.append(more);
  }

  function run(work) {
    busy = busy.then(work, work);
    return busy;
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    event.preventDefault();
    if (form.classList.contains("claim-form")) {
      const decision = event.submitter ? event.submitter.value : "keep";
      run(() => submitClaim(form, decision));
    } else if (form.id === "add-form") {
      run(() => addClaim(form));
    } else if (form.id === "save-form") {
      run(() => save(false));
    }
  });

  document.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.ev");
    if (mark && window.getSelection().isCollapsed) showClaim(mark);
    const show = event.target.closest("button.show, blockquote.quote");
    if (show) showEvidence(show.closest("form").dataset.claim);
  });

  // The claim being worked on has its evidence marked.
  document.addEventListener("focusin", (event) => {
    const form = event.target.closest && event.target.closest("form.claim-form");
    if (form) markCurrent(form.dataset.claim);
  });

  document.addEventListener("keydown", (event) => {
    const mark = event.target.closest && event.target.closest("mark.ev");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showClaim(mark);
    }
  });

  document.addEventListener("change", (event) => {
    const card = event.target.closest("article.claim");
    if (card) card.classList.add("dirty");
    if (event.target.tagName === "SELECT") growList(event.target);
  });

  document.addEventListener("input", (event) => {
    const card = event.target.closest("article.claim");
    if (card) card.classList.add("dirty");
    if (event.target.id === "add-quote") {
      const form = byId("add-form");
      form.elements.start.value = "";
      form.elements.end.value = "";
    }
  });

  document.addEventListener("selectionchange", readSelection);

  // For tests in a browser, when the server allows it: ?steps=set:0:holder:russia,accept:0,
  // reject:1,select:10:40,quote:words,save — each step waits for the one before.
  async function runSteps(steps) {
    const log = document.createElement("pre");
    log.id = "steps-log";
    document.body.append(log);
    const note = (line) => { log.textContent += line + "\n"; };
    window.confirm = (question) => { note("confirmed: " + question); return true; };
    const form = (index) => byId("claim-" + index).querySelector("form");
    for (const step of steps.split(",")) {
      const [verb, ...rest] = step.split(":");
      note("step " + step);
      if (verb === "set") {
        const field = form(rest[0]).elements[rest[1]];
        const element = field instanceof RadioNodeList ? field[0] : field;
        element.value = rest.slice(2).join(":");
        element.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (["accept", "reject", "undecided", "keep"].includes(verb)) {
        await run(() => submitClaim(form(rest[0]), verb));
      } else if (verb === "select") {
        selectText(Number(rest[0]), Number(rest[1]));
        await run(() => addClaim(byId("add-form")));
      } else if (verb === "quote") {
        byId("add-form").elements.quote.value = rest.join(":");
        await run(() => addClaim(byId("add-form")));
      } else if (verb === "save") {
        await run(() => save(false));
        note("save: " + byId("save-status").textContent);
      } else if (verb === "show") {
        showEvidence(rest[0]);
      }
      for (const message of document.querySelectorAll(".message.error")) note("error: " + message.textContent);
    }
    const status = byId("save-status");
    note("status: " + (status ? status.textContent : ""));
    document.body.dataset.steps = "done";
  }

  const steps = new URLSearchParams(location.search).get("steps");
  if (steps && document.querySelector('meta[name="review-steps"]')) {
    runSteps(steps);
  }
})();
