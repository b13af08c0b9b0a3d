import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { routes, type RouteName } from "@/lib/api/routes";
import type { Database } from "@/lib/db/open-database";
import { keyFingerprint } from "@/lib/media-nodes/node-keys";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient, type CallOptions } from "../support/api-client.ts";
import { facePhoto } from "../support/face-photos.ts";
import { dataDigest, demoFixtures, TINY_JPEG } from "../support/fixtures.ts";

/**
 * Every subtree-scoped API route, called by actors around 高明区 (county):
 * - owner: a writer of 高明区 → allowed;
 * - inspector: 高明区's inspector → reads allowed, writes 403;
 * - sibling: 南海区 (sibling county) / 珠海市局 (another city) → 404, existence not revealed;
 * - child: 荷城司法所 (below 高明区), reaching 高明区's level or a sibling office → 404.
 * Every refusal must leave the data unchanged.
 */
type Fixtures = Awaited<ReturnType<typeof demoFixtures>> & {
  recording: string;
  /** A finished MP4 export of that recording (its file on disk). */
  recordingExport: string;
  checkInYh: string;
  phoneYh: string;
  /** A meeting going on at 杨和司法所 (below 高明区): where 高明区 may speak as a superior. */
  liveMeetingYh: string;
  liveRollCallRoom: string;
  /** 高明区 calls 杨和 to report (live); another to be ended; 佛山 calls 高明区 (ringing there). */
  reportCall: { id: string; centerId: string };
  reportCallToEnd: string;
  reportCallToGm: string;
  /** The fingerprint of 高明区's registered media node's key. */
  gmNodeKey: string;
};
type Actor = "owner" | "inspector" | "sibling" | "child";

interface Case {
  route: RouteName;
  owner: string;
  sibling: string;
  request: (f: Fixtures) => CallOptions;
  ownerStatus: number;
  /** Where a route is not about someone else's subtree (creating in one's own unit, listing one's own). */
  override?: Partial<Record<Actor, number>>;
  /** The fields of an owner's 409: the rule after the scope that the fixture meets (visits: not_today). */
  conflict?: Record<string, string>;
}

