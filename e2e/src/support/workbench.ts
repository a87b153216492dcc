import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { ROOT } from './paths';

/** Debian's Chromium; Playwright's own browser download cannot be reached from these machines. */
export const CHROMIUM = process.env.SLSGUARD_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The README's screenshots. */
const SCREENSHOTS_DIR = path.join(ROOT, 'media', 'screenshots');

/** Default deadline of a step that waits on the workbench or the language server. */
export const STEP_TIMEOUT = 30_000;

/**
 * Poll `check` until it returns a value (not `undefined`, `false` or `''`), or fail at the
 * deadline. Errors count as "not yet" (an element detached mid-read), and the last one is
 * part of the timeout message.
 */
export async function until<T>(check: () => Promise<T | undefined | false | ''>, what: string, timeoutMs = STEP_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false && value !== '') return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How well a command palette entry matches the label typed: the entry's own label (its
 * keybinding, after a comma, removed) equal to it, then equal but for the category, then
 * starting with it; 0 when it does not contain it.
 */
export function commandScore(entry: string, typed: string): number {
  const label = entry.replace(/, (?:Control|Shift|Alt|Meta|Super|Ctrl|Cmd|F\d)[^,]*(?:,.*)?$/, '').toLowerCase();
  const want = typed.toLowerCase();
  if (label === want) return 4;
  if (label.endsWith(`: ${want}`)) return 3;
  if (label.startsWith(want)) return 2;
  return label.includes(want) ? 1 : 0;
}

/**
 * A person at the keyboard of a VS Code workbench in a browser page: Quick Open, the command
 * palette, the Problems panel, notifications, the status bar. Every wait polls with a deadline.
 */
export class Workbench {
  private shot = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  static async open(browser: Browser, url: string, screenshotDir: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return new Workbench(page, screenshotDir);
  }

