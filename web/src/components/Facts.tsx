// A short list of facts in a summary card (a pool, a budget, a deadline): each a <div> of <dt>
// (muted) and <dd> (bold, at the end of the row).
import type { ReactNode } from "react";
import styles from "./Facts.module.css";

export function Facts({ children }: { children: ReactNode }) {
  return <dl className={styles.facts}>{children}</dl>;
}
