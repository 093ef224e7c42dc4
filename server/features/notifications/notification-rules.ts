// Which domain event tells whom what — the one table of notifications. Each row: the event type,
// the people concerned (roles resolved from the event's subject by audience.ts; the person who
// caused the event is never told of it), the e-mail preference kind, and the title and body in
// zh-CN and English. `{title}` is the task's / order's title, `{amount}` an amount in yuan,
// `{name}` the other person's display name, `{preview}` a message's (masked) first words.
//
// When one state change emits two events (a contest award's handover is entry.handed_over and
// payable.delivered), only one of them is here: the subject's own (entry, milestone) for steps, the
// payable's for money paid — so nobody is told twice.
import type { NotificationKind } from "../../../contracts/notifications.ts";

export type Role = "buyer" | "provider" | "owner" | "recipients";

export type Texts = Readonly<{ title: string; body: string }>;
export type Rule = Readonly<{
  to: readonly Role[];
  kind: NotificationKind;
  "zh-CN": Texts;
  en: Texts;
}>;

const rule = (to: Role[], kind: NotificationKind, zh: [string, string], en: [string, string]): Rule => ({
  to,
  kind,
  "zh-CN": { title: zh[0], body: zh[1] },
  en: { title: en[0], body: en[1] },
});

export const NOTIFICATION_RULES: Readonly<Record<string, Rule>> = {
  // Contests (subject: the task) and their entries.
  "contest.submissions_closed": rule(
    ["buyer"],
    "tasks",
    ["征稿已截止：{title}", "请在评选期内选出获奖作品。"],
    ["Submissions closed: {title}", "Choose the winning entries within the selection period."],
  ),
  "contest.completed": rule(
    ["buyer"],
    "tasks",
    ["比稿已完成：{title}", "所有奖金已支付。"],
    ["Contest completed: {title}", "Every prize has been paid."],
  ),
  "contest.refunded": rule(
    ["buyer"],
    "payments",
    ["比稿已退款：{title}", "未发放的奖金已退回您的钱包。"],
    ["Contest refunded: {title}", "The prize money not awarded is back in your wallet."],
  ),
  "contest.cancelled": rule(
    ["buyer"],
    "tasks",
    ["比稿已取消：{title}", "任务已取消。"],
    ["Contest cancelled: {title}", "The task was cancelled."],
  ),
  "entry.submitted": rule(
    ["buyer"],
    "tasks",
    ["收到新作品：{title}", "{name} 提交了一份作品。"],
    ["New entry: {title}", "{name} submitted an entry."],
  ),
  "entry.awarded": rule(
    ["provider"],
    "tasks",
    ["您的作品获奖了：{title}", "请在交稿期限内交付源文件。"],
    ["Your entry won: {title}", "Hand over the final files before the handover deadline."],
  ),
  "entry.handed_over": rule(
    ["buyer"],
    "tasks",
    ["获奖者已交稿：{title}", "请查看交付内容并确认验收。"],
    ["Handover received: {title}", "Review the delivered files and accept them."],
  ),
  "entry.lapsed": rule(
    ["buyer", "provider"],
    "tasks",
    ["交稿已逾期：{title}", "获奖者未在期限内交稿，奖项已失效。"],
    ["Handover missed: {title}", "The winner did not hand over in time; the award has lapsed."],
  ),
  "entry.rejected": rule(
    ["provider"],
    "tasks",
    ["作品未被采用：{title}", "买家拒绝了您提交的作品。"],
    ["Piece rejected: {title}", "The buyer rejected your piece."],
  ),
  // What is owed to a provider (contest awards, pieces, milestones): the money step.
  "payable.paid": rule(
    ["provider"],
    "payments",
    ["您已收到付款 {amount}：{title}", "款项（扣除平台服务费后）已进入您的钱包。"],
    ["You were paid {amount}: {title}", "The money (less the platform fee) is in your wallet."],
  ),
  "payable.disputed": rule(
    ["buyer", "provider"],
    "payments",
    ["交付有争议：{title}", "款项已冻结，等待处理。"],
    ["Delivery disputed: {title}", "The money is frozen until the dispute is resolved."],
  ),
  // Wallet.
  "top_up.succeeded": rule(
    ["owner"],
    "payments",
    ["充值成功 {amount}", "款项已进入您的钱包。"],
    ["Top-up succeeded: {amount}", "The money is in your wallet."],
  ),
  "top_up.succeeded_after_failed": rule(
    ["owner"],
    "payments",
    ["充值成功 {amount}", "此前显示失败的充值已到账。"],
    ["Top-up succeeded: {amount}", "A top-up first reported as failed has arrived after all."],
  ),
  "top_up.failed": rule(
    ["owner"],
    "payments",
    ["充值失败 {amount}", "未扣款。请重试或换一种支付方式。"],
    ["Top-up failed: {amount}", "Nothing was charged. Try again or use another method."],
  ),
  "withdrawal.approved": rule(
    ["owner"],
    "payments",
    ["提现已批准 {amount}", "款项正在转出。"],
    ["Withdrawal approved: {amount}", "The money is on its way."],
  ),
  "withdrawal.rejected": rule(
    ["owner"],
    "payments",
    ["提现被拒绝 {amount}", "款项已退回您的钱包。"],
    ["Withdrawal rejected: {amount}", "The money is back in your wallet."],
  ),
  "withdrawal.paid": rule(
    ["owner"],
    "payments",
    ["提现已到账 {amount}", "款项已转入您的收款账户。"],
    ["Withdrawal paid: {amount}", "The money was sent to your payout account."],
  ),
  "withdrawal.failed": rule(
    ["owner"],
    "payments",
    ["提现失败 {amount}", "款项已退回您的钱包。"],
    ["Withdrawal failed: {amount}", "The money is back in your wallet."],
  ),
  // Identity verification (subject: the verification): an operator's decision.
  "verification.approved": rule(
    ["owner"],
    "account",
    ["实名认证已通过", "您的个人资料上已显示认证标识。"],
    ["Identity verified", "Your profile now shows the verified badge."],
  ),
  "verification.rejected": rule(
    ["owner"],
    "account",
    ["实名认证未通过", "{reason}"],
    ["Identity verification rejected", "{reason}"],
  ),
  // A provider's service (subject: the service), hidden by an operator with a reason.
  "service.hidden": rule(
    ["provider"],
    "account",
    ["您的服务已被平台隐藏：{title}", "原因：{reason}"],
    ["Your service was hidden by the platform: {title}", "Reason: {reason}"],
  ),
  // Messages.
  "message.sent": rule(
    ["recipients"],
    "messages",
    ["{name} 给您发来消息", "{preview}"],
    ["New message from {name}", "{preview}"],
  ),
  // Piece-rate tasks and tenders (subject: the task).
  "piecework.pieces_closed": rule(
    ["buyer"],
    "tasks",
    ["计件任务已截止：{title}", "请在评审期内审核待处理的作品。"],
    ["Piece-rate task closed: {title}", "Review the waiting pieces within the review period."],
  ),
  "piecework.completed": rule(
    ["buyer"],
    "tasks",
    ["计件任务已完成：{title}", "所有名额的作品均已付款。"],
    ["Piece-rate task completed: {title}", "Every piece has been paid."],
  ),
  "piecework.refunded": rule(
    ["buyer"],
    "payments",
    ["计件任务已结束并退款：{title}", "未使用的款项已退回您的钱包。"],
    ["Piece-rate task refunded: {title}", "The money not used is back in your wallet."],
  ),
  "tender.closed": rule(
    ["buyer"],
    "orders",
    ["招标已关闭：{title}", "选标期内未接受任何投标。"],
    ["Tender closed: {title}", "No bid was accepted within the selection period."],
  ),
  // Tenders' bids (subject: the bid).
  "bid.submitted": rule(
    ["buyer"],
    "orders",
    ["收到新投标：{title}", "{name} 提交了投标。"],
    ["New bid: {title}", "{name} placed a bid."],
  ),
  "bid.accepted": rule(
    ["provider"],
    "orders",
    ["您的投标中标了：{title}", "订单已开始。"],
    ["Your bid was accepted: {title}", "The order has started."],
  ),
  "bid.declined": rule(
    ["provider"],
    "orders",
    ["投标未中标：{title}", "买家选择了其他服务商。"],
    ["Bid not chosen: {title}", "The buyer chose another provider."],
  ),
  "bid.withdrawn": rule(
    ["buyer"],
    "orders",
    ["投标已撤回：{title}", "{name} 撤回了投标。"],
    ["Bid withdrawn: {title}", "{name} withdrew their bid."],
  ),
  // Orders and their milestones (subject: the order / the milestone).
  "order.opened": rule(
    ["buyer", "provider"],
    "orders",
    ["新订单：{title}", "订单已创建。"],
    ["New order: {title}", "The order was created."],
  ),
  "order.confirmed": rule(
    ["buyer"],
    "orders",
    ["订单已确认：{title}", "服务商已开始工作。"],
    ["Order confirmed: {title}", "The provider has started work."],
  ),
  "order.cancel_requested": rule(
    ["buyer", "provider"],
    "orders",
    ["对方申请取消订单：{title}", "同意后订单取消，未验收的款项退回买家。"],
    [
      "Cancellation requested: {title}",
      "If you agree, the order is cancelled and unaccepted money goes back to the buyer.",
    ],
  ),
  "order.cancelled": rule(
    ["buyer", "provider"],
    "orders",
    ["订单已取消：{title}", "未验收的款项已退回买家。"],
    ["Order cancelled: {title}", "Money not yet accepted went back to the buyer."],
  ),
  "order.expired": rule(
    ["buyer", "provider"],
    "orders",
    ["订单未确认已取消：{title}", "服务商未在期限内确认，款项已退回买家。"],
    ["Order expired: {title}", "The provider did not confirm in time; the money went back to the buyer."],
  ),
  "order.completed": rule(
    ["buyer", "provider"],
    "orders",
    ["订单已完成：{title}", "所有里程碑均已验收。"],
    ["Order completed: {title}", "Every milestone has been accepted."],
  ),
  "milestone.funded": rule(
    ["provider"],
    "orders",
    ["里程碑已托管：{title}", "买家已托管款项，可以开始此阶段工作。"],
    ["Milestone funded: {title}", "The buyer funded the milestone; you can start on it."],
  ),
  "milestone.delivered": rule(
    ["buyer"],
    "orders",
    ["里程碑已交付：{title}", "请查看交付内容并验收或要求修改。"],
    ["Milestone delivered: {title}", "Review the delivery and accept it or ask for a revision."],
  ),
  "milestone.revision_requested": rule(
    ["provider"],
    "orders",
    ["买家要求修改：{title}", "请查看修改意见并重新交付。"],
    ["Revision requested: {title}", "Read the buyer's notes and deliver again."],
  ),
  "milestone.accepted": rule(
    ["provider"],
    "orders",
    ["里程碑已验收：{title}", "款项将转入您的钱包。"],
    ["Milestone accepted: {title}", "The money goes to your wallet."],
  ),
  "milestone.refunded": rule(
    ["buyer", "provider"],
    "orders",
    ["里程碑已退款：{title}", "款项已退回买家。"],
    ["Milestone refunded: {title}", "The money went back to the buyer."],
  ),
};

export const NOTIFIED_EVENT_TYPES = Object.keys(NOTIFICATION_RULES);

/** Fill `{param}` placeholders; a missing one is left out, never shown as "{param}". */
export function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, key: string) => {
      const v = params[key];
      return v === undefined || v === null ? "" : String(v);
    })
    .replace(/[:：]\s*$/u, "")
    .trim();
}

/** The title and body of a notification in `locale` (a type no longer in the table: its name). */
export function render(
  type: string,
  params: Readonly<Record<string, unknown>>,
  locale: "zh-CN" | "en",
): Texts & { kind: NotificationKind } {
  const r = NOTIFICATION_RULES[type];
  if (!r) return { title: type, body: "", kind: "account" };
  const p = {
    ...params,
    amount: typeof params.amountMinor === "number" ? yuan(params.amountMinor) : undefined,
  };
  return { title: fill(r[locale].title, p), body: fill(r[locale].body, p), kind: r.kind };
}

const yuan = (minor: number) =>
  `¥${(minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
