// The audit log as a consumer of domain events (jobs/event-consumers.ts): every state change of a
// contest, an entry, a payable, a withdrawal or a top-up becomes one audit_events row, action = the
// event type (contest.awarded, withdrawal.approved, top_up.succeeded_after_failed …), at = when it
// happened. Use cases call recordAudit by hand only for what is not a state change (log-ins,
// sessions, rejected webhook deliveries, an anomaly that changes nothing).
import type { DomainEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { EventConsumer } from "../../jobs/event-consumers.ts";
import { isUuid } from "../../lib/uuid.ts";

/** Every event type the audit log records. */
export const AUDITED_EVENT_TYPES = [
  "contest.posted",
  "contest.submissions_closed",
  "contest.awarded",
  "contest.reawarded",
  "contest.completed",
  "contest.refunded",
  "contest.cancelled",
  "entry.submitted",
  "entry.awarded",
  "entry.handed_over",
  "entry.paid",
  "entry.lapsed",
  "payable.created",
  "payable.delivered",
  "payable.revision_requested",
  "payable.disputed",
  "payable.accepted",
  "payable.paid",
  "payable.lapsed",
  "withdrawal.requested",
  "withdrawal.approved",
  "withdrawal.rejected",
  "withdrawal.paid",
  "withdrawal.failed",
  "top_up.created",
  "top_up.succeeded",
  "top_up.failed",
  "top_up.succeeded_after_failed",
  "tender.posted",
  "tender.hired",
  "tender.closed",
  "tender.cancelled",
  "bid.submitted",
  "bid.withdrawn",
  "bid.accepted",
  "bid.declined",
  "service.created",
  "service.edited",
  "service.paused",
  "service.resumed",
  "service.hidden",
  "service.gallery_added",
  "service.gallery_removed",
] as const;

export async function auditEvent(tx: Tx, event: DomainEvent): Promise<void> {
  await tx
    .insertInto("audit_events")
    .values({
      at: event.occurredAt,
      action: event.type,
      actor_account_id: isUuid(event.actor) ? event.actor : null,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      details: JSON.stringify({ ...event.data, eventId: event.id, actor: event.actor }),
    })
    .execute();
}

export const auditConsumer: EventConsumer = {
  name: "audit",
  types: AUDITED_EVENT_TYPES,
  handle: auditEvent,
};
