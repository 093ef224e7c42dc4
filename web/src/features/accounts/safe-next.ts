/** The origin `new URL` resolves against: any fixed one will do to tell a path from another site. */
const HERE = "http://liangjiang.invalid";

/** Control characters (a URL parser drops tabs and newlines: "/\t/x" becomes "//x") and backslashes (read as "/"). */
function unsafe(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === "\\") return true;
  }
  return false;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * A `?next=` target only when it is a path of this app — never another site (no open redirect),
 * never something the browser would refuse to navigate to (which left people stuck on /login).
 * `undefined` means: go to the page's default. Checked as given and once decoded.
 */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  const decoded = decode(next);
  for (const candidate of [next, decoded]) {
    if (candidate === undefined || !candidate.startsWith("/") || candidate.startsWith("//")) return undefined;
    if (unsafe(candidate)) return undefined;
  }
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return undefined;
  }
  if (url.origin !== HERE) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
