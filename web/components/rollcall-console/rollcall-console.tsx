"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { EndedScreen } from "@/components/call/ended-screen";
import { ReconnectingBanner } from "@/components/call/reconnecting-banner";
import { RemoteAudio } from "@/components/call/remote-audio";
import { StatusScreen } from "@/components/call/status-screen";
import { useCallSession } from "@/components/call/use-call-session";
import { useLocalControls } from "@/components/call/use-local-controls";
import { useLocalMedia } from "@/components/call/use-local-media";
import { usePublish } from "@/components/call/use-publish";
import { DeviceChoices } from "@/components/call/device-check";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { DeviceChoice } from "@/lib/client/join-grant";
import type { ConsoleRole } from "@/lib/rollcalls/console-role";
import { captureFrame } from "./capture-frame";
import { ConsoleEnded } from "./console-ended";
import { ConsoleHeader } from "./console-header";
import { consoleApi, type Mark, type RosterEntry } from "./console-api";
import { displayedStatus } from "./mark-queue";
import { ParticipantTile } from "./participant-tile";
import { RosterList } from "./roster-list";
import { countStatuses, currentlyCalled, entryOfPeer, nextToCall, peerIdOfPerson } from "./roster-model";
import { ShortcutLegend } from "./shortcut-legend";
import { SpotlightPanel, type SnapshotState } from "./spotlight-panel";
import { useConsoleConnection } from "./use-console-connection";
import { useConsoleShortcuts } from "./use-console-shortcuts";
import { useMarkQueue } from "./use-mark-queue";
import { useRollCallDetail } from "./use-roll-call-detail";
import { ExcuseDialog } from "./excuse-dialog";
import { RemarkField } from "./remark-field";
import { useCalledDeparture } from "./use-called-departure";
import { useExcuseUploads, type UploadEvent } from "./use-excuse-uploads";
import { ConsoleStage } from "./console-stage";
import { ConsoleReady } from "./console-ready";
import { SelfTile } from "@/components/call/self-tile";
import { selfMicStatus } from "@/components/call/call-tiles";
import { RecordingControl } from "@/components/recording/recording-control";
import { RecordingStatus } from "@/components/recording/recording-status";

const MAX_TILES = 50;
const DEFAULT_DEVICES: DeviceChoice = { audioId: null, videoId: null };
const NO_SNAPSHOT: SnapshotState = { state: "idle", message: null };

/**
 * The officer's console of one roll call: the joined people's video, the roster with statuses,
 * calling with a liveness challenge, snapshots and one-click marks that are saved at once. An
 * observer (a superior) sees the same, unseen and read-only. Everything is rebuilt from the API
 * after a reload.
 */
