// The web app's shell (web/dist/index.html) as the server answers a page: with the page's real
// <title>, description, canonical link and Open Graph / Twitter tags, so that search engines and
// link previews (a WeChat share) see what the page is about without running JavaScript. Public
// pages also get their facts as plain HTML in the <noscript> block: a contest's title, prize pool,
// deadline and status — only what the anonymous API shows (GET /api/v1/tasks/:id), never entries.
// The browser's app replaces nothing of this: it renders into #root and sets the title itself.
//
//   /            home                  /tasks/:id   a task (contest): its title and facts; 404 if none
//   /contests    the open contests     /users/:id   a public profile; 404 if none (or suspended)
//   other pages of the router: the generic head; any other path: the generic head with 404.
import fs from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Locale } from "../../../contracts/accounts.ts";
import { type Task, TaskListQuery } from "../../../contracts/tasks.ts";
import { isWebRoute } from "../../../contracts/web-routes.ts";
import type { Deps } from "../../core/deps.ts";
import { findAccountById } from "../accounts/accounts.queries.ts";
import type { TaskModes } from "../tasks/task-mode.ts";
import { findTask, listTasks } from "../tasks/tasks.queries.ts";

/** The database and the table of task modes (a task's head is presented by its mode). */
type ShellDeps = Pick<Deps, "db"> & { modes: TaskModes };

/** The cookie a page may set to say the reader's language (`zh-CN` or `en`); else Accept-Language. */
export const LOCALE_COOKIE = "lj_locale";

export type PageHead = Readonly<{
  title: string;
  description: string;
  /** og:type: "website" for the site's pages, "article" for a task, "profile" for a person. */
  type: "website" | "article" | "profile";
  /** Plain-HTML facts for readers without JavaScript (already escaped), or none. */
  summaryHtml?: string;
}>;

export type RenderedPage = Readonly<{ status: 200 | 404; html: string }>;

const TEXT = {
  "zh-CN": {
    siteName: "两江",
    title: "两江 · 创意服务托管交易平台",
    description: "两江：开源的创意服务交易平台。雇主先托管赏金，验收满意后才放款；服务商按规则公平竞争。",
    contestsTitle: "悬赏任务 · 两江",
    contestsDescription: "正在征稿的悬赏任务：设计、文案、命名等，赏金已全额托管。",
    openContests: "正在征稿的悬赏",
    noContests: "暂时没有正在征稿的悬赏。",
    prizePool: "赏金总额",
    prizes: "奖项",
    deadline: "截稿时间",
    status: "状态",
    postedBy: "发布者",
    entries: "投稿数",
    profileDescription: (name: string, since: string) => `${name} 是两江的用户，${since} 加入。`,
    memberSince: "加入时间",
    noScript: "两江需要启用 JavaScript。",
    statuses: {
      open: "征稿中",
      selecting: "评选中",
      awarded: "已选出中标作品",
      completed: "已完成",
      cancelled: "已取消",
      refunded: "已退款",
      hired: "已雇用",
      closed: "已关闭",
    },
  },
  en: {
    siteName: "Liangjiang",
    title: "Liangjiang · Creative services with escrow",
    description:
      "Liangjiang: an open-source marketplace for creative services. Buyers escrow the prize first and release it only on acceptance; providers compete under fair rules.",
    contestsTitle: "Contests · Liangjiang",
    contestsDescription:
      "Contests open for entries: logos, copy, naming and more, with the prize fully in escrow.",
    openContests: "Contests open for entries",
    noContests: "No contest is open for entries right now.",
    prizePool: "Prize pool",
    prizes: "Prizes",
    deadline: "Entries close",
    status: "Status",
    postedBy: "Posted by",
    entries: "Entries",
    profileDescription: (name: string, since: string) => `${name} is a member of Liangjiang since ${since}.`,
    memberSince: "Member since",
    noScript: "Liangjiang needs JavaScript enabled.",
    statuses: {
      open: "Open for entries",
      selecting: "Judging",
      awarded: "Winners chosen",
      completed: "Completed",
      cancelled: "Cancelled",
      refunded: "Refunded",
      hired: "Hired",
      closed: "Closed",
    },
  },
} as const;

