// Buttons: a real <button> for actions, ButtonLink (looks the same) for navigation, IconButton for
// an action shown as an icon alone (its name in aria-label).
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, type LinkProps } from "../app/router.tsx";
import styles from "./Button.module.css";
import { cx } from "./cx.ts";

export type ButtonVariant = "primary" | "secondary" | "accent" | "ghost";
export type ButtonSize = "md" | "lg" | "sm";

type StyleProps = { variant?: ButtonVariant; size?: ButtonSize; block?: boolean };

/** The button look, for an element that is not one of the components below (an external <a>). */
export function buttonClass({ variant = "primary", size = "md", block = false }: StyleProps, extra?: string) {
  return cx(styles.btn, styles[variant], size !== "md" && styles[size], block && styles.block, extra);
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

/** An icon-only button; `aria-label` is required (it is the button's only name). */
export function IconButton({
  className,
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { "aria-label": string }) {
  return <button type={type} className={cx(styles.icon, className)} {...rest} />;
}
