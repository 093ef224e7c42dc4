// A file picker in the kit's look instead of the bare browser control: a labelled button (the
// real <input type="file"> lies over it, so keyboard, screen readers, taps and drops work as
// usual), what is chosen beside it, the hint and the error wired like any Field.
import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";
import { Field } from "./Field.tsx";
import styles from "./FileInput.module.css";
import { Icon } from "./Icon.tsx";

type Props = {
  id: string;
  label: ReactNode;
  /** The text on the button ("选择文件"). */
  buttonLabel: ReactNode;
  /** What is chosen so far ("未选择文件", "2 个文件"). */
  status: ReactNode;
  hint?: ReactNode;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type">;

export const FileInput = forwardRef<HTMLInputElement, Props>(function FileInput(
  { id, label, buttonLabel, status, hint, error, ...input },
  ref,
) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {({ className: _input, ...props }) => (
        <div className={styles.picker}>
          <span className={styles.button}>
            <Icon name="upload" size={18} />
            <span aria-hidden="true">{buttonLabel}</span>
            <input ref={ref} type="file" {...props} {...input} />
          </span>
          <span className={styles.status} aria-live="polite">
            {status}
          </span>
        </div>
      )}
    </Field>
  );
});
