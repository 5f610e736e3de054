// Builds src/Marsad.Server/wwwroot/data/world.json: country outlines as SVG path strings in an
// equirectangular projection, so the page draws the map without any library, tile server or CDN.
// Input: world-atlas countries-110m (Natural Earth, public domain) via topojson-client.
// Output is deterministic (same input → same bytes); it is committed, and CI checks it is up to date.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "Marsad.Server", "wwwroot", "data", "world.json");

// Projection shared with the page (wwwroot/js/map.js reads these numbers from the file).
const SCALE = 4;        // pixels per degree
const LAT_TOP = 84;     // crop the empty Arctic…
const LAT_BOTTOM = -60; // …and Antarctica
const width = 360 * SCALE;
const height = (LAT_TOP - LAT_BOTTOM) * SCALE;
const x = lon => (lon + 180) * SCALE;
const y = lat => (LAT_TOP - lat) * SCALE;
const r = v => Math.round(v * 10) / 10;

const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries).features;

function ringPath(ring) {
  let d = "";
  let prev = null;
  let lastLon = null;
  for (const [lon0, lat] of ring) {
    // A ring that crosses the antimeridian jumps from +180 to -180: keep its longitudes continuous
    // (the overflow past the map's edge is outside the SVG's view box) instead of drawing a line
    // across the whole world.
    let lon = lon0;
    if (lastLon !== null) {
      while (lon - lastLon > 180) lon -= 360;
      while (lastLon - lon > 180) lon += 360;
    }
    lastLon = lon;
    const p = [r(x(lon)), r(y(Math.max(LAT_BOTTOM, Math.min(LAT_TOP, lat))))];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) continue; // drop points that round together
    d += (prev ? "L" : "M") + p[0] + "," + p[1];
    prev = p;
  }
  return d + "Z";
}

function geometryPath(g) {
  if (!g) return "";
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  return polys.map(poly => poly.map(ringPath).join("")).join("");
}

const list = countries
  .map(f => ({ id: f.id ?? null, name: f.properties?.name ?? "", d: geometryPath(f.geometry) }))
  .filter(c => c.d.length > 0 && c.name !== "Antarctica")
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const doc = {
  source: "world-atlas 2.0.2 countries-110m (Natural Earth, public domain), projected by src/Marsad.Web/scripts/build-map.mjs",
  projection: { type: "equirectangular", scale: SCALE, lat_top: LAT_TOP, lat_bottom: LAT_BOTTOM, width, height },
  countries: list,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(doc) + "\n");
console.log(`map: ${list.length} countries → ${out} (${(JSON.stringify(doc).length / 1024).toFixed(0)} KiB)`);
