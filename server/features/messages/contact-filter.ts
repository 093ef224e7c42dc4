// The contact filter (docs/CONTACT-FILTER.md; PRODUCT.md "Trust and fairness"): before a deal
// exists between two people, a way to reach each other off the platform — a phone number, a
// WeChat / QQ / other messenger id, an e-mail address, a link or shop address — is replaced by ***
// in what the other reads. Ordinary text must come through untouched: prices, dates, sizes
// (1080×1920), order numbers, hex colours, 微信支付 as a way to pay.
//
// How: the text is first normalised one character for one character (so positions stay those of
// the original): full-width and other look-alike digits and letters → ASCII (NFKC), Chinese
// numerals (幺三八, 壹贰叁) → digits, hearts → ♥, other emoji and joining marks → •. Then a few
// rules each find ranges to mask (below, in order); the ranges are merged and replaced by ***.
// Measured on the labelled set in contact-filter.fixtures.ts (contact-filter.test.ts asserts floors).

export type FilterResult = Readonly<{ text: string; masked: boolean }>;

type Range = readonly [start: number, end: number];

export const MASK = "***";

/** Mask contact details in `text` (an unchanged text comes back as it was, `masked: false`). */
export function maskContacts(text: string): FilterResult {
  const chars = Array.from(text);
  const norm = chars.map(normalizeChar).join("");
  const ranges = merge(RULES.flatMap((rule) => rule.find(norm)));
  if (ranges.length === 0) return { text, masked: false };
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    out += chars.slice(at, start).join("") + MASK;
    at = end;
  }
  return { text: out + chars.slice(at).join(""), masked: true };
}

// ── Normalisation: one UTF-16 unit per code point of the original ────────────────────────────

const CHINESE_DIGITS: Record<string, string> = {
  零: "0",
  〇: "0",
  洞: "0",
  幺: "1",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  拐: "7",
  八: "8",
  九: "9",
  壹: "1",
  贰: "2",
  叁: "3",
  肆: "4",
  伍: "5",
  陆: "6",
  柒: "7",
  捌: "8",
  玖: "9",
};
const HEARTS = new Set(["❤", "♥", "♡", "💚", "💗", "💖", "💕", "💙", "💜", "🧡", "💛", "🖤", "🤍"]);

function normalizeChar(c: string): string {
  const digit = CHINESE_DIGITS[c];
  if (digit) return digit;
  if (HEARTS.has(c)) return "♥";
  if (c === "➕") return "+";
  const n = c.normalize("NFKC");
  // Full-width ＡＢ１２＠．, circled ①, mathematical 𝟏 … become their ASCII selves.
  if (n.length === 1 && n !== c) return n;
  // Emoji (surrogate pairs), variation selectors and keycap marks: one neutral joiner.
  if (c.length > 1 || /[\p{M}\p{Extended_Pictographic}\u200b-\u200d]/u.test(c)) return "•";
  return c;
}

// ── Rules ───────────────────────────────────────────────────────────────────────────────────────

type Rule = Readonly<{ name: string; find: (norm: string) => Range[] }>;

const RULES: readonly Rule[] = [
  { name: "phone numbers, however split", find: (n) => [...findPhones(n), ...all(n, COMMA_MOBILE)] },
  { name: "messenger ids after a messenger's name", find: findMessengerIds },
  { name: "e-mail addresses, also spelt out", find: (n) => all(n, EMAIL) },
  { name: "links and shop addresses", find: findLinks },
];

/**
 * Phone numbers. Digit groups are joined across short "joiners" — spaces, - _ . / | ~ * ( ),
 * emoji, and the words 加 / 杠 / 空格 / then / and — so 138 0013 8000, 1-3-8…, 1😀3😀8… and
 * 138加0013加8000 are one number. The joined digits are a phone number when they are a mainland
 * mobile (1[3-9] + 9 digits, optionally after 86 / 0086), an area code + number in two or more groups
 * (021-6234 5678), a 400/800 service number, or anything of 8–15 digits after a "+". Commas,
 * colons, × and CJK words other than those join nothing: that keeps prices, times, sizes and lists
 * apart. A number right after 订单 / 单号 / 编号 / order is an order number, not a phone.
 */
