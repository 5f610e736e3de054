import { api } from "../api.js";
import { clear, h, route, routeWithQuery, safeExternalUrl } from "../dom.js";
import { num, t } from "../i18n.js";
import { joinNodes, typeLabel } from "./common.js";

/**
 * The article with its analysis marked in the text. The text is split at span boundaries and
 * each piece goes in as a text node; marks are elements around those nodes.
 */
export async function renderArticle(container, id, stale) {
  const [doc, analysis] = await Promise.all([api.document(id), api.analysis(id)]);
  if (stale()) return;
  clear(container);

  const entityIds = doc.entity_ids ?? {};
  const byLocal = new Map(analysis.entities.map(e => [e.id, e]));
  const details = h("div", { class: "details", "aria-live": "polite" });

  const marks = collectMarks(analysis);
  const select = (mark, el) => {
    for (const m of container.querySelectorAll(".m.selected")) m.classList.remove("selected");
    el.classList.add("selected");
    clear(details).append(describe(mark, byLocal, entityIds));
  };

  const paragraphs = paragraphRanges(analysis.text);
  const body = h("div", { class: "article-text", dir: "rtl", lang: "ar" });
  paragraphs.forEach((range, i) => {
    const tag = i === 0 ? "h1" : i === 1 && analysis.document.subtitle ? "p" : "p";
    const cls = i === 0 ? "title" : i === 1 && analysis.document.subtitle ? "lead" : null;
    body.append(h(tag, { class: cls }, markedText(analysis.text, range, marks, entityIds, select)));
  });

  const meta = h("dl", { class: "doc-meta" },
    doc.published ? [h("dt", {}, t("doc.published")), h("dd", {}, doc.published)] : null,
    doc.source ? [h("dt", {}, t("doc.source")), h("dd", { dir: "auto" }, sourceNode(doc))] : null,
    doc.category ? [h("dt", {}, t("doc.category")), h("dd", {}, doc.category)] : null);

  const legend = h("p", { class: "legend" }, t("doc.legend"), " ",
    h("span", { class: "m m-entity" }, t("kind.entity")), " ",
    h("span", { class: "m m-time" }, t("kind.time")), " ",
    h("span", { class: "m m-event" }, t("kind.event")));

  const side = h("aside", { class: "analysis" },
    details,
    section(t("doc.entities"), analysis.entities, e => h("li", {},
      entityAnchor(e, entityIds, e.name), " ", h("span", { class: "muted" }, `${typeLabel(e.type)} · ${t("doc.mentions", num(e.mentions.length))}`))),
    section(t("doc.times"), analysis.times, x => h("li", {}, h("bdi", {}, x.text), " → ", h("code", {}, x.value ?? "?"))),
    section(t("doc.events"), analysis.events, v => h("li", {}, h("strong", {}, v.type), v.mode ? `/${v.mode}` : "", " «", h("bdi", {}, v.trigger.text), "» ",
      joinNodes(v.actors.map(a => byLocal.get(a)).filter(Boolean).map(e => entityAnchor(e, entityIds, e.name))))),
    section(t("doc.quantities"), analysis.quantities, x => h("li", {}, h("bdi", {}, x.text), " = ", num(x.value), x.unit ? ` ${x.unit}` : "")),
    h("p", {}, h("a", { href: `/api/documents/${encodeURIComponent(doc.id)}/analysis`, target: "_blank", rel: "noopener" }, t("doc.analysis"))));

  container.append(
    h("p", {}, h("a", { href: routeWithQuery("search", {}) }, "← ", t("doc.back"))),
    h("div", { class: "article-layout" }, h("article", { class: "article" }, meta, legend, body), side));
}

function sourceNode(doc) {
  const url = doc.url ? safeExternalUrl(doc.url) : null;
  return url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, doc.source) : doc.source;
}

function section(title, items, item) {
  return h("section", { class: "layer" }, h("h3", {}, title, " ", h("span", { class: "count" }, num(items.length))),
    items.length ? h("ul", {}, items.map(item)) : h("p", { class: "muted" }, t("doc.none")));
}

