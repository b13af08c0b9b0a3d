"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ConfirmAction } from "@/components/rollcalls/confirm-action";
import { Alert } from "@/components/ui/alert";
import { apiFetch } from "@/lib/client/api-fetch";
import type { TMediaNodeTree, TMediaNodeView } from "@/lib/schemas/media-nodes";
import { childLinks, formatBitrate, linkToParentUp, parentLink, totalCpu } from "./format-figures";
import { layoutNodeTree } from "./node-tree-layout";

const REFRESH_MS = 5000;
// The picture's own units (viewBox): sized for a 375 px phone, scaled up to a comfortable width.
const WIDTH = 360;
const INDENT = 18;
const BOX_H = 78;
const ROW_H = 90;
const COLOURS = { up: "#15803d", down: "#dc2626", never: "#64748b" } as const;
const FILLS = { up: "#f0fdf4", down: "#fef2f2", never: "#f8fafc" } as const;

/**
 * The media node tree (issue 11 §1) drawn as a picture: one box per node under its parent, the
 * connector coloured by the child's link to it, health by colour and word, the last figures in
 * the box; below it, each node's details. Refreshed every 5 s from /api/v1/media-nodes.
 */
export function NodeTreeView({ initial }: { initial: TMediaNodeTree }) {
  const t = useTranslations("mediaNodes");
  const [tree, setTree] = useState(initial);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    const answer = await apiFetch<TMediaNodeTree>("GET", "/api/v1/media-nodes", undefined, { timeoutMs: 8000 });
    setFailed(!answer.ok);
    if (answer.ok) setTree(answer.data);
  }, []);
  useEffect(() => {
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const rows = layoutNodeTree(tree.nodes);
  const count = (h: TMediaNodeView["health"]) => tree.nodes.filter((n) => n.health === h).length;
  const counts = { up: count("up"), down: count("down"), never: count("never") };
  if (tree.nodes.length === 0) return <Alert tone="info">{t("empty")}</Alert>;

  const x = (depth: number) => 6 + depth * INDENT;
  const y = (row: number) => 6 + row * ROW_H;
  const height = 12 + rows.length * ROW_H - (ROW_H - BOX_H);
  return (
    <div className="flex flex-col gap-4">
      {failed && <Alert tone="warning">{t("refreshFailed")}</Alert>}
      <p className="text-sm text-slate-700" data-testid="media-node-summary">{t("summary", counts)}</p>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full max-w-xl"
        role="img"
        aria-label={t("treeLabel", counts)}
        data-testid="media-node-tree"
      >
        {rows.map((row, i) => {
          if (row.parentRow === null) return null;
          const up = linkToParentUp(row.node, rows[row.parentRow]!.node);
          const px = x(rows[row.parentRow]!.depth) + 9;
          const d = `M ${px} ${y(row.parentRow) + BOX_H} V ${y(i) + BOX_H / 2} H ${x(row.depth)}`;
          return <path key={`edge-${row.node.id}`} d={d} fill="none" stroke={up ? COLOURS.up : COLOURS.down} strokeWidth={2} strokeDasharray={up ? undefined : "4 3"} />;
        })}
        {rows.map((row, i) => (
          <NodeBox
            key={row.node.id}
            node={row.node}
            linkUp={row.parentRow === null ? null : linkToParentUp(row.node, rows[row.parentRow]!.node)}
            left={x(row.depth)}
            top={y(i)}
            width={WIDTH - x(row.depth) - 4}
          />
        ))}
      </svg>
      <div className="flex flex-col gap-2">
        {rows.map(({ node }) => (
          <NodeDetails key={node.id} node={node} />
        ))}
      </div>
    </div>
  );
}

function NodeBox({ node, linkUp, left, top, width }: { node: TMediaNodeView; linkUp: boolean | null; left: number; top: number; width: number }) {
  const t = useTranslations("mediaNodes");
  const colour = COLOURS[node.health];
  const f = node.figures;
  const link = parentLink(node);
  const lines: string[] = [];
  if (node.health === "never") lines.push(t("neverHint"));
  else if (!node.keyFingerprint && node.keyResetAt) {
    lines.push(t("keyResetShort"));
    lines.push(node.secondsSinceHeartbeat !== null ? t("heartbeatAgo", { seconds: node.secondsSinceHeartbeat }) : t("noHeartbeat"));
  } else {
    lines.push(f ? `${t("figures", { rooms: f.rooms, peers: f.peers, cpu: totalCpu(node) })}${f.recordings ? ` · ${t("recordings", { count: f.recordings })}` : ""}` : t("noHeartbeat"));
    lines.push(node.secondsSinceHeartbeat !== null ? t("heartbeatAgo", { seconds: node.secondsSinceHeartbeat }) : t("noHeartbeat"));
    // Bitrates as the node last reported them; the state from whoever is alive to say (linkToParentUp).
    if (link && linkUp !== null) lines.push(t("parentLink", { state: linkUp ? t("linkUp") : t("linkDown"), send: formatBitrate(link.sendBitrate), recv: formatBitrate(link.recvBitrate) }));
    const below = childLinks(node);
    if (below.total > 0 && lines.length < 3) lines.push(t("childLinks", { up: below.up, total: below.total }));
  }
  return (
    <g data-testid={`media-node-${node.id}`} data-health={node.health} transform={`translate(${left} ${top})`}>
      <title>{`${node.unitName} (${node.id}): ${t(`health.${node.health}`)}`}</title>
      <rect width={width} height={BOX_H} rx={6} fill={FILLS[node.health]} stroke={colour} strokeWidth={1.5} strokeDasharray={node.health === "never" ? "5 3" : undefined} />
      <circle cx={12} cy={15} r={5} fill={colour} />
      <text x={22} y={19} fontSize={12.5} fontWeight={600} fill="#0f172a">
        {clip(`${node.unitName} · ${node.id}`, width - 80)}
      </text>
      <text x={width - 8} y={19} fontSize={11.5} fontWeight={600} textAnchor="end" fill={colour} data-testid="media-node-health">
        {t(`health.${node.health}`)}
      </text>
      {lines.map((line, i) => (
        <text key={i} x={10} y={37 + i * 15} fontSize={11} fill="#334155">
          {clip(line, width - 16)}
        </text>
      ))}
    </g>
  );
}

/** Cuts a line to what fits in `width` units (CJK characters count double). */
function clip(text: string, width: number): string {
  let used = 0;
  let out = "";
  for (const ch of text) {
    used += /[\u2e80-\uffff]/.test(ch) ? 11 : 6.2;
    if (used > width) return `${out}…`;
    out += ch;
  }
  return out;
}

function NodeDetails({ node }: { node: TMediaNodeView }) {
  const t = useTranslations("mediaNodes");
  const f = node.figures;
  return (
    <details className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid={`media-node-details-${node.id}`}>
      <summary className="cursor-pointer">
        {node.unitName} · {node.id} · {t(`health.${node.health}`)}
        {!node.configured && ` · ${t("notConfigured")}`}
      </summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-all">
        <dt className="text-slate-500">{t("publicUrl")}</dt>
        <dd>{node.publicUrl}</dd>
        {node.internalUrl && (
          <>
            <dt className="text-slate-500">{t("internalUrl")}</dt>
            <dd>{node.internalUrl}</dd>
          </>
        )}
        {node.keyFingerprint && (
          <>
            <dt className="text-slate-500">{t("key")}</dt>
            <dd className="font-mono">{node.keyFingerprint}</dd>
          </>
        )}
        {!node.keyFingerprint && node.keyResetAt && (
          <>
            <dt className="text-slate-500">{t("key")}</dt>
            <dd data-testid={`media-node-key-reset-${node.id}`}>{t("keyResetWaiting", { time: new Date(node.keyResetAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) })}</dd>
          </>
        )}
        {node.lastHeartbeatAt && (
          <>
            <dt className="text-slate-500">{t("heartbeatAt", { time: "" }).trim()}</dt>
            <dd>{new Date(node.lastHeartbeatAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}</dd>
          </>
        )}
        {f && (
          <>
            <dt className="text-slate-500">{t("workers")}</dt>
            <dd>{f.workers.map((w) => `${w.cpuPercent}%`).join(" / ")}</dd>
            <dt className="text-slate-500">{t("processCpu")}</dt>
            <dd>
              {f.processCpuPercent}% · {t("memory", { mb: Math.round(f.rssBytes / 1048576) })}
            </dd>
            {f.links.length > 0 && (
              <>
                <dt className="text-slate-500">{t("links")}</dt>
                <dd>
                  {f.links.map((l) => (
                    <div key={l.neighbor}>
                      {l.neighbor} ({l.relation}) {l.up ? t("linkUp") : t("linkDown")} ↑{formatBitrate(l.sendBitrate)} ↓{formatBitrate(l.recvBitrate)}
                    </div>
                  ))}
                </dd>
              </>
            )}
          </>
        )}
      </dl>
      {node.keyFingerprint && node.registeredAt && (
        <div className="mt-2">
          <ConfirmAction
            label={t("resetKey")}
            ariaLabel={t("resetKeyFor", { node: node.id })}
            title={t("resetKeyTitle", { node: node.id })}
            body={t("resetKeyBody", { key: node.keyFingerprint })}
            confirmLabel={t("resetKeyConfirm")}
            cancelLabel={t("cancel")}
            path={`/api/v1/media-nodes/${encodeURIComponent(node.id)}/reset-key`}
            requestBody={{ key: node.keyFingerprint }}
            doneMessage={t("resetKeyDone")}
          />
        </div>
      )}
    </details>
  );
}
