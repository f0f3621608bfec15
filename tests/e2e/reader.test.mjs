// A reader's walk through the web edition, in real headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core; no browser is
// downloaded): home → an issue → an article → a search with a filter → the
// next page of results → a result with the search terms marked; then, with
// a second paper on the same date, home → the list of papers → each paper's
// issue, neither holding the other's articles. Also: the
// phone layout does not scroll sideways, the skip link is the first stop of
// the keyboard. Screenshots go to target/e2e/.
//
// Run: node tests/e2e/reader.test.mjs   (after `cargo build --release`)

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.SHUZIBAO_BIN || join(root, "target/release/shuzibao");
const shots = join(root, "target/e2e");
mkdirSync(shots, { recursive: true });
const port = 18000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;

// An archive with the samples and copies of them on other dates, so that a
// search has more than one page of results.
const work = mkdtempSync(join(tmpdir(), "shuzibao-e2e-"));
const input = join(work, "in");
mkdirSync(input);
const samples = join(root, "samples");
for (const [k, name] of readdirSync(samples).sort().entries()) {
  const text = readFileSync(join(samples, name), "utf8");
  writeFileSync(join(input, name), text);
  for (const [i, year] of [2019, 2020].entries()) {
    const copy = text.replace(/20(22|23)年(\d+)月(\d+)日/, `${year}年$2月$3日`).replace("2024 年", `${year} 年`);
    // named without the sample's date (a date in the name comes before the
    // masthead's), and apart by letters, which no name pattern reads
    const undated = name.replace(/-\d{4}-\d{2}-\d{2}/, "");
    writeFileSync(join(input, `copy${"ab"[i]}${"abcdefghij"[k]}-${undated}`), copy);
  }
}
// a month with an issue every day of its 31, for the calendar's layout
const monthly = readFileSync(join(samples, "xuhuibao-2023-09-18-p01.txt"), "utf8");
for (let day = 1; day <= 31; day++) {
  writeFileSync(join(input, `month-${day}.txt`), monthly.replace("2023年9月18日", `2018年10月${day}日`));
}
const data = join(work, "data");
const ingest = spawnSync(bin, ["ingest", input, "--data", data], { encoding: "utf8" });
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

// The texts in `selector` that the browser laid out on more than one line.
async function wrapped(p, selector) {
  return p.evaluate((selector) => {
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    return [...document.querySelectorAll(selector)].filter((el) => lines(el) > 1).map((el) => el.textContent);
  }, selector);
}

