// Screenshots of the home page for the README (docs/screenshots/), taken with Debian's Chromium:
//   npm start                                   # in another terminal (any PORT)
//   node test/e2e/screenshots.ts http://127.0.0.1:3000 [outDir]
// Full-page captures at 1280 px and 390 px, zh-CN and English, palette-compressed.
import path from "node:path";
import { chromium } from "playwright-core";
import sharp from "sharp";
import { CHROMIUM_ARGS, viewports } from "../helpers/browser.ts";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const outDir = path.resolve(
  process.argv[3] ?? path.join(import.meta.dirname, "..", "..", "docs", "screenshots"),
);
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const shots = [
  { file: "home-zh-CN.png", locale: "zh-CN", viewport: viewports.desktop, mobile: false },
  { file: "home-en.png", locale: "en", viewport: viewports.desktop, mobile: false },
  { file: "home-phone-zh-CN.png", locale: "zh-CN", viewport: viewports.phone, mobile: true },
  { file: "home-phone-en.png", locale: "en", viewport: viewports.phone, mobile: true },
] as const;

const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: shot.viewport,
      isMobile: shot.mobile,
      hasTouch: shot.mobile,
      deviceScaleFactor: 1,
      reducedMotion: "reduce",
    });
    await context.addInitScript(`localStorage.setItem("liangjiang.locale", ${JSON.stringify(shot.locale)})`);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId("categories").getByRole("listitem").first().waitFor();
    await page.evaluate("document.fonts.ready");
    const file = path.join(outDir, shot.file);
    // A 256-colour palette keeps each file well under 400 KB with no visible loss for flat UI.
    const png = await page.screenshot({ fullPage: true });
    const info = await sharp(png)
      .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
      .toFile(file);
    console.log(`wrote ${file} (${info.width}×${info.height}, ${Math.round(info.size / 1024)} KB)`);
    await context.close();
  }
} finally {
  await browser.close();
}