  /**
   * `NN-name.png` under the results directory. With `readme`, and `SLSGUARD_UPDATE_SCREENSHOTS=1`
   * in the environment, also `media/screenshots/<readme>.png`: only the part of the window the
   * `areas` cover (by default the editor and the panel), so the README's images stay small
   * (`npm run test:e2e` with the variable set refreshes them).
   */
  async screenshot(
    name: string,
    readme?: string,
    areas: Locator[] = [this.page.locator('.part.editor'), this.page.locator('.part.panel')],
  ): Promise<void> {
    fs.mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    if (!readme || process.env.SLSGUARD_UPDATE_SCREENSHOTS !== '1') return;
    const boxes = [];
    for (const area of areas) {
      for (const element of await area.all()) {
        const box = await element.boundingBox();
        if (box && box.width > 0 && box.height > 0) boxes.push(box);
      }
    }
    if (boxes.length === 0) throw new Error(`no area of the ${readme} screenshot is visible`);
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${readme}.png`), clip: { x, y, width: right - x, height: bottom - y } });
  }

  /**
   * Waits for a quick input entry that `score`s above 0 (fuzzy ordering may put another entry
   * first), then picks the best one with a click.
   */
  private async pick(what: string, score: (label: string) => number, timeoutMs = STEP_TIMEOUT): Promise<void> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const labels = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    let index: number;
    try {
      index = await until(
        async () => {
          const scores = (await labels()).map(score);
          const best = Math.max(0, ...scores);
          return best > 0 ? scores.indexOf(best) : undefined;
        },
        `a quick input entry for ${what}`,
        timeoutMs,
      );
    } catch (error) {
      const input = await this.page
        .locator('.quick-input-widget input')
        .inputValue()
        .catch(() => '?');
      throw new Error(`${(error as Error).message}; input "${input}", entries ${JSON.stringify(await labels().catch(() => []))}`);
    }
    await rows.nth(index).click();
    await until(async () => !(await this.page.locator('.quick-input-widget').isVisible()), 'the quick input to close');
  }

  /**
   * Quick Open (Ctrl+P): type a file name and open the first match. A file written a moment ago
   * may not be in Quick Open's file list yet (the file watcher reports it later): then Quick Open
   * is closed and asked again, as a person would, until the step's deadline.
   */
  async openFile(name: string): Promise<void> {
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
      await this.page.keyboard.press('Control+P');
      await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
      await this.page.keyboard.type(name);
      try {
        await this.pick(
          `the file ${name}`,
          (label) => (label.includes(path.basename(name)) ? 1 : 0),
          Math.min(5_000, Math.max(0, deadline - Date.now())),
        );
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
    await until(
      async () => (await this.activeTab().getAttribute('aria-label'))?.includes(path.basename(name)),
      `the editor tab of ${name}`,
    );
  }

  activeTab(): Locator {
    return this.page.locator('.tabs-container .tab.active').first();
  }

  /** Command palette (F1): type the command's label and run it. */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await this.page.keyboard.type(label);
    await this.pick(`the command "${label}"`, (entry) => commandScore(entry, label));
  }

  /**
   * In the open code action menu (Quick Fix..., the light bulb), applies the action whose title
   * contains `title`.
   */
  applyCodeAction(title: string): Promise<void> {
    return this.chooseByKeyboard('.action-widget .monaco-list-row.action', (label) => label.includes(title), `the code action "${title}"`);
  }

  /** In the suggest widget, accepts the suggestion whose label starts with `label`. */
  acceptSuggestion(label: string): Promise<void> {
    return this.chooseByKeyboard('.suggest-widget .monaco-list-row', (row) => row.startsWith(label), `the suggestion "${label}"`);
  }

  /**
   * In a list that leaves the focus in the editor (the code action menu, the suggest widget),
   * waits for a row `matches` accepts, moves to it with the arrow keys and presses Enter, as a
   * person does: these menus sit behind a layer that swallows mouse clicks.
   */
  private async chooseByKeyboard(rows: string, matches: (ariaLabel: string) => boolean, what: string): Promise<void> {
    const all = this.page.locator(rows);
    await until(async () => (await all.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).some(matches), what);
    const count = await all.count();
    for (let i = 0; i <= count; i++) {
      const focused = await this.page.locator(`${rows}.focused`).first().getAttribute('aria-label');
      if (focused !== null && matches(focused)) {
        await this.page.keyboard.press('Enter');
        await until(async () => !(await all.first().isVisible()), `${what} to close its list`);
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`${what} could not be focused`);
  }

  /**
   * The lines the active editor shows, top to bottom (Monaco renders only the visible ones,
   * and reuses line elements out of order).
   */
  editorText(): Promise<string> {
    return this.page
      .locator('.part.editor .editor-group-container.active .monaco-editor .view-lines')
      .first()
      .evaluate((root) =>
        Array.from(root.querySelectorAll<HTMLElement>('.view-line'))
          .map((line) => ({ top: parseFloat(line.style.top), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text)
          .join('\n'),
      );
  }

  /** Waits for the light bulb beside the cursor, clicks it, and returns the rows of its menu. */
  async openLightbulb(): Promise<Locator> {
    const bulb = this.page.locator('.part.editor .lightBulbWidget');
    await until(() => bulb.isVisible(), 'the light bulb beside the cursor');
    await bulb.click();
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await until(async () => (await rows.count()) > 0, 'the light bulb menu');
    return rows;
  }

  /** Go to Line/Column (Ctrl+G) in the active editor; 1-based, as the editor shows them. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await this.page.keyboard.type(`${line}:${column}`);
    // Enter goes to the line once Go to Line has read the input (its entry names the line); on a
    // busy machine an Enter pressed sooner is dropped, so it is pressed again while the box stays.
    const entry = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: `line ${line}` });
    await until(async () => (await entry.count()) > 0, `the Go to Line entry for line ${line}`);
    let pressedAt = 0;
    await until(async () => {
      if (!(await this.page.locator('.quick-input-widget').isVisible())) return true;
      if (Date.now() - pressedAt > 2_000) {
        await this.page.keyboard.press('Enter');
        pressedAt = Date.now();
      }
      return false;
    }, 'Go to Line to close');
  }

  /**
   * The text of the rows the Problems panel shows, opening it if needed. `filter` goes into the
   * panel's filter box (text, or a glob such as `**\/reports-stack.ts`): the panel only renders
   * the rows that fit, so a step looks for what it needs the way a person would.
   */
  async problems(filter = ''): Promise<string> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('View: Focus Problems');
    const box = this.problemsFilter();
    if ((await box.inputValue()) !== filter) {
      await box.fill(filter);
      await until(async () => (await box.inputValue()) === filter, 'the Problems filter to take the text');
    }
    return panel.innerText();
  }

  /**
   * Empties the filter box of the panel's visible view (Problems, Output). The views share
   * that box, and text typed for one can reappear in another: a person clears it.
   */
  async clearPanelFilter(): Promise<void> {
    const box = this.page.locator('.part.panel .viewpane-filter input:visible').first();
    // The locator is found again on each try: while the panel switches views (Problems to Output),
    // the visible filter box can change under it, so it is emptied until the one shown is empty.
    await until(async () => {
      if ((await box.count()) === 0 || (await box.inputValue()) === '') return true;
      await box.fill('');
      return false;
    }, 'the panel filter to clear');
  }

  private problemsFilter(): Locator {
    return this.page.locator('.part.panel').getByPlaceholder('Filter (e.g. text, **/*.ts').first();
  }

  /** Texts of the notification toasts on screen. */
  visibleToasts(): Promise<string[]> {
    return this.page.locator('.notification-toast').allInnerTexts();
  }

  /** A notification toast with this text, once its fade-in is done (for a clean screenshot). */
  async toast(text: string | RegExp): Promise<Locator> {
    const toast = this.page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    return toast;
  }

  /**
   * Starts recording the text of every notification that appears from now on, however briefly:
   * a progress notification of a fast operation may be gone before a poll sees it.
   */
  async recordNotifications(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __seen: string[]; __observer?: MutationObserver };
      w.__seen = [];
      w.__observer?.disconnect();
      const record = () => {
        for (const el of Array.from(document.querySelectorAll('.notification-toast, .notifications-center .notification-list-item'))) {
          const text = (el as HTMLElement).innerText;
          if (text && !w.__seen.includes(text)) w.__seen.push(text);
        }
      };
      w.__observer = new MutationObserver(record);
      w.__observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      record();
    });
    return () => this.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.slice());
  }

  /** A status bar entry by the id an extension gave it (`createStatusBarItem(id, …)`). */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.statusbar-item[id$=".${id}"], .statusbar-item[id="${id}"]`).first();
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
