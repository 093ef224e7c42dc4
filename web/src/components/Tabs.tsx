// Links between sibling views (my contests / my entries, as buyer / as provider): a labelled <nav>
// whose current link carries aria-current="page" (NavLink sets it; or the caller does).
import type { ReactNode } from "react";
import styles from "./Tabs.module.css";

export function Tabs({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav className={styles.tabs} aria-label={label}>
      {children}
    </nav>
  );
}
