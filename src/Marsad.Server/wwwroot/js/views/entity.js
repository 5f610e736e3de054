import { api } from "../api.js";
import { clear, h, route, routeWithQuery } from "../dom.js";
import { num, t } from "../i18n.js";
import { countBadge, docLink, entityLink, typeLabel } from "./common.js";
import { eventsTable } from "./events.js";
import { worldMap } from "../chart.js";

export async function renderEntity(container, id, stale) {
  const data = await api.entity(id);
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
        h("h2", {}, t("entity.documents")),
        h("ul", { class: "mentions" }, data.documents.map(d => h("li", {},
          docLink(d), " ", h("span", { class: "muted" }, d.published ?? ""),
          d.context ? h("p", { class: "context", dir: "rtl" }, d.context.before, h("mark", {}, d.context.text), d.context.after) : null)))),
      h("aside", {},
        h("h2", {}, t("entity.cooccurring")),
        data.cooccurring.length
          ? h("ul", { class: "cooc" }, data.cooccurring.map(c => h("li", {}, entityLink(c), " ", countBadge(c.count))))
          : h("p", { class: "muted" }, t("doc.none")),
        hasPlace ? worldMap(world, [{ lat: e.lat, lon: e.lon, count: 1, label: e.name, cls: "place", href: null }]) : null)),
    h("section", {}, h("h2", {}, t("entity.events")), eventsTable(data.events, "entity.noevents"))));
}

export { route };