function entityAnchor(e, entityIds, label) {
  const archiveId = entityIds[e.id];
  const href = archiveId ? route("entity", archiveId) : routeWithQuery("search", { q: e.name });
  return h("a", { href, class: `ent ent-${e.type.toLowerCase()}`, dataset: { entity: e.id } }, h("bdi", {}, label));
}

/** All spans to mark, non-overlapping: entities first, then times, then event triggers. */
function collectMarks(a) {
  const all = [];
  for (const e of a.entities) for (const m of e.mentions) all.push({ kind: "entity", start: m.start, end: m.end, item: e, rank: 0 });
  for (const x of a.times) all.push({ kind: "time", start: x.start, end: x.end, item: x, rank: 1 });
  for (const v of a.events) all.push({ kind: "event", start: v.trigger.start, end: v.trigger.end, item: v, rank: 2 });
  all.sort((p, q) => p.rank - q.rank || p.start - q.start || q.end - p.end);
  const taken = [];
  const overlaps = m => taken.some(o => m.start < o.end && o.start < m.end);
  for (const m of all) if (m.end > m.start && m.start >= 0 && m.end <= a.text.length && !overlaps(m)) taken.push(m);
  return taken.sort((p, q) => p.start - q.start);
}

/** Paragraphs = runs of text between line breaks. */
function paragraphRanges(text) {
  const out = [];
  const re = /[^\n]+/g;
  let m;
  while ((m = re.exec(text)) !== null) if (m[0].trim()) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function markedText(text, range, marks, entityIds, select) {
  const nodes = [];
  let pos = range.start;
  for (const m of marks) {
    if (m.end <= range.start || m.start >= range.end) continue;
    const start = Math.max(m.start, range.start), end = Math.min(m.end, range.end);
    if (start > pos) nodes.push(text.slice(pos, start));
    nodes.push(markElement(m, text.slice(start, end), entityIds, select));
    pos = end;
  }
  if (pos < range.end) nodes.push(text.slice(pos, range.end));
  return nodes;
}

function markElement(m, label, entityIds, select) {
  if (m.kind === "entity") {
    const el = entityAnchor(m.item, entityIds, label);
    el.classList.add("m", "m-entity");
    el.title = `${m.item.name}${m.item.name_en ? " · " + m.item.name_en : ""} (${typeLabel(m.item.type)})`;
    return el;
  }
  const el = h("span", { class: `m m-${m.kind}`, tabindex: 0, role: "button", dataset: { kind: m.kind } }, label);
  el.title = m.kind === "time" ? (m.item.value ?? "") : m.item.type;
  el.addEventListener("click", () => select(m, el));
  el.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(m, el); } });
  return el;
}

function describe(m, byLocal, entityIds) {
  if (m.kind === "time") {
    const x = m.item;
    return h("div", { class: "card" }, h("h4", {}, t("kind.time")), h("p", {}, h("bdi", {}, x.text), " → ", h("code", {}, x.value ?? "?")), h("p", { class: "muted" }, x.anchor ?? ""));
  }
  const v = m.item;
  const names = ids => joinNodes(ids.map(i => byLocal.get(i)).filter(Boolean).map(e => entityAnchor(e, entityIds, e.name)));
  const loc = v.location ? byLocal.get(v.location) : null;
  return h("div", { class: "card" },
    h("h4", {}, t("kind.event"), ": ", v.type, v.mode ? ` / ${v.mode}` : ""),
    h("dl", {},
      h("dt", {}, t("events.trigger")), h("dd", {}, h("bdi", {}, v.trigger.text)),
      h("dt", {}, t("events.actors")), h("dd", {}, names(v.actors)),
      v.targets?.length ? [h("dt", {}, t("events.targets")), h("dd", {}, names(v.targets))] : null,
      h("dt", {}, t("events.location")), h("dd", {}, loc ? entityAnchor(loc, entityIds, loc.name) : "—"),
      h("dt", {}, t("events.date")), h("dd", {}, v.time ?? "—")));
}
