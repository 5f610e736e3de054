// Marsad web page: a hash router over a handful of views. Plain ES modules, no framework.
import { applyStatic, currentLang, setLang, t } from "./i18n.js";
import { clear, h } from "./dom.js";
import { renderSearch } from "./views/search.js";
import { renderArticle } from "./views/article.js";
import { renderEntity } from "./views/entity.js";
import { renderEvents } from "./views/events.js";
import { renderMap } from "./views/overview.js";

const main = document.getElementById("main");
let generation = 0;

/** "#/doc/abc?x=1" → { parts: ["doc", "abc"], params: URLSearchParams }. */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(p => { try { return decodeURIComponent(p); } catch { return p; } });
  return { parts, params: new URLSearchParams(query ?? "") };
}

async function render() {
  const mine = ++generation;
  const { parts, params } = parseHash();
  const [view, id] = parts;
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.route === (view === "doc" || view === "entity" || !view ? "search" : view));
  }
  const container = h("div", { class: "view" }, h("p", { class: "muted" }, t("loading")));
  clear(main).append(container);
  // A view renders into its own container; if the user navigated on meanwhile, its result is dropped.
  const stale = () => mine !== generation;
  try {
    switch (view) {
      case undefined:
      case "search": await renderSearch(container, params, stale); break;
      case "doc": await renderArticle(container, id, stale); break;
      case "entity": await renderEntity(container, id, params, stale); break;
      case "events": await renderEvents(container, params, stale); break;
      case "map": await renderMap(container, stale); break;
      default: throw Object.assign(new Error(t("error.notfound")), { status: 404 });
    }
  } catch (e) {
    if (stale()) return;
    clear(container).append(h("div", { class: "error", role: "alert" },
      h("strong", {}, t("error.title")), " ", e.status ? `(${e.status}) ` : "", e.message));
  }
  if (!stale()) main.dataset.view = view ?? "search";
}

document.getElementById("lang").addEventListener("click", () => {
  setLang(currentLang() === "ar" ? "en" : "ar");
  render();
});
window.addEventListener("hashchange", render);
applyStatic();
render();
