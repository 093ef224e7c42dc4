// Demo tenders for a new installation (server/features/demo/seed.ts): open tenders with sealed and
// open bids, and one hired tender whose order is in progress (its first milestone funded and
// delivered), in Chinese and English — made through the same use cases as the API (postTender,
// submitBid, acceptBid → openOrder, the orders' delivery), so the ledger and its audit hold.
import type { CreateTender } from "../../../contracts/tasks.ts";
import type { SubmitBid } from "../../../contracts/tenders.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { demoActor as actor, DEMO_PROVIDERS, demoCast, demoDeadline } from "../accounts/demo-accounts.ts";
import { deliverMilestone } from "../orders/deliver-milestone.ts";
import { demoTopUp } from "../wallet/demo-top-up.ts";
import { acceptBid } from "./accept-bid.ts";
import { postTender } from "./post-tender.ts";
import { submitBid } from "./submit-bid.ts";

type Context = Pick<Deps, "config" | "jobs" | "clock" | "files" | "payments">;

/** Bidders besides the demo provider (found by e-mail — another demo may have made them — or made). */
const BIDDERS = [DEMO_PROVIDERS.chen, DEMO_PROVIDERS.inkAndPixel, DEMO_PROVIDERS.jiefangCode];

/** A bid: bidder 0 is the demo provider, 1… are BIDDERS. */
type DemoBid = { by: number } & SubmitBid;
type DemoTender = Omit<CreateTender, "bidDeadline" | "sealedBids"> & {
  days: number;
  sealedBids?: boolean;
  bids: DemoBid[];
  /** Hired: the index of the accepted bid; its first milestone is delivered. */
  hire?: { bid: number; delivery: string };
};

const TENDERS: DemoTender[] = [
  {
    mode: "tender",
    title: "火锅店扫码点餐小程序 · WeChat mini-program for table ordering",
    brief:
      "我们有三家火锅店，想做一个微信小程序：扫桌上的码点菜、加菜、排队取号、会员积分，后台能改菜单和价格。\n\nThree hotpot restaurants need a WeChat mini-program: scan the table code to order and add dishes, queue numbers, member points, and a back office to edit the menu and prices.",
    categoryId: "mini-program",
    budgetMinor: 3_000_000,
    days: 6,
    bids: [
      {
        by: 0,
        amountMinor: 2_800_000,
        days: 40,
        proposal:
          "我们做过 20 多个餐饮小程序。先出交互原型，确认后开发点餐与排队，最后做会员和后台。每周演示一次。",
        milestones: [
          { title: "交互原型与界面设计", amountMinor: 600_000 },
          { title: "点餐、加菜与排队", amountMinor: 1_400_000 },
          { title: "会员积分与后台、上线", amountMinor: 800_000 },
        ],
      },
      {
        by: 2,
        amountMinor: 2_400_000,
        days: 30,
        proposal:
          "A small team of three. We build on our own ordering framework, so the menu and queue parts are fast; most of the time goes into your back office and the member scheme.",
        milestones: [
          { title: "Prototype and design", amountMinor: 400_000 },
          { title: "Ordering, queueing, back office", amountMinor: 2_000_000 },
        ],
      },
      {
        by: 3,
        amountMinor: 3_200_000,
        days: 45,
        proposal: "含一年免费维护和三家门店的上线培训。价格含服务器首年费用。",
        milestones: [
          { title: "需求与设计", amountMinor: 800_000 },
          { title: "开发与测试", amountMinor: 1_600_000 },
          { title: "上线、培训与维护", amountMinor: 800_000 },
        ],
      },
    ],
  },
  {
    mode: "tender",
    title: "English website for a Chongqing tea exporter · 茶叶出口企业英文官网",
    brief:
      "We export Sichuan and Chongqing teas to Europe. We need an English website (about, products, wholesale enquiry form) that loads fast outside China.\n\n我们向欧洲出口川渝茶叶，需要一个海外访问快的英文官网：公司介绍、产品、批发询价表单。",
    categoryId: "website",
    days: 9,
    sealedBids: false,
    bids: [
      {
        by: 2,
        amountMinor: 1_200_000,
        days: 21,
        proposal:
          "Static site on a European CDN, so it loads in under a second in Hamburg and Lyon. Product pages you can edit yourself.",
        milestones: [
          { title: "Design and copy structure", amountMinor: 400_000 },
          { title: "Build, enquiry form, launch", amountMinor: 800_000 },
        ],
      },
      {
        by: 1,
        amountMinor: 900_000,
        days: 18,
        proposal: "中英双语设计师负责，页面风格突出茶园和手工。含产品摄影修图 30 张。",
        milestones: [{ title: "设计、开发与上线", amountMinor: 900_000 }],
      },
    ],
  },
  {
    mode: "tender",
    title: "辣椒酱品牌商标注册 · Trademark filing for a chilli sauce brand",
    brief:
      "新的辣椒酱品牌「渝辣子」，需要在第 29、30、35 类申请商标，并做近似检索。\n\nA new chilli sauce brand, 渝辣子, needs trademark filings in classes 29, 30 and 35, with a similarity search first.",
    categoryId: "trademark",
    budgetMinor: 600_000,
    days: 5,
    bids: [
      {
        by: 0,
        amountMinor: 450_000,
        days: 15,
        proposal: "先做近似检索并出具风险报告，再提交三个类别的申请，跟进到受理通知书。",
        milestones: [
          { title: "近似检索与风险报告 · Similarity search", amountMinor: 150_000 },
          { title: "三类申请提交 · Filing in three classes", amountMinor: 300_000 },
        ],
      },
      {
        by: 3,
        amountMinor: 520_000,
        days: 10,
        proposal: "Fast track: search in two days, filings the week after; fee includes official fees.",
        milestones: [{ title: "Search and filing", amountMinor: 520_000 }],
      },
    ],
    hire: {
      bid: 0,
      delivery:
        "近似检索已完成：第 29、30 类无近似，第 35 类有一件近似但风险低，报告见附件说明。\nSearch done: no similar marks in 29 and 30, one low-risk mark in 35.",
    },
  },
];

export async function seedDemoTenders(tx: Tx, context?: Context): Promise<[]> {
  if (!context) return [];
  const deps = context;
  const cast = await demoCast(tx, BIDDERS);
  if (!cast) return [];
  const { buyerId, providerIds: bidders } = cast;

  for (const tender of TENDERS) {
    const { days, bids, hire, sealedBids, ...rest } = tender;
    const taskId = await postTender(
      tx,
      buyerId,
      {
        ...rest,
        sealedBids: sealedBids ?? true,
        bidDeadline: demoDeadline(deps.clock, days),
      },
      deps,
    );
    const bidIds: string[] = [];
    for (const { by, ...bid } of bids) {
      bidIds.push(await submitBid(tx, bidders[by] as string, taskId, bid, deps));
    }
    if (!hire) continue;
    const chosen = bids[hire.bid] as DemoBid;
    // The buyer tops up exactly the first milestone, which the hire funds.
    await demoTopUp(tx, deps, buyerId, (chosen.milestones[0] as { amountMinor: number }).amountMinor);
    const orderId = await acceptBid(tx, actor(buyerId), bidIds[hire.bid] as string, deps);
    const first = await tx
      .selectFrom("milestones")
      .select("id")
      .where("order_id", "=", orderId)
      .where("index", "=", 0)
      .executeTakeFirstOrThrow();
    await deliverMilestone(
      tx,
      actor(bidders[chosen.by] as string),
      first.id,
      { text: hire.delivery, files: [] },
      deps,
    );
  }
  return [];
}
