import { api, apiUrl } from "../api.js";
import { clear, h, routeWithQuery } from "../dom.js";
import { num, t } from "../i18n.js";
import { dateInput, docLink, entityLink, joinNodes, typeLabel } from "./common.js";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"];

export async function renderEvents(container, params, stale) {
  const state = {};
  for (const k of ["type", "country", "actor", "from", "to", "page"]) if (params.get(k)) state[k] = params.get(k);
  const data = await api.events(state);
  if (stale()) return;
  clear(container);

  const type = h("select", { name: "type" }, h("option", { value: "" }, "—"), TYPES.map(x => h("option", { value: x, selected: state.type === x }, x)));
  const country = h("input", { name: "country", value: state.country ?? "", dir: "auto", placeholder: "MA, المغرب…" });
  const actor = h("input", { name: "actor", value: state.actor ?? "", dir: "auto" });
  const from = dateInput("from", state.from, t("search.from"));
  const to = dateInput("to", state.to, t("search.to"));
  const form = h("form", { class: "filter-row events-form", onsubmit: e => {
    e.preventDefault();
    location.hash = routeWithQuery("events", { type: type.value, country: country.value.trim(), actor: actor.value.trim(), from: from.value, to: to.value });
  } },
    h("label", {}, t("events.type"), " ", type), h("label", {}, t("events.country"), " ", country),
    h("label", {}, t("events.actor"), " ", actor), h("label", {}, t("search.from"), " ", from),
    h("label", {}, t("search.to"), " ", to), h("button", { type: "submit", class: "primary" }, t("events.filter")));

  container.append(h("div", {}, h("h1", {}, t("events.title")), form,
    h("p", { class: "muted events-summary" }, t("events.count", num(data.total)), " · ", t("events.reports", num(data.reports)),
      data.total > 0 ? downloads(state) : null),
    eventsTable(data.events), pager(state, data)));
}

/** Merged events: one row per event, its reports (article, trigger word) listed as sources. */
export function eventsTable(events, emptyKey = "events.none") {
  if (!events?.length) return h("p", { class: "muted empty-events" }, t(emptyKey));
  return h("div", { class: "table-wrap" }, h("table", { class: "events" },
    h("thead", {}, h("tr", {}, [t("events.date"), t("events.type"), t("events.actors"), t("events.targets"), t("events.location"), t("events.fatalities"), t("events.sources")].map(c => h("th", {}, c)))),
    h("tbody", {}, events.map(v => h("tr", { dataset: { event: v.id } },
      h("td", { dir: "ltr", class: "date", "data-label": t("events.date") }, v.date ?? "—"),
      h("td", {}, h("span", { class: "etype", title: typeLabel(v.type) }, v.type), v.mode ? ` / ${v.mode}` : ""),
      h("td", {}, joinNodes(v.actors.map(entityLink))),
      h("td", {}, joinNodes(v.targets.map(entityLink))),
      h("td", {}, v.location ? entityLink(v.location) : "—"),
      h("td", {}, v.fatalities ?? "—"),
      h("td", {}, h("ul", { class: "sources" }, v.sources.map(src => h("li", {},
        docLink({ id: src.document_id, title: src.title }), " «", h("bdi", {}, src.trigger), "»")))))))));
}

/** The events of the current filters (all of them, up to the API's limits) as ACLED CSV and as JSON. */
function downloads(state) {
  const query = { ...state, page: null };
  return h("span", { class: "downloads" }, " · ", t("download.label"), " ",
    h("a", { href: apiUrl("/api/events", { ...query, format: "csv" }), download: "marsad-events.csv", class: "download-csv" }, "CSV"), " ",
    h("a", { href: apiUrl("/api/events", { ...query, size: 1000 }), download: "marsad-events.json", class: "download-json" }, "JSON"));
}

function pager(state, data) {
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  if (pages <= 1) return null;
  const page = data.page;
  return h("nav", { class: "pager" },
    page > 1 ? h("a", { href: routeWithQuery("events", { ...state, page: page - 1 }) }, t("search.prev")) : null,
    h("span", {}, t("search.page", num(page), num(pages))),
    page < pages ? h("a", { href: routeWithQuery("events", { ...state, page: page + 1 }) }, t("search.next")) : null);
}
