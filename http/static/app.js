// Progressive enhancements only: every page works without this script.
// Text is never parsed as HTML here: snippets come from hostile articles.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Search snippets mark matches as [word]; show them highlighted.
  for (const p of document.querySelectorAll("p.snippet")) {
    const raw = p.textContent;
    p.textContent = "";
    const re = /\[([^\]]*)\]/g;
    let last = 0, m;
    while ((m = re.exec(raw)) !== null) {
      p.append(raw.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[1];
      p.append(mark);
      last = re.lastIndex;
    }
    p.append(raw.slice(last));
  }
  // Bring a linked claim into view in the middle of the screen.
  if (location.hash.startsWith("#q-")) {
    const el = document.getElementById(location.hash.slice(1));
    if (el) el.scrollIntoView({ block: "center" });
  }
});
