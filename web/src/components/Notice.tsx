// A message in a coloured box: information, success, a warning or an error. Errors are alerts
// (focusable, so a form can move the focus to them); the others are polite status messages
// unless `role` says otherwise.
import type { ReactNode } from "react";
import { cx } from "./cx.ts";
import { Icon, type IconName } from "./Icon.tsx";
import styles from "./Notice.module.css";

export type NoticeTone = "info" | "success" | "warn" | "error";

const icons: Record<NoticeTone, IconName | undefined> = {
  info: undefined,
  success: "check",
  warn: "alert",
  error: "alert",
};

export function Notice({
  tone = "info",
  icon,
  role,
  compact,
  detail,
  action,
  className,
  testId,
  children,
}: {
  tone?: NoticeTone;
  /** Another icon than the tone's, or `null` for none. */
  icon?: IconName | null;
  role?: "alert" | "status" | "none";
  compact?: boolean;
  /** The server's reason under the message (a 400's text). */
  detail?: string;
  /** A button or link after the message (retry, dismiss). */
  action?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const shown = icon === null ? undefined : (icon ?? icons[tone]);
  const ariaRole = role ?? (tone === "error" ? "alert" : undefined);
  return (
    <div
      className={cx(styles.notice, tone !== "info" && styles[tone], compact && styles.compact, className)}
      role={ariaRole === "none" ? undefined : ariaRole}
      tabIndex={ariaRole === "alert" ? -1 : undefined}
      data-testid={testId}
    >
      {shown && <Icon name={shown} size={compact ? 18 : 22} />}
      <div className={styles.body}>
        {children}
        {detail && <span className={styles.detail}>{detail}</span>}
      </div>
      {action}
    </div>
  );
}