// The days of the open calendar's months laid out under (or left of) their
// month's label rather than beside it.
async function daysUnderTheirLabel(p) {
  return p.evaluate(() => {
    const out = [];
    for (const month of document.querySelectorAll(".calendar details[open] .month")) {
      const label = month.querySelector("h3");
      const right = label.getBoundingClientRect().right;
      for (const day of month.querySelectorAll("ul.days li")) {
        if (day.getBoundingClientRect().left < right) out.push(`${label.textContent} ${day.textContent}`);
      }
    }
    return out;
  });
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

try {
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "zh-CN" });

  await step("home shows the latest issue", async () => {
    await page.goto(base + "/");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.match(await page.textContent("h1"), /最新一期/);
    await page.screenshot({ path: join(shots, "1-home.png"), fullPage: true });
  });

  await step("home → the issue", async () => {
    await page.click('h1 a[href$="/2024-01-01"]');
    await page.waitForURL(/\/papers\/%E5%BE%90%E6%B1%87%E6%8A%A5\/2024-01-01$/);
    assert.ok(await page.isVisible("#page-1"));
    await page.screenshot({ path: join(shots, "2-issue.png"), fullPage: true });
  });

  await step("issue → an article", async () => {
    await page.click("#page-1 .card h3 a");
    await page.waitForURL(/\/articles\/\d+$/);
    const title = await page.textContent("article.story h1");
    assert.ok(title && title.length > 2);
    assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
    await page.screenshot({ path: join(shots, "3-article.png"), fullPage: true });
  });

  await step("search from the header, then with a date filter", async () => {
    await page.fill("#site-q", "徐汇");
    await page.press("#site-q", "Enter");
    await page.waitForURL(/\/search\?q=/);
    assert.match(await page.textContent("#count"), /共 \d+ 篇/);
    await page.fill("#from", "2019");
    await page.fill("#to", "2024");
    await page.click("form.filters button[type=submit]");
    await page.waitForURL(/from=2019/);
    assert.match(await page.textContent("#count"), /第 1\/\d+ 页/);
    await page.screenshot({ path: join(shots, "4-search.png"), fullPage: true });
  });

  await step("the next page of results keeps the filters", async () => {
    await page.click("nav.pager a[rel=next]");
    await page.waitForURL(/p=2/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("from"), "2019");
    assert.equal(url.searchParams.get("q"), "徐汇");
    assert.match(await page.textContent("#count"), /第 2\/\d+ 页/);
    assert.ok((await page.locator("ol.hits li").count()) > 0);
    await page.screenshot({ path: join(shots, "5-search-page-2.png"), fullPage: true });
  });

  await step("a result opens with the search terms marked", async () => {
    await page.click("ol.hits li h3 a");
    await page.waitForURL(/\/articles\/\d+\?hl=/);
    assert.ok((await page.locator("article.story mark").count()) > 0);
    await page.screenshot({ path: join(shots, "6-article-marked.png"), fullPage: true });
  });

  await step("the keyboard's first stop is the skip link", async () => {
    await page.goto(base + "/");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  });

  await step("a phone does not scroll sideways", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    for (const path of ["/", "/papers/%E5%BE%90%E6%B1%87%E6%8A%A5/2024-01-01", "/search?q=%E5%BE%90%E6%B1%87"]) {
      await phone.goto(base + path);
      const [scroll, width] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${path}: ${scroll} > ${width}`);
    }
    await phone.screenshot({ path: join(shots, "7-phone-search.png"), fullPage: true });
    await phone.close();
  });

  await step("a month of 31 days never wraps under its label, on a desktop and a phone", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    for (const [p, name] of [[page, "8-calendar.png"], [phone, "9-phone-calendar.png"]]) {
      await p.goto(base + "/");
      await p.locator(".calendar summary", { hasText: "2018年" }).click();
      const october = p.locator(".calendar details[open] .month", { has: p.locator("h3", { hasText: "10月" }) });
      assert.equal(await october.locator("ul.days li").count(), 31);
      assert.deepEqual(await daysUnderTheirLabel(p), []);
      assert.deepEqual(await wrapped(p, ".calendar .month h3, ul.days li"), []);
      const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${scroll} > ${width}`);
      await october.screenshot({ path: join(shots, name) });
    }
    await phone.close();
  });

  await step("the people table's headers and names stay on one line, on a desktop and a phone", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    for (const [p, name] of [[page, "10-people.png"], [phone, "11-phone-people.png"]]) {
      await p.goto(base + "/people");
      assert.ok((await p.locator("table.people tbody tr").count()) > 5);
      assert.deepEqual(await wrapped(p, "table.people th, table.people td:first-child a, table.people td:nth-child(2)"), []);
      const [scroll, width] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${scroll} > ${width}`);
      await p.screenshot({ path: join(shots, name) });
      await p.locator("table.people td:first-child a").first().click();
      await p.waitForURL(/\/people\/.+/);
      assert.deepEqual(await wrapped(p, "table.posts th"), []);
    }
    await phone.close();
  });

  await step("the search form's placeholders read as hints", async () => {
    await page.goto(base + "/search");
    const fields = await page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const luminance = (c) => {
        const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return [...document.querySelectorAll("form.filters input[placeholder]")].map((input) => {
        const hint = getComputedStyle(input, "::placeholder");
        const field = getComputedStyle(input);
        const [lh, lt, lb] = [luminance(hint.color), luminance(field.color), luminance(field.backgroundColor)];
        return {
          id: input.id,
          placeholder: input.placeholder,
          lighter: lh > lt,
          contrast: (Math.max(lh, lb) + 0.05) / (Math.min(lh, lb) + 0.05),
          smaller: parseFloat(hint.fontSize) < parseFloat(field.fontSize),
        };
      });
    });
    assert.ok(fields.length >= 5, JSON.stringify(fields));
    for (const f of fields) {
      assert.ok(f.lighter && f.smaller, `${f.id}: the hint is set apart from a value: ${JSON.stringify(f)}`);
      assert.ok(f.contrast >= 4.5, `${f.id}: the hint is still readable (AA): ${JSON.stringify(f)}`);
      assert.ok(!/[0-9a-z]/i.test(f.placeholder) || f.placeholder.startsWith("例如："), `${f.id}: ${f.placeholder}`);
    }
  });

  await step("with a second paper on the same date, home lists the papers and each issue holds its own", async () => {
    const other = join(work, "other");
    mkdirSync(other);
    writeFileSync(join(other, "rmrb-20240101-01.txt"), "## 新年第一版的要闻\n\n本报讯 新年第一天，全国各地迎来新气象。\n");
    writeFileSync(join(other, "rmrb-20240101-02.txt"), "## 新年第二版的评论\n\n本报讯 新的一年，新的开始。\n");
    const more = spawnSync(bin, ["ingest", other, "--data", data], { encoding: "utf8" });
    assert.equal(more.status, 0, more.stderr);
    // the server's index sees another process's commit within a moment
    for (let i = 0; i < 50 && !(await (await fetch(base + "/")).text()).includes("人民日报"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(base + "/");
    assert.equal(await page.locator("ul.papers > li").count(), 2);
    await page.screenshot({ path: join(shots, "12-papers.png"), fullPage: true });
    await page.click('ul.papers a.paper:text-is("人民日报")');
    await page.waitForURL(/\/papers\/%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5$/);
    await page.click('h1 a[href$="/2024-01-01"]');
    await page.waitForURL(/\/papers\/%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5\/2024-01-01$/);
    const titles = await page.locator(".card h3").allTextContents();
    assert.deepEqual(titles, ["新年第一版的要闻", "新年第二版的评论"]);
    await page.screenshot({ path: join(shots, "13-other-paper-issue.png"), fullPage: true });
    await page.click("#page-2 h2 a");
    await page.waitForURL(/\/2024-01-01\/2$/);
    assert.deepEqual(await page.locator(".card h3").allTextContents(), ["新年第二版的评论"]);
    assert.match(await page.textContent("nav.prevnext a[rel=prev]"), /上一版 第1版/);
    await page.goto(base + "/issues/2024-01-01");
    assert.equal(await page.locator("ul.papers > li").count(), 2, "the old URL of the date lists both papers");
    await page.click('ul.papers a.paper:text-is("徐汇报")');
    await page.waitForURL(/\/papers\/%E5%BE%90%E6%B1%87%E6%8A%A5\/2024-01-01$/);
    assert.ok(!(await page.textContent("main")).includes("新年第一版的要闻"), "no article of the other paper");
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    await phone.goto(base + "/");
    const [scroll, width] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${scroll} > ${width}`);
    await phone.screenshot({ path: join(shots, "14-phone-papers.png"), fullPage: true });
    await phone.close();
  });

  await step("a missing page is a 404 page", async () => {
    const r = await page.goto(base + "/no/such/page");
    assert.equal(r.status(), 404);
    assert.match(await page.textContent("h1"), /找不到/);
  });
} finally {
  if (browser) await browser.close();
  server.kill("SIGINT");
  await new Promise((r) => server.once("exit", r));
  rmSync(work, { recursive: true, force: true });
}

if (failed) {
  console.log("end-to-end: FAILED");
  process.exit(1);
}
console.log(`end-to-end: all passed (screenshots in ${shots})`);
