// The one form kit: a labelled field with its hint and its error next to it (aria-describedby,
// aria-invalid), so a screen reader reads the error when the focus lands there. TextField,
// TextAreaField and SelectField cover the usual controls; Field's render prop takes any other.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cx } from "./cx.ts";
import styles from "./Field.module.css";
import { Icon } from "./Icon.tsx";
import { Notice } from "./Notice.tsx";

export const formClass = styles.form;
/** A form and an <aside> side by side from 960 px (stacked below). */
export const formWithAsideClass = styles.withAside;
export const choiceClass = styles.choice;
export const choiceItemClass = styles.choiceItem;
/** The look of a MoneyField's box and unit, for amounts laid out in rows (prize tiers). */
export const moneyClass = cx(styles.input, styles.money);
export const unitClass = styles.unit;
/** The look of a text input, for controls laid out in rows without a visible label (milestone rows). */
export const inputClass = styles.input ?? "";

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string };

/** What a control inside a Field gets: its id, the kit's look and the accessible wiring. */
export type ControlProps = {
  id: string;
  className: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: Common & { className?: string; children(props: ControlProps): ReactNode }) {
  const described = describedBy(id, hint, error);
  return (
    <div className={cx(styles.field, className)}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        className: styles.input ?? "",
        ...(error ? { "aria-invalid": true as const } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

/** An error under a control that is not a Field (a prize tier's row). */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className={styles.error}>
      <Icon name="alert" size={16} />
      <span>{children}</span>
    </p>
  );
}

export function FieldHint({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className={styles.hint}>
      {children}
    </p>
  );
}

/** Splits a kit control's props: label, hint and error for the Field, the rest (and `className`,
 * added to the kit's look) for the control, named after its id unless told. */
function split<A extends { className?: string }>({ id, label, hint, error, className, ...rest }: Common & A) {
  const control = (props: ControlProps) => ({
    name: id,
    ...rest,
    ...props,
    className: cx(props.className, className),
  });
  return { field: { id, label, hint, error }, control };
}

export function TextField(all: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  const { field, control } = split(all);
  return <Field {...field}>{(props) => <input {...control(props)} />}</Field>;
}

export function TextAreaField(all: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  const { field, control } = split(all);
  return <Field {...field}>{(props) => <textarea {...control(props)} />}</Field>;
}

export function SelectField(all: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id">) {
  const { field, control } = split(all);
  return <Field {...field}>{(props) => <select {...control(props)} />}</Field>;
}

/** An on/off switch with a sentence that says what the current choice means. */
export function SwitchField({
  id,
  checked,
  onChange,
  label,
  explain,
}: {
  id: string;
  checked: boolean;
  onChange(value: boolean): void;
  label: string;
  explain: string;
}) {
  return (
    <div className={styles.switchField}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        className={styles.switch}
        checked={checked}
        aria-describedby={`${id}-explain`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-explain`} className={styles.hint}>
          {explain}
        </p>
      </div>
    </div>
  );
}

/** Radio choices shown as boxes. */
export function ChoiceField<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: ReactNode;
  options: readonly { value: V; label: ReactNode }[];
  value: V;
  onChange(value: V): void;
}) {
  return (
    <fieldset className={styles.choice}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={styles.choiceItem}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The form-level message: an error (role=alert, focusable for focus management) or a success. */
export function FormMessage({ kind, children }: { kind: "error" | "success"; children: ReactNode }) {
  return (
    <Notice tone={kind} role={kind === "error" ? "alert" : "status"} compact>
      {children}
    </Notice>
  );
}
