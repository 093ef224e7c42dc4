// One thread: its messages (oldest at the top, earlier ones page in on demand), the masked notice
// when contact details were hidden, and the composer (text + files). New messages from the other
// side arrive through the realtime layer, which invalidates ["thread", id, "messages"]; the thread
// is marked read whenever its newest message is someone else's.
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { Button } from "../../../components/Button.tsx";
import { FieldError, TextAreaField } from "../../../components/Field.tsx";
import { FileInput } from "../../../components/FileInput.tsx";
import { Notice } from "../../../components/Notice.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { errorText } from "../../../lib/errors.ts";
import {
  MAX_MESSAGE_FILES,
  MESSAGE_ACCEPT,
  MESSAGE_TEXT_MAX,
  type Message,
  messagesQuery,
  useMarkRead,
  useSendMessage,
} from "../api.ts";
import styles from "../messages.module.css";

const messageErrors = {
  not_found: "messages.error.notFound",
  rate_limited: "messages.error.rateLimited",
} as const;

export function ThreadView({
  threadId,
  meId,
  names,
}: {
  threadId: string;
  meId: string;
  /** Participants' display names by id. */
  names: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const query = useInfiniteQuery(messagesQuery(threadId));
  const markRead = useMarkRead(threadId);
  const pages = query.data?.pages ?? [];
  // The API pages newest first; a conversation reads oldest first.
  const messages = pages.flatMap((p) => p.items).reverse();
  const newest = pages[0]?.items[0];
  const { mutate: read } = markRead;
  useEffect(() => {
    if (newest && newest.senderId !== meId) read();
  }, [newest, meId, read]);

  return (
    <div className={styles.thread}>
      {query.hasNextPage && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? t("messages.loadingOlder") : t("messages.older")}
        </Button>
      )}
      {query.status === "pending" && (
        <p className={styles.muted} role="status">
          {t("form.loading")}
        </p>
      )}
      {query.status === "error" && <Notice tone="error">{errorText(t, query.error, messageErrors)}</Notice>}
      {query.status === "success" && messages.length === 0 && (
        <p className={styles.muted}>{t("messages.noMessages")}</p>
      )}
      {messages.some((m) => m.masked) && (
        <Notice tone="warn" compact testId="masked-notice">
          {t("messages.masked")}
        </Notice>
      )}
      <ol className={styles.messages} aria-live="polite" data-testid="thread-messages">
        {messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            mine={m.senderId === meId}
            sender={m.senderId === meId ? t("messages.you") : (names[m.senderId] ?? "")}
            at={formatDateTime(m.at, locale)}
          />
        ))}
      </ol>
      <Composer threadId={threadId} />
    </div>
  );
}

function MessageItem({
  message,
  mine,
  sender,
  at,
}: {
  message: Message;
  mine: boolean;
  sender: string;
  at: string;
}) {
  const { t } = useI18n();
  return (
    <li className={mine ? styles.mine : styles.theirs} data-testid="message">
      <p className={styles.meta}>
        <span className={styles.sender}>{sender}</span> <time dateTime={message.at}>{at}</time>
        {message.masked && (
          <>
            {" "}
            <Badge tone="muted">{t("messages.maskedShort")}</Badge>
          </>
        )}
      </p>
      {message.text && <p className={styles.text}>{message.text}</p>}
      {message.files.length > 0 && (
        <ul className={styles.files}>
          {message.files.map((f) => (
            <li key={f.id}>
              <a
                href={f.originalUrl}
                target="_blank"
                rel="noreferrer"
                aria-label={t("messages.file", { name: f.name })}
              >
                {f.thumbnailUrl ? (
                  <img src={f.thumbnailUrl} alt={f.name} className={styles.thumb} loading="lazy" />
                ) : (
                  <span className={styles.fileName}>{f.name}</span>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Composer({ threadId }: { threadId: string }) {
  const { t } = useI18n();
  const id = useId();
  const send = useSendMessage(threadId);
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed && files.length === 0) return setProblem(t("messages.composer.empty"));
    if (trimmed.length > MESSAGE_TEXT_MAX)
      return setProblem(t("messages.composer.tooLong", { max: MESSAGE_TEXT_MAX }));
    if (files.length > MAX_MESSAGE_FILES)
      return setProblem(t("messages.composer.tooManyFiles", { max: MAX_MESSAGE_FILES }));
    setProblem(undefined);
    send.mutate(
      { text: trimmed, files },
      {
        onSuccess: () => {
          setText("");
          setFiles([]);
          if (fileInput.current) fileInput.current.value = "";
        },
      },
    );
  };

  return (
    <form className={styles.composer} onSubmit={submit} noValidate>
      <TextAreaField
        id={`${id}-text`}
        label={t("messages.composer.label")}
        placeholder={t("messages.composer.placeholder")}
        rows={3}
        maxLength={MESSAGE_TEXT_MAX}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl/⌘ + Enter sends; Enter alone is a new line (Chinese input methods use Enter).
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      <FileInput
        ref={fileInput}
        id={`${id}-files`}
        label={t("messages.composer.files")}
        buttonLabel={t("messages.composer.choose")}
        status={
          files.length === 0
            ? t("messages.composer.noFiles")
            : t("messages.composer.fileCount", { count: files.length })
        }
        hint={t("messages.composer.hint", { max: MAX_MESSAGE_FILES })}
        multiple
        accept={MESSAGE_ACCEPT}
        onChange={(e) => setFiles([...(e.target.files ?? [])])}
      />
      {problem && <FieldError id={`${id}-problem`}>{problem}</FieldError>}
      {send.isError && <Notice tone="error">{errorText(t, send.error, messageErrors)}</Notice>}
      <div className={styles.actions}>
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? t("messages.composer.sending") : t("messages.composer.send")}
        </Button>
      </div>
    </form>
  );
}
