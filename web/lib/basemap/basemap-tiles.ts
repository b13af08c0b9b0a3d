/**
 * Which map tiles lie under the location plot (issue 13 §3: "a deployment may configure its own
 * tile server for a basemap"), in the standard XYZ / Web Mercator scheme that government map
 * services (天地图) and OpenStreetMap-style servers share: 256-pixel tiles, zoom z has 2^z × 2^z.
 * The plot is drawn in metres around the residence centre; the zoom is the one whose tile pixel
 * is closest to one plot unit, and each tile is placed (and scaled) where its corner falls. Over a
 * residence area (kilometres) Mercator's distortion is far below a pixel, so the points drawn by
 * distance and bearing sit on the right streets.
 */
export interface BasemapTile {
  url: string;
  /** Top-left corner and side, in the plot's units. */
  x: number;
  y: number;
  size: number;
}

const TILE_PX = 256;
// The equator's length in metres over 256 pixels: metres per pixel at zoom 0.
const METRES_PER_PX_Z0 = 40_075_016.686 / TILE_PX;
const MAX_LATITUDE = 85.05112878;

export function basemapTiles(options: {
  template: string;
  latitude: number;
  longitude: number;
  /** Plot units per metre (the plot's scale). */
  unitsPerMetre: number;
  /** The plot's centre (the residence centre) and side, in plot units. */
  centre: number;
  side: number;
  maxZoom: number;
}): BasemapTile[] {
  const { template, longitude, unitsPerMetre, centre, side, maxZoom } = options;
  const latitude = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, options.latitude));
  if (!(unitsPerMetre > 0) || !(side > 0)) return [];
  const cos = Math.cos((latitude * Math.PI) / 180);
  // Plot units per tile pixel at zoom z: metresPerPx(z) × unitsPerMetre; 1 is ideal.
  const zoom = Math.max(0, Math.min(maxZoom, Math.round(Math.log2(METRES_PER_PX_Z0 * cos * unitsPerMetre))));
  const world = TILE_PX * 2 ** zoom;
  const unitsPerPx = ((METRES_PER_PX_Z0 * cos) / 2 ** zoom) * unitsPerMetre;
  // The centre in global pixels at this zoom.
  const cx = ((longitude + 180) / 360) * world;
  const sinLat = Math.sin((latitude * Math.PI) / 180);
  const cy = (0.5 - Math.log((1 + sinLat) / (1 - sinLat)) / (4 * Math.PI)) * world;
  const toPlot = (px: number, c: number) => centre + (px - c) * unitsPerPx;
  const halfPx = side / 2 / unitsPerPx;
  const tiles: BasemapTile[] = [];
  const count = 2 ** zoom;
  for (let ty = Math.floor((cy - halfPx) / TILE_PX); ty <= Math.floor((cy + halfPx) / TILE_PX); ty++) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = Math.floor((cx - halfPx) / TILE_PX); tx <= Math.floor((cx + halfPx) / TILE_PX); tx++) {
      const wrapped = ((tx % count) + count) % count;
      tiles.push({ url: tileUrl(template, zoom, wrapped, ty), x: toPlot(tx * TILE_PX, cx), y: toPlot(ty * TILE_PX, cy), size: TILE_PX * unitsPerPx });
    }
  }
  return tiles;
}

/** `{z}`, `{x}`, `{y}` in the configured template; `{s}` is not supported (one origin, one CSP entry). */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replaceAll("{z}", String(z)).replaceAll("{x}", String(x)).replaceAll("{y}", String(y));
}
