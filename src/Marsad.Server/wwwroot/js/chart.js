// SVG drawings: a monthly bar timeline and an equirectangular map. Drawn here, no library.
import { h, s, route } from "./dom.js";
import { num, t } from "./i18n.js";

/** Months from first to last, gaps filled: ["2024-01", "2024-02", …]. */
export function monthSpan(keys) {
  const sorted = [...keys].filter(k => /^\d{4}-\d{2}$/.test(k)).sort();
  if (!sorted.length) return [];
  return monthsBetween(sorted[0], sorted[sorted.length - 1]);
}

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) { m = 1; y++; }
    if (out.length > 1200) break; // a century is enough; guards against a bogus date
  }
  return out;
}

/**
 * The months the axis spans: from the data's dense part, never from an outlier. Months before 1900
 * or after <latest> (the newest dateline) are outside; of the rest, thin tails holding under 0.5% of
 * the counts at either end are outside too (one event dated 614 or 2099 must not flatten the
 * chart). Returns { first, last, outside: [{ key, count }] }, or null when there is nothing to draw.
 */
export function axisRange(rows, latest) {
  const totals = new Map();
  for (const r of rows) if (/^\d{4}-\d{2}$/.test(r.key)) totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
  const now = new Date();
  const cap = latest && /^\d{4}-\d{2}$/.test(latest) ? latest : `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  const keys = [...totals.keys()].sort();
  const plausible = keys.filter(k => k >= "1900-01" && k <= cap);
  if (!plausible.length) return keys.length ? { first: null, last: null, outside: keys.map(key => ({ key, count: totals.get(key) })) } : null;
  const sum = plausible.reduce((a, k) => a + totals.get(k), 0);
  const tail = sum * 0.005;
  let lo = 0, hi = plausible.length - 1, acc = 0;
  while (lo < hi && acc + totals.get(plausible[lo]) <= tail) acc += totals.get(plausible[lo++]);
  acc = 0;
  while (hi > lo && acc + totals.get(plausible[hi]) <= tail) acc += totals.get(plausible[hi--]);
  const first = plausible[lo], last = plausible[hi];
  return { first, last, outside: keys.filter(k => k < first || k > last).map(key => ({ key, count: totals.get(key) })) };
}

/**
 * Bars of counts per month for one or two series: [{ name, cls, rows: [{key, count}] }], over the
 * range of axisRange (<latest>: the newest dateline, YYYY-MM); months off the axis are listed under it.
 * Time runs left to right whatever the page direction, as in Arabic news graphics.
 */
export function timeline(series, onMonth, latest) {
  const range = axisRange(series.flatMap(se => se.rows), latest);
  const months = range?.first ? monthsBetween(range.first, range.last) : [];
  const outside = range?.outside.length
    ? h("p", { class: "muted timeline-outside" }, t("timeline.outside"), " ", range.outside.map((o, i) => [i ? ", " : "",
      onMonth ? h("a", { href: "#", dir: "ltr", onclick: e => { e.preventDefault(); onMonth(o.key); } }, o.key) : h("bdi", {}, o.key), ` (${num(o.count)})`]))
    : null;
  if (!months.length) return h("div", {}, h("p", { class: "muted" }, t("timeline.none")), outside);
  const W = 900, H = 240, L = 40, B = 40, T = 16, R = 10;
  const counts = series.map(se => new Map(se.rows.map(r => [r.key, r.count])));
  const max = Math.max(1, ...counts.flatMap(c => [...c.values()]));
  const step = (W - L - R) / months.length;
  const bw = Math.max(2, (step * 0.8) / series.length);
  const y = v => H - B - (v / max) * (H - B - T);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img", dir: "ltr", "aria-label": t("timeline.title") });
  for (const frac of [0, 0.5, 1]) {
    const v = Math.round(max * frac);
    svg.append(s("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: L - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, num(v)));
  }
  const every = Math.ceil(months.length / 12);
  months.forEach((mo, i) => {
    const x0 = L + i * step + step * 0.1;
    series.forEach((se, j) => {
      const c = counts[j].get(mo) ?? 0;
      if (!c) return;
      const bar = s("rect", { x: x0 + j * bw, y: y(c), width: bw - 1, height: H - B - y(c), class: `bar ${se.cls}`, dataset: { month: mo, count: c } },
        s("title", {}, `${mo}: ${num(c)} ${se.name}`));
      if (onMonth) { bar.addEventListener("click", () => onMonth(mo)); bar.classList.add("clickable"); }
      svg.append(bar);
    });
    if (i % every === 0) svg.append(s("text", { x: L + i * step + step / 2, y: H - B + 16, class: "axis", "text-anchor": "middle" }, mo));
  });
  const legend = h("div", { class: "chart-legend" }, series.map(se => h("span", { class: `key ${se.cls}` }, se.name)));
  return h("figure", { class: "chart" }, svg, legend, outside);
}

/**
 * The world map with points. world = the JSON built by src/Marsad.Web (projected outlines);
 * points = [{ lat, lon, count, label, cls, href }]. The view fits the points, with a world button.
 */
export function worldMap(world, points) {
  const p = world.projection;
  const X = lon => (lon + 180) * p.scale;
  const Y = lat => (p.lat_top - lat) * p.scale;
  const full = [0, 0, p.width, p.height];
  const svg = s("svg", { class: "map", role: "img", dir: "ltr", "aria-label": t("map.title"), preserveAspectRatio: "xMidYMid meet" });
  const land = s("g", { class: "land" }, world.countries.map(c => s("path", { d: c.d }, s("title", {}, c.name))));
  const dots = s("g", { class: "dots" });
  const valid = points.filter(pt => Number.isFinite(pt.lat) && Number.isFinite(pt.lon) && Math.abs(pt.lat) <= 90 && Math.abs(pt.lon) <= 180);
  const max = Math.max(1, ...valid.map(pt => pt.count));
  for (const pt of [...valid].sort((a, b) => b.count - a.count)) {
    const r = 3 + 9 * Math.sqrt(pt.count / max);
    const dot = s("circle", { cx: X(pt.lon), cy: Y(pt.lat), r, class: `dot ${pt.cls}`, dataset: { count: pt.count } }, s("title", {}, `${pt.label} — ${num(pt.count)}`));
    dots.append(pt.href ? s("a", { href: pt.href }, dot) : dot);
  }
  svg.append(land, dots);

  const setView = ([x, y, w, hgt]) => {
    svg.setAttribute("viewBox", `${x} ${y} ${w} ${hgt}`);
    // Keep dots and outlines the same size on screen at any zoom.
    const k = w / p.width;
    svg.style.setProperty("--k", String(k));
    for (const c of dots.querySelectorAll("circle")) c.setAttribute("r", String((3 + 9 * Math.sqrt(Number(c.dataset.count) / max)) * Math.max(k, 0.15)));
  };
  const fit = () => {
    if (!valid.length) return setView(full);
    const xs = valid.map(pt => X(pt.lon)), ys = valid.map(pt => Y(pt.lat));
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const pad = 15 * p.scale;
    x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
    // Same aspect as the whole map so the frame does not jump.
    const aspect = p.width / p.height;
    let w = x1 - x0, hh = y1 - y0;
    if (w / hh < aspect) { const nw = hh * aspect; x0 -= (nw - w) / 2; w = nw; } else { const nh = w / aspect; y0 -= (nh - hh) / 2; hh = nh; }
    setView([x0, y0, w, hh]);
  };
  fit();
  const controls = h("div", { class: "map-controls" },
    h("button", { type: "button", onclick: () => setView(full) }, t("map.world")),
    h("button", { type: "button", onclick: fit }, t("map.fit")));
  return h("figure", { class: "chart map-figure" }, controls, svg);
}

export function entityRoute(id) { return route("entity", id); }
