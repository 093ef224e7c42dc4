// Who may see what of an entry's files and handover (entries.policy.ts), through the HTTP API:
// the handover is the author's, the buyer's and operators' only (sealed or not), and everyone who
// may not have the original gets a watermarked thumbnail, never a clean copy.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import sharp from "sharp";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, multipart } from "../../../test/helpers/http.ts";
import { enterImage, fund, logoPng, postContest, signUp } from "../contests/contests.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

type EntryJson = {
  id: string;
  handover: {
    text: string | null;
    files: { thumbnailUrl: string; previewUrl: string; originalUrl: string | null }[];
  } | null;
  files: { id: string; thumbnailUrl: string; previewUrl: string; originalUrl: string | null }[];
};

/** An unsealed contest with an awarded, handed-over image entry (not yet accepted or paid). */
async function handedOver() {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 250_000);
  const task = await postContest(t, buyer, { sealed: false });
  const author = await signUp(t.app);
  const other = await signUp(t.app);
  const entry = await enterImage(t, author, task.id, await logoPng(11));
  const second = await enterImage(t, other, task.id, await logoPng(12));
  const award = await call(t, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [
      { entryId: entry.id, prizeIndex: 0 },
      { entryId: second.id, prizeIndex: 1 },
    ],
  });
  assert.equal(award.statusCode, 200, award.body);
  const ho = await multipart(t, author, `/entries/${entry.id}/handover`, [
    { name: "text", value: "SECRET final source: the vector files and the font licence" },
    { name: "files", value: await logoPng(13, 900, 600), filename: "final.png", type: "image/png" },
  ]);
  assert.equal(ho.statusCode, 200, ho.body);
  const handover = (ho.json().entry as EntryJson).handover;
  assert.ok(handover && handover.files.length === 1, "the author sees their own handover");
  return {
    buyer,
    author,
    other,
    task,
    entry,
    handoverFile: handover.files[0] as NonNullable<EntryJson["handover"]>["files"][0],
  };
}

test("a handover (text and files) is seen by its author, the buyer and operators only — not anonymous or other providers, even unsealed", async () => {
  const c = await handedOver();
  const operator = await signUpOperator(t.app, t);
  const cases: [string, SignedUp | undefined, boolean][] = [
    ["anonymous", undefined, false],
    ["another provider", c.other, false],
    ["a stranger", await signUp(t.app), false],
    ["the buyer", c.buyer, true],
    ["the author", c.author, true],
    ["an operator", operator, true],
  ];
  for (const [who, as, sees] of cases) {
    const one = await call(t, as, "GET", `/entries/${c.entry.id}`);
    assert.equal(one.statusCode, 200, `${who}: the entry itself is public in an unsealed contest`);
    assert.equal(one.json().entry.status, "handed_over");
    const list = await call(t, as, "GET", `/tasks/${c.task.id}/entries`);
    assert.equal(list.statusCode, 200, list.body);
    for (const body of [one.body, list.body]) {
      assert.equal(
        body.includes("SECRET final source"),
        sees,
        `${who}: handover text ${sees ? "shown" : "hidden"}`,
      );
    }
    const listed = (list.json().items as EntryJson[]).find((e) => e.id === c.entry.id);
    assert.equal(listed?.handover !== null, sees, who);
    for (const url of [c.handoverFile.thumbnailUrl, c.handoverFile.previewUrl]) {
      const file = await call(t, as, "GET", url);
      assert.equal(file.statusCode, sees ? 200 : 404, `${who}: ${url}`);
    }
  }
});

/** Mean absolute difference per channel (0–255) of two images at the same size. */
async function difference(a: Buffer, b: Buffer, width: number, height: number): Promise<number> {
  const raw = (img: Buffer) =>
    sharp(img).resize(width, height, { fit: "fill" }).removeAlpha().raw().toBuffer();
  const [x, y] = await Promise.all([raw(a), raw(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] as number) - (y[i] as number));
  return sum / x.length;
}

test("the thumbnail is watermarked (≤ 400 px, not a clean resize) for everyone but the author; originalUrl is null for them", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 250_000);
  const task = await postContest(t, buyer, { sealed: false });
  const author = await signUp(t.app);
  // Small enough (as the demo logos) that a clean thumbnail would be the whole original.
  const png = await logoPng(21, 360, 270);
  const entry = await enterImage(t, author, task.id, png);
  const file = entry.files[0] as EntryJson["files"][0];

  const anonEntry = (await call(t, undefined, "GET", `/entries/${entry.id}`)).json().entry as EntryJson;
  assert.equal(anonEntry.files[0]?.originalUrl, null, "anonymous: no original");
  const buyerEntry = (await call(t, buyer, "GET", `/entries/${entry.id}`)).json().entry as EntryJson;
  assert.equal(buyerEntry.files[0]?.originalUrl, null, "the buyer before payment: no original");

  const anon = await call(t, undefined, "GET", file.thumbnailUrl);
  assert.equal(anon.statusCode, 200, anon.body);
  assert.equal(anon.headers["content-type"], "image/webp");
  assert.match(String(anon.headers.vary), /cookie/i);
  const anonMeta = await sharp(anon.rawPayload).metadata();
  assert.ok((anonMeta.width as number) <= 400 && (anonMeta.height as number) <= 400);
  const { width, height } = anonMeta as { width: number; height: number };
  const mine = await call(t, author, "GET", file.thumbnailUrl);
  assert.equal(mine.statusCode, 200);

  const anonVsOriginal = await difference(anon.rawPayload, png, width, height);
  const authorVsOriginal = await difference(mine.rawPayload, png, width, height);
  assert.ok(authorVsOriginal < 3, `the author's thumbnail is the clean image (${authorVsOriginal})`);
  assert.ok(
    anonVsOriginal > 4 && anonVsOriginal > 4 * authorVsOriginal,
    `anonymous gets a marked one (${anonVsOriginal})`,
  );

  // The buyer (before payment) and a second request get the same marked bytes (made once).
  const byBuyer = await call(t, buyer, "GET", file.thumbnailUrl);
  assert.deepEqual(byBuyer.rawPayload, anon.rawPayload);
  const again = await call(t, undefined, "GET", file.thumbnailUrl);
  assert.deepEqual(again.rawPayload, anon.rawPayload);
  const rows = await t.db.selectFrom("files").select("variant").where("derived_from", "=", file.id).execute();
  assert.equal(rows.filter((r) => r.variant === "marked_thumbnail").length, 1);
});
