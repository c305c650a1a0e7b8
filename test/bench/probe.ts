/**
 * What a benchmark page records about itself from its first script on (installed with addInitScript):
 * when an element first appears, every main-thread long task, and during `scrollThrough` the longest
 * frame. Times are `performance.now()`: ms since the navigation started.
 */
import type { Page } from '@playwright/test';

export interface ProbeWindow {
  __firstSeen?: number;
  /** [start, duration] of every long task (PerformanceObserver 'longtask': 50 ms or more). */
  __longTasks: [number, number][];
}

/** Installs the probe: `selector` is the element whose first appearance ends the start-up. */
function installProbe(selector: string): void {
  const probe = window as unknown as ProbeWindow;
  probe.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.__longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector) === null) return;
    probe.__firstSeen = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

export interface Opened {
  readonly page: Page;
  /** From the navigation's start to the element's first appearance, ms. */
  readonly ms: number;
  /** The longest main-thread long task until then (0: none of 50 ms or more). */
  readonly longestTaskMs: number;
}

/** Opens `url` in a new page of the context and waits for `selector` to appear. */
export async function openAndTime(
  context: { newPage(): Promise<Page> },
  url: string,
  selector: string,
  options: { timeout: number; beforeGoto?: (page: Page) => Promise<void> },
): Promise<Opened> {
  const page = await context.newPage();
  await page.addInitScript(installProbe, selector);
  await options.beforeGoto?.(page);
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as ProbeWindow).__firstSeen, undefined, {
    timeout: options.timeout,
    polling: 100,
  });
  const ms = (await handle.jsonValue()) as number;
  // Long-task entries arrive after their task ended: give the observer a moment.
  await page.waitForTimeout(300);
  const longestTaskMs = await page.evaluate(() => {
    const probe = window as unknown as ProbeWindow;
    const until = probe.__firstSeen ?? Infinity;
    return Math.max(
      0,
      ...probe.__longTasks.filter(([start]) => start < until).map(([, duration]) => duration),
    );
  });
  return { page, ms, longestTaskMs };
}

export interface Scrolled {
  /** Pixels scrolled. */
  readonly distance: number;
  readonly ms: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  /** The longest interval between two animation frames while scrolling, ms. */
  readonly longestFrameMs: number;
}

/**
 * Scrolls the window down by `stepPx` every animation frame, from the top, until `untilSelector` is in
 * the document, `untilPx` is reached or the page ends, and reports the long tasks and the longest frame
 * meanwhile.
 */
export async function scrollThrough(
  page: Page,
  options: { stepPx: number; untilSelector?: string; untilPx?: number },
): Promise<Scrolled> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const run = await page.evaluate(
    ({ stepPx, untilSelector, untilPx }) =>
      new Promise<{ distance: number; start: number; end: number; longestFrameMs: number }>(
        (resolve, reject) => {
          const start = performance.now();
          let previous = start;
          let longestFrameMs = 0;
          let lastY = -1;
          let still = 0;
          const frame = (now: number): void => {
            longestFrameMs = Math.max(longestFrameMs, now - previous);
            previous = now;
            still = window.scrollY === lastY ? still + 1 : 0;
            lastY = window.scrollY;
            const done =
              (untilSelector !== null && document.querySelector(untilSelector) !== null) ||
              (untilPx !== null && window.scrollY >= untilPx) ||
              // The bottom: nothing moved for half a second of frames.
              still >= 30;
            if (done) {
              resolve({ distance: window.scrollY, start, end: performance.now(), longestFrameMs });
              return;
            }
            if (now - start > 120_000) {
              reject(new Error(`scrolling got stuck at ${window.scrollY} px`));
              return;
            }
            window.scrollBy(0, stepPx);
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        },
      ),
    {
      stepPx: options.stepPx,
      untilSelector: options.untilSelector ?? null,
      untilPx: options.untilPx ?? null,
    },
  );
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(
    ({ start, end }) =>
      (window as unknown as ProbeWindow).__longTasks
        .filter(([from, duration]) => from + duration > start && from < end)
        .map(([, duration]) => duration),
    { start: run.start, end: run.end },
  );
  return {
    distance: run.distance,
    ms: run.end - run.start,
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.length,
    longestFrameMs: run.longestFrameMs,
  };
}
