// A form's state in one hook and one element: field errors, the form-level message, busy while
// sending, the focus moved to the first problem. `send` runs the request and turns a failure into
// field errors (the API's issues, through lib/errors.ts) or a message for the whole form.
import { type FormEvent, type ReactNode, useCallback, useRef, useState } from "react";
import { useI18n } from "../app/i18n/I18nProvider.tsx";
import { errorText, type FieldErrors, fieldErrorsFrom, focusFirstError } from "../lib/errors.ts";
import { FormMessage, formClass } from "./Field.tsx";

// `n` counts the messages: a repeated text is a new element, so screen readers announce it again.
type Message = { kind: "error" | "success"; text: ReactNode; n: number };

type SendOptions = {
  /** Field errors of this form for a failure (e.g. a 409 on the e-mail), added to the API's issues. */
  fields?(error: unknown): FieldErrors | undefined;
  /** The form's message for a failure that is about no field (default: the one error mapper). */
  message?(error: unknown): string | undefined;
  /** Whether to move the focus to the problem (default yes; no when the form focuses something else). */
  focus?(error: unknown): boolean;
};

export function useForm() {
  const { t } = useI18n();
  const ref = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const count = useRef(0);
  const say = useCallback((kind: Message["kind"], text: ReactNode) => {
    count.current += 1;
    setMessage({ kind, text, n: count.current });
  }, []);

  /** Shows what the browser found wrong (nothing: clears); true when there was something. */
  const check = useCallback((found: FieldErrors) => {
    setErrors(found);
    setMessage(undefined);
    const invalid = Object.keys(found).length > 0;
    if (invalid) focusFirstError(ref.current);
    return invalid;
  }, []);

  /** Sends; on failure shows it by the fields or for the whole form and resolves undefined. */
  const send = useCallback(
    async <T,>(work: () => Promise<T>, options: SendOptions = {}): Promise<T | undefined> => {
      setBusy(true);
      setMessage(undefined);
      try {
        const result = await work();
        setErrors({});
        return result;
      } catch (error) {
        const fields = { ...fieldErrorsFrom(t, error), ...options.fields?.(error) };
        setErrors(fields);
        if (Object.keys(fields).length === 0) say("error", options.message?.(error) ?? errorText(t, error));
        if (options.focus?.(error) ?? true) focusFirstError(ref.current);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t, say],
  );

  /** A field was changed: its error is stale now (the next submit checks it again). */
  const clearField = useCallback((...names: string[]) => {
    setErrors((current) => {
      const stale = names.filter((name) => name && current[name] !== undefined);
      if (stale.length === 0) return current;
      const next = { ...current };
      for (const name of stale) delete next[name];
      return next;
    });
  }, []);

  const succeeded = useCallback((text: ReactNode) => say("success", text), [say]);
  const failed = useCallback((text: ReactNode) => say("error", text), [say]);

  return {
    ref,
    errors,
    message,
    busy,
    check,
    send,
    clearField,
    succeeded,
    failed,
    clear: () => setMessage(undefined),
  };
}

export type FormState = ReturnType<typeof useForm>;

/** The <form> of a useForm: the kit's layout, no browser bubbles, busy state, the message on top. */
export function Form({
  form,
  onSubmit,
  children,
  className,
}: {
  form: FormState;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <form
      ref={form.ref}
      className={className ?? formClass}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(event);
      }}
      aria-busy={form.busy}
      // Any change to a field clears that field's error (by name and by id: fields use either).
      onChange={(event) => {
        const target = event.target as unknown as HTMLInputElement;
        form.clearField(target.name, target.id);
      }}
    >
      {form.message && (
        <FormMessage key={form.message.n} kind={form.message.kind}>
          {form.message.text}
        </FormMessage>
      )}
      {children}
    </form>
  );
}
