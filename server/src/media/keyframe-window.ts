import type { types } from "mediasoup";

/**
 * A browser honours one key-frame request per sender in 300 ms and drops the rest unanswered
 * (WebRTC's EncoderRtcpFeedback, kMinKeyframeSendIntervalMs); mediasoup then asks again only
 * after a second (its KeyFrameRequestManager). So a viewer whose consumer resumes just after the
 * sender answered another request asks inside that window and sees nothing for over a second. In
 * bench/waiting-to-video the officer saw one person 0.8 s after the others that way: the person's
 * new stream had just been asked for a key frame (mediasoup asks when a stream starts mid-frame),
 * and the console's resume came 13 ms after that key frame arrived.
 *
 * A key frame that answers a request marks such a window: the sender honoured the request
 * shortly before sending it. A video consumer's resume waits until 300 ms after that key frame.
 * A key frame nobody asked for (a stream's first, a layer the encoder switched back on) opens no
 * window, and the resume goes at once.
 */
export const SENDER_KEYFRAME_WINDOW_MS = 300;
/** A key frame this soon after the node asked for one is taken as the answer (mediasoup asks again after 1 s). */
const ANSWER_WITHIN_MS = 1200;

const lastAskedAt = new WeakMap<types.Producer, number>();
const lastKeyFrameAt = new WeakMap<types.Producer, number>();
const producerOf = new WeakMap<types.Consumer, types.Producer>();
const pendingResume = new WeakMap<types.Consumer, ReturnType<typeof setTimeout>>();

/** Notes when the node asks a video producer's sender for a key frame, and when an answer arrives (trace events: a few per key frame). */
export function watchKeyFrames(producer: types.Producer): void {
  if (producer.kind !== "video") return;
  producer.on("trace", (trace) => {
    const now = performance.now();
    if ((trace.type === "pli" || trace.type === "fir") && trace.direction === "out") lastAskedAt.set(producer, now);
    if (trace.type === "keyframe" && trace.direction === "in" && now - (lastAskedAt.get(producer) ?? -Infinity) < ANSWER_WITHIN_MS) {
      lastKeyFrameAt.set(producer, now);
    }
  });
  void producer.enableTraceEvent(["keyframe", "pli", "fir"]).catch(() => {});
}

/** Ties a consumer to the producer it consumes, for resumeConsumer's wait. */
export function consumes(consumer: types.Consumer, producer: types.Producer): void {
  producerOf.set(consumer, producer);
}

/** How long a resume of `consumer` must wait for its sender's window to pass (0: none open). */
export function keyFrameWaitMs(consumer: types.Consumer, now = performance.now()): number {
  const producer = producerOf.get(consumer);
  const at = consumer.kind === "video" && producer ? lastKeyFrameAt.get(producer) : undefined;
  return at === undefined ? 0 : Math.max(0, Math.ceil(at + SENDER_KEYFRAME_WINDOW_MS - now));
}

/**
 * Resumes a consumer and asks its sender for a key frame, once the sender will answer (see
 * above). Returns at once; a pause or close meanwhile cancels the resume.
 */
export async function resumeConsumer(consumer: types.Consumer): Promise<void> {
  cancelResume(consumer);
  const wait = keyFrameWaitMs(consumer);
  if (wait === 0) return resumeNow(consumer);
  pendingResume.set(
    consumer,
    setTimeout(() => {
      pendingResume.delete(consumer);
      if (!consumer.closed) resumeNow(consumer).catch(() => {});
    }, wait),
  );
}

export async function pauseConsumer(consumer: types.Consumer): Promise<void> {
  cancelResume(consumer);
  await consumer.pause();
}

function cancelResume(consumer: types.Consumer): void {
  clearTimeout(pendingResume.get(consumer));
  pendingResume.delete(consumer);
}

async function resumeNow(consumer: types.Consumer): Promise<void> {
  await consumer.resume();
  // mediasoup asks on resume only when the consumer is active; a restart needs a key frame either way.
  if (consumer.kind === "video") await consumer.requestKeyFrame().catch(() => {});
}
