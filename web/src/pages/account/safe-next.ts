/** A `?next=` target only when it is a path of this app (never another site: no open redirect). */
export function safeNext(next: string | null): string | undefined {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return undefined;
  return next;
}
