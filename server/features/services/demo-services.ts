// Demo shops for a new installation (server/features/demo/seed.ts): four providers' services in
// Chinese and English, each with a gallery image drawn with sharp, and the demo buyer's orders in
// several states — waiting for confirmation, in progress with a delivery, in progress, completed —
// made through the same use cases as the API (createService, orderService → openOrder, the orders'
// confirm / deliver / accept), so the ledger and its audit hold from the first start.
import type { CreateService, ServiceTier } from "../../../contracts/services.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import {
  demoActor as actor,
  DEMO_PROVIDERS,
  demoCast,
  escapeXml,
  storeDemoSvg,
} from "../accounts/demo-accounts.ts";
import { acceptMilestone } from "../orders/accept-milestone.ts";
import { confirmOrder } from "../orders/confirm-order.ts";
import { deliverMilestone } from "../orders/deliver-milestone.ts";
import { demoTopUp } from "../wallet/demo-top-up.ts";
import { createService } from "./create-service.ts";
import { orderService } from "./order-service.ts";
import { SERVICE_GALLERY } from "./services.queries.ts";

type Context = Pick<Deps, "config" | "jobs" | "clock" | "files" | "payments">;

/** Shops besides the demo provider's (found by e-mail — the contests' demo may have made them — or made). */
const SHOPS = [DEMO_PROVIDERS.chen, DEMO_PROVIDERS.inkAndPixel, DEMO_PROVIDERS.liangjiangIp];

type Pkg = [
  tier: ServiceTier,
  priceMinor: number,
  deliveryDays: number,
  revisions: number,
  description: string,
];
type DemoService = Omit<CreateService, "packages"> & { shop: number; packages: Pkg[]; word: string };

/** shop 0 is the demo provider; 1… are SHOPS. */
const SERVICES: DemoService[] = [
  {
    shop: 0,
    word: "LOGO",
    title: "品牌标志设计 · Brand logo design",
    description:
      "从品牌调研到标志定稿：提供多个方向的草图、标准色与字体建议，交付 AI / PNG / PDF 源文件。\n\nFrom brand research to the final mark: sketches in several directions, colours and type, delivered as AI / PNG / PDF.",
    categoryId: "logo",
    packages: [
      ["basic", 80_000, 3, 1, "1 个方案，1 次修改 · One concept, one revision"],
      ["standard", 180_000, 5, 3, "3 个方案，3 次修改，含名片 · Three concepts, business card"],
      ["premium", 380_000, 10, 5, "5 个方案 + 简版 VI 手册 · Five concepts and a short brand book"],
    ],
  },
  {
    shop: 0,
    word: "WEB",
    title: "企业官网建设 · Company website",
    description:
      "响应式企业官网，含首页、产品、案例、联系我们，手机电脑都好看，附后台与一年维护。\n\nA responsive company website (home, products, cases, contact) with an editor and a year of upkeep.",
    categoryId: "website",
    packages: [
      ["basic", 300_000, 10, 2, "5 个页面 · Five pages"],
      ["premium", 900_000, 25, 4, "15 个页面 + 中英双语 · Fifteen pages, Chinese and English"],
    ],
  },
  {
    shop: 1,
    word: "MINI",
    title: "微信小程序开发 · WeChat mini-program",
    description:
      "点餐、预约、会员积分类小程序，含设计与上线审核。\n\nOrdering, booking and loyalty mini-programs, design and store review included.",
    categoryId: "mini-program",
    packages: [
      ["standard", 600_000, 20, 3, "模板定制 · From a template"],
      ["premium", 1_500_000, 40, 5, "全新定制 + 后台 · Custom build with an admin"],
    ],
  },
  {
    shop: 2,
    word: "ART",
    title: "Illustrated portraits and mascots · 插画头像与吉祥物",
    description:
      "Hand-drawn portraits, team avatars and brand mascots in a warm, flat style; print-ready files.\n\n手绘风格头像、团队头像与品牌吉祥物，交付可印刷文件。",
    categoryId: "illustration",
    packages: [
      ["basic", 30_000, 2, 1, "One portrait · 一幅头像"],
      ["standard", 90_000, 4, 2, "Three portraits · 三幅"],
      ["premium", 200_000, 7, 3, "A mascot with three poses · 吉祥物三个姿势"],
    ],
  },
  {
    shop: 2,
    word: "POSTER",
    title: "Event posters in English and Chinese · 中英文活动海报",
    description:
      "Posters and social cards for events, bilingual typesetting done right.\n\n活动海报与社交媒体图，中英排版规范。",
    categoryId: "poster",
    packages: [["basic", 50_000, 3, 2, "One poster, two sizes · 一张海报两种尺寸"]],
  },
  {
    shop: 3,
    word: "TM",
    title: "商标注册申请 · Trademark filing",
    description:
      "商标查询、类别建议、材料准备与提交，进度全程可查。\n\nTrademark search, class advice, filing and tracking until registration.",
    categoryId: "trademark",
    packages: [
      ["basic", 60_000, 5, 0, "1 个类别 · One class"],
      ["standard", 150_000, 5, 1, "3 个类别 + 查询报告 · Three classes and a search report"],
    ],
  },
];

