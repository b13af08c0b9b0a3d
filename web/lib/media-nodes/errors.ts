import { AppError } from "../errors.ts";
import { REGISTER_AGAIN } from "../../../server/src/protocol/node-registry.ts";

/** A heartbeat the portal cannot place (node unknown here, or from another boot): the node registers again. */
export class RegisterAgainError extends AppError {
  readonly code = REGISTER_AGAIN;
  readonly status = 409;
}
