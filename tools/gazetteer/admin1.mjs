// First-level divisions of every country for the gazetteer: Arabic names from npm iso3166-2-db (MIT,
// regions/XX/ar.json, English from en.json), points from npm @countrystatecity/countries (ODbL 1.0,
// states.json per country, joined by the ISO 3166-2 code). Called by generate.mjs after every other
// place is known, because a division's bare name is kept only where it cannot take another place's
// (or a common word's) matches.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules');

// The type words that stand before a division's name, in the data (محافظة البصرة) or implied by its type.
const PREFIXES = ['محافظة', 'ولاية', 'إقليم', 'اقليم', 'مقاطعة', 'منطقة', 'المنطقة', 'جهة', 'إمارة', 'امارة', 'شعبية', 'بلدية', 'كانتون'];
const TYPE_WORDS = {
  governorate: ['محافظة'], state: ['ولاية'], province: ['مقاطعة', 'إقليم'], region: ['منطقة', 'إقليم'],
  'administrative region': ['منطقة'], 'autonomous region': ['إقليم'], popularate: ['شعبية'], emirate: ['إمارة'],
  wilaya: ['ولاية'], canton: ['كانتون'],
};
// In these states the data's type is the local one (ولاية in the Maghreb, جهة in Morocco, محافظة in the Mashriq).
const LOCAL_WORD = { DZ: 'ولاية', TN: 'ولاية', MR: 'ولاية', SD: 'ولاية', MA: 'جهة', EG: 'محافظة', IQ: 'محافظة', SY: 'محافظة', JO: 'محافظة', LB: 'محافظة', YE: 'محافظة', OM: 'محافظة', BH: 'محافظة', KW: 'محافظة', PS: 'محافظة', SA: 'منطقة', LY: 'شعبية', AE: 'إمارة' };

const ARABIC = /^[\u0621-\u064A\u0671 \-]+$/;

/** A word at the text stage's Matching level (one alef, ى→ي, ؤ→و, ئ→ي, no diacritics): the form of cluster-file stems. */
const matching = s => s.replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي')
  .replace(/ؤ/g, 'و').replace(/ئ/g, 'ي').replace(/\s+/g, ' ').trim();
/** The folded form names are compared in (as NameFolding does: Matching and ة→ه). */
export const foldAr = s => matching(s).replace(/ة/g, 'ه');
const noArticle = s => (s.startsWith('ال') && s.length >= 4 ? s.slice(2) : s);

function statesByCode() {
  const dir = path.join(modules, '@countrystatecity', 'countries', 'dist', 'data');
  const by = new Map();
  for (const d of readdirSync(dir)) {
    const f = path.join(dir, d, 'states.json');
    if (!existsSync(f)) continue;
    for (const s of JSON.parse(readFileSync(f, 'utf8'))) if (s.iso3166_2) by.set(s.iso3166_2, s);
  }
  return by;
}

/**
 * Adds the divisions to `entries` (Map key -> entry, as generate.mjs builds it).
 * ctx: { mk, add, clean, arab: Set of the Arab states, given: Set of folded given names,
 *        words: Set of folded words of the entity rules, common: Set of folded common words (admin1-common.tsv) }
 */
