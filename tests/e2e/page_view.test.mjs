// The page view of pages read from PDFs, in real headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core): two made-up page
// PDFs of one issue (written by the archive's `made_up_pages` example, text
// of our own) are ingested and served. On a desktop: a zone is clicked and
// opens its article; Tab reaches a zone and Enter opens it; the article
// shows its crop and goes back to its zone, which is the page's :target;
// a search's words are marked on the page image. On a phone (390×844): the
// page shown fills the screen, a swipe brings the next page, a tap on a
// zone opens its article, and the page does not scroll sideways.
// Screenshots go to target/e2e/.
//
// Run: node tests/e2e/page_view.test.mjs   (after `cargo build --bin shuzibao`
// and `cargo build -p shuzibao-archive --example made_up_pages`)

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.SHUZIBAO_BIN || join(root, "target/release/shuzibao");
const maker = process.env.MADE_UP_PAGES_BIN || join(dirname(bin), "examples/made_up_pages");
const shots = join(root, "target/e2e");
mkdirSync(shots, { recursive: true });
const port = 20000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
const issue = `/papers/${encodeURIComponent("示例日报")}/2024-03-05`;

const work = mkdtempSync(join(tmpdir(), "shuzibao-e2e-pages-"));
const input = join(work, "in");
const made = spawnSync(maker, [input], { encoding: "utf8" });
assert.equal(made.status, 0, `${maker}: ${made.stderr || made.error}`);
const data = join(work, "data");
const ingest = spawnSync(bin, ["ingest", input, "--data", data, "--paper", "示例日报"], { encoding: "utf8" });
assert.equal(ingest.status, 0, ingest.stderr);

const server = spawn(bin, ["serve", "--data", data, "--addr", `127.0.0.1:${port}`, "--no-samples"], {
  stdio: ["ignore", "inherit", "inherit"],
});
let browser;
let failed = false;

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(base + "/about");
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

