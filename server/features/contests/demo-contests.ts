// Demo contests for a new installation (server/features/demo/seed.ts): open and completed contests
// with image entries (logos drawn with sharp) and text entries (names, slogans) in Chinese and
// English, made through the same use cases as the API — the demo buyer tops up through the sandbox
// provider's settlement, every prize is escrowed, awarded, handed over and paid on the ledger, so
// the audit holds from the first start.
import type { CreateContest } from "../../../contracts/tasks.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import {
  demoActor as actor,
  DEMO_PROVIDERS,
  demoCast,
  demoDeadline,
  escapeXml,
  storeDemoSvg,
} from "../accounts/demo-accounts.ts";
import { submitEntry } from "../tasks/submit-entry.ts";
import { demoTopUp } from "../wallet/demo-top-up.ts";
import { acceptEntry } from "./accept-entry.ts";
import { awardPrizes } from "./award-prizes.ts";
import { handOver } from "./hand-over.ts";
import { contestMode } from "./mode.ts";
import { type ContestDeps, postContest } from "./post-contest.ts";

type Context = ContestDeps & Pick<Deps, "files" | "payments">;

/** Providers besides the demo provider account (no known password: they only populate contests). */
const EXTRA_PROVIDERS = [DEMO_PROVIDERS.chen, DEMO_PROVIDERS.inkAndPixel, DEMO_PROVIDERS.xiaoyu];

/** The demo enters its contests as the API does, through the contest mode. */
const modes = { contest: contestMode };