/** The demo buyer's orders: which service and tier, and how far each went. */
const ORDERS: {
  service: number;
  tier: ServiceTier;
  requirements: string;
  upTo: "placed" | "confirmed" | "delivered" | "accepted";
}[] = [
  {
    service: 0,
    tier: "standard",
    requirements:
      "火锅店新品牌，红色为主，要有山城元素。A new hotpot brand: mostly red, a hint of the mountain city.",
    upTo: "placed",
  },
  {
    service: 2,
    tier: "standard",
    requirements:
      "茶饮店点单小程序，支持外卖和会员卡。A tea shop ordering mini-program with delivery and a member card.",
    upTo: "delivered",
  },
  {
    service: 5,
    tier: "basic",
    requirements: "第 43 类餐饮服务。Class 43, restaurant services.",
    upTo: "confirmed",
  },
  {
    service: 3,
    tier: "premium",
    requirements: "A friendly panda mascot for our tea brand, waving, drinking, running.",
    upTo: "accepted",
  },
];

/** A simple showcase image for a gallery: a coloured card with a word. */
function cardSvg(word: string, seed: number): string {
  const hue = (seed * 67 + 20) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="hsl(${hue},40%,95%)"/>
    <rect x="60" y="60" width="520" height="300" rx="28" fill="hsl(${hue},55%,45%)"/>
    <circle cx="170" cy="210" r="70" fill="hsl(${(hue + 150) % 360},70%,65%)"/>
    <text x="400" y="235" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif"
      font-size="64" font-weight="bold" fill="#fff">${escapeXml(word)}</text>
    <rect x="60" y="390" width="${200 + ((seed * 53) % 300)}" height="24" rx="12" fill="hsl(${hue},30%,70%)"/>
  </svg>`;
}

export async function seedDemoServices(tx: Tx, context?: Context): Promise<[]> {
  if (!context) return [];
  const deps = context;
  const cast = await demoCast(tx, SHOPS);
  if (!cast) return [];
  const { buyerId, providerIds: shops } = cast;

  const serviceIds: string[] = [];
  for (const [i, s] of SERVICES.entries()) {
    const { shop, packages, word, ...rest } = s;
    const providerId = shops[shop] as string;
    const id = await createService(
      tx,
      actor(providerId),
      {
        ...rest,
        packages: packages.map(([tier, priceMinor, deliveryDays, revisions, description]) => ({
          tier,
          priceMinor,
          deliveryDays,
          revisions,
          description,
        })),
      },
      deps,
    );
    const image = await storeDemoSvg(deps, cardSvg(word, i + 1), `${word.toLowerCase()}.png`);
    await attachFiles(tx, providerId, { type: SERVICE_GALLERY, id }, [image]);
    serviceIds.push(id);
  }

  // What the orders cost, and 2 000 yuan left to try ordering with.
  const prices = ORDERS.map((o) => {
    const pkg = SERVICES[o.service]?.packages.find(([tier]) => tier === o.tier);
    return pkg ? pkg[1] : 0;
  });
  await demoTopUp(tx, deps, buyerId, prices.reduce((a, b) => a + b, 0) + 200_000);

  const buyer = actor(buyerId);
  for (const o of ORDERS) {
    const orderId = await orderService(
      tx,
      buyer,
      { serviceId: serviceIds[o.service] as string, tier: o.tier, requirements: o.requirements },
      deps,
    );
    if (o.upTo === "placed") continue;
    const provider = actor(shops[SERVICES[o.service]?.shop ?? 0] as string);
    await confirmOrder(tx, provider, orderId, deps);
    if (o.upTo === "confirmed") continue;
    const milestone = await tx
      .selectFrom("milestones")
      .select("id")
      .where("order_id", "=", orderId)
      .where("index", "=", 0)
      .executeTakeFirstOrThrow();
    const preview = await storeDemoSvg(deps, cardSvg("v1", o.service + 10), "delivery.png");
    await deliverMilestone(
      tx,
      provider,
      milestone.id,
      { text: "第一版交付，请查收。First delivery — please have a look.", files: [preview] },
      deps,
    );
    if (o.upTo === "delivered") continue;
    await acceptMilestone(tx, buyer, milestone.id, deps);
  }
  return [];
}
