// Row types of every table, as Kysely sees them. One interface per table, snake_case like the SQL.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CategoriesTable {
  id: string;
  parent_id: string | null;
  name_zh: string;
  name_en: string;
  position: number;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DemoSeedTable {
  singleton: Generated<boolean>;
  seeded_at: Generated<Date>;
}

// --- ledger, idempotency, payments (migrations 0200–0202) ---
export interface LedgerAccountsTable {
  id: string;
  ledger: string;
  code: number;
  flags: Generated<number>;
  owner_id: string | null;
  debits_pending: Generated<number>;
  debits_posted: Generated<number>;
  credits_pending: Generated<number>;
  credits_posted: Generated<number>;
  created_at: Timestamp;
}

export interface LedgerTransfersTable {
  id: string;
  seq: Generated<number>;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  ledger: string;
  code: number;
  flags: Generated<number>;
  pending_id: string | null;
  timeout_at: Timestamp | null;
  ref_type: string | null;
  ref_id: string | null;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: unknown;
  created_at: Timestamp;
}

export interface TopUpsTable {
  id: string;
  account_id: string;
  amount_minor: number;
  currency: Generated<string>;
  method: string;
  provider: string;
  status: Generated<string>;
  created_at: Timestamp;
  settled_at: Timestamp | null;
}

export interface PaymentEventsTable {
  provider: string;
  event_id: string;
  type: string;
  payload: unknown;
  received_at: Timestamp;
  deliveries: Generated<number>;
  outcome: string;
}

export interface SandboxChargesTable {
  top_up_id: string;
  outcome: string;
  created_at: Timestamp;
}

export interface WithdrawalsTable {
  id: string;
  account_id: string;
  amount_minor: number;
  currency: Generated<string>;
  destination_method: string;
  destination_account: string;
  provider: string;
  status: Generated<string>;
  reviewed_by: string | null;
  failure_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// --- accounts, sessions, rate limits, audit, verification, outbox (migrations 0100–0101) ---
export interface AccountsTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  locale: Generated<"zh-CN" | "en">;
  roles: Generated<string[]>;
  status: Generated<"active" | "suspended">;
  email_verified_at: Date | null;
  phone: string | null;
  phone_verified_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  account_id: string;
  token_hash: Buffer;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_account_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  details: Generated<unknown>;
}

export interface ContactCodesTable {
  id: Generated<string>;
  account_id: string;
  channel: "email" | "phone";
  destination: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  account_id: string;
  token_hash: Buffer;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  requested_ip: string | null;
}

