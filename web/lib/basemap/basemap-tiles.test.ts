import { describe, expect, it } from "vitest";
import { parseBasemap } from "./basemap-config.ts";
import { basemapTiles, tileUrl } from "./basemap-tiles.ts";

// The slippy-map formulas as OpenStreetMap's wiki writes them: an independent check of the tile
// numbers (ours are derived through global pixels).
const osmTile = (lat: number, lng: number, z: number) => {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n) };
};

describe("basemap tiles under the location plot", () => {
  const beijing = { latitude: 39.9087, longitude: 116.3975 };
  const plot = (unitsPerMetre: number) => basemapTiles({ template: "https://t.example.gov.cn/{z}/{x}/{y}.png", ...beijing, unitsPerMetre, centre: 160, side: 320, maxZoom: 18 });

  it("places the tile holding the centre over the plot's centre, numbered as OSM numbers it", () => {
    const tiles = plot(0.108); // a 1 km area on a 320-unit plot: about 0.1 unit per metre
    const z = Number(tiles[0]!.url.split("/")[3]);
    const expected = osmTile(beijing.latitude, beijing.longitude, z);
    const under = tiles.filter((t) => t.x <= 160 && t.x + t.size > 160 && t.y <= 160 && t.y + t.size > 160);
    expect(under.map((t) => t.url)).toEqual([`https://t.example.gov.cn/${z}/${expected.x}/${expected.y}.png`]);
  });

  it("chooses the zoom whose pixels match the plot's scale, and covers the whole plot", () => {
    for (const unitsPerMetre of [0.02, 0.108, 0.5, 2]) {
      const tiles = plot(unitsPerMetre);
      const z = Number(tiles[0]!.url.split("/")[3]);
      const unitsPerPx = tiles[0]!.size / 256;
      expect(unitsPerPx, `scale ${unitsPerMetre} → zoom ${z}`).toBeGreaterThan(0.7);
      expect(unitsPerPx).toBeLessThan(1.42);
      expect(Math.min(...tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
      expect(Math.min(...tiles.map((t) => t.y))).toBeLessThanOrEqual(0);
      expect(Math.max(...tiles.map((t) => t.x + t.size))).toBeGreaterThanOrEqual(320);
      expect(Math.max(...tiles.map((t) => t.y + t.size))).toBeGreaterThanOrEqual(320);
      expect(tiles.length).toBeLessThanOrEqual(9);
    }
  });

  it("never asks beyond the server's maximum zoom", () => {
    const tiles = basemapTiles({ template: "https://t/{z}/{x}/{y}", ...beijing, unitsPerMetre: 50, centre: 160, side: 320, maxZoom: 16 });
    expect(new Set(tiles.map((t) => t.url.split("/")[3]))).toEqual(new Set(["16"]));
  });

  it("fills {z}, {x} and {y} wherever the template puts them", () => {
    expect(tileUrl("https://t/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}", 3, 5, 6)).toBe("https://t/wmts?TILEMATRIX=3&TILEROW=6&TILECOL=5");
  });
});

describe("the basemap setting", () => {
  it("is off unless a deployment names its tile server: nothing is fetched by default", () => {
    expect(parseBasemap({})).toBeNull();
    expect(parseBasemap({ url: "  " })).toBeNull();
  });

  it("takes a template with its origin and the attribution to show", () => {
    expect(parseBasemap({ url: "https://map.sfj.example.gov.cn:8443/tiles/{z}/{x}/{y}.png", attribution: "© 某市测绘院" })).toEqual({
      template: "https://map.sfj.example.gov.cn:8443/tiles/{z}/{x}/{y}.png",
      origin: "https://map.sfj.example.gov.cn:8443",
      attribution: "© 某市测绘院",
      maxZoom: 18,
    });
  });

  it("refuses a template it could not fill, another scheme, subdomain patterns, or no attribution", () => {
    expect(() => parseBasemap({ url: "https://t/{z}/{x}.png", attribution: "x" })).toThrow(/\{y\}/);
    expect(() => parseBasemap({ url: "ftp://t/{z}/{x}/{y}.png", attribution: "x" })).toThrow(/https/);
    expect(() => parseBasemap({ url: "https://{s}.tile.example/{z}/{x}/{y}.png", attribution: "x" })).toThrow(/one tile host|not a URL/);
    expect(() => parseBasemap({ url: "https://t/{z}/{x}/{y}.png" })).toThrow(/MAP_TILE_ATTRIBUTION/);
  });
});
