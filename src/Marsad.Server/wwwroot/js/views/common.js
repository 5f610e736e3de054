import { h, route } from "../dom.js";
import { t, num } from "../i18n.js";

/** Text with highlighted parts: [{text, match}] → nodes (<mark> for matches). */
export function segments(list) {
  return (list ?? []).map(seg => seg.match ? h("mark", {}, seg.text) : seg.text);
}

export function entityLink(e) {
  if (!e) return "—";
  const label = e.name ?? e.id;
  return e.id ? h("a", { href: route("entity", e.id), class: `ent ent-${(e.type ?? "").toLowerCase()}` }, label) : label;
}

export function docLink(d) {
  return h("a", { href: route("doc", d.id), dir: "auto" }, d.title ?? d.id);
}

export function typeLabel(type) {
  const key = `type.${type}`;
  const label = t(key);
  return label === key ? (type ?? "") : label;
}

export function countBadge(n) { return h("span", { class: "count" }, num(n)); }

/** A small "—" for empty lists so a table cell is never blank. */
export function joinNodes(nodes, sep = "، ") {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out.length ? out : ["—"];
}
