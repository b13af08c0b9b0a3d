/**
 * The verification ticket, also kept as a cookie that only the link's event stream receives
 * (issue 14): the stream then pushes the join token with "the call is live", and the waiting page
 * skips a round trip to /join at the moment everyone joins at once. A cookie, not a query string:
 * the ticket joins as the person, and URLs end up in access logs. Per browser rather than per tab
 * (the page keeps its own copy in sessionStorage): a ticket retired by a later verification
 * elsewhere gets no token from the stream, and the page asks /join, which says to verify again.
 */
export const LINK_TICKET_COOKIE = "ygav_link_ticket";

export const linkEventsPath = (token: string) => `/api/v1/r/${encodeURIComponent(token)}/events`;

/** A day: a link serves one roll call, whose window is hours. */
export const LINK_TICKET_COOKIE_SECONDS = 24 * 3600;
