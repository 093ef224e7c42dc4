// Realtime fan-out across app processes with PostgreSQL LISTEN/NOTIFY (no Redis): a port, no
// feature inside.
//
//   publish:   publishRealtime(tx, accountIds, frame) → pg_notify('realtime', …) in the caller's
//              transaction, so PostgreSQL delivers it only if and when that transaction commits
//              (a rolled-back notification is never pushed).
//   deliver:   every app process runs one hub (startRealtimeHub): one LISTEN connection, and the
//              sockets of this process by account. A NOTIFY reaches every process; each hands the
//              frame to its own sockets of the accounts named.
//
// A NOTIFY payload is at most 8000 bytes: frames carry ids and short texts (a notification's title
// and body), and a frame too large for it is refused here, loudly, rather than cut.
import { sql } from "kysely";
import pg from "pg";
import type { Queryable, Tx } from "../db/database.ts";

export const REALTIME_CHANNEL = "realtime";
const MAX_PAYLOAD_BYTES = 7900;

export type RealtimeFrame = Readonly<{ type: string; data: unknown }>;

/** Push `frame` to every socket of `accountIds`, in every process, when `tx` commits. */
export async function publishRealtime(
  tx: Tx | Queryable,
  accountIds: readonly string[],
  frame: RealtimeFrame,
): Promise<void> {
  if (accountIds.length === 0) return;
  const payload = JSON.stringify({ to: [...new Set(accountIds)], frame });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(`realtime frame of ${frame.type} is ${Buffer.byteLength(payload)} bytes; keep it small`);
  }
  await sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${payload})`.execute(tx);
}

export type Subscriber = (frame: RealtimeFrame) => void;

export type RealtimeHub = Readonly<{
  /** Receive the frames for `accountId` until the returned function is called. */
  subscribe(accountId: string, deliver: Subscriber): () => void;
  /** Sockets subscribed in this process. */
  size(): number;
  stop(): Promise<void>;
}>;

/**
 * Start this process's hub on its own LISTEN connection. A lost connection is re-opened with
 * backoff (frames published meanwhile are missed: the web app refetches on reconnect).
 */
export async function startRealtimeHub(options: {
  connectionString: string;
  log: (m: string, e?: unknown) => void;
}): Promise<RealtimeHub> {
  const subscribers = new Map<string, Set<Subscriber>>();
  let stopped = false;
  let client: pg.Client | undefined;
  let failures = 0;

  const dispatch = (payload: string | undefined) => {
    if (!payload) return;
    let message: { to: string[]; frame: RealtimeFrame };
    try {
      message = JSON.parse(payload);
    } catch (error) {
      options.log("realtime: unreadable payload", error);
      return;
    }
    for (const accountId of message.to) {
      for (const deliver of subscribers.get(accountId) ?? []) {
        try {
          deliver(message.frame);
        } catch (error) {
          options.log("realtime: a subscriber failed", error);
        }
      }
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: "liangjiang-realtime",
    });
    c.on("notification", (n) => {
      if (n.channel === REALTIME_CHANNEL) dispatch(n.payload);
    });
    c.on("error", (error) => {
      options.log("realtime listener error", error);
      reconnect(c);
    });
    c.on("end", () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${REALTIME_CHANNEL}`);
    client = c;
    failures = 0;
  };

  const reconnect = (lost: pg.Client) => {
    if (stopped || client !== lost) return;
    client = undefined;
    lost.end().catch(() => {});
    const delay = Math.min(100 * 2 ** failures++, 5000);
    setTimeout(() => {
      if (stopped) return;
      connect().catch((error) => {
        options.log("realtime listener reconnect failed", error);
        const dummy = new pg.Client();
        client = dummy;
        reconnect(dummy);
      });
    }, delay).unref();
  };

  await connect();

  return {
    subscribe(accountId, deliver) {
      const set = subscribers.get(accountId) ?? new Set<Subscriber>();
      set.add(deliver);
      subscribers.set(accountId, set);
      return () => {
        set.delete(deliver);
        if (set.size === 0 && subscribers.get(accountId) === set) subscribers.delete(accountId);
      };
    },
    size: () => [...subscribers.values()].reduce((n, s) => n + s.size, 0),
    async stop() {
      stopped = true;
      subscribers.clear();
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
