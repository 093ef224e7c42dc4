// Text + files sent as multipart with a real upload progress bar (XMLHttpRequest upload events):
// the entry form and the handover form. Server refusals (415 type, 413 size, 400 input) are shown
// in words from the catalogue, with the server's reason underneath for a 400.
import { type FormEvent, useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Button, IconButton } from "../../../components/Button.tsx";
import { TextAreaField } from "../../../components/Field.tsx";
import { FileInput } from "../../../components/FileInput.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { type UploadProgress, uploadWithProgress } from "../../../lib/api.ts";
import { errorDetail } from "../../../lib/errors.ts";
import { contestErrorText, MAX_FILE_MB, MAX_FILES } from "../api.ts";
import styles from "../contests.module.css";

type Props<T> = {
  /** The POST path under /api/v1. */
  path: string;
  heading: string;
  intro?: string;
  textLabel: string;
  submitLabel: string;
  /** `accept` of the file picker; undefined = any file (the server decides). */
  accept?: string;
  acceptHint: string;
  onDone(result: T): void;
};

function kb(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function WorkForm<T>({
  path,
  heading,
  intro,
  textLabel,
  submitLabel,
  accept,
  acceptHint,
  onDone,
}: Props<T>) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const [done, setDone] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  function pick(list: FileList | null) {
    const next = [...files, ...Array.from(list ?? [])];
    setError(null);
    setDone(false);
    if (next.length > MAX_FILES) {
      setError({ message: t("contests.work.tooMany", { max: MAX_FILES }) });
      return;
    }
    const big = next.find((f) => f.size > MAX_FILE_MB * 1024 * 1024);
    if (big) {
      setError({ message: t("contests.work.fileTooBig", { name: big.name, max: MAX_FILE_MB }) });
      return;
    }
    setFiles(next);
    if (picker.current) picker.current.value = "";
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (!text.trim() && files.length === 0) {
      setError({ message: t("contests.work.empty") });
      return;
    }
    const form = new FormData();
    if (text.trim()) form.append("text", text.trim());
    for (const file of files) form.append("files", file, file.name);
    setBusy(true);
    setProgress(files.length > 0 ? { loaded: 0, total: 1 } : null);
    try {
      const result = await uploadWithProgress<T>(path, form, {
        onProgress: (p) => setProgress(p),
      });
      setText("");
      setFiles([]);
      setDone(true);
      onDone(result);
    } catch (caught) {
      setError({ message: contestErrorText(t, caught), detail: errorDetail(caught) });
    } finally {
      setBusy(false);
    }
  }

  const percent = progress ? Math.round((progress.loaded / Math.max(progress.total, 1)) * 100) : 0;
  return (
    <form className={styles["work-form"]} onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} className={styles["work-form__heading"]}>
        {heading}
      </h2>
      {intro && <p className={styles.muted}>{intro}</p>}
      <TextAreaField
        id={`${id}-text`}
        label={textLabel}
        rows={4}
        maxLength={10_000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        disabled={busy}
      />
      <FileInput
        ref={picker}
        id={`${id}-files`}
        label={t("contests.work.files")}
        buttonLabel={t("contests.work.pick")}
        status={
          files.length > 0 ? t("contests.work.count", { count: files.length }) : t("contests.work.none")
        }
        hint={`${acceptHint} ${t("contests.work.limits", { max: MAX_FILES, mb: MAX_FILE_MB })}`}
        multiple
        accept={accept}
        onChange={(e) => pick(e.target.files)}
        disabled={busy}
      />
      {files.length > 0 && (
        <ul className={styles["file-list"]} aria-label={t("contests.work.chosen")}>
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              <Icon name="file" size={16} />
              <span className={styles["file-list__name"]}>{file.name}</span>
              <span className={styles.muted}>{kb(file.size)}</span>
              <IconButton
                onClick={() => setFiles(files.filter((_, i) => i !== index))}
                disabled={busy}
                aria-label={t("contests.work.remove", { name: file.name })}
              >
                <Icon name="close" size={16} />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
      {progress && busy && (
        <div className={styles["upload-progress"]}>
          <label htmlFor={`${id}-progress`}>
            {t(percent < 100 ? "contests.work.uploading" : "contests.work.processing", { percent })}
          </label>
          <progress id={`${id}-progress`} max={100} value={percent}>
            {percent}%
          </progress>
        </div>
      )}
      {error && (
        <Notice tone="error" detail={error.detail}>
          {error.message}
        </Notice>
      )}
      {done && !error && (
        <Notice tone="success" role="status" compact>
          {t("contests.work.sent")}
        </Notice>
      )}
      <Button type="submit" disabled={busy}>
        <Icon name="upload" size={18} />
        {busy ? t("contests.work.sending") : submitLabel}
      </Button>
    </form>
  );
}
