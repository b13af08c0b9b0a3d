/**
 * How long a token given before the call opens (a console's, or a waiting person's prepare-only
 * one) lets a socket in. A socket stays in once it has; the console prepares again every 5
 * minutes and the person's page asks again only to reconnect, so this bounds a token that leaked.
 */
const PREPARE_TOKEN_MS = 10 * 60_000;

/** The end of such a token given `now`: never past the roll call's window. */
export function prepareTokenEnd(now: Date, rollCall: { endsAt: Date }): Date {
  return new Date(Math.min(now.getTime() + PREPARE_TOKEN_MS, rollCall.endsAt.getTime()));
}
