// A person's initial in a circle (no pictures yet). Decorative: the name is always written beside it.
import styles from "./Avatar.module.css";
import { cx } from "./cx.ts";

export function Avatar({ name, large }: { name: string; large?: boolean }) {
  return (
    <span className={cx(styles.avatar, large && styles.large)} aria-hidden="true">
      {[...name][0] ?? "?"}
    </span>
  );
}
