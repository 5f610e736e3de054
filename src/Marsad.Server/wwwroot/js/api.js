// The JSON API, with problem-details errors turned into exceptions the views can show.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
  }
}

export async function get(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let problem = {};
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem.title, problem.detail);
  }
  return res.json();
}

/** The URL of an API resource with its query (for links: downloads). */
export function apiUrl(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  return url.pathname + url.search;
}

export const api = {
  search: params => get("/api/search", params),
  document: id => get(`/api/documents/${encodeURIComponent(id)}`),
  analysis: id => get(`/api/documents/${encodeURIComponent(id)}/analysis`),
  entities: params => get("/api/entities", params),
  entity: (id, params) => get(`/api/entities/${encodeURIComponent(id)}`, params),
  events: params => get("/api/events", params),
  indicators: params => get("/api/indicators", params),
  world: () => get("/assets/data/world.json"),
};
