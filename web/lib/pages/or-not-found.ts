import { notFound } from "next/navigation";
import { NotFoundError } from "../errors.ts";

/**
 * A domain lookup whose "not found" becomes the 404 page. Out-of-scope records are "not found"
 * too (the domain layer does not reveal that they exist), so this is also the scope guard's face.
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
