import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import type { JoinTokenInput } from "../../../web/lib/media/sign-join-token.ts";
import { loadMediaConfig } from "../../src/config.ts";
import { MediaNode } from "../../src/media-node.ts";
import { createLogger } from "../../src/observability/logger.ts";
import { signTestJoinToken } from "./test-join-token.ts";

export interface NodeFixture {
  node: MediaNode;
  url: string;
  privateKey: string;
  token(input: Partial<JoinTokenInput> & { sub: string }): Promise<string>;
  stop(): Promise<void>;
}

/** A real media node (real mediasoup worker, real socket.io) on a free port, with its own keys. */
export async function startMediaNode(env: Record<string, string> = {}, { logLines }: { logLines?: string[] } = {}): Promise<NodeFixture> {
  const { publicKey, privateKey } = ed25519PemKeyPair();
  const recordingsDir = mkdtempSync(path.join(os.tmpdir(), "yg-recordings-"));
  const config = loadMediaConfig({
    MEDIA_NODE_ID: "test-node",
    MEDIA_PORT: "0",
    MEDIA_HTTP_HOST: "127.0.0.1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    MEDIA_WORKERS: "1",
    MEDIA_RTC_MIN_PORT: "42000",
    MEDIA_RTC_MAX_PORT: "42999",
    MEDIA_ROOM_EMPTY_GRACE_SECONDS: "1",
    MEDIA_PEER_RECONNECT_GRACE_SECONDS: "2",
    JOIN_TOKEN_PUBLIC_KEY: publicKey,
    LOG_LEVEL: "silent",
    // Recordings of a test node go to a folder of its own, never the repository's data/.
    RECORDINGS_DIR: recordingsDir,
    RECORDING_MIN_FREE_MB: "1",
    ...env,
  });
  // logLines: collect the node's log (at info) to assert on what a client can make it write.
  const logger = logLines
    ? createLogger("info", config.nodeId, { write: (line: string) => void logLines.push(line) })
    : createLogger(config.logLevel, config.nodeId);
  const node = await MediaNode.start(config, logger);
  return {
    node,
    url: `http://127.0.0.1:${node.port}`,
    privateKey,
    token: (input) => signTestJoinToken(privateKey, input),
    stop: async () => {
      await node.close();
      rmSync(recordingsDir, { recursive: true, force: true });
    },
  };
}
