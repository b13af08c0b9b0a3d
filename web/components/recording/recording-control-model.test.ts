import { describe, expect, it } from "vitest";
import type { RecordingState } from "../../../server/src/protocol/recording.ts";
import { recordingAction, recordingProblem } from "./recording-control-model";

const node = (patch: Partial<RecordingState>): RecordingState => ({ state: "off", reason: null, required: false, forbidden: false, since: "2026-12-02T00:00:00.000Z", ...patch });

describe("the moderator's recording control", () => {
  it("offers start or stop only where the room's terms leave it to the moderator", () => {
    expect(recordingAction({ privileged: false, recording: null })).toBe("none");
    expect(recordingAction({ privileged: false, recording: node({}) })).toBe("start");
    expect(recordingAction({ privileged: false, recording: node({ state: "recording" }) })).toBe("stop");
    expect(recordingAction({ privileged: false, recording: node({ state: "failed", reason: "storage_full" }) })).toBe("start");
    expect(recordingAction({ privileged: false, recording: node({ state: "recording", required: true }) })).toBe("none");
    expect(recordingAction({ privileged: false, recording: node({ forbidden: true }) })).toBe("none");
  });

  it("tells the moderator what went wrong: a refusal first, else the node's failure", () => {
    expect(recordingProblem({ recording: node({ state: "recording" }) }, null)).toBeNull();
    expect(recordingProblem({ recording: node({}) }, "storage_full")).toBe("storage_full");
    expect(recordingProblem({ recording: node({ state: "off", reason: "storage_full" }) }, null)).toBe("storage_full");
    expect(recordingProblem({ recording: node({ state: "failed", reason: "writer_failed" }) }, null)).toBe("writer_failed");
    expect(recordingProblem({ recording: node({ state: "failed", reason: null }) }, null)).toBe("other");
    expect(recordingProblem({ recording: node({ state: "off", reason: "stopped" }) }, null)).toBeNull();
    expect(recordingProblem({ recording: null }, "forbidden")).toBe("forbidden");
    expect(recordingProblem({ recording: null }, "timeout")).toBe("other");
  });
});
