import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AttendanceBar } from "@/components/rollcalls/attendance-bar";
import { ConfirmAction } from "@/components/rollcalls/confirm-action";
import { EditRollCall } from "@/components/rollcalls/edit-roll-call";
import { EnterConsoleLink } from "@/components/rollcalls/enter-console-link";
import { RollCallStateBadge } from "@/components/rollcalls/roll-call-badges";
import { RollCallWindow } from "@/components/rollcalls/roll-call-window";
import { RosterList } from "@/components/rollcalls/roster-list";
import { SeriesList } from "@/components/rollcalls/series-list";
import { SummaryTable } from "@/components/rollcalls/summary-table";
import { MakeUpButton } from "@/components/rollcalls/make-up-button";
import { RecordNotes } from "@/components/rollcalls/record-notes";
import { RollCallRecordingLine } from "@/components/recording-playback/roll-call-recording-line";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { consoleHref } from "@/lib/pages/roll-call-access";
import { consoleRole } from "@/lib/rollcalls/console-role";
import { displayState, formatRate } from "@/lib/pages/roll-call-display";
import { getRollCallDetail } from "@/lib/rollcalls/get-roll-call";
import { listRollCalls } from "@/lib/rollcalls/list-roll-calls";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("detail.title") };
}

export default async function RollCallPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(`/rollcalls/${id}`);
  const rollCall = await orNotFound(getRollCallDetail(actor, id));
  const { created, saved } = await searchParams;
  const [t, series] = await Promise.all([
    getTranslations("rollcall"),
    rollCall.seriesId ? listRollCalls(actor, { unitId: rollCall.unitId }) : null,
  ]);
  const now = new Date();
  const state = displayState(rollCall, now);
  const mode = consoleRole(actor, rollCall);
  // 补点: the roll call's own officers, until the window after the end closes.
  const makeUpOpen = mode === "host" && rollCall.makeUpClosesAt !== null && new Date(rollCall.makeUpClosesAt) > now;
  // Editing, cancelling and links belong to whoever runs it (the domain enforces the same rule).
  const manage = mode === "host";
  const beforeStart = state === "scheduled" && new Date(rollCall.startsAt) > now;
  const durationMinutes = (new Date(rollCall.endsAt).getTime() - new Date(rollCall.startsAt).getTime()) / 60_000;

  return (
    <>
      <BackLink href="/rollcalls" label={t("backToList")} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2 break-all">
            {rollCall.title} <RollCallStateBadge state={state} />
          </span>
        }
        description={
          <span className="flex flex-wrap gap-x-3">
            <span>{rollCall.unitName}</span>
            <RollCallWindow startsAt={rollCall.startsAt} endsAt={rollCall.endsAt} />
          </span>
        }
        actions={
          <>
            {state === "scheduled" && mode === "host" && (
              <EnterConsoleLink href={consoleHref(rollCall.id)} className={buttonClass("primary")}>
                {t("enterConsole")}
              </EnterConsoleLink>
            )}
            {beforeStart && manage && (
              <>
                <EditRollCall
                  rollCall={{
                    id: rollCall.id,
                    title: rollCall.title,
                    startsAt: rollCall.startsAt,
                    endsAt: rollCall.endsAt,
                    graceMinutes: rollCall.graceMinutes,
                    livenessEnabled: rollCall.livenessEnabled,
                    version: rollCall.version,
                  }}
                />
                <ConfirmAction
                  label={t("detail.cancel")}
                  variant="danger"
                  title={t("detail.cancelConfirmTitle")}
                  body={t("detail.cancelConfirmBody")}
                  confirmLabel={t("detail.cancelConfirmYes")}
                  cancelLabel={t("detail.keep")}
                  path={`/api/v1/rollcalls/${rollCall.id}/cancel`}
                  doneMessage={t("detail.cancelled")}
                />
              </>
            )}
            {state === "ended" && (
              <>
                <a href={`/api/v1/rollcalls/${rollCall.id}/export.csv`} className={buttonClass("secondary")} download>
                  {t("summary.exportCsv")}
                </a>
                <Link href={`/rollcalls/${rollCall.id}/print`} className={buttonClass("primary")}>
                  {t("summary.print")}
                </Link>
              </>
            )}
            {state !== "cancelled" && state !== "missed" && (
              <a href={`/api/v1/rollcalls/${rollCall.id}/calendar.ics`} className={buttonClass("ghost")} download>
                {t("detail.ics")}
              </a>
            )}
          </>
        }
      />
      <div className="mb-4 flex flex-col gap-3 empty:hidden">
        {typeof created === "string" && <Alert tone="success">{t("form.created", { count: Number(created) || 1 })}</Alert>}
        {saved === "1" && <Alert tone="success">{t("detail.saved")}</Alert>}
        {state === "cancelled" && <Alert tone="warning">{t("detail.cancelled")}</Alert>}
        {state === "missed" && <Alert tone="warning">{t("detail.missed")}</Alert>}
      </div>

      {state === "live" && (
        <section className="mb-5 flex flex-col items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="live-banner">
          <div>
            <h2 className="font-semibold text-emerald-900">{t("detail.liveTitle")}</h2>
            <p className="text-sm text-emerald-800">{mode === "host" ? t("consoleHint") : t("observeHint")}</p>
          </div>
          <Link href={consoleHref(rollCall.id)} className={buttonClass("primary", "min-h-12 w-full px-6 text-base sm:w-auto")}>
            {mode === "host" ? t("enterConsole") : t("observe")}
          </Link>
        </section>
      )}

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-5 lg:col-span-2">
          {state === "ended" ? (
            <>
              <Card title={t("summary.title")}>
                <div className="flex flex-col gap-3" data-testid="summary-counts">
                  <AttendanceBar counts={rollCall.counts} total={rollCall.total} size="lg" />
                  <p className="text-sm text-slate-700">
                    {t("summary.rate")} <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid="summary-rate">{formatRate(rollCall.attendanceRate)}</span>{" "}
                    <span className="text-xs text-slate-500">{t("summary.rateHint")}</span>
                  </p>
                  <RollCallRecordingLine actor={actor} rollCallId={rollCall.id} />
                </div>
              </Card>
              <Card title={t("summary.table")}>
                <SummaryTable
                  entries={rollCall.entries}
                  statusExtra={(entry) => (
                    <>
                      {entry.makeUp && <RecordNotes entry={{ ...entry, markedBy: null, remark: null }} />}
                      {makeUpOpen && entry.status === "absent" && !entry.makeUp && <MakeUpButton rollCallId={rollCall.id} entryId={entry.id} personName={entry.personName} />}
                    </>
                  )}
                />
              </Card>
            </>
          ) : (
            <Card
              title={t("detail.roster", { count: rollCall.total })}
              actions={
                manage && (state === "scheduled" || state === "live") ? (
                  <Link href={`/rollcalls/${rollCall.id}/links`} className={buttonClass("ghost")}>
                    {t("detail.printLinks")}
                  </Link>
                ) : undefined
              }
            >
              <RosterList rollCallId={rollCall.id} entries={rollCall.entries} showLinks={manage && (state === "scheduled" || state === "live")} manage={manage} />
            </Card>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <Card title={t("detail.info")}>
            <DescriptionList
              items={[
                { label: t("field.unit"), value: rollCall.unitName },
                { label: t("field.window"), value: <RollCallWindow startsAt={rollCall.startsAt} endsAt={rollCall.endsAt} /> },
                { label: t("field.graceMinutes"), value: rollCall.graceMinutes },
                { label: t("field.durationMinutes"), value: durationMinutes },
                { label: t("field.liveness"), value: rollCall.livenessEnabled ? t("on") : t("off") },
                ...(rollCall.rrule ? [{ label: t("field.rrule"), value: <code className="break-all text-xs">{rollCall.rrule}</code> }] : []),
              ]}
            />
          </Card>
          {series && (
            <Card title={t("row.series")}>
              <SeriesList items={series.items.filter((item) => item.seriesId === rollCall.seriesId)} currentId={rollCall.id} now={now} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
