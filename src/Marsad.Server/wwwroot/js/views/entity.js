import { api } from "../api.js";
import { clear, h, route, routeWithQuery } from "../dom.js";
import { num, t } from "../i18n.js";
import { countBadge, docLink, entityLink, typeLabel } from "./common.js";
import { eventsTable } from "./events.js";
import { worldMap } from "../chart.js";

/** Page numbers from the route (?documents_page=&events_page=); anything else is page 1. */
function pageParam(params, name) {
  const n = Number.parseInt(params?.get(name) ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

/** Previous/next links for one of the entity's lists; the other list stays on its page. */
function listPager(id, pages, name, total, size) {
  const count = Math.max(1, Math.ceil(total / Math.max(1, size)));
  if (count <= 1) return null;
  const page = pages[name];
  const to = p => routeWithQuery(`entity/${encodeURIComponent(id)}`, { ...pages, [name]: p > 1 ? p : null });
  return h("nav", { class: "pager", dataset: { list: name } },
    page > 1 ? h("a", { href: to(page - 1), class: "prev" }, t("search.prev")) : null,
    h("span", {}, t("search.page", num(page), num(count))),
    page < count ? h("a", { href: to(page + 1), class: "next" }, t("search.next")) : null);
}

export async function renderEntity(container, id, params, stale) {
  const pages = { documents_page: pageParam(params, "documents_page"), events_page: pageParam(params, "events_page") };
  const data = await api.entity(id, pages);
  const hasPlace = Number.isFinite(data.entity.lat) && Number.isFinite(data.entity.lon);
  const world = hasPlace ? await api.world() : null;
  if (stale()) return;
  clear(container);
  const e = data.entity;

  container.append(h("div", {},
    h("header", { class: "entity-head" },
      h("h1", { dir: "auto", class: `ent-title ent-${e.type.toLowerCase()}` }, e.name),
      e.name_en ? h("p", { class: "muted" }, h("bdi", { lang: "en" }, e.name_en)) : null,
      h("dl", { class: "doc-meta" },
        h("dt", {}, t("entity.type")), h("dd", {}, typeLabel(e.type), e.subtype ? ` · ${e.subtype}` : ""),
        e.key ? [h("dt", {}, t("entity.key")), h("dd", {}, h("code", {}, e.key))] : null,
        hasPlace ? [h("dt", {}, t("entity.coords")), h("dd", {}, h("bdi", { dir: "ltr" }, `${e.lat.toFixed(2)}, ${e.lon.toFixed(2)}`))] : null,
        h("dt", {}, t("entity.mentions")), h("dd", {}, num(e.mentions)),
        h("dt", {}, t("entity.documents")), h("dd", {}, num(e.documents))),
      h("p", {}, h("a", { href: routeWithQuery("search", { entity: e.id }) }, t("entity.search")))),
    h("div", { class: "entity-layout" },
      h("section", { class: "entity-docs" },
        h("h2", {}, t("entity.documents"), " ", countBadge(e.documents)),
        h("ul", { class: "mentions" }, data.documents.map(d => h("li", {},
          docLink(d), " ", h("span", { class: "muted" }, d.published ?? ""),
          d.context ? h("p", { class: "context", dir: "rtl" }, d.context.before, h("mark", {}, d.context.text), d.context.after) : null))),
        listPager(id, pages, "documents_page", e.documents, data.page_size)),
      h("aside", {},
        h("h2", {}, t("entity.cooccurring")),
        data.cooccurring.length
          ? h("ul", { class: "cooc" }, data.cooccurring.map(c => h("li", {}, entityLink(c), " ", countBadge(c.count))))
          : h("p", { class: "muted" }, t("doc.none")),
        hasPlace ? worldMap(world, [{ lat: e.lat, lon: e.lon, count: 1, label: e.name, cls: "place", href: null }]) : null)),
    h("section", { class: "entity-events" }, h("h2", {}, t("entity.events"), " ", countBadge(data.events_total)),
      eventsTable(data.events, "entity.noevents"),
      listPager(id, pages, "events_page", data.events_total, data.page_size))));
}

export { route };