export function addDivisions(entries, ctx) {
  const { mk, add, clean, arab, given, words, common, clustersFile } = ctx;
  const root = path.join(modules, 'iso3166-2-db');
  const states = statesByCode();

  // Names other places already answer to (countries, regions, cities): a division may not take them bare.
  const taken = new Set();
  for (const e of entries.values()) {
    if (e.subtype === 'admin1') continue;
    for (const n of [e.ar, ...e.names]) if (n) taken.add(noArticle(foldAr(n.replace(/^~/, ''))));
  }
  const handWritten = [...entries.values()].filter(e => e.subtype === 'admin1');
  const wordLike = commonInNews(entries, clustersFile);

  const divisions = [];
  for (const cc of readdirSync(path.join(root, 'regions')).sort()) {
    const arFile = path.join(root, 'regions', cc, 'ar.json');
    if (!existsSync(arFile) || !entries.has('iso3166:' + cc)) continue;
    const en = new Map(JSON.parse(readFileSync(path.join(root, 'regions', cc, 'en.json'), 'utf8')).map(r => [r.iso, r.name]));
    for (const r of JSON.parse(readFileSync(arFile, 'utf8'))) {
      const name = clean(r.name);
      if (!ARABIC.test(name) || !r.iso) continue;
      const code = `${cc}-${r.iso}`;
      const first = name.split(' ')[0];
      const prefix = PREFIXES.includes(first) && name.includes(' ') ? first.replace(/^ال/, '') : null;
      const bare = prefix ? name.slice(first.length + 1) : name;
      const st = states.get(code);
      const typeWords = new Set([prefix, ...(LOCAL_WORD[cc] ? [LOCAL_WORD[cc]] : TYPE_WORDS[st?.type] ?? [])].filter(Boolean));
      divisions.push({ cc, code, name, bare, typeWords, st, en: st?.name ?? en.get(r.iso) ?? null });
    }
  }
  // A bare name that two countries' divisions share (الشمالية, الوسطى) names neither.
  const shared = new Map();
  for (const d of divisions) { const k = noArticle(foldAr(d.bare)); shared.set(k, (shared.get(k) ?? 0) + 1); }
  const realNames = new Set(divisions.map(d => foldAr(d.name)));

  let strong = 0, weak = 0, prefixedOnly = 0, points = 0, merged = 0, cityStates = 0;
  for (const d of divisions) {
    const k = noArticle(foldAr(d.bare));
    const oneWord = !d.bare.includes(' ');
    // Bare names: kept as names unless another place has them; matched only after a place word (~) when
    // they are common words, given names, words of the entity rules, short, or shared by several countries.
    const clash = taken.has(k);
    // A city that is its own division (بكين، برلين، ليما) with no type word to tell them apart: the city entry is the place.
    if (clash && d.typeWords.size === 0) { cityStates++; continue; }
    const isWeak = !clash && (common.has(k) || common.has(foldAr(d.bare)) || shared.get(k) > 1
      || (oneWord && (given.has(k) || words.has(k) || k.length <= 3 || wordLike(d.bare, !arab.has(d.cc)))));
    const names = [];
    for (const w of d.typeWords) names.push(`${w} ${d.bare}`);
    if (d.name !== d.bare) names.push(d.name);
    if (!clash) names.push(isWeak ? '~' + d.bare : d.bare);
    // «ريف إدلب»: the countryside of a division named after its capital is the division (Arab states).
    if (arab.has(d.cc) && !d.bare.startsWith('ريف ') && !realNames.has(foldAr('ريف ' + d.bare))) names.push('ريف ' + d.bare);
    if (clash) prefixedOnly++; else if (isWeak) weak++; else strong++;
    const canonical = clash || isWeak ? [...d.typeWords].map(w => `${w} ${d.bare}`)[0] ?? d.name : d.bare;
    const lat = d.st?.latitude ? +(+d.st.latitude).toFixed(4) : null;
    const lon = d.st?.longitude ? +(+d.st.longitude).toFixed(4) : null;
    if (lat != null) points++;
    // A division written by hand before (places.tsv) is the same place: its names join, its key goes.
    const same = handWritten.find(h => h.country === d.cc && [h.ar, ...h.names].some(n => n && noArticle(foldAr(n.replace(/^~/, '').replace(/^(محافظة|ولاية|منطقة|المنطقة|جهة|إقليم) /, ''))) === k));
    const e = mk('iso3166-2:' + d.code, 'admin1', d.cc, lat, lon, d.en, canonical, names, ['iso3166:' + d.cc]);
    if (same) {
      merged++;
      entries.delete(same.key);
      for (const n of same.names) e.names.add(n);
      e.lat ??= same.lat; e.lon ??= same.lon;
      if (!clash) e.ar = clean(same.ar.replace(/^~/, ''));
      // The hand-written list decided before: a name it gives as strong stays strong.
      for (const n of [...e.names]) if (!n.startsWith('~')) e.names.delete('~' + n);
    }
    add(e);
  }
  return { divisions: divisions.length, strong, weak, prefixedOnly, cityStates, points, merged };
}

/**
 * A test for one-word names that news mostly uses as common words (أغري read as أجرى, سعيدة, قبلي), from the
 * committed word clusters (Data/clusters/clusters.tsv: stems of the ANT news corpus with their Brown cluster):
 * a stem seen in news whose coarse cluster (first 3 bits) holds almost no place names (under 0.5% of its
 * tokens are single-word names of countries, regions or cities) is a word, not a place. A stem news never
 * shows is left alone.
 * Foreign names are checked in their ج spelling too, which the matcher also accepts for غ.
 */
const PREFIX_BITS = 3, PLACE_SHARE = 0.005;
function commonInNews(entries, clustersFile) {
  if (!clustersFile || !existsSync(clustersFile)) return () => false;
  const stem = n => { const m = matching(n); return m.startsWith('ال') && m.length >= 4 ? m.slice(2) : m; };
  const rows = readFileSync(clustersFile, 'utf8').split('\n').filter(l => l && !l.startsWith('#')).map(l => l.split('\t'));
  const places = new Set();
  for (const e of entries.values())
    if (e.subtype !== 'admin1') for (const n of [e.ar, ...e.names]) if (n && !n.includes(' ')) places.add(stem(n.replace(/^~/, '')));
  // Coarse clusters (the first bits of the path): finer ones split places by topic (sport clubs, war news),
  // while the first splits of the tree part verbs and function words from nouns and names.
  const coarse = p => p.slice(0, PREFIX_BITS);
  const pathOf = new Map(), total = new Map(), placeTokens = new Map();
  for (const [w, p, c] of rows) {
    pathOf.set(w, coarse(p));
    total.set(coarse(p), (total.get(coarse(p)) ?? 0) + +c);
    if (places.has(w)) placeTokens.set(coarse(p), (placeTokens.get(coarse(p)) ?? 0) + +c);
  }
  const isWord = w => { const p = pathOf.get(w); return p !== undefined && (placeTokens.get(p) ?? 0) < PLACE_SHARE * total.get(p); };
  return (name, foreign) => isWord(stem(name)) || (foreign && name.includes('غ') && isWord(stem(name.replace(/غ/g, 'ج'))));
}