type Text = (typeof TEXT)[Locale];

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** The reader's language: the lj_locale cookie, else the first of Accept-Language we speak, else zh-CN. */
export function pageLocale(request: FastifyRequest): Locale {
  const cookie = request.cookies?.[LOCALE_COOKIE];
  if (cookie === "en" || cookie === "zh-CN") return cookie;
  const header = request.headers["accept-language"];
  if (typeof header !== "string") return "zh-CN";
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "zh-CN";
}

function money(minor: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(minor / 100);
}

/** A deadline in China time (UTC+8 all year: no daylight saving), the zone written out. */
function dateTime(iso: string, locale: Locale): string {
  const local = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Asia/Shanghai",
  }).format(new Date(iso));
  return `${local} (UTC+8)`;
}

/** A description from free text: one line, at most `max` characters. */
function excerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function facts(rows: [string, string][]): string {
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

/** The end of a task's first phase, whatever its way of buying. */
function deadlineOf(task: Task): string {
  if (task.mode === "contest") return task.submissionDeadline;
  if (task.mode === "piecework") return task.deadline;
  return task.bidDeadline;
}

function taskHead(task: Task, text: Text, locale: Locale): PageHead {
  const status = text.statuses[task.status] ?? task.status;
  const pool = money(task.poolMinor, locale);
  const rows: [string, string][] = [
    [text.status, status],
    [text.prizePool, pool],
  ];
  if (task.mode === "contest" && task.prizesMinor.length > 1) {
    rows.push([text.prizes, task.prizesMinor.map((p) => money(p, locale)).join(" / ")]);
  }
  if (task.mode === "piecework") {
    rows.push([text.prizes, `${money(task.unitPriceMinor, locale)} × ${task.quantity}`]);
  }
  rows.push([text.deadline, dateTime(deadlineOf(task), locale)]);
  rows.push([text.postedBy, task.buyer.displayName]);
  rows.push([text.entries, String(task.entryCount)]);
  return {
    title: `${task.title} · ${text.siteName}`,
    description: excerpt(`${pool} · ${status} · ${task.brief}`),
    type: "article",
    summaryHtml:
      `<article><h1>${escapeHtml(task.title)}</h1>${facts(rows)}` +
      `<p>${escapeHtml(excerpt(task.brief, 600))}</p></article>`,
  };
}

async function contestsHead(deps: ShellDeps, text: Text, locale: Locale): Promise<PageHead> {
  const { items } = await listTasks(
    deps.db,
    TaskListQuery.parse({ mode: "contest", status: "open", sort: "newest", limit: 20 }),
    deps.modes,
  );
  const list =
    items.length === 0
      ? `<p>${escapeHtml(text.noContests)}</p>`
      : `<ul>${items
          .map(
            (t) =>
              `<li><a href="/tasks/${escapeHtml(t.id)}">${escapeHtml(t.title)}</a> · ${escapeHtml(
                money(t.poolMinor, locale),
              )} · ${escapeHtml(text.deadline)} ${escapeHtml(dateTime(deadlineOf(t), locale))}</li>`,
          )
          .join("")}</ul>`;
  return {
    title: text.contestsTitle,
    description: text.contestsDescription,
    type: "website",
    summaryHtml: `<h1>${escapeHtml(text.openContests)}</h1>${list}`,
  };
}

/** The head (and facts) of a page path; undefined when the path names nothing that exists. */
export async function headFor(
  deps: ShellDeps,
  pathname: string,
  locale: Locale,
): Promise<PageHead | undefined> {
  const text = TEXT[locale];
  const site: PageHead = { title: text.title, description: text.description, type: "website" };
  const parts = pathname.split("/").filter((s) => s !== "");
  const [first, id, ...rest] = parts;
  if (parts.length === 0) return site;
  if (parts.length === 1 && first?.toLowerCase() === "contests") return contestsHead(deps, text, locale);
  if (first?.toLowerCase() === "tasks" && id && rest.length === 0) {
    const task = await findTask(deps.db, id, deps.modes);
    return task ? taskHead(task, text, locale) : undefined;
  }
  if (first?.toLowerCase() === "users" && id && rest.length === 0) {
    const account = await findAccountById(deps.db, id);
    if (account?.status !== "active") return undefined;
    const since = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "long",
      timeZone: "Asia/Shanghai",
    }).format(account.created_at);
    return {
      title: `${account.display_name} · ${text.siteName}`,
      description: text.profileDescription(account.display_name, since),
      type: "profile",
      summaryHtml: `<h1>${escapeHtml(account.display_name)}</h1>${facts([[text.memberSince, since]])}`,
    };
  }
  return isWebRoute(pathname) ? site : undefined;
}

