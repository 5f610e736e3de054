import { api } from "../api.js";
import { clear, h, route, routeWithQuery } from "../dom.js";
import { t } from "../i18n.js";
import { timeline, worldMap } from "../chart.js";

/** Timeline of events and articles per month, and the map of events and places. */
export async function renderMap(container, stale) {
  const [world, byMonth, docs, places, events] = await Promise.all([
    api.world(),
    api.indicators({ by: "month" }),
    api.search({}),
    api.entities({ type: "LOC" }),
    api.events({}),
  ]);
  if (stale()) return;
  clear(container);

  const series = [
    { name: t("timeline.events"), cls: "s-events", rows: byMonth.rows },
    { name: t("timeline.documents"), cls: "s-docs", rows: (docs.facets?.month ?? []).map(f => ({ key: f.value, count: f.count })) },
  ];
  const monthClick = mo => {
    const [y, m] = mo.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    location.hash = routeWithQuery("search", { from: `${mo}-01`, to: `${mo}-${String(last).padStart(2, "0")}` });
  };

  // Events at their place; places mentioned, sized by the number of articles.
  const eventPoints = new Map();
  for (const v of events.events) {
    const l = v.location;
    if (!l || !Number.isFinite(l.lat) || !Number.isFinite(l.lon)) continue;
    const p = eventPoints.get(l.id) ?? { lat: l.lat, lon: l.lon, count: 0, label: l.name, cls: "event", href: route("entity", l.id) };
    p.count++;
    eventPoints.set(l.id, p);
  }
  const placePoints = places.entities.filter(e => Number.isFinite(e.lat) && Number.isFinite(e.lon))
    .map(e => ({ lat: e.lat, lon: e.lon, count: e.documents, label: e.name, cls: "place", href: route("entity", e.id) }));

  // Built with h() so an empty note (null) is skipped rather than shown as text.
  container.append(h("div", {},
    h("h1", {}, t("timeline.title")), timeline(series, monthClick),
    h("h1", {}, t("map.title")),
    h("div", { class: "chart-legend" }, h("span", { class: "key event" }, t("map.events")), h("span", { class: "key place" }, t("map.places"))),
    placePoints.length + eventPoints.size ? null : h("p", { class: "muted" }, t("map.none")),
    worldMap(world, [...placePoints, ...eventPoints.values()])));
}
