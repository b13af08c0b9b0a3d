import { BusyError, ValidationError } from "../errors.ts";
import { faceEngine, type FaceScan } from "./face-engine-client.ts";

/** A scan by the face engine; an image it cannot read is the sender's fault, an engine failure is not. */
export async function scanOrRefuse(bytes: Uint8Array, minScore: number, field = "jpegBase64"): Promise<FaceScan> {
  try {
    return await faceEngine().scan(bytes, minScore);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/SOI|marker|jpeg|decode|resolution/i.test(message)) throw new ValidationError("The photo could not be read as a JPEG image", { [field]: "not_jpeg" });
    throw new BusyError("Face recognition is unavailable right now; try again in a minute");
  }
}
