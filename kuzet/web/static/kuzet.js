// Light progressive behaviour; every page works without it.
(function () {
  "use strict";

  // Reading screen: click a highlighted mention to open its fact; #span-A-B marks a source span.
  const text = document.getElementById("doc-text");
  if (text) {
    text.addEventListener("click", function (e) {
      const mark = e.target.closest("mark[data-fact]");
      if (!mark) return;
      const fact = document.getElementById(mark.dataset.fact);
      if (fact) { fact.open = true; fact.scrollIntoView({ block: "nearest" }); }
      text.querySelectorAll("mark.focus").forEach(m => m.classList.remove("focus"));
      text.querySelectorAll('mark[data-fact="' + mark.dataset.fact + '"]').forEach(m => m.classList.add("focus"));
    });
    document.querySelectorAll("details.fact").forEach(function (d) {
      d.addEventListener("toggle", function () {
        if (!d.open) return;
        text.querySelectorAll("mark.focus").forEach(m => m.classList.remove("focus"));
        text.querySelectorAll('mark[data-fact="' + d.id + '"]').forEach(m => m.classList.add("focus"));
        const first = text.querySelector('mark[data-fact="' + d.id + '"]');
        if (first) first.scrollIntoView({ block: "nearest" });
      });
    });
    const m = /^#span-(\d+)-(\d+)$/.exec(location.hash);
    if (m) selectRange(text, +m[1], +m[2], true);

    // Selecting text fills the "add what the machine missed" form with character offsets.
    const start = document.getElementById("sel-start"), end = document.getElementById("sel-end");
    const button = document.getElementById("add-fact-button"), note = document.getElementById("selection-note");
    document.addEventListener("selectionchange", function () {
      if (!start) return;
      const sel = window.getSelection();
      if (!sel.rangeCount || sel.isCollapsed || !text.contains(sel.anchorNode)) return;
      const r = sel.getRangeAt(0);
      const a = offsetOf(text, r.startContainer, r.startOffset), b = offsetOf(text, r.endContainer, r.endOffset);
      if (a < 0 || b <= a) return;
      start.value = a; end.value = b; button.disabled = false;
      note.textContent = "Selected: “" + text.textContent.slice(a, b).slice(0, 80) + "”";
    });
  }

  function offsetOf(root, node, offset) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let total = 0;
    while (walker.nextNode()) {
      if (walker.currentNode === node) return total + offset;
      total += walker.currentNode.length;
    }
    return node === root ? offset : -1;
  }

  function selectRange(root, a, b, scroll) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let total = 0, started = false;
    while (walker.nextNode()) {
      const n = walker.currentNode, len = n.length;
      if (!started && a <= total + len) { range.setStart(n, a - total); started = true; }
      if (started && b <= total + len) {
        range.setEnd(n, b - total);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        if (scroll && n.parentElement) n.parentElement.scrollIntoView({ block: "center" });
        return;
      }
      total += len;
    }
  }

  // Review queue: j/k move between items, m/a/v/r press the item's buttons.
  const items = Array.from(document.querySelectorAll(".review-item"));
  if (items.length) {
    let at = 0;
    items[0].focus();
    document.addEventListener("keydown", function (e) {
      if (e.target.matches("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "j" || e.key === "k") {
        at = Math.max(0, Math.min(items.length - 1, at + (e.key === "j" ? 1 : -1)));
        items[at].focus(); items[at].scrollIntoView({ block: "nearest" });
        return;
      }
      if (e.key === "x") {
        const box = items[at].querySelector("input[type=checkbox]");
        if (box) box.checked = !box.checked;
        return;
      }
      const button = items[at].querySelector('button[data-key="' + e.key + '"]');
      if (button) button.click();
    });
  }
})();
