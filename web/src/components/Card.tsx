import type { HTMLAttributes, ReactNode } from "react";

type CardProps = HTMLAttributes<HTMLElement> & {
  as?: "div" | "article" | "section" | "aside" | "li";
  /** Raised cards have a shadow; flat ones only a border. */
  tone?: "flat" | "raised" | "tinted";
  children: ReactNode;
};

export function Card({ as: Tag = "div", tone = "flat", className, children, ...rest }: CardProps) {
  return (
    <Tag className={["card", `card--${tone}`, className ?? ""].filter(Boolean).join(" ")} {...rest}>
      {children}
    </Tag>
  );
}