function findPhones(norm: string): Range[] {
  const found: Range[] = [];
  const group = /\d+/g;
  let m: RegExpExecArray | null = group.exec(norm);
  while (m) {
    // Gather this group and every group joined to it.
    const groups: { start: number; end: number; digits: string }[] = [];
    let g: RegExpExecArray | null = m;
    while (g) {
      groups.push({ start: g.index, end: g.index + g[0].length, digits: g[0] });
      const next = group.exec(norm);
      if (!next || !JOINER.test(norm.slice(groups[groups.length - 1]?.end, next.index))) {
        g = null;
        m = next;
      } else {
        g = next;
      }
    }
    const first = groups[0];
    if (first && !ORDER_NUMBER_BEFORE.test(norm.slice(Math.max(0, first.start - 8), first.start))) {
      found.push(...phoneIn(norm, groups));
    }
  }
  return found;
}

/** Commas join nothing (lists, prices) — except a mobile written in its own 3-4-4 shape: 137，0000，2222. */
const COMMA_MOBILE = /(?<!\d)1[3-9]\d\s*[,、]\s*\d{4}\s*[,、]\s*\d{4}(?!\d)/g;
const JOINER = /^(?:[\s\-_./\\|~*•♥()（）]{1,3}|\s*(?:加|杠|空格|then|and)\s*)$/i;
const ORDER_NUMBER_BEFORE = /(?:订单|单号|编号|流水号|order|no\.)[\s#:：号]*$/i;

function phoneIn(norm: string, groups: readonly { start: number; end: number; digits: string }[]): Range[] {
  const plus = norm[(groups[0]?.start ?? 0) - 1] === "+";
  const all = groups.map((g) => g.digits).join("");
  // The keycap marks after the last digit (1️⃣) go with it.
  const span = (from: number, to: number): Range => {
    let end = groups[to]?.end ?? 0;
    while (norm[end] === "•") end++;
    return [(groups[from]?.start ?? 0) - (from === 0 && plus ? 1 : 0), end];
  };
  if (plus && all.length >= 8 && all.length <= 15) return [span(0, groups.length - 1)];
  // A mobile (or a landline / service number) made of whole groups, starting at any group; the
  // longest such run wins (0086-139-1234-5678 is a mobile, not the "landline" 0086-1391234).
  for (let from = 0; from < groups.length; from++) {
    let digits = "";
    let longest = -1;
    for (let to = from; to < groups.length; to++) {
      digits += groups[to]?.digits;
      if (digits.length > 15) break;
      const several = to > from;
      if (
        /^(?:0{0,2}86)?1[3-9]\d{9}$/.test(digits) ||
        (several && /^0\d{2,3}$/.test(groups[from]?.digits ?? "") && /^0\d{9,11}$/.test(digits)) ||
        (several && /^[48]00\d{7}$/.test(digits))
      ) {
        longest = to;
      }
    }
    if (longest >= 0) return [span(from, longest)];
  }
  return [];
}

/**
 * A messenger's name — 微信 and its look-alikes (薇信 威信 徽信 V信 VX WX v♥ 卫星 绿色软件 +V 加V),
 * WeChat, QQ / 企鹅 / 扣扣 / Q号, Telegram, Skype, Line, WhatsApp, 钉钉, 抖音号, 小红书号, 微博 — then a
 * short bridge (号, ID, 是, is, a colon, a bracket), then the id. The id is masked, the name stays.
 * An id must hold a digit or one of _ - . (or follow an explicit "is" / colon / ID), so "WeChat mini
 * program" and "QQ 音乐" are left alone; 微信支付 / 付款 / 小程序 … are names of other things.
 */
function findMessengerIds(norm: string): Range[] {
  const found: Range[] = [];
  for (const m of norm.matchAll(MESSENGER)) {
    const id = m.groups?.id ?? "";
    const explicit = Boolean(m.groups?.sep);
    const strong = /[\d_.-]/.test(id) || /^@/.test(id);
    if (!strong && !(explicit && id.length >= 5)) continue;
    // A bare "v:" is also a version ("v: 1.2.3"): after it only an id starting with a letter.
    if (/^v[\s•]*[:：]/i.test(m[0]) && !/^[a-z]/i.test(id)) continue;
    const end = (m.index ?? 0) + m[0].length;
    found.push([end - id.length, end]);
  }
  return found;
}

const MESSENGER_NAME = String.raw`(?:微\s*信|薇\s*信|威\s*信|徽\s*信|危\s*信|v\s*信|wei\s*xin|we\s*chat|(?<![a-z])[vw]x(?![a-z])|[v微薇威]\s*♥|卫星|绿色软件|绿泡泡|(?:\+|加)\s*v(?![a-z])|(?:我的|my)\s*v(?=\s*(?:是|is|:|：))|(?<![a-z])qq(?![a-z])|企鹅|扣\s*扣|(?<![a-z])q\s*号|(?<![a-z])q(?=\s*[:：])|(?<![a-z0-9])v(?=\s*[:：])|instagram|(?<![a-z])ins(?=\s*[:：])|telegram|(?<![a-z])tg(?![a-z])|skype|line(?=\s*id)|whatsapp|钉钉|抖音号|小红书号|微博)`;
const NOT_AN_ID_AFTER = String.raw`(?!\s*(?:支付|付款|转账|红包|收款|登录|小程序|公众号|头像|音乐|空间|pay|mini|的))`;
const BRIDGE = String.raw`[\s•+]*(?:[吧呀啊哦呢嘛][\s•]*)?[,，(（]?[\s•]*(?:(?:我的|my)?\s*(?:号码|号|群|id|账号)\s*)?(?<sep>是|is|as|:|：|为|=)?[\s•]*`;
const ID = String.raw`(?<id>@[^\s,，。!！?？)）]{2,30}|[a-z0-9](?:[a-z0-9_.-]|\s(?=\d)){4,29}(?<![\s_.-]))`;
const MESSENGER = new RegExp(`${MESSENGER_NAME}${NOT_AN_ID_AFTER}${BRIDGE}${ID}`, "giu");

/**
 * E-mail addresses, including the spelt-out ones: tom[at]gmail[dot]com, tom at gmail dot com,
 * zhangsan 艾特 qq 点 com, lee_design#163.com (full-width ＠．were normalised already).
 */
const AT = String.raw`(?:\s*(?:@|艾特|\[at\]|\(at\)|\{at\}|#)\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*(?:\.|点|\[dot\]|\(dot\)|\{dot\})\s*|\s+dot\s+)`;
const TLD = "(?:com|cn|net|org|edu|gov|io|me|cc|co|uk|info|top|xyz)(?![a-z])";
const EMAIL = new RegExp(
  String.raw`(?<![a-z0-9._+-])[a-z0-9][a-z0-9._+-]*(?:\s+dot\s+[a-z0-9._+-]+)*${AT}[a-z0-9-]+(?:${DOT}[a-z0-9-]+)*${DOT}${TLD}`,
  "gi",
);

/**
 * Links: anything with a scheme or www., a bare domain under a common top-level domain (written in
 * lower case: "ASP.NET" and "Node.js" are not links), a domain spelt 点com / 点cn, and 淘口令
 * (a shop code between two currency signs: ￥AbCd1234XyZ￥).
 */
function findLinks(norm: string): Range[] {
  return [
    ...all(norm, SCHEME_OR_WWW),
    ...all(norm, BARE_DOMAIN),
    ...all(norm, DIAN_DOMAIN),
    ...all(norm, SHOP_CODE),
  ];
}
const URL_CHARS = String.raw`[a-z0-9\-._~:/?#\[\]@!$&'*+;=%]`;
const SCHEME_OR_WWW = new RegExp(String.raw`(?:\b[a-z]{2,8}://|\bwww\.)${URL_CHARS}+`, "gi");
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\w@.-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|me|cc|co|shop|top|xyz|site|design|store|info|tv|link|app|dev)(?![a-z0-9-])(?:/${URL_CHARS}*)?`,
  "g",
);
const DIAN_DOMAIN = /[a-z0-9][a-z0-9-]*\s*点\s*(?:com|cn|net|org)(?![a-z])/gi;
const SHOP_CODE = /[¥$€£₤]\s*(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8,14}\s*[¥$€£₤]/gi;

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────

function all(norm: string, pattern: RegExp): Range[] {
  return [...norm.matchAll(pattern)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
}

/** Sorted, overlapping or touching ranges merged (two masked neighbours read as one ***). */
function merge(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The rules' names, for the docs and the operator console. */
export const CONTACT_RULES: readonly string[] = RULES.map((r) => r.name);
