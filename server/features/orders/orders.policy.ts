// Who may do what with an order. Its existence is private: anyone but its two parties and operators
// is told it does not exist (404), on every order and milestone route and every file of it.
import { type Actor, isOperator, type SystemActor } from "../../core/actor.ts";

export type OrderParties = Readonly<{ buyer_id: string; provider_id: string }>;

export const isParty = (order: OrderParties, actor: Actor | SystemActor): boolean =>
  actor.kind === "account" && (actor.accountId === order.buyer_id || actor.accountId === order.provider_id);

/** May `actor` know the order exists (read it, its milestones, its deliveries' files)? */
export const canSeeOrder = (order: OrderParties, actor: Actor | SystemActor): boolean =>
  actor.kind === "system" || isParty(order, actor) || isOperator(actor);

export const isBuyer = (order: OrderParties, actor: Actor | SystemActor): boolean =>
  actor.kind === "account" && actor.accountId === order.buyer_id;

export const isProvider = (order: OrderParties, actor: Actor | SystemActor): boolean =>
  actor.kind === "account" && actor.accountId === order.provider_id;
