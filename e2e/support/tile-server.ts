import http from "node:http";

/**
 * The deployment's own map tile server, played by the test (no network reaches the internet
 * here): XYZ paths /tiles/{z}/{x}/{y}.png answered with an SVG tile naming itself, each request
 * kept so a spec can tell which tiles the browser really fetched (the CSP let them through).
 */
export async function startTileServer(port: number): Promise<{ requested: string[]; close(): Promise<void> }> {
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    const match = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(request.url ?? "");
    if (!match) return void response.writeHead(404).end();
    requested.push(request.url!);
    const [, z, x, y] = match;
    response.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "no-store" });
    response.end(
      `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#f1f5e9" stroke="#94a3b8"/>` +
        `<path d="M0 128H256M128 0V256" stroke="#fcd34d" stroke-width="6"/><text x="8" y="20" font-size="14" fill="#475569">${z}/${x}/${y}</text></svg>`,
    );
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return { requested, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Where the e2e portal's MAP_TILE_URL points (playwright.config.ts sets it from this). */
export const tilePort = (portalPort: number) => portalPort + 57;