/** A flat, logo-like design: a mark and a word, in the given colours. */
function logoSvg(word: string, seed: number): string {
  const hue = (seed * 83) % 360;
  const shapes = [
    `<circle cx="200" cy="170" r="90" fill="hsl(${hue},65%,42%)"/><circle cx="200" cy="170" r="52" fill="hsl(${hue},40%,94%)"/>`,
    `<polygon points="200,70 300,250 100,250" fill="hsl(${hue},60%,40%)"/><circle cx="200" cy="190" r="34" fill="hsl(${(hue + 40) % 360},80%,60%)"/>`,
    `<rect x="120" y="90" width="160" height="160" rx="36" fill="hsl(${hue},55%,38%)" transform="rotate(12 200 170)"/><path d="M150 200 Q200 100 250 200" stroke="#fff" stroke-width="14" fill="none"/>`,
    `<path d="M110 230 C110 110 290 110 290 230 Z" fill="hsl(${hue},70%,45%)"/><rect x="180" y="80" width="40" height="70" fill="hsl(${(hue + 180) % 360},50%,45%)"/>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
    <rect width="400" height="400" fill="hsl(${hue},35%,96%)"/>
    ${shapes[seed % shapes.length]}
    <text x="200" y="330" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif"
      font-size="38" font-weight="bold" fill="hsl(${hue},45%,25%)">${escapeXml(word)}</text>
  </svg>`;
}

type DemoEntry = { by: number; text?: string; logo?: string };
type DemoContest = Omit<CreateContest, "submissionDeadline" | "sealed" | "guaranteed"> & {
  days: number;
  sealed?: boolean;
  guaranteed?: boolean;
  entries: DemoEntry[];
  /** Completed contests: which entries won which prize (indexes into `entries`). */
  winners?: number[];
};

const CONTESTS: DemoContest[] = [
  {
    mode: "contest",
    title: "山城火锅店标志设计 · Logo for a Chongqing hotpot restaurant",
    brief:
      "我们在解放碑开了一家老火锅店，想要一个有山城味道、红色为主、简洁好记的标志，要能用在招牌、筷套和外卖袋上。\n\nA family hotpot restaurant near Jiefangbei needs a bold, mostly red logo that works on the shop sign, chopstick sleeves and delivery bags.",
    categoryId: "logo",
    prizesMinor: [200_000, 50_000],
    days: 7,
    sealed: false,
    entries: [
      { by: 0, logo: "LAO HUO", text: "以锅和山的轮廓组合，红色主调。" },
      { by: 1, logo: "SHAN CHENG", text: "Mountain skyline in a pot — bold red mark." },
      { by: 2, logo: "HOTPOT", text: "简洁圆形徽章，适合筷套和外卖袋。" },
    ],
  },
  {
    mode: "contest",
    title: "新茶饮品牌起名 · Name our new tea drink brand",
    brief:
      "面向年轻人的鲜果茶品牌，第一家店在观音桥。名字要两到四个字，好读、好记、能注册商标，最好有英文名。\n\nA fresh-fruit tea brand for young people, first shop in Guanyinqiao. Two to four characters, easy to say, trademarkable; an English name is a plus.",
    categoryId: "product-naming",
    prizesMinor: [80_000],
    days: 5,
    sealed: false,
    entries: [
      { by: 3, text: "「果渡」Guodu —— 果香摆渡，两江之上。" },
      { by: 0, text: "「茶山里」Chashanli — a tea house in the mountains of the city." },
      { by: 2, text: "「鲜知」XianZhi / FreshKnow：新鲜，一喝就知道。" },
      { by: 3, text: "「桥边茶」Bridgeside Tea — 观音桥边的第一杯。" },
    ],
  },
  {
    mode: "contest",
    title: "English slogan for a Yangtze river cruise agency · 长江游轮英文广告语",
    brief:
      "We sell three-day Yangtze cruises from Chongqing to Yichang to foreign visitors. We want a short English slogan (max 8 words) for our website and brochures.\n\n我们做重庆到宜昌的三日长江游轮，需要一句简短的英文广告语（8个词以内），用于网站和宣传册。",
    categoryId: "slogan",
    prizesMinor: [50_000, 20_000],
    days: 10,
    entries: [
      { by: 3, text: "Three days. Two rivers. One unforgettable China." },
      { by: 1, text: "Where the mountains meet the river — sail with us." },
    ],
  },
  {
    mode: "contest",
    title: "咖啡烘焙坊标志 · Logo for a specialty coffee roaster",
    brief:
      "精品咖啡烘焙坊，风格温暖、手作感。需要主标志和单色版本。\n\nA small specialty roaster wants a warm, hand-made feeling logo with a one-colour version.",
    categoryId: "logo",
    prizesMinor: [150_000, 30_000],
    days: 6,
    entries: [
      { by: 1, logo: "ROAST", text: "Hand-drawn bean inside a sun." },
      { by: 0, logo: "BEAN & CO", text: "暖色系，手作感的豆子与太阳。" },
      { by: 2, logo: "KAFEI", text: "Badge with a roaster drum." },
    ],
    winners: [1, 0],
  },
  {
    mode: "contest",
    title: "社区书店品牌口号 · A slogan for our neighbourhood bookshop",
    brief:
      "一家开在老街的社区书店，想要一句中文口号，温暖、不说教。\n\nA bookshop on an old street wants a warm, unpreachy Chinese slogan.",
    categoryId: "slogan",
    prizesMinor: [30_000],
    days: 4,
    entries: [
      { by: 3, text: "「慢慢读，慢慢活。」Read slowly, live slowly." },
      { by: 2, text: "「一条老街，一屋新书。」An old street, a room of new books." },
    ],
    winners: [0],
  },
];

export async function seedDemoContests(tx: Tx, context?: Context): Promise<[]> {
  if (!context) return [];
  const deps = context;
  const cast = await demoCast(tx, EXTRA_PROVIDERS);
  if (!cast) return [];
  const { buyerId, providerIds: providers } = cast;
  const pool = CONTESTS.reduce((sum, c) => sum + c.prizesMinor.reduce((a, b) => a + b, 0), 0);
  await demoTopUp(tx, deps, buyerId, pool + 300_000);

  let seed = 1;
  for (const c of CONTESTS) {
    const { days, entries, winners, ...rest } = c;
    const taskId = await postContest(
      tx,
      buyerId,
      {
        ...rest,
        sealed: c.sealed ?? true,
        guaranteed: c.guaranteed ?? true,
        submissionDeadline: demoDeadline(deps.clock, days),
      },
      deps,
    );
    const entryIds: string[] = [];
    for (const e of entries) {
      const providerId = providers[e.by % providers.length] as string;
      const files = e.logo
        ? [
            await storeDemoSvg(
              deps,
              logoSvg(e.logo, seed++),
              `${e.logo.toLowerCase().replace(/\W+/g, "-")}.png`,
            ),
          ]
        : [];
      entryIds.push(await submitEntry(tx, providerId, taskId, { text: e.text, files }, { ...deps, modes }));
    }
    if (!winners) continue;
    await awardPrizes(
      tx,
      actor(buyerId),
      taskId,
      {
        awards: winners.map((i, prizeIndex) => ({ entryId: entryIds[i] as string, prizeIndex })),
      },
      deps,
    );
    for (const i of winners) {
      const entryId = entryIds[i] as string;
      const providerId = providers[(entries[i] as DemoEntry).by % providers.length] as string;
      const logo = (entries[i] as DemoEntry).logo;
      const files = logo ? [await storeDemoSvg(deps, logoSvg(logo, 1000 + i), "final.png")] : [];
      await handOver(tx, actor(providerId), entryId, { text: "最终文件 / Final files", files }, deps);
      await acceptEntry(tx, actor(buyerId), entryId, deps);
    }
  }
  return [];
}
