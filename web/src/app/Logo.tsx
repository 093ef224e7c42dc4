import styles from "./Layout.module.css";
/** The mark: two rivers meeting (the Yangtze and the Jialing at Chongqing). Decorative. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 64 64" width={size} height={size} className={styles["logo-mark"]}>
      <rect width="64" height="64" rx="14" fill="var(--color-brand-700)" />
      <path
        d="M10 22c10-8 18 8 28 0s14-6 16-4"
        fill="none"
        stroke="#7dd3e8"
        strokeWidth="6"
        strokeLinecap="round"
      />
      <path
        d="M10 42c10-8 18 8 28 0s14-6 16-4"
        fill="none"
        stroke="#f4a259"
        strokeWidth="6"
        strokeLinecap="round"
      />
    </svg>
  );
}