export function RollCallConsole({ rollCallId, role, mediaUrl, open }: { rollCallId: string; role: ConsoleRole; mediaUrl: string; open: boolean }) {
  const t = useTranslations("rollcallConsole");
  const tp = useTranslations("rollcallPass2.excuse");
  const tJoin = useTranslations("join");
  const errorMessage = useErrorMessage();
  const host = role === "host";
  const { detail, offline, refresh, setDetail } = useRollCallDetail(rollCallId);
  const { queue, mark, retry } = useMarkQueue(rollCallId, () => void refresh());
  const { connection, error: connectError, retry: reconnect, start, startCall } = useConsoleConnection(rollCallId, role, mediaUrl, open);
  const { session, state } = useCallSession(connectError ? null : connection);
  const [devices, setDevices] = useState<DeviceChoice>(DEFAULT_DEVICES);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const media = useLocalMedia(host ? devices : null);
  usePublish(session, "mic", media.audio);
  usePublish(session, "camera", media.video);
  const [notice, setNotice] = useState<string | null>(null);
  const controls = useLocalControls(session, state, media.video, () => undefined);

  const [delivered, setDelivered] = useState<{ entryId: string; delivered: boolean } | null>(null);
  const [snapshot, setSnapshot] = useState<SnapshotState & { entryId: string | null }>({ ...NO_SNAPSHOT, entryId: null });
  const [ending, setEnding] = useState(false);
  const [endedHere, setEndedHere] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const stageRef = useRef<HTMLDivElement>(null);
  const [remark, setRemark] = useState("");
  const [excusing, setExcusing] = useState<RosterEntry | null>(null);
  const [upload, setUpload] = useState<UploadEvent | null>(null);
  const queueExcuseDocument = useExcuseUploads(rollCallId, queue, (event) => {
    setUpload(event);
    if (event.state === "saved") void refresh();
  });

  const entries = useMemo(() => detail?.entries ?? [], [detail]);
  const statusOf = useCallback((entry: RosterEntry) => displayedStatus(entry, queue[entry.id]), [queue]);
  const inRoom = useMemo(() => new Set(state.peers.filter((peer) => !peer.observer).map((peer) => peer.id)), [state.peers]);
  const called = currentlyCalled(entries);
  const calledPeerId = called ? peerIdOfPerson(called.personId) : null;
  const departure = useCalledDeparture(called, state.peers);
  const videoOf = (peerId: string) => state.tracks.find((track) => track.peerId === peerId && track.source === "camera") ?? null;
  const rank = (entry: RosterEntry | undefined) => (entry ? entries.indexOf(entry) : entries.length);
  // Roster persons first (in roster order), then other staff (another officer). Anyone else gets
  // no tile and is never counted as present: the node refuses strangers, this is the second wall.
  const tiles = state.peers
    .filter((peer) => !peer.observer)
    .map((peer) => ({ peer, entry: entryOfPeer(entries, peer.id) }))
    .filter(({ peer, entry }) => entry || peer.role === "staff")
    .sort((x, y) => rank(x.entry) - rank(y.entry))
    .slice(0, MAX_TILES);
  const rosterInRoom = tiles.filter((tile) => tile.entry).length;

  const patchEntry = useCallback(
    (entryId: string, patch: Partial<RosterEntry>) =>
      setDetail((current) => current && { ...current, entries: current.entries.map((entry) => (entry.id === entryId ? { ...entry, ...patch } : entry)) }),
    [setDetail],
  );
  const failed = (message: string) => setNotice(t("actionFailed", { message }));

  const callEntry = async (entry: RosterEntry) => {
    const result = await consoleApi.call(rollCallId, entry.id);
    if (!result.ok) return failed(errorMessage(result.error));
    const { calledAt, challenge } = result.data;
    patchEntry(entry.id, { calledAt, answeredAt: null, challenge: challenge ? { ...challenge, result: null } : null });
    setDelivered({ entryId: entry.id, delivered: result.data.delivered });
    setSnapshot({ ...NO_SNAPSHOT, entryId: null });
    setRemark("");
    setNotice(null);
    void refresh();
  };

  const callNext = () => {
    const next = nextToCall(entries, statusOf, inRoom);
    if (next) void callEntry(next);
    else setNotice(t("nobodyLeft"));
  };

  const judge = async (result: "passed" | "failed") => {
    if (!called?.challenge || called.challenge.result) return;
    const answer = await consoleApi.judge(rollCallId, called.id, result);
    if (!answer.ok) return failed(errorMessage(answer.error));
    patchEntry(called.id, { answeredAt: answer.data.answeredAt, challenge: { ...called.challenge, result: answer.data.result } });
    void refresh();
  };

  const takeSnapshot = async () => {
    if (!called || snapshot.state === "saving") return;
    const video = stageRef.current?.querySelector("video");
    const frame = video ? captureFrame(video) : null;
    if (!frame) {
      setSnapshot({ state: "failed", message: t("spotlight.snapshotNoFrame"), entryId: called.id });
      return;
    }
    setSnapshot({ state: "saving", message: null, entryId: called.id });
    const stored = await consoleApi.evidence(rollCallId, called.id, frame);
    if (!stored.ok) {
      setSnapshot({ state: "failed", message: t("spotlight.snapshotFailed", { message: errorMessage(stored.error) }), entryId: called.id });
      return;
    }
    patchEntry(called.id, { evidenceUrl: stored.data.url });
    setSnapshot({ state: "saved", message: null, faceMatch: stored.data.faceMatch, entryId: called.id });
    void refresh();
  };

  // 请假 asks for its reason first (excuse-dialog.tsx); other marks take the remark typed so far.
  const markCalled = (status: Mark) => {
    if (!called) return;
    if (status === "excused") return setExcusing(called);
    mark(called.id, status, remark.trim() ? { remark: remark.trim() } : undefined);
    setRemark("");
  };

  const end = async () => {
    setEnding(true);
    const result = await consoleApi.end(rollCallId);
    setEnding(false);
    if (!result.ok) return failed(t("endFailed", { message: errorMessage(result.error) }));
    setDetail(result.data);
    setEndedHere(true);
  };

  useConsoleShortcuts(
    host && !endedHere && start !== "preparing"
      ? { next: callNext, mark: markCalled, snapshot: () => void takeSnapshot(), judge: (result) => void judge(result) }
      : null,
  );

  if (endedHere || detail?.state === "ended" || (state.phase === "ended" && state.ended?.kind === "closed")) {
    return <ConsoleEnded rollCallId={rollCallId} />;
  }
  if (connectError) {
    return (
      <StatusScreen title={t("connectFailed", { message: errorMessage(connectError) })} testId="console-connect-failed" tone="warning">
        <button type="button" onClick={reconnect} className="min-h-10 rounded-md bg-brand-600 px-4 text-white">
          {t("retry")}
        </button>
      </StatusScreen>
    );
  }
  if (state.phase === "ended") return <EndedScreen reason={state.ended ?? { kind: "left" }} onRestart={reconnect} backHref={`/rollcalls/${rollCallId}`} />;
  // Not open yet (issue 14): connected and waiting for 开始点名, the camera already on.
  if (start === "preparing") {
    return (
      <ConsoleReady
        title={detail?.title ?? null}
        rosterCount={detail ? detail.entries.length : null}
        ready={Boolean(state.readyToJoin)}
        video={media.video}
        onStart={startCall}
        onRetry={reconnect}
      />
    );
  }
  if (!detail) return <StatusScreen title={t("title")} testId="console-loading" />;

  const counts = countStatuses(entries, statusOf);
  const unsaved = Object.values(queue).filter((queued) => queued.state !== "saved").length;
  const roster = (onPicked?: () => void) => (
    <RosterList
      entries={entries}
      statusOf={statusOf}
      inRoom={inRoom}
      calledId={called?.id ?? null}
      queue={queue}
      onCall={
        host
          ? (entry) => {
              onPicked?.();
              void callEntry(entry);
            }
          : null
      }
      onExcuse={host ? (entry) => setExcusing(entry) : null}
      onRetry={retry}
    />
  );
  const toggle = "min-h-9 rounded-md bg-white/10 px-3 text-sm hover:bg-white/20";

  return (
    <div className="relative flex h-dvh flex-col overflow-hidden bg-slate-950 text-white" data-testid="rollcall-console" data-role={role}>
      <ConsoleHeader
        detail={detail}
        counts={counts}
        onEnd={host ? () => void end() : null}
        ending={ending}
        unmarked={entries.filter((entry) => entry.joinedAt && statusOf(entry) === "pending").map((entry) => entry.personName)}
      />
      <div className="flex flex-wrap items-center justify-center gap-2 px-3 py-1 empty:hidden">
        <RecordingStatus state={state} />
        {host && <RecordingControl session={session} state={state} />}
      </div>
      {!host && (
        <p className="bg-sky-900/80 px-3 py-1.5 text-sm" role="status" data-testid="observer-banner">
          {t("observer.banner")}
        </p>
      )}
      {host && media.problem && (
        <p className="bg-amber-400 px-3 py-1.5 text-sm text-slate-900" role="status" data-testid="device-problem">
          {tJoin(`problem.${media.problem}`)}
        </p>
      )}
      {offline && (
        <p className="bg-amber-400 px-3 py-1.5 text-sm text-slate-900" role="status" data-testid="portal-offline">
          {t("portalOffline")}
        </p>
      )}
      {state.phase === "reconnecting" && <ReconnectingBanner reason={state.reconnecting ?? "network"} />}
      {unsaved > 0 && (
        <p className="bg-amber-400 px-3 py-1.5 text-sm font-medium text-slate-900" role="alert" data-testid="unsaved-marks">
          {t("unsavedMarks", { count: unsaved })}
        </p>
      )}
      {upload && (
        <p className={`px-3 py-1.5 text-sm ${upload.state === "failed" ? "bg-red-700" : "bg-slate-800"}`} role="status" data-testid="excuse-upload" data-state={upload.state}>
          {upload.state === "failed"
            ? tp("uploadFailed", { message: upload.error ? errorMessage(upload.error) : tp("unreadable") })
            : tp(upload.state === "saved" ? "uploaded" : "uploading")}
        </p>
      )}
      {notice && (
        <p className="flex items-center justify-between gap-2 bg-slate-800 px-3 py-1.5 text-sm" role="alert">
          {notice}
          <button type="button" onClick={() => setNotice(null)} className="px-2 text-slate-400" aria-label={t("cancel")}>
            ×
          </button>
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        <main className="flex min-h-0 min-w-0 flex-1 flex-col overflow-y-auto">
          {called && (
            <SpotlightPanel
              key={called.id}
              entry={called}
              status={statusOf(called)}
              video={calledPeerId ? videoOf(calledPeerId) : null}
              session={session}
              stageRef={stageRef}
              livenessEnabled={detail.livenessEnabled}
              delivered={delivered?.entryId === called.id ? delivered.delivered : null}
              departure={departure}
              queued={queue[called.id]}
              snapshot={snapshot.entryId === called.id ? snapshot : NO_SNAPSHOT}
              host={host}
              onJudge={(result) => void judge(result)}
              onSnapshot={() => void takeSnapshot()}
              onMark={markCalled}
              onRetry={() => retry(called.id)}
            >
              <RemarkField value={remark} onChange={setRemark} />
            </SpotlightPanel>
          )}
          <div className="flex flex-wrap items-center gap-2 px-3 py-2">
            {host && (
              <button type="button" onClick={callNext} className="min-h-10 rounded-md bg-brand-600 px-4 font-medium hover:bg-brand-700" data-testid="call-next">
                {t("callNext")} <kbd className="text-xs opacity-70">N</kbd>
              </button>
            )}
            <span className="text-sm text-slate-400">{t("participantsCount", { count: rosterInRoom })}</span>
            <span className="flex-1" />
            {host && state.local.mic && (
              <button type="button" onClick={() => void controls.toggleMic()} className={toggle} aria-pressed={!state.local.mic.paused}>
                {state.local.mic.paused ? t("mic.off") : t("mic.on")}
              </button>
            )}
            {host && state.local.camera && (
              <button type="button" onClick={() => void controls.toggleCamera()} className={toggle} aria-pressed={!state.local.camera.paused}>
                {state.local.camera.paused ? t("camera.off") : t("camera.on")}
              </button>
            )}
            {host && (
              <button type="button" onClick={() => setDevicesOpen(true)} className={toggle} data-testid="open-devices">
                {t("devices")}
              </button>
            )}
            <button type="button" onClick={() => setDrawerOpen(true)} className={`${toggle} lg:hidden`} data-testid="open-roster">
              {t("roster", { count: entries.length })}
            </button>
          </div>
          {tiles.length === 0 && <p className="px-3 py-2 text-center text-sm text-slate-400">{t("noParticipants")}</p>}
          {(tiles.length > 0 || host) && (
            <ConsoleStage count={tiles.length + (host ? 1 : 0)}>
              {host && (
                <SelfTile
                  name={state.self?.name ?? ""}
                  video={media.video}
                  cameraOff={state.local.camera?.paused ?? !media.video}
                  mic={selfMicStatus(state)}
                  quality={null}
                  speaking={false}
                />
              )}
              {tiles.map(({ peer, entry }) => (
                <ParticipantTile
                  key={peer.id}
                  entry={entry}
                  peer={peer}
                  video={videoOf(peer.id)}
                  status={entry ? statusOf(entry) : null}
                  called={peer.id === calledPeerId}
                  session={session}
                  onCall={host && entry ? () => void callEntry(entry) : null}
                />
              ))}
            </ConsoleStage>
          )}
        </main>
        <aside className="hidden w-80 shrink-0 flex-col overflow-y-auto border-l border-white/10 lg:flex" aria-label={t("roster", { count: entries.length })}>
          <h2 className="px-3 pt-3 text-sm font-semibold text-slate-300">{t("roster", { count: entries.length })}</h2>
          {roster()}
        </aside>
      </div>
      {drawerOpen && (
        <div className="fixed inset-0 z-40 flex justify-end bg-black/50 lg:hidden" onClick={() => setDrawerOpen(false)}>
          <div role="dialog" aria-label={t("roster", { count: entries.length })} className="flex h-full w-[min(22rem,90vw)] flex-col overflow-y-auto bg-slate-900" onClick={(event) => event.stopPropagation()}>
            <div className="flex items-center justify-between px-3 pt-3">
              <h2 className="text-sm font-semibold text-slate-300">{t("roster", { count: entries.length })}</h2>
              <button type="button" onClick={() => setDrawerOpen(false)} className="min-h-9 px-2 text-slate-300" aria-label={t("closeRoster")}>
                ×
              </button>
            </div>
            {/* On a phone, calling someone from the drawer shows them at once. */}
            {roster(() => setDrawerOpen(false))}
          </div>
        </div>
      )}
      {host && <ShortcutLegend />}
      {host && (
        <ExcuseDialog
          key={excusing?.id ?? "none"}
          entry={excusing}
          initialRemark={excusing?.id === called?.id ? remark : ""}
          onClose={() => setExcusing(null)}
          onSubmit={(note, file) => {
            if (!excusing) return;
            if (file) queueExcuseDocument(excusing.id, file);
            mark(excusing.id, "excused", note);
            if (excusing.id === called?.id) setRemark("");
            setExcusing(null);
          }}
        />
      )}
      <RemoteAudio tracks={state.tracks} />
      {host && (
        <ModalDialog open={devicesOpen} onClose={() => setDevicesOpen(false)} title={t("devices")}>
          <div className="flex flex-col gap-3">
            <DeviceChoices media={media} onDevices={setDevices} />
          </div>
        </ModalDialog>
      )}
    </div>
  );
}
