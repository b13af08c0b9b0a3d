/**
 * The self check-in's liveness challenge: the person is asked to turn their head to one side,
 * and two frames are taken (facing the camera, then turned). A printed photo or a replayed still
 * cannot turn. The head turn is measured from the face engine's landmarks (`yaw`): the person's
 * left moves the nose towards the right of the (unmirrored) camera image, i.e. yaw increases.
 */
export type TurnDirection = "left" | "right";

/** The smallest change of yaw (in inter-ocular distances) that counts as a turn. */
export const MIN_TURN = 0.12;

export interface LivenessResult {
  challenge: TurnDirection;
  result: "passed" | "failed";
  /** Yaw facing the camera and turned; null when no face was found in that frame. */
  straightYaw: number | null;
  turnedYaw: number | null;
}

export function judgeTurn(challenge: TurnDirection, straightYaw: number | null, turnedYaw: number | null): LivenessResult {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
  const change = straightYaw === null || turnedYaw === null ? 0 : turnedYaw - straightYaw;
  const passed = challenge === "left" ? change >= MIN_TURN : change <= -MIN_TURN;
  return { challenge, result: passed ? "passed" : "failed", straightYaw: round(straightYaw), turnedYaw: round(turnedYaw) };
}