const newIdNumber = (serial: number) => {
  const first17 = `44060819900101${String(serial).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
};

const CASES: Case[] = [
  { route: "unitTree", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}) },
  { route: "getUnit", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.unit("高明区司法局") } }) },
  { route: "createUnit", owner: "gm.admin", sibling: "zh.admin", ownerStatus: 201, request: (f) => ({ body: { name: "更合司法所", parentId: f.unit("高明区司法局") } }) },
  { route: "updateUnit", owner: "gm.admin", sibling: "zh.admin", ownerStatus: 200, request: (f) => ({ params: { id: f.unit("杨和司法所") }, body: { name: "杨和镇司法所" } }) },
  { route: "listUsers", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("高明区司法局") } }) },
  { route: "getUser", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.user("gm.officer") } }) },
  {
    route: "createUser",
    owner: "gm.admin",
    sibling: "zh.admin",
    ownerStatus: 201,
    request: (f) => ({ body: { username: "gm.newofficer", displayName: "新同事", role: "officer", unitId: f.unit("高明区司法局"), password: "a-long-password-1" } }),
  },
  { route: "updateUser", owner: "gm.admin", sibling: "zh.admin", ownerStatus: 200, request: (f) => ({ params: { id: f.user("yh.officer") }, body: { displayName: "周建华(改)" } }) },
  { route: "listPersons", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("杨和司法所") } }) },
  { route: "getPerson", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  {
    route: "createPerson",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({
      body: {
        unitId: f.unit("杨和司法所"),
        name: "测试对象",
        gender: "male",
        idNumber: newIdNumber(901),
        phone: "13800138000",
        supervisionType: "probation",
        startDate: "2026-01-01",
        endDate: "2027-01-01",
      },
    }),
  },
  { route: "updatePerson", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh }, body: { version: 1, phone: "13900139000" } }) },
  { route: "listRooms", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  {
    route: "createRoom",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: () => ({ body: { title: "临时会议" } }),
    override: { sibling: 201, child: 201 },
  },
  { route: "getRoom", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.roomToJoin } }) },
  { route: "listRoomRecordings", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.roomToJoin } }) },
  // Originals go to those who act on them: an inspector reads the list, never the file.
  { route: "downloadRecording", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.recording } }), override: { inspector: 403 } },
  { route: "setRecordingLegalHold", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.recording }, body: { hold: true } }) },
  // The MP4 export follows the originals' rule (the archive's scope; inspectors read the record,
  // never the file). Asked again for the same files, the finished export is handed back (no job).
  { route: "requestRecordingExport", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.roomToJoin } }) },
  { route: "getRecordingExport", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.roomToJoin } }) },
  { route: "downloadRecordingExport", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.recordingExport } }), override: { inspector: 403 } },
  { route: "closeRoom", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.roomToClose } }) },
  {
    route: "roomJoinToken",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.roomToJoin } }),
    // An inspector may watch (an observer token), not change anything.
    override: { inspector: 200 },
  },
  {
    route: "listRollCalls",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: () => ({}),
    override: { sibling: 200, child: 200 },
  },
  {
    route: "createRollCall",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({
      body: { title: "临时点名", unitId: f.unit("高明区司法局"), startsAt: new Date(Date.now() + 3600_000).toISOString(), personIds: f.hcPersonIds },
    }),
  },
  { route: "getRollCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToRead } }) },
  {
    route: "updateRollCall",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.rollCallToEdit }, body: { version: 1, title: "改期点名" } }),
  },
  { route: "cancelRollCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToCancel } }) },
  {
    route: "revokeRollCallLink",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.rollCallToRead, entryId: f.rollCallEntry }, body: { reissue: true } }),
  },
  { route: "openRollCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToOpen } }) },
  { route: "prepareRollCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToOpen } }) },
  { route: "endRollCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToEnd } }) },
  {
    route: "observeRollCall",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.liveRollCall } }),
    // Watching unseen is what an inspector may do on a live roll call of the subtree.
    override: { inspector: 200 },
  },
  {
    route: "markRollCallEntry",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.rollCallToRead, entryId: f.rollCallEntry }, body: { status: "excused" } }),
  },
  { route: "callRollCallEntry", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.liveRollCall, entryId: f.liveEntry } }) },
  {
    route: "attachExcuseDocument",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.excusedEntry }, body: { fileBase64: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64") } }),
  },
  {
    // The live fixture has not ended: its own officer passes the scope and is told 补点 follows the end.
    route: "startMakeUpCall",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 409,
    conflict: { state: "not_ended" },
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.liveEntry } }),
  },
  {
    route: "getExcuseAttachment",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.excusedEntry, attachmentId: f.excuseAttachmentId } }),
  },
  {
    route: "judgeRollCallChallenge",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.liveEntry }, body: { result: "passed" } }),
  },
  {
    route: "storeRollCallEvidence",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.liveEntry }, body: { jpegBase64: TINY_JPEG, width: 16, height: 16 } }),
  },
  {
    route: "getRollCallEvidence",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.liveRollCall, entryId: f.liveEntry, evidenceId: f.evidenceId } }),
  },
  { route: "rollCallCalendar", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToRead } }) },
  { route: "personAttendance", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  // Faces (issue 13): the enrolment's photo is personal data, never visible outside the subtree.
  { route: "enrolFace", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 201, request: (f) => ({ params: { id: f.personYh }, body: { jpegBase64: facePhoto("a").toString("base64"), source: "upload" } }) },
  { route: "listFaceEnrolments", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  { route: "getFacePhoto", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh, enrolmentId: f.faceEnrolmentYh } }) },
  { route: "deleteFaceEnrolments", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  { route: "getResidenceArea", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  {
    route: "setResidenceArea",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.personYh }, body: { latitude: 22.89, longitude: 112.88, radiusMeters: 800, mayLeave: false, address: "" } }),
  },
  {
    route: "setCheckInPlan",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.personYh }, body: { windows: [{ weekday: 1, start: "08:00", end: "20:00" }] } }),
  },
  { route: "getCheckInPlan", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  { route: "openPhoneBinding", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  // The officer's side of self check-in and the workbench (issue 13 §4): a check-in photo is a record (inspectors see it, audited).
  { route: "getCheckInPhoto", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh, checkInId: f.checkInYh } }) },
  { route: "decideCheckIn", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh, checkInId: f.checkInYh }, body: { decision: "rejected", note: "照片不清" } }) },
  { route: "revokePhone", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh, phoneId: f.phoneYh } }) },
  { route: "reissueCheckInLink", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.personYh } }) },
  { route: "getWorkbench", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  { route: "attendanceStats", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("高明区司法局") } }) },
  { route: "exportRollCallCsv", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.rollCallToRead } }) },
  // Visits (issue 9). Lists are of one's own subtree: a sibling or child gets its own (empty) list.
  { route: "listVisits", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("高明区司法局") } }) },
  { route: "exportVisitsCsv", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("高明区司法局") } }) },
  { route: "getVisit", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.visits.booked.id } }) },
  { route: "visitStats", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  { route: "listVisitRooms", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  { route: "listHeldPersons", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({ query: { releasing: "true" } }), override: { sibling: 200, child: 200 } },
  {
    route: "createVisitRoom",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({ body: { unitId: f.unit("高明区司法局"), name: "第二会见室", openingHours: { "1": [["09:00", "12:00"]] }, slotMinutes: 30 } }),
  },
  {
    route: "scheduleHelpSession",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 201,
    request: (f) => ({ body: { heldPersonId: f.visits.releasingToHc, roomId: f.visits.gmRoom, terminalId: f.visits.terminal2, startsAt: new Date(Math.ceil(Date.now() / 1_800_000) * 1_800_000 + 300 * 1_800_000).toISOString() } }),
  },
  // Deciding is the facility's own act: 高明区's inspector and offices do not reach the facility at all.
  { route: "getVisitProof", owner: "jy1.officer", sibling: "jds.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.visits.toBook.id } }), override: { inspector: 404 } },
  {
    route: "updateHeldPersonRules",
    owner: "jy1.officer",
    sibling: "jds.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.visits.heldPersonId }, body: { homeVisitsAllowed: true } }),
    override: { inspector: 404 },
  },
  { route: "heldPersonVisitors", owner: "jy1.officer", sibling: "jds.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.visits.heldPersonId } }), override: { inspector: 404 } },
  {
    route: "bookVisit",
    owner: "jy1.officer",
    sibling: "jds.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.visits.toBook.id }, body: { startsAt: f.visits.toBook.slot, terminalId: f.visits.terminal1, version: 1 } }),
    override: { inspector: 404 },
  },
  { route: "rejectVisit", owner: "jy1.officer", sibling: "jds.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.visits.toReject.id }, body: { reason: "材料不全", version: 1 } }), override: { inspector: 404 } },
  {
    route: "banVisitor",
    owner: "jy1.officer",
    sibling: "jds.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.visits.toBan.id, participantId: f.visits.toBan.participantId }, body: { until: "2099-01-01", reason: "违规" } }),
    override: { inspector: 404 },
  },
  // Visit day (issue 9 §5): the hosting center (高明区) acts on its side; the facility starts and
  // cancels. 高明区's inspector reads the record, so its writes are 403, not 404. The fixture visit
  // is weeks away: acts bound to its day pass the scope rule and then meet the day rule (409
  // not_today), which is what the owner gets here; visit-day.test.ts covers them on the day.
  ...(["issueFamilyLink", "revokeFamilyLink", "confirmVisitorId"] as const).map(
    (route): Case => ({
      route,
      owner: "gm.officer",
      sibling: "nh.officer",
      ownerStatus: route === "revokeFamilyLink" ? 200 : 409,
      request: (f) => ({ params: { id: f.visits.booked.id, participantId: f.visits.booked.participantId } }),
    }),
  ),
  { route: "joinVisitAsStaff", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 409, request: (f) => ({ params: { id: f.visits.booked.id, side: "monitor" } }) },
  { route: "startVisit", owner: "jy1.officer", sibling: "jds.officer", ownerStatus: 409, request: (f) => ({ params: { id: f.visits.booked.id } }) },
  { route: "cancelVisit", owner: "jy1.officer", sibling: "jds.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.visits.booked.id }, body: { reason: "设备故障", version: 1 } }) },
  // Remote inspection (issue 11 §3). Filtering the wall by a unit outside one's subtree is refused
  // like reading it; without a filter each actor gets its own subtree's wall (inspection-scope.test.ts).
  { route: "liveRooms", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ query: { unitId: f.unit("高明区司法局") } }) },
  // Watching unseen is a read: 高明区's inspector may, as on a live roll call.
  { route: "watchRoom", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.liveRollCallRoom }, body: { mode: "tile" } }), override: { inspector: 200 } },
  {
    // Speaking is for a unit strictly above the room (杨和, below 高明区). The owner passes every rule
    // of the portal and meets the node's: no node here delivers the notice, so no grant and nothing
    // written (503); inspection-speak.test.ts gets the grant from a real node.
    route: "speakInRoom",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 503,
    request: (f) => ({ params: { id: f.liveMeetingYh } }),
  },
  // The views made by one's own subtree: a sibling or child lists its own (none of 高明区's).
  { route: "inspectionHistory", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  // Live report calls (issue 11 §4): the calling center (高明区) runs its call; its inspector reads it.
  { route: "listReportCalls", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  { route: "createReportCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 201, request: (f) => ({ body: { title: "临时汇报", unitIds: [f.unit("杨和司法所")] } }) },
  { route: "reportCandidates", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  // What rings at one's own center: 佛山's call rings at 高明区, not at a sibling or an office below.
  { route: "incomingReportCalls", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: () => ({}), override: { sibling: 200, child: 200 } },
  { route: "getReportCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.reportCall.id } }) },
  { route: "hostReportCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.reportCall.id } }) },
  // Answering is the called center's act (佛山 calls 高明区): its inspector does not speak for it (403).
  { route: "answerReportCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.reportCallToGm } }) },
  { route: "callReportCenter", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.reportCall.id, centerId: f.reportCall.centerId } }) },
  {
    route: "markReportCenter",
    owner: "gm.officer",
    sibling: "nh.officer",
    ownerStatus: 200,
    request: (f) => ({ params: { id: f.reportCall.id, centerId: f.reportCall.centerId }, body: { status: "reported" } }),
  },
  { route: "endReportCall", owner: "gm.officer", sibling: "nh.officer", ownerStatus: 200, request: (f) => ({ params: { id: f.reportCallToEnd } }) },
  // Media nodes (issue 11 §1): an admin of the node's subtree resets its key (an officer may not: 403).
  { route: "resetMediaNodeKey", owner: "gm.admin", sibling: "zh.admin", ownerStatus: 200, request: (f) => ({ params: { id: "gm-scope-node" }, body: { key: f.gmNodeKey } }) },
  // The node tree: an admin's list of the nodes in its own subtree (a sibling's admin gets its own,
  // without 高明区's node); other roles do not see the nodes (403).
  { route: "listMediaNodes", owner: "gm.admin", sibling: "zh.admin", ownerStatus: 200, request: () => ({}), override: { sibling: 200, inspector: 403, child: 403 } },
];

/** Lists of one's own subtree: a sibling's or a child's never names 高明区 or what it holds. */
const OWN_LISTS: RouteName[] = ["unitTree", "listRooms", "listRollCalls", "inspectionHistory", "listReportCalls", "reportCandidates", "incomingReportCalls", "listMediaNodes"];

/** Routes whose rule is tested in the file named, not here. */
const SCOPED_ELSEWHERE: Partial<Record<RouteName, string>> = Object.fromEntries([
  // Issue 9 §5: the visit-day rule (the facility's or the hosting center's officers), read-only roles refused.
  ["getVisitSnapshot", "visit-snapshot.test.ts"],
]);

const expected = (c: Case, actor: Actor): number => {
  if (c.override?.[actor] !== undefined) return c.override[actor]!;
  const write = routes[c.route].method !== "GET";
  if (actor === "owner") return c.ownerStatus;
  if (actor === "inspector") return write ? 403 : 200;
  // The tree of a sibling or child is its own, not 高明区's: listing one's own subtree is fine.
  if (c.route === "unitTree") return 200;
  return 404;
};

describe("API scope matrix (every subtree-scoped route × owner, inspector, sibling, child)", () => {
  let db: Database;
  let fixtures: Fixtures;
  const clients = new Map<string, ApiClient>();
  const client = async (username: string) => {
    if (!clients.has(username)) clients.set(username, await ApiClient.signIn(username));
    return clients.get(username)!;
  };

  let recordingsDir: string;
  let previousRecordingsDir: string | undefined;

  beforeAll(async () => {
    db = await useSeededDatabase();
    const base = await demoFixtures(db);
    // One recorded file in 高明区's room, on disk, as the media node would have reported it.
    recordingsDir = mkdtempSync(path.join(os.tmpdir(), "yg-scope-recordings-"));
    previousRecordingsDir = process.env.RECORDINGS_DIR;
    process.env.RECORDINGS_DIR = recordingsDir;
    const file = `${base.roomToJoin}/20261202T000000Z_person_1_camera_scope.webm`;
    mkdirSync(path.join(recordingsDir, base.roomToJoin));
    writeFileSync(path.join(recordingsDir, file), "webm bytes");
    const recording = await db.prisma.recording.create({
      data: {
        roomId: base.roomToJoin,
        file,
        identity: "person:1",
        name: "张三",
        source: "camera",
        kind: "video",
        codec: "video/VP8",
        sequence: 1,
        sizeBytes: 10n,
        sha256: "0".repeat(64),
        endedAt: new Date(),
        durationMs: 1000,
        endReason: "stopped",
        node: "n1",
        firstPacketAt: new Date(),
      },
    });
    // Its MP4 export, finished, as the export queue would have left it.
    const gmOfficer = await db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" } });
    mkdirSync(path.join(recordingsDir, "exports"));
    writeFileSync(path.join(recordingsDir, "exports", "scope.mp4"), "mp4 bytes");
    const recordingExport = await db.prisma.recordingExport.create({
      data: { roomId: base.roomToJoin, state: "done", requestedById: gmOfficer.id, sources: [recording.id], progress: 100, finishedAt: new Date(), file: "exports/scope.mp4", sizeBytes: 9n, sha256: "2".repeat(64) },
    });
    // A pending self check-in and a bound phone of 杨和's person, as the check-in link would have left them.
    const phone = await db.prisma.phoneCredential.create({ data: { personId: base.personYh, credentialId: "scope-matrix-phone", publicKey: Buffer.from("key") } });
    const checkIn = await db.prisma.selfCheckIn.create({
      data: { personId: base.personYh, windowKey: "2026-12-07T08:00", status: "pending", reasons: ["no_location"], photo: Buffer.from(TINY_JPEG, "base64"), sha256: "1".repeat(64), credentialId: phone.credentialId },
    });
    const yhOfficer = await db.prisma.user.findUniqueOrThrow({ where: { username: "yh.officer" } });
    const meeting = await db.prisma.room.create({ data: { title: "杨和例会", unitId: base.unit("杨和司法所"), createdById: yhOfficer.id } });
    const reportCallOf = async (username: string, unitNames: string[], title: string) => {
      const created = await (await client(username)).call("createReportCall", { body: { title, unitIds: unitNames.map(base.unit) } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string; centers: { id: string }[] };
    };
    const reportCall = await reportCallOf("gm.officer", ["杨和司法所"], "高明区汇报");
    // 高明区's media node, as its registration would have left it.
    const nodeKey = ed25519PemKeyPair().publicKey;
    const now = new Date();
    await db.prisma.mediaNode.create({
      data: { id: "gm-scope-node", unitId: base.unit("高明区司法局"), publicUrl: "http://gm.test", internalUrl: "http://gm.test", publicKey: nodeKey, boot: "b", bootSentAt: now },
    });
    fixtures = {
      ...base,
      recording: recording.id,
      recordingExport: recordingExport.id,
      checkInYh: checkIn.id,
      phoneYh: phone.id,
      liveMeetingYh: meeting.id,
      liveRollCallRoom: (await db.prisma.rollCall.findUniqueOrThrow({ where: { id: base.liveRollCall } })).roomId!,
      reportCall: { id: reportCall.id, centerId: reportCall.centers[0]!.id },
      reportCallToEnd: (await reportCallOf("gm.officer", ["杨和司法所"], "待结束汇报")).id,
      reportCallToGm: (await reportCallOf("fs.admin", ["高明区司法局"], "佛山市汇报")).id,
      gmNodeKey: keyFingerprint(nodeKey),
    };
  });
  afterAll(async () => {
    if (previousRecordingsDir === undefined) delete process.env.RECORDINGS_DIR;
    else process.env.RECORDINGS_DIR = previousRecordingsDir;
    rmSync(recordingsDir, { recursive: true, force: true });
    await closeDatabase();
  });

  it("covers every session route of the API", () => {
    const covered = new Set([...CASES.map((c) => c.route), ...Object.keys(SCOPED_ELSEWHERE)]);
    const scoped = (Object.keys(routes) as RouteName[]).filter((name) => routes[name].auth === "session" && !["me", "logout"].includes(name));
    expect(scoped.length).toBeGreaterThanOrEqual(17);
    expect(scoped.filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const c of CASES) {
    for (const actor of ["sibling", "child", "inspector", "owner"] as const) {
      const username = { owner: c.owner, inspector: "gm.inspector", sibling: c.sibling, child: "hc.officer" }[actor];
      it(`${routes[c.route].method} ${routes[c.route].path} as ${actor} (${username}) → ${expected(c, actor)}`, async () => {
        const api = await client(username);
        const before = await dataDigest(db);
        const result = await api.call(c.route, c.request(fixtures));
        expect(result.status, JSON.stringify(result.body)).toBe(expected(c, actor));
        if (result.status >= 400 || (c.route === "createRoom" && actor !== "owner")) {
          if (result.status >= 400) {
            expect(result.body.error.code).toBe({ 404: "not_found", 409: "conflict", 503: "busy" }[result.status] ?? "forbidden");
            if (result.status === 409) expect(result.body.error.fields).toEqual(c.conflict ?? { visit: "not_today" });
            expect(await dataDigest(db)).toBe(before);
          } else {
            expect(result.body.unitName).not.toBe("高明区司法局");
          }
        }
        if (OWN_LISTS.includes(c.route) && actor !== "owner" && actor !== "inspector") {
          expect(JSON.stringify(result.body)).not.toContain("高明区司法局");
          expect(JSON.stringify(result.body)).not.toContain("gm-scope-node");
        }
      });
    }
  }
});
