// Demo content for a new installation, so that the first visit shows a living marketplace.
// It runs only on an empty database; later features add their own demo rows here.
import type { Database } from "../../db/database.ts";

export type SeedResult = { seeded: boolean; logins: { role: string; email: string; password: string }[] };

export async function seedDemo(_db: Database): Promise<SeedResult> {
  // Categories come with their migration; nothing else exists yet to seed.
  return { seeded: false, logins: [] };
}
