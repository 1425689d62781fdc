// Progressive extras for the reading pages; every page is complete without this file.
// - search suggestions as you type (GET /api/search/suggest?q=&lang= → [{title, url}])
// - the table of contents marks the section being read (wide screens)
// - on reading pages, Blazor's and MudBlazor's scripts are fetched on the reader's first intent (data-on-intent)
(() => {
  "use strict";

  // Reading pages are static: Blazor's script only enhances navigation and forms, so it is not worth the first
  // visit's time (its evaluation was most of a phone's blocking time). The first pointer move, touch or key fetches
  // it, in order, with MudBlazor's (which an interactive page reached by enhanced navigation needs). A click that
  // comes before they arrive is an ordinary navigation or form post, which works as well.
  function loadOnIntent(scripts) {
    if (!scripts || window.Blazor) return;
    const events = ["pointermove", "pointerdown", "touchstart", "keydown", "focusin"];
    const load = () => {
      events.forEach((e) => removeEventListener(e, load, true));
      for (const src of scripts.split(" ").filter(Boolean)) {
        const script = document.createElement("script");
        script.src = src;
        script.async = false;
        script.addEventListener("load", listenForEnhancedLoads);
        document.body.append(script);
      }
    };
    events.forEach((e) => addEventListener(e, load, { capture: true, passive: true }));
  }
  const onIntent = document.currentScript?.dataset.onIntent;

  function suggestions(form) {
    const input = form.querySelector("input[name=q]");
    const list = form.querySelector("[role=listbox]");
    if (!input || !list || form.dataset.ready) return;
    form.dataset.ready = "1";
    let timer = 0, controller = null, active = -1;

    const close = () => { list.hidden = true; list.replaceChildren(); input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; };
    const items = () => [...list.querySelectorAll("[role=option]")];
    const select = (index) => {
      const all = items();
      if (all.length === 0) return;
      active = (index + all.length) % all.length;
      all.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", all[active].id);
    };

    async function fetchSuggestions() {
      const q = input.value.trim();
      if (q.length < 2) { close(); return; }
      controller?.abort();
      controller = new AbortController();
      try {
        const url = `${form.dataset.suggest}?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(form.dataset.lang)}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) { close(); return; }
        const body = await response.json();
        // Tolerant of the shape: an array, or {items|suggestions|results: [...]}; each {title, url} (or href/slug).
        const raw = Array.isArray(body) ? body : (body.items || body.suggestions || body.results || []);
        const found = raw.map((s) => ({ title: s.title || s.Title, url: s.url || s.Url || s.href })).filter((s) => s.title && s.url && /^\/(?!\/)/.test(s.url)).slice(0, 8);
        // A refreshed list keeps the option chosen with the arrow keys, so that Enter opens what is highlighted.
        const chosen = active >= 0 ? items()[active]?.querySelector("a")?.getAttribute("href") : null;
        list.replaceChildren(...found.map((s, i) => {
          const li = document.createElement("li");
          li.setAttribute("role", "option");
          li.id = `site-search-option-${i}`;
          const a = document.createElement("a");
          a.href = s.url;
          a.textContent = s.title;
          a.tabIndex = -1;
          li.append(a);
          return li;
        }));
        list.hidden = found.length === 0;
        input.setAttribute("aria-expanded", found.length ? "true" : "false");
        active = -1;
        input.removeAttribute("aria-activedescendant");
        const kept = found.findIndex((s) => s.url === chosen);
        if (kept >= 0) select(kept);
      } catch (e) {
        if (e.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); select(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); items()[active].querySelector("a").click(); }
    });
    input.addEventListener("blur", () => setTimeout(close, 200));
  }

  function tableOfContents(toc) {
    if (toc.dataset.ready || !("IntersectionObserver" in window)) return;
    toc.dataset.ready = "1";
    const links = new Map();
    for (const a of toc.querySelectorAll("a[href*='#']")) {
      const heading = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (heading) links.set(heading, a);
    }
    const visible = new Set();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) entry.isIntersecting ? visible.add(entry.target) : visible.delete(entry.target);
      const first = [...links.keys()].find((h) => visible.has(h));
      if (!first) return;
      for (const [heading, a] of links) heading === first ? a.setAttribute("aria-current", "true") : a.removeAttribute("aria-current");
    }, { rootMargin: "-80px 0px -60% 0px" });
    links.forEach((_, heading) => observer.observe(heading));
  }

  function init() {
    document.querySelectorAll("form[data-suggest]").forEach(suggestions);
    document.querySelectorAll("[data-toc]").forEach(tableOfContents);
  }

  // Blazor's enhanced navigation swaps the page without reloading scripts.
  let listening = false;
  function listenForEnhancedLoads() {
    if (listening || !window.Blazor?.addEventListener) return;
    listening = true;
    window.Blazor.addEventListener("enhancedload", init);
  }

  init();
  listenForEnhancedLoads();
  loadOnIntent(onIntent);
  document.addEventListener("DOMContentLoaded", init);
})();
