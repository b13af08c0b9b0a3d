// The officer's side, through the portal's real HTTP API with the officer's own session (the
// browser context that later shows the console): register the persons, schedule the roll call,
// open it, mark, read it back.
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { CSRF_COOKIE, CSRF_HEADER } from "../../web/lib/auth/cookie-names.ts";
import { idNumberCheckChar } from "../../web/lib/persons/id-number.ts";

export const OFFICER = { username: "hc.officer", password: "Sunshine#2026" } as const;
export const JUSTICE_OFFICE = "荷城司法所";

export interface RosterPerson {
  personId: string;
  entryId: string;
  name: string;
  /** Path of the personal link, /r/<token>. */
  link: string;
  idLast4: string;
}

export interface RollCallEntryState {
  id: string;
  personId: string;
  status: string;
  joinedAt: string | null;
  markedAt: string | null;
}

export class OfficerApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly csrf: string,
  ) {}

  /** Signs the context in: its pages (the console) and this API share the session. */
  static async signIn(context: BrowserContext): Promise<OfficerApi> {
    const login = await context.request.post("/api/v1/auth/login", { data: OFFICER });
    if (!login.ok()) throw new Error(`sign-in as ${OFFICER.username} failed: ${login.status()} ${await login.text()}`);
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? "";
    return new OfficerApi(context.request, csrf);
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.request.get(path);
    if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async post<T>(path: string, data: unknown = {}): Promise<T> {
    const response = await this.request.post(path, { data, headers: { [CSRF_HEADER]: this.csrf } });
    if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async unitId(name: string): Promise<string> {
    type Node = { id: string; name: string; children?: Node[] };
    const find = (node: Node): Node | undefined => (node.name === name ? node : node.children?.map(find).find(Boolean));
    const found = find(await this.get<Node>("/api/v1/units"));
    if (!found) throw new Error(`unit ${name} is not in ${OFFICER.username}'s subtree`);
    return found.id;
  }

  /**
   * Registers `count` supervised persons at the office, each with a valid ID number whose last 4
   * the bench keeps (the personal link asks for them). A few at a time: the portal is one
   * Node.js process on an embedded database.
   */
  async createPersons(unitId: string, count: number): Promise<Array<{ id: string; name: string; idLast4: string }>> {
    const made: Array<{ id: string; name: string; idLast4: string }> = [];
    for (let start = 0; start < count; start += 5) {
      const batch = Array.from({ length: Math.min(5, count - start) }, (_, k) => start + k);
      made.push(
        ...(await Promise.all(
          batch.map(async (i) => {
            // 440608 (高明区), a birth date, a sequence number, and the GB 11643 check character.
            const first17 = `440608${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(100 + i).slice(-3)}`;
            const idNumber = first17 + idNumberCheckChar(first17);
            const name = `压测${String(i + 1).padStart(2, "0")}号`;
            const person = await this.post<{ id: string }>("/api/v1/persons", {
              unitId,
              name,
              gender: i % 2 ? "female" : "male",
              phone: `138${String(10_000_000 + i).slice(-8)}`,
              supervisionType: "probation",
              startDate: "2026-01-01",
              endDate: "2027-12-31",
              idNumber,
            });
            return { id: person.id, name, idLast4: idNumber.slice(-4) };
          }),
        )),
      );
    }
    return made;
  }

  /** Schedules a roll call starting now for these persons and opens it; returns its room and roster. */
  async scheduleAndOpen(unitId: string, persons: Array<{ id: string; name: string; idLast4: string }>) {
    const created = await this.post<{ items: Array<{ id: string }> }>("/api/v1/rollcalls", {
      title: `压测点名 ${persons.length} 人`,
      unitId,
      startsAt: new Date(Date.now() + 5_000).toISOString(),
      graceMinutes: 10,
      durationMinutes: 60,
      livenessEnabled: true,
      personIds: persons.map((p) => p.id),
    });
    const rollCallId = created.items[0]!.id;
    const opened = await this.post<{ grant: { room: { id: string } } }>(`/api/v1/rollcalls/${rollCallId}/open`);
    const detail = await this.rollCall(rollCallId);
    const byId = new Map(persons.map((p) => [p.id, p]));
    const roster: RosterPerson[] = detail.entries.map((e) => ({
      personId: e.personId,
      entryId: e.id,
      name: e.personName,
      link: e.link,
      idLast4: byId.get(e.personId)!.idLast4,
    }));
    return { rollCallId, roomId: opened.grant.room.id, roster };
  }

  rollCall(id: string) {
    return this.get<{ state: string; entries: Array<RollCallEntryState & { personName: string; link: string; version: number }> }>(`/api/v1/rollcalls/${id}`);
  }
}
