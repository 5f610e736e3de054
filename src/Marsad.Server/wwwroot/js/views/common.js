import { h, route } from "../dom.js";
import { t, num, currentLang } from "../i18n.js";

/** Text with highlighted parts: [{text, match}] → nodes (<mark> for matches). */
export function segments(list) {
  return (list ?? []).map(seg => seg.match ? h("mark", {}, seg.text) : seg.text);
}

/** A link to an entity: its English name in English mode where known, isolated (<bdi>) from the text around it. */
export function entityLink(e) {
  if (!e) return "—";
  const en = currentLang() === "en" && e.name_en;
  const label = h("bdi", { lang: en ? "en" : "ar" }, en ? e.name_en : (e.name ?? e.id));
  return e.id ? h("a", { href: route("entity", e.id), class: `ent ent-${(e.type ?? "").toLowerCase()}`, title: en ? e.name : (e.name_en || null) }, label) : label;
}

export function docLink(d) {
  return h("a", { href: route("doc", d.id), dir: "auto" }, h("bdi", {}, d.title ?? d.id));
}

/** A date input labelled and shown in the page's language. */
export function dateInput(name, value, label) {
  return h("input", { type: "date", name, value: value ?? "", lang: currentLang() === "en" ? "en-GB" : "ar", "aria-label": label });
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