/** The shell with this page's head: title, description, canonical, Open Graph, Twitter, lang. */
export function renderShell(
  shell: string,
  head: PageHead,
  page: { url: string; locale: Locale; siteName: string },
): string {
  const meta = (attr: "name" | "property", key: string, value: string) =>
    `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
  const tags = [
    `<link rel="canonical" href="${escapeHtml(page.url)}" />`,
    meta("property", "og:title", head.title),
    meta("property", "og:description", head.description),
    meta("property", "og:type", head.type),
    meta("property", "og:url", page.url),
    meta("property", "og:site_name", page.siteName),
    meta("property", "og:locale", page.locale === "en" ? "en_US" : "zh_CN"),
    meta("name", "twitter:card", "summary"),
    meta("name", "twitter:title", head.title),
    meta("name", "twitter:description", head.description),
  ].join("\n    ");
  const noscript = `<noscript>${escapeHtml(TEXT[page.locale].noScript)}${head.summaryHtml ?? ""}</noscript>`;
  // Functions as replacements: a `$&` or `$1` in a title is text, not a pattern. The tags go right
  // after the title, early in the head (before the long list of preloads) for scrapers that read
  // only the first kilobytes.
  const titled = /<title>[\s\S]*?<\/title>/i.test(shell)
    ? shell
    : shell.replace(/<\/head>/i, "<title></title></head>");
  const html = titled
    .replace(/<html\b[^>]*>/i, () => `<html lang="${page.locale}">`)
    .replace(/\n?[ \t]*<meta\s+name="description"[\s\S]*?\/?>/i, "")
    .replace(
      /<title>[\s\S]*?<\/title>/i,
      () =>
        `<title>${escapeHtml(head.title)}</title>\n    ${meta("name", "description", head.description)}\n    ${tags}`,
    );
  return /<noscript>[\s\S]*?<\/noscript>/i.test(html)
    ? html.replace(/<noscript>[\s\S]*?<\/noscript>/i, () => noscript)
    : html.replace(/<\/body>/i, () => `${noscript}</body>`);
}

/**
 * Answers a page path with the shell: 200 with the page's head, or 404 with the generic head when
 * the path is no page of the router or names a task or person that does not exist (for anyone).
 */
export async function sendWebPage(
  deps: ShellDeps & Pick<Deps, "config">,
  webDir: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const pathname = (request.url.split("?")[0] ?? "/").replace(/(.)\/+$/, "$1");
  const locale = pageLocale(request);
  const found = await headFor(deps, pathname, locale);
  const text = TEXT[locale];
  const head = found ?? { title: text.title, description: text.description, type: "website" as const };
  const shell = await fs.readFile(path.join(webDir, "index.html"), "utf8");
  const html = renderShell(shell, head, {
    url: `${deps.config.publicUrl.replace(/\/+$/, "")}${pathname === "/" ? "/" : pathname}`,
    locale,
    siteName: text.siteName,
  });
  reply
    .status(found ? 200 : 404)
    .header("cache-control", "no-cache")
    .header("vary", "Accept-Encoding, Accept-Language, Cookie")
    .type("text/html; charset=utf-8");
  // Compressed here, as the static files are at build time (a few kB: well under a millisecond).
  const encoding = preferredEncoding(request.headers["accept-encoding"]);
  if (encoding === "br") {
    const body = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header("content-encoding", "br").send(body);
  }
  if (encoding === "gzip") return reply.header("content-encoding", "gzip").send(gzipSync(html));
  return reply.send(html);
}

/** br, else gzip, when the client accepts it (q > 0); else none. */
export function preferredEncoding(header: string | string[] | undefined): "br" | "gzip" | undefined {
  const accepted = new Set(
    String(header ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, "")) > 0)
      .map(([name]) => name?.trim()),
  );
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}
