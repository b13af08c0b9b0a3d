"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { TLiveRoomKind, TLiveRoomList } from "@/lib/schemas/inspection";
import { LiveTile, type TileProbe } from "./live-tile";

const PAGE_SIZE = 6;
const REFRESH_MS = 15_000;
const KINDS: TLiveRoomKind[] = ["rollcall", "visit", "help", "meeting"];

declare global {
  interface Window {
    /** Read-only view of the wall's tiles for end-to-end tests: decoded frames per room (getStats). */
    __ygavWall?: { tiles: () => Promise<Array<{ roomId: string; framesDecoded: number; frameHeight: number }>> };
  }
}

/**
 * The inspection wall: the live rooms of the actor's subtree, counted per level and unit,
 * filterable, a page of tiles at a time, refreshed every 15 s.
 */
export function LiveWall({ initial, unitOptions }: { initial: TLiveRoomList; unitOptions: Array<{ id: string; label: string }> }) {
  const t = useTranslations("inspection");
  const [list, setList] = useState(initial);
  const [kind, setKind] = useState<TLiveRoomKind | "">("");
  const [unitId, setUnitId] = useState("");
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    const query = new URLSearchParams();
    if (kind) query.set("kind", kind);
    if (unitId) query.set("unitId", unitId);
    const answer = await apiFetch<TLiveRoomList>("GET", `/api/v1/inspection/live?${query}`);
    setFailed(!answer.ok);
    if (answer.ok) setList(answer.data);
  }, [kind, unitId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const pages = Math.max(1, Math.ceil(list.items.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = list.items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const probes = useRef(new Map<string, TileProbe>());
  const register = useCallback((probe: TileProbe | null, roomId: string) => {
    if (probe) probes.current.set(roomId, probe);
    else probes.current.delete(roomId);
  }, []);
  useEffect(() => {
    window.__ygavWall = {
      tiles: async () =>
        Promise.all(
          [...probes.current.values()].map(async (probe) => {
            const stats = await probe.stats();
            return { roomId: probe.roomId, framesDecoded: stats.reduce((n, s) => n + s.framesDecoded, 0), frameHeight: Math.max(0, ...stats.map((s) => s.frameHeight)) };
          }),
        ),
    };
    return () => {
      delete window.__ygavWall;
    };
  }, []);

  const select = "min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm sm:w-auto";
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:gap-2">
          <span className="text-slate-700">{t("kind")}</span>
          <select className={select} value={kind} onChange={(e) => { setKind(e.target.value as TLiveRoomKind | ""); setPage(1); }}>
            <option value="">{t("allKinds")}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:gap-2">
          <span className="text-slate-700">{t("unit")}</span>
          <select className={select} value={unitId} onChange={(e) => { setUnitId(e.target.value); setPage(1); }}>
            <option value="">{t("allUnits")}</option>
            {unitOptions.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
          </select>
        </label>
        <p className="text-xs text-slate-500 sm:ml-auto">{t("refreshed")}</p>
      </div>

      <section aria-label={t("byLevel")} className="flex flex-wrap gap-2" data-testid="live-levels">
        <span className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-800">{t("liveCount", { count: list.items.length })}</span>
        {list.levels.map((l) => (
          <span key={l.level} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700">
            {t(`levels.${l.level}` as "levels.2")} · {l.count}
          </span>
        ))}
      </section>
      {list.units.length > 0 && (
        <details className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <summary className="cursor-pointer text-slate-700">{t("byUnit")}</summary>
          <ul className="mt-2 grid gap-1 sm:grid-cols-3">
            {list.units.map((u) => (
              <li key={u.unitId}>
                <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={() => { setUnitId(u.unitId); setPage(1); }}>
                  {u.unitName}
                </button>{" "}
                <span className="text-slate-500">· {u.count}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {failed && <p role="status" className="text-sm text-amber-700">{t("loadFailed")}</p>}

      {list.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((room) => (
            <li key={room.roomId}>
              <LiveTile room={room} register={register} />
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="flex items-center justify-center gap-3" aria-label={t("page", { page: current, pages })}>
          <button type="button" className={buttonClass("secondary")} disabled={current <= 1} onClick={() => setPage(current - 1)}>{t("prev")}</button>
          <span className="text-sm text-slate-700">{t("page", { page: current, pages })}</span>
          <button type="button" className={buttonClass("secondary")} disabled={current >= pages} onClick={() => setPage(current + 1)}>{t("next")}</button>
        </nav>
      )}
    </div>
  );
}
