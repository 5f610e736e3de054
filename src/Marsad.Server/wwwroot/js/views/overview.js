import { api } from "../api.js";
import { clear, h, route, routeWithQuery } from "../dom.js";
import { t } from "../i18n.js";
import { timeline, worldMap } from "../chart.js";

/** The newest month articles were published in (the dateline bound of the timeline), or null. */
function latestDateline(docs) {
  const months = (docs.facets?.month ?? []).map(f => f.value).filter(v => /^\d{4}-\d{2}$/.test(v)).sort();
  const now = new Date();
  const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  // A dateline in the future is itself an outlier: never past the current month.
  return months.length ? (months[months.length - 1] < current ? months[months.length - 1] : current) : null;
}

/** Timeline of events and articles per month, and the map of events and places. */
export async function renderMap(container, stale) {
  const [world, byMonth, docs, places, eventPlaces] = await Promise.all([
    api.world(),
    api.indicators({ by: "month" }),
    api.search({}),
    api.entities({ type: "LOC" }),
    api.indicators({ by: "place" }),
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

  // Merged events at their place (every event of the archive, counted per place); places
  // mentioned, sized by the number of articles.
  const eventPoints = new Map();
  for (const r of eventPlaces.rows) {
    if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon)) continue;
    eventPoints.set(r.key, { lat: r.lat, lon: r.lon, count: r.count, label: r.label ?? r.key, cls: "event", href: route("entity", r.key) });
  }
  const placePoints = places.entities.filter(e => Number.isFinite(e.lat) && Number.isFinite(e.lon))
    .map(e => ({ lat: e.lat, lon: e.lon, count: e.documents, label: e.name, cls: "place", href: route("entity", e.id) }));

  // Built with h() so an empty note (null) is skipped rather than shown as text.
  container.append(h("div", {},
    h("h1", {}, t("timeline.title")), timeline(series, monthClick, latestDateline(docs)),
    h("h1", {}, t("map.title")),
    h("div", { class: "chart-legend" }, h("span", { class: "key event" }, t("map.events")), h("span", { class: "key place" }, t("map.places"))),
    placePoints.length + eventPoints.size ? null : h("p", { class: "muted" }, t("map.none")),
    worldMap(world, [...placePoints, ...eventPoints.values()])));
}
