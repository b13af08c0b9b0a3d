import path from "node:path";

/**
 * RECORDINGS_DIR: where the media node writes and the portal reads (docker-compose: the
 * `recordings` volume). The default matches the media node's: the repository's data/recordings.
 */
export function recordingsDir(env: Record<string, string | undefined> = process.env): string {
  const configured = env.RECORDINGS_DIR?.trim();
  if (configured) return path.resolve(configured);
  return path.resolve(env.YANGGUANG_ROOT ?? path.resolve(import.meta.dirname, "../../.."), "data/recordings");
}

/** A stored path (relative, checked when reported) made absolute; refuses anything outside the folder. */
export function recordingPath(dir: string, file: string): string {
  const full = path.resolve(dir, file);
  if (!full.startsWith(`${path.resolve(dir)}${path.sep}`)) throw new Error(`recording path outside RECORDINGS_DIR: ${file}`);
  return full;
}
