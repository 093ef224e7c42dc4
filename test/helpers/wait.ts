// Waiting for what a worker does after commit (jobs, webhooks): poll until a condition holds.
// A condition, never a duration: tests do not assert on time (performance is `npm run bench`).

/** Polls `fn` every 100 ms until `ok(value)`; fails after `timeoutMs` naming the last value. */
export async function waitFor<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
