import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, type LinkProps } from "react-router";

export type ButtonVariant = "primary" | "secondary" | "accent" | "ghost";
export type ButtonSize = "md" | "lg" | "sm";

type StyleProps = { variant?: ButtonVariant; size?: ButtonSize; block?: boolean };

export function buttonClass({ variant = "primary", size = "md", block = false }: StyleProps, extra?: string) {
  return ["btn", `btn--${variant}`, `btn--${size}`, block ? "btn--block" : "", extra ?? ""]
    .filter(Boolean)
    .join(" ");
}

/** A real <button>. `type` defaults to "button" so it never submits a form by accident. */
export function Button({
  variant,
  size,
  block,
  className,
  type = "button",
  ...rest
}: StyleProps & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, size, block }, className)} {...rest} />;
}

/** A link that looks like a button: for navigation (calls to action), never for actions. */
export function ButtonLink({
  variant,
  size,
  block,
  className,
  children,
  ...rest
}: StyleProps & LinkProps & { children: ReactNode }) {
  return (
    <Link className={buttonClass({ variant, size, block }, className)} {...rest}>
      {children}
    </Link>
  );
}
