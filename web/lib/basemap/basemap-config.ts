/**
 * The optional basemap's settings (issue 13 §3): by default none, and nothing is fetched from
 * anywhere (the plot draws the area and points by themselves). A deployment names its own tile
 * server — a government map service inside its network — by a URL template; the CSP then lets
 * images come from that one origin, and the plot shows the attribution the service asks for.
 */
export interface BasemapConfig {
  /** e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png */
  readonly template: string;
  /** The scheme, host and port, for the CSP's img-src. */
  readonly origin: string;
  readonly attribution: string;
  readonly maxZoom: number;
}

export function parseBasemap(raw: { url?: string | undefined; attribution?: string | undefined; maxZoom?: number | undefined }): BasemapConfig | null {
  const template = raw.url?.trim();
  if (!template) return null;
  const problem = (text: string) => new Error(`Invalid configuration:\n  MAP_TILE_URL: ${text}`);
  for (const part of ["{z}", "{x}", "{y}"]) if (!template.includes(part)) throw problem(`the tile URL template needs ${part}, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png`);
  let url: URL;
  try {
    url = new URL(template.replaceAll(/\{[zxy]\}/g, "0"));
  } catch {
    throw problem(`not a URL: ${JSON.stringify(template)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw problem("tiles are fetched over https: (or http: inside the deployment's network)");
  if (/[{}]/.test(url.host)) throw problem("one tile host only ({s} subdomains are not supported: the CSP names one origin)");
  const attribution = raw.attribution?.trim();
  if (!attribution) throw new Error("Invalid configuration:\n  MAP_TILE_ATTRIBUTION: a basemap shows its source; set the attribution the map service asks for (e.g. 审图号 and provider)");
  return Object.freeze({ template, origin: url.origin, attribution, maxZoom: raw.maxZoom ?? 18 });
}