async function step(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}\n     ${e.stack || e}`);
  }
}

// Where an element stands, left edge and width, relative to the viewport.
async function box(p, selector) {
  return p.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, width: r.width, top: r.top };
  });
}

try {
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "zh-CN" });
  const zones = ".leaf.current svg.zones a";

  await step("the page view shows the page image with a zone per article", async () => {
    await page.goto(base + issue + "/2");
    await page.waitForFunction(() => document.querySelector(".leaf.current img").complete);
    assert.ok(await page.isVisible(".leaf.current img"));
    assert.equal(await page.locator(zones).count(), 2);
    assert.ok(!(await page.isVisible("#leaf-3")), "on a desktop only the page shown");
    assert.equal(await page.locator('nav[aria-label="版面导航"] li').count(), 2);
    await page.screenshot({ path: join(shots, "p1-page-view.png"), fullPage: true });
  });

  await step("a zone is clicked and opens its article", async () => {
    const title = await page.locator(zones).nth(1).getAttribute("aria-label");
    await page.locator(zones).nth(1).click();
    await page.waitForURL(/\/articles\/\d+$/);
    assert.equal(await page.textContent("article.story h1"), title);
  });

  await step("Tab reaches a zone, Enter opens its article", async () => {
    await page.goto(base + issue + "/2");
    let focused = null;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.closest("svg.zones") ? { id: el.id, title: el.getAttribute("aria-label") } : null;
      });
    }
    assert.ok(focused, "no zone took the focus");
    assert.match(focused.id, /^zone-\d+$/);
    // the focused zone is drawn so
    const stroke = await page.evaluate((id) => getComputedStyle(document.querySelector(`#${id} rect`)).stroke, focused.id);
    assert.notEqual(stroke, "none");
    await page.screenshot({ path: join(shots, "p2-zone-focused.png") });
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/articles\/\d+$/);
    assert.equal(await page.textContent("article.story h1"), focused.title);
  });

  await step("the article shows its crop and goes back to its zone on the page", async () => {
    const id = page.url().match(/\/articles\/(\d+)/)[1];
    assert.ok(await page.isVisible("figure.crop svg"));
    const crop = await box(page, "figure.crop svg");
    assert.ok(crop.width > 200, `crop ${crop.width} px wide`);
    await page.screenshot({ path: join(shots, "p3-article-crop.png"), fullPage: true });
    await page.click("figure.crop a.to-page");
    await page.waitForURL(new RegExp(`/2#zone-${id}$`));
    assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), `zone-${id}`);
    const fill = await page.evaluate((id) => getComputedStyle(document.querySelector(`#zone-${id} rect`)).fill, id);
    assert.notEqual(fill, "rgba(0, 0, 0, 0)", "the zone is highlighted");
    await page.screenshot({ path: join(shots, "p4-zone-target.png") });
  });

  await step("a search's words are marked on the page image", async () => {
    await page.goto(base + issue + "/2?q=" + encodeURIComponent("观景平台"));
    const marks = page.locator(".leaf.current svg .marks rect");
    assert.ok((await marks.count()) >= 1);
    const m = await box(page, ".leaf.current svg .marks rect");
    assert.ok(m.width > 50, `mark ${m.width} px wide`);
    assert.equal(await page.inputValue("#site-q"), "观景平台");
    await page.screenshot({ path: join(shots, "p5-search-marks.png") });
    // the zone that holds them opens its article with the words marked
    await page.locator(`${zones}.hit`).first().click();
    await page.waitForURL(/\/articles\/\d+\?hl=/);
    assert.ok((await page.locator("article.story mark").count()) >= 1);
    assert.ok((await page.locator("figure.crop .marks rect").count()) >= 1);
  });

  await step("a search result leads to its zone on the page, the words marked", async () => {
    await page.goto(base + "/search?q=" + encodeURIComponent("老年助餐"));
    await page.click("a.on-page");
    await page.waitForURL(/\/[23]\?q=.+#zone-\d+$/);
    const target = await page.evaluate(() => document.querySelector(":target")?.getAttribute("aria-label"));
    assert.equal(target, "社区食堂推出老年餐");
    assert.ok((await page.locator(".leaf.current svg .marks rect").count()) >= 1);
  });

  await step("phone: the page fills the screen, a swipe brings the next page, a tap opens an article", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    const phone = await context.newPage();
    // page 3 first: the row of pages starts at the page shown, not at the first
    await phone.goto(base + issue + "/3");
    const row = await box(phone, ".leaves");
    let shown = await box(phone, "#leaf-3");
    assert.ok(Math.abs(shown.left - row.left) < 2, `page 3 at ${shown.left}, row at ${row.left}`);
    await phone.goto(base + issue + "/2");
    await phone.waitForFunction(() => document.querySelector(".leaf.current img").complete);
    const [scroll, width] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
    shown = await box(phone, "#leaf-2");
    assert.ok(Math.abs(shown.left - row.left) < 2 && shown.width > 300, JSON.stringify(shown));
    const next = await box(phone, "#leaf-3");
    assert.ok(next.left >= row.left + row.width - 1, `the next page waits to the right: ${JSON.stringify([next, row])}`);
    await phone.screenshot({ path: join(shots, "p6-phone-page.png") });
    // a swipe to the left, as a finger does it
    const cdp = await context.newCDPSession(phone);
    const img = await box(phone, "#leaf-2 img");
    const y = Math.round(img.top + 200);
    const touch = (type, x) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    await touch("touchStart", 320);
    for (let x = 300; x >= 80; x -= 20) {
      await touch("touchMove", x);
      await new Promise((r) => setTimeout(r, 16));
    }
    await touch("touchEnd", 80);
    await phone.waitForFunction(() => {
      const row = document.querySelector(".leaves").getBoundingClientRect().left;
      return Math.abs(document.querySelector("#leaf-3").getBoundingClientRect().left - row) < 2;
    }, null, { timeout: 5000 });
    await phone.waitForFunction(() => document.querySelector("#leaf-3 img").complete);
    await phone.screenshot({ path: join(shots, "p7-phone-swiped.png") });
    // a tap on a zone of the page swiped to opens its article
    const zone = phone.locator("#leaf-3 svg.zones a").first();
    const title = await zone.getAttribute("aria-label");
    await zone.tap();
    await phone.waitForURL(/\/articles\/\d+$/);
    assert.equal(await phone.textContent("article.story h1"), title);
    await phone.screenshot({ path: join(shots, "p8-phone-article.png"), fullPage: true });
    await context.close();
  });
  await step("phone: where CSS cannot start the row at the page shown, the page's script does", async () => {
    // the stylesheet without scroll-initial-target, as in a browser that lacks it; with
    // script the row starts at page 3, without it at the first page
    for (const js of [true, false]) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled: js,
        locale: "zh-CN",
      });
      await context.route("**/static/style.css", async (route) => {
        const r = await route.fetch();
        await route.fulfill({ response: r, body: (await r.text()).replace(/scroll-initial-target:[^;]*;/g, "") });
      });
      const phone = await context.newPage();
      await phone.goto(base + issue + "/3");
      await phone.waitForFunction(() => document.querySelector(".leaf.current img").complete);
      const row = await box(phone, ".leaves");
      const first = await box(phone, js ? "#leaf-3" : "#leaf-2");
      assert.ok(Math.abs(first.left - row.left) < 2, `script ${js}: ${first.left} vs ${row.left}`);
      await context.close();
    }
  });
} finally {
  if (browser) await browser.close();
  server.kill("SIGINT");
  await new Promise((r) => server.once("exit", r));
  rmSync(work, { recursive: true, force: true });
}

if (failed) {
  console.log("end-to-end (page view): FAILED");
  process.exit(1);
}
console.log(`end-to-end (page view): all passed (screenshots in ${shots})`);
