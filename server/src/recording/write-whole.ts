import { rename, writeFile } from "node:fs/promises";

/** A file that is there whole or not at all: written beside, then renamed into place. */
export async function writeWhole(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}
