// Threads and messages (API.md "Messages and notifications"): a thread about a task or a service
// (between the one asking and its owner), an order or a bid (its two parties). Contact details in a
// message are masked (`***`, `masked: true`) while no deal exists between the two participants.
import { z } from "zod";
import { Id, ListQuery, Page } from "./common.ts";

export const ThreadSubjectType = z.enum(["task", "service", "order", "bid"]);
export type ThreadSubjectType = z.infer<typeof ThreadSubjectType>;

export const ThreadSubject = z.object({ type: ThreadSubjectType, id: Id });
export type ThreadSubject = z.infer<typeof ThreadSubject>;

/** The longest message text (characters). */
export const MESSAGE_TEXT_MAX = 5000;

export const OpenThread = z.object({ subject: ThreadSubject }).strict();
export type OpenThread = z.infer<typeof OpenThread>;

/** JSON body of POST /threads/:id/messages (multipart: the field `text` + `files`). */
export const SendMessageJson = z
  .object({ text: z.string().trim().min(1, "must not be empty").max(MESSAGE_TEXT_MAX) })
  .strict();

export const Participant = z.object({ id: z.string(), displayName: z.string() });

export const MessageFile = z
  .object({
    id: z.string(),
    name: z.string(),
    mediaType: z.string(),
    byteSize: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    thumbnailUrl: z.string().nullable(),
    originalUrl: z.string(),
  })
  .meta({ id: "MessageFile" });

export const Message = z
  .object({
    id: z.string(),
    threadId: z.string(),
    senderId: z.string(),
    /** What participants read: contact details replaced by *** when `masked`. */
    text: z.string(),
    masked: z.boolean(),
    /** What was written, for operators only (absent for everyone else). */
    originalText: z.string().optional(),
    files: z.array(MessageFile),
    at: z.string(),
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof Message>;
export const MessageResponse = z.object({ message: Message });

export const Thread = z
  .object({
    id: z.string(),
    subject: z.object({ type: ThreadSubjectType, id: z.string() }),
    participants: z.array(Participant),
    createdAt: z.string(),
    lastMessageAt: z.string(),
  })
  .meta({ id: "Thread" });
export type Thread = z.infer<typeof Thread>;
export const ThreadResponse = z.object({ thread: Thread });

export const ThreadSummary = Thread.extend({
  unreadCount: z.number().int(),
  lastMessage: Message.nullable(),
}).meta({ id: "ThreadSummary" });
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ThreadListQuery = ListQuery;
export const ThreadList = Page(ThreadSummary);
export type ThreadList = z.infer<typeof ThreadList>;

/** Messages newest first; `nextCursor` pages towards older ones. */
export const MessageListQuery = ListQuery;
export const MessageList = Page(Message);
export type MessageList = z.infer<typeof MessageList>;

export const ReadResponse = z.object({ unreadCount: z.literal(0), readAt: z.string() });
