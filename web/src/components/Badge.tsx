// A short status word in a pill. One definition of the look; the tone says what it means.
import type { ReactNode } from "react";
import styles from "./Badge.module.css";
import { cx } from "./cx.ts";

export type BadgeTone = "brand" | "accent" | "success" | "danger" | "muted";

export function Badge({
  tone = "brand",
  className,
  children,
}: {
  tone?: BadgeTone;
  className?: string;
  children: ReactNode;
}) {
  return <span className={cx(styles.badge, tone !== "brand" && styles[tone], className)}>{children}</span>;
}
