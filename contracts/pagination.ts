import { z } from "zod";

/**
 * The longest `?cursor=` any list accepts. Cursors are opaque: the server's one codec
 * (server/core/pagination.ts) emits base64url of a short sort key and never more than this.
 */
export const CURSOR_MAX_LENGTH = 200;

export const Cursor = z.string().max(CURSOR_MAX_LENGTH);
