import { api, apiUrl } from "../api.js";
import { clear, h, route, routeWithQuery } from "../dom.js";
import { num, t } from "../i18n.js";
import { countBadge, dateInput, docLink, segments } from "./common.js";

const FILTERS = ["q", "from", "to", "source", "category", "entity"];

function current(params) {
  const o = {};
  for (const k of [...FILTERS, "page", "sort"]) if (params.get(k)) o[k] = params.get(k);
  return o;
}

function go(state) { location.hash = routeWithQuery("search", state); }

export async function renderSearch(container, params, stale) {
  const state = current(params);
  const result = await api.search(state);
  if (stale()) return;
  clear(container);

  const q = h("input", { type: "search", name: "q", value: state.q ?? "", placeholder: t("search.placeholder"), dir: "auto", maxlength: 500, "aria-label": t("search.button") });
  const from = dateInput("from", state.from, t("search.from"));
  const to = dateInput("to", state.to, t("search.to"));
  const sort = h("select", { name: "sort", "aria-label": t("search.sort") },
    ["relevance", "date"].map(v => h("option", { value: v, selected: (state.sort ?? "relevance") === v }, t(`search.sort.${v}`))));
  sort.addEventListener("change", () => go({ ...state, sort: sort.value === "relevance" ? null : sort.value, page: null }));
  const form = h("form", { class: "search-form", role: "search", onsubmit: e => {
    e.preventDefault();
    go({ ...state, q: q.value.trim(), from: from.value, to: to.value, sort: sort.value === "relevance" ? null : sort.value, page: null });
  } },
    h("div", { class: "search-row" }, q, h("button", { type: "submit", class: "primary" }, t("search.button"))),
    h("div", { class: "filter-row" },
      h("label", {}, t("search.from"), " ", from),
      h("label", {}, t("search.to"), " ", to),
      h("label", {}, t("search.sort"), " ", sort)));

  const chips = activeFilters(state, result);
  const aside = h("aside", { class: "facets" }, facetBlocks(state, result.facets ?? {}));
  const list = h("section", { class: "results" },
    h("p", { class: "muted summary" }, result.total === 0 && !state.q && !Object.keys(state).length ? t("search.empty") : t("search.results", num(result.total)),
      result.total > 0 ? downloads(state) : null),
    result.hits.length === 0 && result.total === 0 && (state.q || Object.keys(state).length) ? h("p", {}, t("search.none")) : null,
    h("ol", { class: "hits" }, result.hits.map(hit => h("li", { class: "hit" },
      h("h3", {}, docLink(hit)),
      h("div", { class: "meta" }, [hit.published, hit.source, hit.category].filter(Boolean).join(" · ")),
      hit.snippet?.length ? h("p", { class: "snippet", dir: "rtl" }, segments(hit.snippet)) : null))),
    pager(state, result));

  container.append(form, chips, h("div", { class: "search-layout" }, list, aside));
  if (!state.q) q.focus();
}

/** The current results (filters and sort applied, the first 100) as CSV and JSON files. */
function downloads(state) {
  const query = { ...state, page: null, size: 100 };
  return h("span", { class: "downloads" }, " · ", t("download.label"), " ",
    h("a", { href: apiUrl("/api/search", { ...query, format: "csv" }), download: "marsad-search.csv", class: "download-csv" }, "CSV"), " ",
    h("a", { href: apiUrl("/api/search", query), download: "marsad-search.json", class: "download-json" }, "JSON"));
}

function activeFilters(state, result) {
  const names = { source: t("search.source"), category: t("search.category"), entity: t("search.entity"), from: t("search.from"), to: t("search.to") };
  const entityLabel = result.facets?.entity?.find(f => f.value === state.entity)?.label ?? state.entity;
  const chips = Object.keys(names).filter(k => state[k]).map(k =>
    h("a", { class: "chip", href: routeWithQuery("search", { ...state, [k]: null, page: null }), title: t("filter.remove") },
      `${names[k]}: `, h("bdi", {}, k === "entity" ? entityLabel : state[k]), " ×"));
  return chips.length
    ? h("div", { class: "chips" }, chips, h("a", { class: "chip clear", href: routeWithQuery("search", { q: state.q }) }, t("search.clear")))
    : h("div", { class: "chips" });
}

function facetBlocks(state, facets) {
  const blocks = [];
  for (const [name, filter] of [["source", "source"], ["category", "category"], ["entity", "entity"], ["month", null]]) {
    const values = facets[name];
    if (!values?.length) continue;
    blocks.push(h("section", { class: "facet", dataset: { facet: name } },
      h("h4", {}, t(`facet.${name}`)),
      h("ul", {}, values.map(f => {
        let href;
        if (filter) href = routeWithQuery("search", { ...state, [filter]: f.value, page: null });
        else href = routeWithQuery("search", { ...state, ...monthRange(f.value), page: null });
        const selected = filter ? state[filter] === f.value : false;
        return h("li", { class: selected ? "selected" : null },
          h("a", { href }, h("bdi", {}, f.label ?? f.value)), " ", countBadge(f.count));
      }))));
  }
  return blocks;
}

/** "2024-03" → { from: "2024-03-01", to: "2024-03-31" }. */
function monthRange(month) {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return {};
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}

function pager(state, result) {
  const pages = Math.max(1, Math.ceil(result.total / result.page_size));
  if (pages <= 1) return null;
  const page = result.page;
  return h("nav", { class: "pager" },
    page > 1 ? h("a", { href: routeWithQuery("search", { ...state, page: page - 1 }) }, t("search.prev")) : null,
    h("span", {}, t("search.page", num(page), num(pages))),
    page < pages ? h("a", { href: routeWithQuery("search", { ...state, page: page + 1 }) }, t("search.next")) : null);
}

export { route };
