/** Who is about to join, as the page knows before any token: a guest types a name, staff have one. */
export type JoinWho = { kind: "guest" } | { kind: "staff"; name: string; observer: boolean };
