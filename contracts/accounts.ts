// Accounts, sessions, verification and the audit log: request and response shapes shared by the
// server (validation + OpenAPI) and the web app.
import { z } from "zod";
import { ListQuery, Page } from "./common.ts";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const Locale = z.enum(["zh-CN", "en"]).meta({ id: "Locale" });
export type Locale = z.infer<typeof Locale>;

export const Email = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ message: "must be an e-mail address" }));

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

// No control characters, no leading/trailing blanks, 1–40 characters (Chinese names are short).
export const DisplayName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters")
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, "must not contain control characters");

/** Free text of one line: no control characters (NUL cannot even be stored), trimmed. */
const NoControl = /^[^\p{Cc}]*$/u;
const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max)
    .regex(NoControl, "must not contain control characters");

export const Role = z.enum(["operator"]);

export const ContactStatus = z.enum(["unverified", "verified"]);
export const IdentityStatus = z.enum(["none", "pending", "verified", "rejected"]);
export const Verification = z
  .object({
    email: ContactStatus,
    phone: ContactStatus,
    /** The confirmed phone number, masked (+86 138****8000), or null. */
    phoneMasked: z.string().nullable(),
    realName: IdentityStatus,
    enterprise: IdentityStatus,
  })
  .meta({ id: "Verification" });
export type Verification = z.infer<typeof Verification>;

export const Badge = z.enum(["email", "phone", "real_name", "enterprise"]);
export type Badge = z.infer<typeof Badge>;

/** The signed-in account as its owner sees it (GET /me). */
export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    locale: Locale,
    verification: Verification,
    createdAt: z.string(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

/** What anyone may see of an account. */
export const PublicProfile = z
  .object({
    id: z.string(),
    displayName: z.string(),
    /** Level from the reputation model; 0 until the account has paid transactions. */
    level: z.number().int(),
    /** Explainable reputation score; null until there is something to score (no default ratings). */
    score: z.number().nullable(),
    /** True once a real-name or enterprise verification was approved. */
    verified: z.boolean(),
    badges: z.array(Badge),
    stats: z.object({ memberSince: z.string() }),
  })
  .meta({ id: "PublicProfile" });
export type PublicProfile = z.infer<typeof PublicProfile>;

export const RegisterBody = z.object({
  email: Email,
  password: Password,
  displayName: DisplayName,
  locale: Locale.optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.object({
  email: Email,
  // Any length up to the maximum: a too-short password is just a wrong one here.
  password: z.string().min(1, "must not be empty").max(PASSWORD_MAX_LENGTH),
  /** After repeated wrong passwords a 401/429 says `details.captchaRequired`: then the solved CAPTCHA's token. */
  captchaToken: z.string().min(1).max(4096).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const AuthResult = z
  .object({
    user: Me,
    /** Opaque session token: send it as `Authorization: Bearer <token>`. Also set as an HttpOnly cookie. */
    token: z.string(),
    /** For cookie-authenticated browsers: send it back as the `X-CSRF-Token` header on unsafe requests. */
    csrfToken: z.string(),
  })
  .meta({ id: "AuthResult" });
export type AuthResult = z.infer<typeof AuthResult>;

export const MeResult = z.object({ user: Me, csrfToken: z.string().nullable() });
export type MeResult = z.infer<typeof MeResult>;

export const UpdateMeBody = z
  .object({ displayName: DisplayName.optional(), locale: Locale.optional() })
  .refine((b) => b.displayName !== undefined || b.locale !== undefined, "nothing to change");
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, "must not be empty").max(PASSWORD_MAX_LENGTH),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

// --- forgot password ---

/** POST /auth/password-reset: always 202, whether or not an account has this address. */
export const PasswordResetRequestBody = z.object({ email: Email });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

export const PasswordResetRequested = z.object({
  /** Always true: the answer never says whether the address has an account. */
  accepted: z.literal(true),
});

/** The token from the e-mailed link (`/reset-password?token=…`) and the new password. */
export const PasswordResetConfirmBody = z.object({
  token: z.string().trim().min(1, "must not be empty").max(200),
  password: Password,
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;

/** Why a reset token was refused (`details.reason` of the 400). */
export const PasswordResetRefusal = z.enum(["unknown", "expired", "used"]);
export type PasswordResetRefusal = z.infer<typeof PasswordResetRefusal>;

export const UserIdParams = z.object({ id: z.string().max(100) });

export const PublicProfileResult = z.object({ user: PublicProfile });

// --- verification ---

export const PhoneNumber = z
  .string()
  .trim()
  .transform((p) => p.replaceAll(/[\s-]/g, ""))
  .transform((p) => (/^1\d{10}$/.test(p) ? `+86${p}` : p))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, "must be a phone number such as +8613800138000"));

export const SendPhoneCodeBody = z.object({ phone: PhoneNumber });
export const ConfirmCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "must be the 6-digit code"),
});
export const CodeSent = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
});

export const IdentityKind = z.enum(["person", "enterprise"]);
export const SubmitIdentityBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("person"),
    /** Legal name as on the resident identity card. */
    legalName: Line(100),
    /** 18-character resident identity number. */
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{17}[\dX]$/, "must be an 18-character resident identity number"),
  }),
  z.object({
    kind: z.literal("enterprise"),
    /** Registered company name as on the business licence. */
    legalName: Line(100),
    /** 18-character unified social credit code (统一社会信用代码). */
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, "must be an 18-character unified social credit code"),
  }),
]);
export type SubmitIdentityBody = z.infer<typeof SubmitIdentityBody>;

export const IdentityVerification = z
  .object({
    id: z.string(),
    accountId: z.string(),
    kind: IdentityKind,
    status: z.enum(["pending", "approved", "rejected"]),
    legalName: z.string(),
    numberMasked: z.string(),
    providerResult: z.enum(["match", "mismatch", "invalid"]),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: "IdentityVerification" });
export type IdentityVerification = z.infer<typeof IdentityVerification>;

export const IdentityVerificationResult = z.object({ verification: IdentityVerification });
export const IdentityVerificationList = Page(IdentityVerification);

export const RejectBody = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(500)
    .regex(/^[^\0]*$/, "must not contain NUL"),
});
export const IdParams = z.object({ id: z.string().max(100) });

export { ListQuery };

export const VerificationQueueQuery = ListQuery.extend({
  status: z.enum(["pending", "approved", "rejected"]).default("pending"),
});

// --- audit ---

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    actorAccountId: z.string().nullable(),
    action: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }).nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = ListQuery.extend({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)+$/, "must be an action such as account.logged_in")
    .max(100)
    .optional(),
  accountId: z.string().max(100).optional(),
});
export const AuditList = Page(AuditEvent);

export const OutboxMessage = z.object({
  id: z.string(),
  channel: z.enum(["email", "sms"]),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const OutboxQuery = ListQuery.extend({ recipient: z.string().max(254).regex(NoControl).optional() });
export const OutboxList = Page(OutboxMessage);

// --- sessions (devices signed in) ---

export const SessionInfo = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    /** The session making this request. */
    current: z.boolean(),
  })
  .meta({ id: "SessionInfo" });
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionList = z.object({ items: z.array(SessionInfo) });
