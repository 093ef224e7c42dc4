// Password rules and hashing. argon2id with the library's defaults (19 MiB, t=2, p=1: OWASP's
// recommended minimum). Passwords are never returned, never logged (app.ts redacts auth headers;
// no route logs bodies).
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { invalidInput } from "../../core/errors.ts";

// The library's `Algorithm` is a const enum, which type stripping cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

const COMMON = new Set(
  readFileSync(path.join(import.meta.dirname, "common-passwords.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line && !line.startsWith("#")),
);

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

/** True for passwords an attacker tries first: the bundled list and a few obvious patterns. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  // One character repeated, or a short unit repeated (abcabcabc, 12121212).
  if (/^(.{1,3})\1+$/u.test(lower)) return true;
  // A run along a keyboard row or the alphabet, forwards or backwards (12345678, 87654321, qwertyui).
  for (const row of KEYBOARD_ROWS) {
    const reversed = [...row].reverse().join("");
    if (row.includes(lower) || reversed.includes(lower)) return true;
  }
  return false;
}

/** Refuses a common password, or one equal to the e-mail address, with a message that says so. */
export function assertAcceptablePassword(password: string, email: string): void {
  if (isCommonPassword(password)) {
    throw invalidInput("This password is too common; choose one that is harder to guess", {
      issues: [{ path: "body.password", message: "is too common" }],
    });
  }
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (lower === email.toLowerCase() || (local.length >= 4 && lower === local)) {
    throw invalidInput("The password must not be your e-mail address", {
      issues: [{ path: "body.password", message: "must not be your e-mail address" }],
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is no password at all.
    return false;
  }
}

// Verified against when the e-mail is unknown, so that an unknown e-mail costs the same time as a
// wrong password (the answer is the same too): no account enumeration by timing.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
  await verifyPassword(await dummyHash, password);
}
