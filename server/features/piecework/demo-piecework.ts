// Demo piece-rate tasks for a new installation (server/features/demo/seed.ts): a slogan task and an
// illustration task in progress, in Chinese and English, made through the same use cases as the API
// — the demo buyer tops up through the sandbox provider's settlement, the pool is escrowed, some
// pieces are accepted (paid on the ledger), one is rejected with its reason, others wait — so the
// demo buyer has a review queue, the demo provider "my pieces", and the audit holds from the start.
import type { CreatePiecework } from "../../../contracts/piecework.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import {
  demoActor as actor,
  DEMO_PROVIDERS,
  demoCast,
  demoDeadline,
  storeDemoSvg,
} from "../accounts/demo-accounts.ts";
import { submitEntry } from "../tasks/submit-entry.ts";
import { demoTopUp } from "../wallet/demo-top-up.ts";
import { acceptPiece } from "./accept-piece.ts";
import { pieceworkMode } from "./mode.ts";
import { postPiecework } from "./post-piecework.ts";
import { rejectPiece } from "./reject-piece.ts";

type Context = Pick<Deps, "config" | "jobs" | "clock" | "files" | "payments">;

const modes = { piecework: pieceworkMode };

/** Providers beside the demo provider (index 0): found if another seeder made them, else made. */
const PROVIDERS = [DEMO_PROVIDERS.xiaoyu, DEMO_PROVIDERS.inkAndPixel, DEMO_PROVIDERS.chen];

type DemoPiece = {
  by: number;
  text: string;
  /** An illustration drawn for the piece (a hue). */
  picture?: number;
  outcome?: "accept" | { reject: string };
};
type DemoTask = Omit<CreatePiecework, "deadline" | "maxPerProvider"> & {
  days: number;
  maxPerProvider: number;
  pieces: DemoPiece[];
};

const TASKS: DemoTask[] = [
  {
    mode: "piecework",
    title: "鲜果茶店广告语 × 10 · Ten slogans for a fruit tea shop",
    brief:
      "观音桥新开的鲜果茶店，征集 10 条中文或中英双语广告语，每条不超过 16 个字，要年轻、好念、能印在杯套上。合格即采用，每条 ¥50。\n\nA new fruit tea shop in Guanyinqiao buys ten slogans, Chinese or bilingual, at most 16 characters each — young, easy to say, printable on a cup sleeve. Every acceptable one is taken and paid ¥50.",
    categoryId: "slogan",
    unitPriceMinor: 5_000,
    quantity: 10,
    maxPerProvider: 2,
    days: 6,
    pieces: [
      { by: 1, text: "「一口鲜果，一座山城。」A sip of fruit, a city of hills.", outcome: "accept" },
      { by: 0, text: "「两江的风，杯里的甜。」River breeze, sweet in a cup.", outcome: "accept" },
      {
        by: 2,
        text: "「喝了就对了。」Just drink it.",
        outcome: { reject: "与知名运动品牌口号过于相似 · Too close to a well-known sportswear slogan" },
      },
      { by: 3, text: "「鲜到观音桥，甜到解放碑。」Fresh to Guanyinqiao, sweet to Jiefangbei." },
      { by: 0, text: "「每一杯，都是今天的果。」Every cup, today's fruit." },
      { by: 1, text: "「重庆的夏天，装进一杯。」Chongqing summer, in one cup." },
    ],
  },
  {
    mode: "piecework",
    title: "城市小插画 × 6 · Six small illustrations of the city",
    brief:
      "为社区文创明信片征集重庆街景小插画，方形、色彩明快，每张 ¥200，共 6 张。请提交 PNG 或 JPEG，并附一句说明画的是哪里。\n\nSix square, bright illustrations of Chongqing street scenes for community postcards, ¥200 each. Send a PNG or JPEG with one line on where it is.",
    categoryId: "illustration",
    unitPriceMinor: 20_000,
    quantity: 6,
    maxPerProvider: 2,
    days: 9,
    pieces: [
      { by: 2, text: "洪崖洞夜景 · Hongyadong at night", picture: 28, outcome: "accept" },
      { by: 0, text: "长江索道 · The Yangtze cable car", picture: 200 },
      { by: 3, text: "李子坝轻轨穿楼 · The monorail through the building at Liziba", picture: 130 },
    ],
  },
];

/** A flat, bright square "illustration": hills, a river and a sun in the given hue. */
function pictureSvg(hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480">
    <rect width="480" height="480" fill="hsl(${hue},70%,88%)"/>
    <circle cx="360" cy="120" r="56" fill="hsl(${(hue + 40) % 360},90%,60%)"/>
    <path d="M0 300 L90 190 L170 270 L260 150 L360 260 L480 180 L480 480 L0 480 Z" fill="hsl(${hue},45%,38%)"/>
    <path d="M0 380 C120 340 240 420 480 360 L480 480 L0 480 Z" fill="hsl(${(hue + 180) % 360},55%,50%)"/>
    <rect x="110" y="230" width="26" height="80" fill="hsl(${hue},30%,92%)"/>
    <rect x="300" y="210" width="30" height="100" fill="hsl(${hue},30%,92%)"/>
  </svg>`;
}

export async function seedDemoPiecework(tx: Tx, context?: Context): Promise<[]> {
  if (!context) return [];
  const deps = context;
  const cast = await demoCast(tx, PROVIDERS);
  if (!cast) return [];
  const { buyerId, providerIds: providers } = cast;

  await demoTopUp(
    tx,
    deps,
    buyerId,
    TASKS.reduce((sum, task) => sum + task.unitPriceMinor * task.quantity, 0),
  );
  for (const task of TASKS) {
    const { days, pieces, ...body } = task;
    const taskId = await postPiecework(
      tx,
      buyerId,
      { ...body, deadline: demoDeadline(deps.clock, days) },
      deps,
    );
    for (const piece of pieces) {
      const providerId = providers[piece.by % providers.length] as string;
      const files: StoredFile[] =
        piece.picture !== undefined
          ? [await storeDemoSvg(deps, pictureSvg(piece.picture), `street-${piece.picture}.png`)]
          : [];
      const entryId = await submitEntry(
        tx,
        providerId,
        taskId,
        { text: piece.text, files },
        { ...deps, modes },
      );
      if (piece.outcome === "accept") await acceptPiece(tx, actor(buyerId), entryId, deps);
      else if (piece.outcome)
        await rejectPiece(tx, actor(buyerId), entryId, { reason: piece.outcome.reject }, deps);
    }
  }
  return [];
}
