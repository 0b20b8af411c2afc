// The analyst's web app: a little help from the keyboard. Everything works without it.
// "/" goes to the search box; "g" then "o", "c", "m", "r" or "s" goes to the overview, the
// conflicts, the common ground, the graph or the SPARQL page; "n" and "p" go to the next and
// previous page of a list; a date field marked data-autosubmit shows the new date at once.
"use strict";
(function () {
  const pages = { o: "/", c: "/conflicts", m: "/common-ground", r: "/graph", s: "/sparql" };
  let pending = false;
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/") {
      const box = document.getElementById("q");
      if (box) { event.preventDefault(); box.focus(); }
    } else if (pending && pages[event.key]) {
      window.location.href = pages[event.key];
    } else if (!pending && (event.key === "n" || event.key === "p")) {
      const link = document.querySelector(event.key === "n" ? "a[rel=next]" : "a[rel=prev]");
      if (link) window.location.href = link.href;
    }
    pending = event.key === "g";
  });
  for (const input of document.querySelectorAll("input[data-autosubmit]")) {
    input.addEventListener("change", function () {
      if (input.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(input.value)) input.form.submit();
    });
  }
})();
