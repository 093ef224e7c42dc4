import type { HTMLAttributes, ReactNode } from "react";
import styles from "./Card.module.css";
import { cx } from "./cx.ts";

type CardProps = HTMLAttributes<HTMLElement> & {
  as?: "div" | "article" | "section" | "aside" | "li";
  /** Raised cards have a shadow; flat ones only a border. */
  tone?: "flat" | "raised" | "tinted";
  children: ReactNode;
};

/** The title of a card in a list (an <h3> with the link to the thing). */
export const cardTitleClass = styles.title;

export function Card({ as: Tag = "div", tone = "flat", className, children, ...rest }: CardProps) {
  return (
    <Tag className={cx(styles.card, tone !== "flat" && styles[tone], className)} {...rest}>
      {children}
    </Tag>
  );
}
