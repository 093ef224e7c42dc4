// Upload limits through the entry and handover routes (uploads.ts): the pixel limit follows the
// contest's category, and each account's hourly upload quota applies to entries too.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import sharp from "sharp";
import { startTestApp } from "../../../test/helpers/app.ts";
import { call, expectError, multipart } from "../../../test/helpers/http.ts";
import { NON_DESIGN_MAX_PIXELS, UploadQuota } from "../../http/uploads.ts";
import { enterImage, fund, logoPng, postContest, signUp } from "../contests/contests.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

/** 4000 × 3500 = 14 MP: over the non-design limit, well under the design one. */
const bigPng = () =>
  sharp({ create: { width: 4000, height: 3500, channels: 3, background: "#2a6" } })
    .png({ compressionLevel: 9 })
    .toBuffer();

test("a 14 MP image is refused (400) in a naming contest and its handover, accepted in a logo contest", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 600_000);
  const naming = await postContest(t, buyer, {
    categoryId: "company-naming",
    title: "公司起名 Company name",
  });
  const logo = await postContest(t, buyer, { categoryId: "logo" });
  const provider = await signUp(t.app);
  const png = await bigPng();
  const file = { name: "files", value: png, filename: "big.png", type: "image/png" };

  const refused = await multipart(t, provider, `/tasks/${naming.id}/entries`, [file]);
  expectError(refused, 400, "invalid_input");
  assert.equal(refused.json().error.details.maxPixels, NON_DESIGN_MAX_PIXELS);
  const accepted = await multipart(t, provider, `/tasks/${logo.id}/entries`, [file]);
  assert.equal(accepted.statusCode, 201, accepted.body);

  // The handover of the naming contest follows the same limit.
  const entry = await enterImage(t, provider, naming.id, await logoPng(3));
  const other = await enterImage(t, await signUp(t.app), naming.id, await logoPng(4));
  const award = await call(t, buyer, "POST", `/tasks/${naming.id}/awards`, {
    awards: [
      { entryId: entry.id, prizeIndex: 0 },
      { entryId: other.id, prizeIndex: 1 },
    ],
  });
  assert.equal(award.statusCode, 200, award.body);
  const handover = await multipart(t, provider, `/entries/${entry.id}/handover`, [file]);
  expectError(handover, 400, "invalid_input");
});

test("entries count against the account's hourly upload quota → 429 rate_limited with Retry-After", async () => {
  const buyer = await signUp(t.app);
  await fund(t, buyer, 250_000);
  const task = await postContest(t, buyer);
  const provider = await signUp(t.app);
  await enterImage(t, provider, task.id, await logoPng(5));
  await t.db
    .updateTable("rate_limits")
    .set({ hits: UploadQuota.files.max })
    .where("key", "=", `upload:files:account:${provider.user.id}`)
    .execute();
  const over = await multipart(t, provider, `/tasks/${task.id}/entries`, [
    { name: "files", value: await logoPng(6), filename: "logo.png", type: "image/png" },
  ]);
  expectError(over, 429, "rate_limited");
  assert.ok(Number(over.headers["retry-after"]) >= 1);
  // Text-only entries need no upload and still go through.
  const text = await call(t, provider, "POST", `/tasks/${task.id}/entries`, {
    text: "A second idea, in words",
  });
  assert.equal(text.statusCode, 201, text.body);
});
