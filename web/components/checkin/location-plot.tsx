import { useId } from "react";
import { basemapTiles } from "@/lib/basemap/basemap-tiles";

/**
 * Check-in points around the residence area, drawn from their distance and bearing from the
 * centre. North is up; the circle is the area; the scale grows to fit the farthest point, so a
 * far-away check-in is never off the picture. No map tiles by default (nothing is fetched); with
 * a deployment's own tile server (MAP_TILE_URL) its tiles lie underneath, with their attribution.
 */
export interface PlotPoint {
  id: string;
  distanceMeters: number;
  bearingDegrees: number;
  status: "checked_in" | "pending";
  label: string;
}

const SIZE = 320;
const CENTRE = SIZE / 2;
const MARGIN = 24;

/** The configured tile server and the area's centre, when the deployment has a basemap. */
export interface PlotBasemap {
  template: string;
  attribution: string;
  maxZoom: number;
  latitude: number;
  longitude: number;
}

export function LocationPlot({ radiusMeters, points, title, basemap = null, attributionLabel = "" }: {
  radiusMeters: number;
  points: PlotPoint[];
  title: string;
  basemap?: PlotBasemap | null;
  attributionLabel?: string;
}) {
  const clipId = useId();
  const farthest = Math.max(radiusMeters * 1.25, ...points.map((p) => p.distanceMeters * 1.1));
  const scale = (CENTRE - MARGIN) / farthest;
  const r = radiusMeters * scale;
  const at = (p: PlotPoint) => {
    const theta = (p.bearingDegrees * Math.PI) / 180;
    return { x: CENTRE + Math.sin(theta) * p.distanceMeters * scale, y: CENTRE - Math.cos(theta) * p.distanceMeters * scale };
  };
  const scaleBar = niceLength(farthest / 2);
  const tiles = basemap ? basemapTiles({ ...basemap, unitsPerMetre: scale, centre: CENTRE, side: SIZE }) : [];
  const plot = (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} className="h-auto w-full max-w-sm rounded border border-slate-200 bg-white" role="img" aria-label={title} data-testid="location-plot">
      <title>{title}</title>
      {tiles.length > 0 && (
        <>
          <clipPath id={clipId}>
            <rect width={SIZE} height={SIZE} />
          </clipPath>
          <g clipPath={`url(#${clipId})`} data-testid="basemap">
            {tiles.map((tile) => (
              <image key={tile.url} href={tile.url} x={tile.x} y={tile.y} width={tile.size} height={tile.size} preserveAspectRatio="none" data-testid="basemap-tile" />
            ))}
          </g>
        </>
      )}
      {/* Over a basemap the area is see-through, so the streets inside it stay readable. */}
      <circle cx={CENTRE} cy={CENTRE} r={r} fill="#dbeafe" fillOpacity={tiles.length > 0 ? 0.35 : 1} stroke="#1d4ed8" strokeWidth={1.5} data-testid="residence-circle" />
      <line x1={CENTRE} y1={MARGIN / 2} x2={CENTRE} y2={SIZE - MARGIN / 2} stroke="#cbd5e1" strokeDasharray="3 3" />
      <line x1={MARGIN / 2} y1={CENTRE} x2={SIZE - MARGIN / 2} y2={CENTRE} stroke="#cbd5e1" strokeDasharray="3 3" />
      <text x={CENTRE + 4} y={14} fontSize={11} fill="#334155">N</text>
      <circle cx={CENTRE} cy={CENTRE} r={3} fill="#1d4ed8" />
      {points.map((p) => {
        const { x, y } = at(p);
        return (
          <circle key={p.id} cx={x} cy={y} r={5} fill={p.status === "checked_in" ? "#047857" : "#b45309"} stroke="#fff" strokeWidth={1.5} data-testid="checkin-point" data-status={p.status}>
            <title>{p.label}</title>
          </circle>
        );
      })}
      <line x1={MARGIN} y1={SIZE - 12} x2={MARGIN + scaleBar * scale} y2={SIZE - 12} stroke="#334155" strokeWidth={2} />
      <text x={MARGIN} y={SIZE - 16} fontSize={10} fill="#334155">{scaleBar >= 1000 ? `${scaleBar / 1000} km` : `${scaleBar} m`}</text>
    </svg>
  );
  if (!basemap) return plot;
  return (
    <figure className="flex w-full max-w-sm flex-col gap-1">
      {plot}
      <figcaption className="text-xs text-slate-600" data-testid="basemap-attribution">
        {attributionLabel}
        {basemap.attribution}
      </figcaption>
    </figure>
  );
}

/** 1, 2 or 5 × a power of ten, at most `max`. */
function niceLength(max: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, max)));
  for (const step of [5, 2, 1]) if (step * power <= max) return step * power;
  return power;
}
