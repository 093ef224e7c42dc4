// Which texts are loaded: the shell's Chinese catalogue is in the first chunk; English, and every
// feature's catalogue, come as small chunks of their own — a feature's with its pages (see
// lazyPage), in the language shown. Switching the language loads what is in use in the other one.
import type { accountsZhCN } from "../../features/accounts/i18n.zh-CN.ts";
import type { adminZhCN } from "../../features/admin/i18n.zh-CN.ts";
import type { contestsZhCN } from "../../features/contests/i18n.zh-CN.ts";
import type { dashboardZhCN } from "../../features/dashboard/i18n.zh-CN.ts";
import type { messagesZhCN } from "../../features/messages/i18n.zh-CN.ts";
import type { notificationsZhCN } from "../../features/notifications/i18n.zh-CN.ts";
import type { ordersZhCN } from "../../features/orders/i18n.zh-CN.ts";
import type { pieceworkZhCN } from "../../features/piecework/i18n.zh-CN.ts";
import type { servicesZhCN } from "../../features/services/i18n.zh-CN.ts";
import type { tendersZhCN } from "../../features/tenders/i18n.zh-CN.ts";
import type { walletZhCN } from "../../features/wallet/i18n.zh-CN.ts";
import type { Locale, Plural } from "./messages.ts";
import { zhCN } from "./zh-CN.ts";

export type Catalogue = Readonly<Record<string, string | Plural>>;

/** Every feature's catalogue, by language (its keys are in MessageKey through these types). */
export type FeatureCatalogues = typeof accountsZhCN &
  typeof walletZhCN &
  typeof adminZhCN &
  typeof contestsZhCN &
  typeof dashboardZhCN &
  typeof tendersZhCN &
  typeof servicesZhCN &
  typeof ordersZhCN &
  typeof pieceworkZhCN &
  typeof messagesZhCN &
  typeof notificationsZhCN;

const loaders = {
  shell: { "zh-CN": async () => zhCN, en: async () => (await import("./en.ts")).en },
  accounts: {
    "zh-CN": async () => (await import("../../features/accounts/i18n.zh-CN.ts")).accountsZhCN,
    en: async () => (await import("../../features/accounts/i18n.en.ts")).accountsEn,
  },
  wallet: {
    "zh-CN": async () => (await import("../../features/wallet/i18n.zh-CN.ts")).walletZhCN,
    en: async () => (await import("../../features/wallet/i18n.en.ts")).walletEn,
  },
  admin: {
    "zh-CN": async () => (await import("../../features/admin/i18n.zh-CN.ts")).adminZhCN,
    en: async () => (await import("../../features/admin/i18n.en.ts")).adminEn,
  },
  contests: {
    "zh-CN": async () => (await import("../../features/contests/i18n.zh-CN.ts")).contestsZhCN,
    en: async () => (await import("../../features/contests/i18n.en.ts")).contestsEn,
  },
  dashboard: {
    "zh-CN": async () => (await import("../../features/dashboard/i18n.zh-CN.ts")).dashboardZhCN,
    en: async () => (await import("../../features/dashboard/i18n.en.ts")).dashboardEn,
  },
  tenders: {
    "zh-CN": async () => (await import("../../features/tenders/i18n.zh-CN.ts")).tendersZhCN,
    en: async () => (await import("../../features/tenders/i18n.en.ts")).tendersEn,
  },
  services: {
    "zh-CN": async () => (await import("../../features/services/i18n.zh-CN.ts")).servicesZhCN,
    en: async () => (await import("../../features/services/i18n.en.ts")).servicesEn,
  },
  orders: {
    "zh-CN": async () => (await import("../../features/orders/i18n.zh-CN.ts")).ordersZhCN,
    en: async () => (await import("../../features/orders/i18n.en.ts")).ordersEn,
  },
  piecework: {
    "zh-CN": async () => (await import("../../features/piecework/i18n.zh-CN.ts")).pieceworkZhCN,
    en: async () => (await import("../../features/piecework/i18n.en.ts")).pieceworkEn,
  },
  messages: {
    "zh-CN": async () => (await import("../../features/messages/i18n.zh-CN.ts")).messagesZhCN,
    en: async () => (await import("../../features/messages/i18n.en.ts")).messagesEn,
  },
  notifications: {
    "zh-CN": async () => (await import("../../features/notifications/i18n.zh-CN.ts")).notificationsZhCN,
    en: async () => (await import("../../features/notifications/i18n.en.ts")).notificationsEn,
  },
} satisfies Record<string, Record<Locale, () => Promise<Catalogue>>>;

export type CatalogueName = Exclude<keyof typeof loaders, "shell">;

/** The texts loaded so far, by language (one flat table: keys are unique across catalogues). */
export const texts: Record<Locale, Record<string, string | Plural>> = { "zh-CN": { ...zhCN }, en: {} };
const done = new Set<string>(["shell:zh-CN"]);
/** The catalogues pages have asked for: loaded again in a language switched to. */
const inUse = new Set<CatalogueName>();

async function load(name: keyof typeof loaders, locale: Locale) {
  const id = `${name}:${locale}`;
  if (done.has(id)) return;
  Object.assign(texts[locale], await loaders[name][locale]());
  done.add(id);
}

/** The language being switched to, while its texts load (then shown). */
let switchingTo: Locale | undefined;

/** The shell's catalogue and every one in use, in `locale` (before showing that language). */
export async function loadLanguage(locale: Locale): Promise<void> {
  switchingTo = locale;
  await Promise.all([load("shell", locale), ...[...inUse].map((name) => load(name, locale))]);
}

/**
 * A feature's catalogues in `locale` (before showing its page) — and in the language being switched
 * to, if any: a page that starts loading during a switch (the account's language adopted at log-in)
 * would otherwise show its keys once the switch lands.
 */
export async function loadCatalogues(names: readonly CatalogueName[], locale: Locale): Promise<void> {
  for (const name of names) inUse.add(name);
  const locales = switchingTo && switchingTo !== locale ? [locale, switchingTo] : [locale];
  await Promise.all(names.flatMap((name) => locales.map((l) => load(name, l))));
}

/** The language on screen, kept by the I18nProvider: a page's catalogues load in it. */
let shown: Locale = "zh-CN";
export function shownLocale(): Locale {
  return shown;
}
export function setShownLocale(locale: Locale) {
  shown = locale;
}

export function isLoaded(locale: Locale): boolean {
  return done.has(`shell:${locale}`);
}
