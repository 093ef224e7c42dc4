import type { CatalogueOf } from "./messages.ts";
import type { zhCN } from "./zh-CN.ts";

// The shell's English texts: exactly the keys of ./zh-CN.ts (each feature has its own catalogue).
export const en: CatalogueOf<typeof zhCN> = {
  "app.name": "Liangjiang",
  "app.nameLatin": "两江",
  "app.tagline": "Creative services, paid through escrow",
  "app.documentTitle": "Liangjiang · Creative services with escrow",

  "a11y.skipToContent": "Skip to main content",
  "a11y.primaryNav": "Main navigation",
  "a11y.footerNav": "Footer navigation",
  "a11y.homeLink": "Liangjiang home",
  "a11y.example": "Example",

  "lang.switchTo": "中文",
  "lang.switchLabel": "Switch language to Chinese",

  "nav.ways": "Ways to buy",
  "nav.escrow": "Escrow",
  "nav.categories": "Categories",
  "nav.login": "Log in",
  "nav.signup": "Sign up free",
  "nav.signupShort": "Sign up",

  "home.hero.eyebrow": "Open source · Escrow-protected · Bilingual",
  "home.hero.title": "Hire creative talent you can trust. Pay only when you accept the work.",
  "home.hero.lead":
    "Liangjiang connects small businesses with freelance designers and studios for logos, naming, copywriting, websites and mini-programs, marketing and trademark filing. Every yuan is held in escrow and reaches the provider only when the buyer accepts the work.",
  "home.hero.ctaPost": "Post a task",
  "home.hero.ctaProvide": "Become a provider",
  "home.hero.point1": "Money is released only on acceptance; in escrow, neither side can take it alone",
  "home.hero.pointDisputes": "Disputes go to fair arbitration",
  "home.hero.point2": "Sealed entries by default, with originality checks",
  "home.hero.point3": "Clear rules that are fair to creatives, with fast payouts",

  "home.demo.title": "Logo for a tea brand",
  "home.demo.mode": "Contest",
  "home.demo.escrowed": "In escrow",
  "home.demo.prizes": "1st prize {first} · runners-up {runner} × 2",
  "home.demo.entries": { one: "1 sealed entry received", other: "{count} sealed entries received" },
  "home.demo.step1": "Post and fund the prize",
  "home.demo.step2": "Providers submit entries",
  "home.demo.step3": "Pick a winner, get the files",
  "home.demo.step4": "Accept, money is released",

  "home.ways.title": "How you buy: escrow first, pay on acceptance",
  "home.ways.lead":
    "The money goes into escrow first and reaches the provider only after delivery and your acceptance.",
  "home.ways.bestFor": "Best for",
  "home.ways.contest.name": "Contest",
  "home.ways.contest.latin": "悬赏",
  "home.ways.contest.body":
    "Write a brief, set prizes and a deadline; many providers submit entries and you award the ones you like best. Prizes are escrowed when you post and guaranteed by default.",
  "home.ways.contest.bestFor": "Logos, posters, names — when you want to see many ideas",
  "home.ways.contest.example": "e.g. 1st prize {amount}",
  "home.ways.piecework.name": "Piece-rate",
  "home.ways.piecework.latin": "计件",
  "home.ways.piecework.body":
    "Set a unit price × quantity. Each accepted piece is paid at once; whatever is left returns to you when the quantity is reached or the deadline passes.",
  "home.ways.piecework.bestFor": "Slogans, short copy, surveys, labelling — work that splits into pieces",
  "home.ways.piecework.example": "e.g. {amount} × 20 slogans",
  "home.ways.tender.name": "Tender",
  "home.ways.tender.latin": "招标",
  "home.ways.tender.body":
    "Describe the need and a budget; providers bid a price and a plan in milestones. Accept one bid and it becomes an order, funded and paid milestone by milestone.",
  "home.ways.tender.bestFor": "Websites, mini-programs, apps — longer projects",
  "home.ways.tender.example": "e.g. budget {amount}",
  "home.ways.service.name": "Service order",
  "home.ways.service.latin": "雇佣 · 店铺服务",
  "home.ways.service.body":
    "Buy a package from a provider's shop (basic / standard / premium) with a clear price, delivery time and number of revisions. Fully escrowed before work starts.",
  "home.ways.service.bestFor": "Trademark filing, visual identity and other standard services",
  "home.ways.service.example": "e.g. standard package {amount}",

  "home.escrow.title": "How escrow protects you",
  "home.escrow.lead":
    "Every movement of money is recorded on a double-entry ledger. Money in escrow cannot be taken by either side alone.",
  "home.escrow.step1.title": "Fund",
  "home.escrow.step1.body": "When you post a task, the money moves from your balance into escrow.",
  "home.escrow.step2.title": "Deliver",
  "home.escrow.step2.body": "The provider delivers work and source files on the platform, on the record.",
  "home.escrow.step3.title": "Accept and release",
  "home.escrow.step3.body":
    "Accept the work and the money is released; if nobody acts in time, the rules accept it automatically.",
  "home.escrow.step4.title": "Disputes are arbitrated",
  "home.escrow.step4.body":
    "Both sides submit evidence; an operator decides how much is refunded and released.",
  "home.fair.title": "Fair to creatives",
  "home.fair.item1": "Sealed entries: only the buyer sees your work, so nobody can copy it",
  "home.fair.item2": "Originality checks: copies of others' work are flagged, with timestamps as evidence",
  "home.fair.item3": "Two-way reviews: only parties of a paid transaction review, published blind",
  "home.fair.item4":
    "The platform fee is taken only at release, from what the provider is paid — openly, no hidden charges",

  "home.categories.title": "Popular categories",
  "home.categories.lead":
    "From brand design to intellectual property: the services small businesses need most.",
  "home.categories.loading": "Loading categories…",
  "home.categories.error": "The categories could not be loaded. Please try again.",
  "home.categories.retry": "Try again",
  "home.categories.empty": "No categories yet.",
  "home.categories.subCount": { one: "1 service", other: "{count} services" },

  "home.cta.buyer.title": "I need work done",
  "home.cta.buyer.body":
    "Post a task in minutes. Your budget waits in escrow until you receive work you are happy with.",
  "home.cta.buyer.action": "Post a task",
  "home.cta.provider.title": "I am a creative",
  "home.cta.provider.body":
    "Freelancers and studios are welcome: compete fairly, win prizes with your work, and get paid on time.",
  "home.cta.provider.action": "Become a provider",

  "footer.about":
    "Liangjiang is an open-source, self-hostable marketplace for creative services. Its name means “two rivers”, after the Yangtze and Jialing meeting in Chongqing.",
  "footer.platform": "Platform",
  "footer.developers": "Developers",
  "footer.apiDocs": "API documentation",
  "footer.openapi": "OpenAPI specification",
  "footer.license": "MIT licence",
  "footer.copyright": "© {year} Liangjiang 两江",
  "footer.currency": "All amounts in Chinese yuan (CNY)",

  "notFound.title": "This page does not exist yet",
  "notFound.body": "There is no page at {path}. It may not be available yet, or the link may be wrong.",
  "notFound.home": "Back to the home page",
  "notFound.categories": "Browse categories",

  // The form kit and the one error mapper (lib/errors.ts).
  "form.save": "Save",
  "form.saving": "Saving…",
  "form.cancel": "Cancel",
  "form.retry": "Try again",
  "form.dismiss": "Dismiss",
  "form.loading": "Loading…",
  "form.error.required": "Please fill this in.",
  "form.error.email": "Enter a valid e-mail address.",
  "form.error.tooShort": "Use at least {min} characters.",
  "form.error.tooLong": "Use at most {max} characters.",
  "form.error.invalid": "This is not in the right format.",
  "form.error.controlCharacters": "Control characters are not allowed.",
  "form.error.passwordCommon": "This password is too common and easy to guess. Choose another.",
  "form.error.passwordIsEmail": "The password must not be your e-mail address.",
  "form.error.currentPasswordWrong": "The current password is wrong.",
  "form.error.code": "Enter the 6-digit code.",
  "form.error.codeWrong": "The code is wrong.",
  "form.error.codeExpired":
    "This code no longer works (expired, used, or too many wrong tries). Request a new one.",
  "form.error.idNumber": "Enter the 18-character resident identity number.",
  "form.error.creditCode": "Enter the 18-character unified social credit code.",
  "form.error.phone": "Enter a valid phone number, such as 13800138000 or +8613800138000.",
  "form.error.rateLimited": "Too many attempts. Try again later.",
  "form.error.rateLimitedFor": "Too many attempts. Try again in {minutes} min.",
  "form.error.sessionEnded": "Your session has ended. Log in again.",
  "form.error.forbidden": "You are not allowed to do this.",
  "form.error.checkFields": "Please check what you entered.",
  "form.error.conflict": "This has changed in the meantime. Reload the page and try again.",
  "form.error.notFound": "Nothing was found.",
  "money.yuan": "yuan",
  "error.network": "Could not reach the server. Check your connection and try again.",
  "error.generic": "Something went wrong. Please try again later.",

  // The shell (header, account menu, sign-in guard) and the kit use these from every page.
  "auth.checking": "Checking whether you are signed in…",
  "auth.forbidden.title": "No access",
  "auth.forbidden.body": "This page is for Liangjiang operators only.",
  "auth.captcha.check": "I'm not a robot",
  "auth.captcha.sandbox": "Sandbox check: no real CAPTCHA service is connected here.",
  "menu.label": "Account menu",
  "menu.profile": "My profile",
  "menu.wallet": "Wallet",
  "menu.settings": "Account settings",
  "menu.verification": "Verification",
  "menu.operator": "Operators",
  "menu.opsVerifications": "Verification queue",
  "menu.opsWithdrawals": "Withdrawal approvals",
  "menu.logout": "Log out",
  "menu.loggingOut": "Logging out…",
  "wallet.error.amount": "Enter an amount above zero with at most two decimals.",
  "wallet.error.insufficient": "Not enough available balance.",
  "nav.contests": "Contests",
  "nav.myContests": "Contests I posted",
  "nav.myEntries": "My entries",
  "contests.browse.post": "Post a contest",
  "contests.error.tooLarge": "A file is too large: at most 20 MB each.",
  "contests.error.fileType":
    "That file type is not accepted, or its content does not match its name: entries take PNG, JPEG, WebP, GIF images and PDF.",
};
