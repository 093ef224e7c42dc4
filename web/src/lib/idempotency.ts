// Idempotency keys for money-moving requests: the same body keeps its key (a retry replays the
// first answer), a changed body gets a new one (it is a new request).
import { useCallback, useRef } from "react";

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function useIdempotencyKey() {
  const current = useRef<{ body: string; key: string }>(undefined);
  const keyFor = useCallback((body: unknown): string => {
    const signature = JSON.stringify(body ?? null);
    if (current.current?.body !== signature) current.current = { body: signature, key: newIdempotencyKey() };
    return current.current.key;
  }, []);
  /** Forget the key (the request is done, or nothing was done: the next one is new). */
  const reset = useCallback(() => {
    current.current = undefined;
  }, []);
  return { keyFor, reset };
}