export interface IdentityVerificationsTable {
  id: Generated<string>;
  account_id: string;
  kind: "person" | "enterprise";
  status: Generated<"pending" | "approved" | "rejected">;
  legal_name: string;
  number_masked: string;
  number_hash: Buffer;
  provider: string;
  provider_reference: string;
  provider_result: "match" | "mismatch" | "invalid";
  submitted_at: Generated<Date>;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

// --- files and image fingerprints (migration 0300) ---
export type FileMediaType =
  | "image/png"
  | "image/jpeg"
  | "image/webp"
  | "image/gif"
  | "application/pdf"
  | "application/zip"
  | "image/svg+xml"
  | "image/vnd.adobe.photoshop"
  | "application/postscript";

export interface FilesTable {
  id: string;
  sha256: string;
  byte_size: number;
  media_type: FileMediaType;
  original_name: string;
  width: number | null;
  height: number | null;
  uploader_id: string | null;
  variant: Generated<"original" | "thumbnail" | "preview" | "marked_thumbnail">;
  derived_from: string | null;
  created_at: Timestamp;
}

export interface ImageFingerprintsTable {
  file_id: string;
  /** bit(64) as a string of 64 '0'/'1'. */
  phash: string;
  phash_trim: string;
  dhash: string;
  dhash_trim: string;
  signature: Generated<Buffer>;
  signature_trim: Generated<Buffer>;
  uploader_id: string | null;
  created_at: Timestamp;
}

// --- tasks, prizes, entries, awards (migration 0400) ---
export type TaskMode = "contest" | "piecework" | "tender";
export type TaskStatus = "open" | "selecting" | "awarded" | "completed" | "cancelled" | "refunded" | "hired";
export type EntryStatus = "submitted" | "awarded" | "handed_over" | "paid" | "rejected" | "lapsed";

export interface TasksTable {
  id: string;
  mode: TaskMode;
  status: TaskStatus;
  buyer_id: string;
  title: string;
  brief: string;
  category_id: string | null;
  currency: Generated<string>;
  funded_minor: number;
  deadline_at: Timestamp;
  sealed: Generated<boolean>;
  guaranteed: Generated<boolean>;
  selection_ends_at: Timestamp | null;
  unit_price_minor: number | null;
  quantity: number | null;
  budget_minor: number | null;
  fee_bps: number;
  fail_fee_bps: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface TaskPrizesTable {
  task_id: string;
  prize_index: number;
  amount_minor: number;
  /** Migration 0401: the prize went back to the buyer (nobody could or will receive it). */
  refunded_at: Timestamp | null;
}

export interface EntriesTable {
  id: string;
  task_id: string;
  provider_id: string;
  status: Generated<EntryStatus>;
  text: string | null;
  rating: number | null;
  originality_status: "pending" | "ok" | "flagged" | null;
  originality_matches: unknown;
  handover_text: string | null;
  submitted_at: Timestamp;
  handed_over_at: Timestamp | null;
  paid_at: Timestamp | null;
}

/** Which files belong to what (migration 0540): an entry's work, its handover, later deliveries… */
export interface AttachmentsTable {
  file_id: string;
  subject_type: string;
  subject_id: string;
  position: number;
  created_at: Generated<Date>;
}

export interface AwardsTable {
  task_id: string;
  prize_index: number;
  entry_id: string;
  provider_id: string;
  amount_minor: number;
  fee_minor: number | null;
  awarded_by: "buyer" | "timer";
  awarded_at: Timestamp;
  paid_at: Timestamp | null;
  accepted_by: "buyer" | "timer" | null;
  // Migration 0401: the handover deadline and its lapse.
  handover_due_at: Timestamp | null;
  lapsed_at: Timestamp | null;
  reaward_ends_at: Timestamp | null;
}

// --- domain events and payables (migrations 0520, 0521) ---
export interface DomainEventsTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: string;
  type: string;
  data: Generated<unknown>;
  actor: string;
  occurred_at: Timestamp;
  txid: Generated<string>;
}

export interface EventConsumersTable {
  name: string;
  horizon: Generated<string>;
  handled: Generated<number>;
  last_event_id: number | null;
  last_error: string | null;
  failures: Generated<number>;
  updated_at: Generated<Date>;
}

export interface EventDeliveriesTable {
  consumer: string;
  event_id: number;
  txid: string;
}

export type PayableStatus =
  | "awaiting_delivery"
  | "delivered"
  | "revision_requested"
  | "disputed"
  | "accepted"
  | "paid"
  | "lapsed";

export interface PayablesTable {
  id: Generated<string>;
  kind: "contest_award";
  source_id: string;
  escrow_kind: "task" | "order";
  escrow_id: string;
  release_key: string;
  payer_id: string;
  provider_id: string;
  amount_minor: number;
  fee_bps: number;
  status: PayableStatus;
  created_at: Timestamp;
  delivery_due_at: Timestamp | null;
  delivered_at: Timestamp | null;
  auto_accept_at: Timestamp | null;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  fee_minor: number | null;
  paid_at: Timestamp | null;
}

export interface DB {
  categories: CategoriesTable;
  demo_seed: DemoSeedTable;
  schema_migrations: SchemaMigrationsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  idempotency_keys: IdempotencyKeysTable;
  top_ups: TopUpsTable;
  payment_events: PaymentEventsTable;
  withdrawals: WithdrawalsTable;
  sandbox_charges: SandboxChargesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  contact_codes: ContactCodesTable;
  password_resets: PasswordResetsTable;
  identity_verifications: IdentityVerificationsTable;
  outbox_messages: OutboxMessagesTable;
  files: FilesTable;
  image_fingerprints: ImageFingerprintsTable;
  attachments: AttachmentsTable;
  tasks: TasksTable;
  task_prizes: TaskPrizesTable;
  entries: EntriesTable;
  awards: AwardsTable;
  domain_events: DomainEventsTable;
  event_consumers: EventConsumersTable;
  event_deliveries: EventDeliveriesTable;
  payables: PayablesTable;
}

export type { Generated, Timestamp };
