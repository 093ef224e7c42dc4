// Kept for imports of before contracts/common.ts: the cursor lives there now.
export { CURSOR_MAX_LENGTH, Cursor } from "./common.ts";
