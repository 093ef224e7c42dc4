// The Chinese catalogue is the source of the key set: every other catalogue must have exactly these
// keys (see `Messages` in ./messages.ts), so a missing translation is a type error.
// Placeholders are written {name} and filled by t(key, { name }).
import { accountsZhCN } from "../../features/accounts/i18n.zh-CN.ts";
import { contestsZhCN } from "../../features/contests/i18n.zh-CN.ts";

export const zhCN = {
  "app.name": "两江",
  "app.nameLatin": "Liangjiang",
  "app.tagline": "创意服务托管交易平台",
  "app.documentTitle": "两江 · 创意服务托管交易平台",

  "a11y.skipToContent": "跳到主要内容",
  "a11y.primaryNav": "主导航",
  "a11y.footerNav": "页脚导航",
  "a11y.homeLink": "两江首页",
  "a11y.example": "示例",

  "lang.switchTo": "English",
  "lang.switchLabel": "切换语言为英文",

  "nav.ways": "交易方式",
  "nav.escrow": "资金托管",
  "nav.categories": "服务分类",
  "nav.login": "登录",
  "nav.signup": "免费注册",
  "nav.signupShort": "注册",

  "home.hero.eyebrow": "开源 · 资金托管 · 中英双语",
  "home.hero.title": "找靠谱的创意服务，钱款验收后才放出",
  "home.hero.lead":
    "两江连接小微企业与自由设计师、工作室：标志设计、起名、文案、网站与小程序开发、营销推广、商标注册。每一笔钱都由平台托管，雇主验收满意才付给服务商。",
  "home.hero.ctaPost": "发布需求",
  "home.hero.ctaProvide": "成为服务商",
  "home.hero.point1": "验收通过才放款，托管中的钱谁也不能单方拿走",
  "home.hero.pointDisputes": "有争议由平台居中仲裁",
  "home.hero.point2": "默认密封投稿，原创比对防抄袭",
  "home.hero.point3": "规则公开，对服务商公平，收款快",

  "home.demo.title": "茶饮品牌标志设计",
  "home.demo.mode": "悬赏",
  "home.demo.escrowed": "已托管",
  "home.demo.prizes": "一等奖 {first} · 入围奖 {runner} × 2",
  "home.demo.entries": "已收到 {count} 份密封投稿",
  "home.demo.step1": "发布并托管赏金",
  "home.demo.step2": "服务商投稿",
  "home.demo.step3": "选稿、交付源文件",
  "home.demo.step4": "验收后放款",

  "home.ways.title": "交易方式：钱先托管，验收再付",
  "home.ways.lead": "钱先进入托管账户，服务商交付、您验收之后才付给服务商。",
  "home.ways.bestFor": "适合",
  "home.ways.contest.name": "悬赏",
  "home.ways.contest.latin": "Contest",
  "home.ways.contest.body":
    "写清需求、设定奖金和截止时间，多位服务商投稿，您挑选最满意的作品并颁奖。奖金发布时即托管，默认保证支付。",
  "home.ways.contest.bestFor": "标志、海报、起名等想多看几种方案的需求",
  "home.ways.contest.example": "例：一等奖 {amount}",
  "home.ways.piecework.name": "计件",
  "home.ways.piecework.latin": "Piece-rate",
  "home.ways.piecework.body":
    "按单价 × 数量发布，每验收一件就付一件的钱；数量满额或到期后，剩余款项退回给您。",
  "home.ways.piecework.bestFor": "广告语、短文案、问卷、标注等可拆分的小任务",
  "home.ways.piecework.example": "例：{amount} × 20 条广告语",
  "home.ways.tender.name": "招标",
  "home.ways.tender.latin": "Tender",
  "home.ways.tender.body":
    "说明需求和预算，服务商报价并给出分阶段计划。选中一份报价后生成订单，按里程碑托管和付款。",
  "home.ways.tender.bestFor": "网站、小程序、App 等需要长期协作的项目",
  "home.ways.tender.example": "例：预算 {amount}",
  "home.ways.service.name": "雇佣 · 店铺服务",
  "home.ways.service.latin": "Service order",
  "home.ways.service.body":
    "直接购买服务商店铺里的服务套餐（基础 / 标准 / 高级），价格、工期、修改次数一目了然，全额托管后开工。",
  "home.ways.service.bestFor": "商标注册、VI 设计等标准化服务",
  "home.ways.service.example": "例：标准套餐 {amount}",

  "home.escrow.title": "资金托管，怎么保护您",
  "home.escrow.lead": "平台的每一笔资金变动都记录在复式账本上，托管中的钱不会被任何一方单方面拿走。",
  "home.escrow.step1.title": "先托管",
  "home.escrow.step1.body": "发布任务时，款项从您的余额转入托管账户。",
  "home.escrow.step2.title": "再交付",
  "home.escrow.step2.body": "服务商在平台上提交作品和源文件，全程留痕。",
  "home.escrow.step3.title": "验收放款",
  "home.escrow.step3.body": "您验收满意后放款；超时未处理时按规则自动验收。",
  "home.escrow.step4.title": "有争议可仲裁",
  "home.escrow.step4.body": "双方提交证据，平台运营人员裁定退款与放款的比例。",
  "home.fair.title": "对服务商公平",
  "home.fair.item1": "密封投稿：只有雇主能看到您的作品，防止被模仿",
  "home.fair.item2": "原创比对：抄袭他人作品的投稿会被标记，附带时间证据",
  "home.fair.item3": "双向互评：只有完成付款的双方才能评价，双盲发布",
  "home.fair.item4": "平台费只在放款时从服务商收入中扣除，比例公开，没有隐藏收费",

  "home.categories.title": "热门服务分类",
  "home.categories.lead": "从品牌设计到知识产权，覆盖小微企业最常用的服务。",
  "home.categories.loading": "正在加载服务分类…",
  "home.categories.error": "服务分类暂时加载失败，请稍后重试。",
  "home.categories.retry": "重新加载",
  "home.categories.empty": "暂无服务分类。",
  "home.categories.subCount": "{count} 个细分服务",

  "home.cta.buyer.title": "我是雇主",
  "home.cta.buyer.body": "几分钟发布需求，预算托管在平台，收到满意作品再付款。",
  "home.cta.buyer.action": "发布需求",
  "home.cta.provider.title": "我是服务商",
  "home.cta.provider.body": "个人设计师或工作室都可以入驻：公平竞稿，作品中选即得奖金，按时收款。",
  "home.cta.provider.action": "成为服务商",

  "footer.about": "两江是开源、可自行部署的创意服务交易平台，名字取自重庆长江与嘉陵江两江交汇。",
  "footer.platform": "平台",
  "footer.developers": "开发者",
  "footer.apiDocs": "API 文档",
  "footer.openapi": "OpenAPI 规范",
  "footer.license": "MIT 开源许可",
  "footer.copyright": "© {year} 两江 Liangjiang",
  "footer.currency": "所有金额以人民币（CNY）计价",

  "notFound.title": "这个页面还不存在",
  "notFound.body": "您访问的地址 {path} 没有对应的页面。它可能尚未上线，或者链接有误。",
  "notFound.home": "返回首页",
  "notFound.categories": "浏览服务分类",

  "error.network": "网络连接失败，请检查网络后重试。",
  "error.generic": "出了点问题，请稍后重试。",

  // Accounts, verification, profiles, wallet and their operator pages: ./accounts.zh-CN.ts.
  ...accountsZhCN,

  // Contests (悬赏): every key of the contest pages lives in ./contests.zh-CN.ts.
  ...contestsZhCN,
} as const;
