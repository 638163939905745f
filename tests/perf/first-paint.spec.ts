import { expect, servedModels, test, waitForReady } from '../e2e/fixtures';
import { FIRST_PAINT_MAX_MS } from './thresholds';

/**
 * The renderer's first paint in Chromium, served by the real web server (tests/e2e/fixtures.ts):
 * the first contentful paint and the paint of the search box, median of five navigations.
 */
test(`first paint: within ${FIRST_PAINT_MAX_MS} ms of navigation, with the service up`, async ({ page, lexbone }) => {
  await page.goto(lexbone.url);
  await waitForReady(page); // the service is up and the library ready
  await servedModels(lexbone); // and done loading models, so the runs measure the page, not the indexer
  // Recorded in the page: when the search box enters the DOM, then the next frame (its paint).
  await page.addInitScript(() => {
    const w = window as unknown as { __boxAt?: number };
    const seen = () => {
      if (w.__boxAt !== undefined || !document.querySelector('[data-testid="search-input"]')) return;
      const inserted = performance.now();
      requestAnimationFrame(() => (w.__boxAt = Math.max(inserted, performance.now())));
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  });
  const times: { fcp: number; box: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('about:blank');
    await page.goto(lexbone.url);
    await expect(page.getByTestId('search-input')).toBeVisible();
    await page.waitForFunction(() => (window as unknown as { __boxAt?: number }).__boxAt !== undefined);
    times.push(
      await page.evaluate(async () => {
        const box = (window as unknown as { __boxAt: number }).__boxAt;
        const fcp = await new Promise<number>((resolve) => {
          const done = (list: PerformanceEntryList) => {
            const e = list.find((x) => x.name === 'first-contentful-paint');
            if (e) resolve(e.startTime);
          };
          done(performance.getEntriesByType('paint'));
          new PerformanceObserver((l) => done(l.getEntries())).observe({ type: 'paint', buffered: true });
        });
        return { fcp: Math.round(fcp), box: Math.round(box) };
      }),
    );
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const summary = { fcp: median(times.map((t) => t.fcp)), box: median(times.map((t) => t.box)) };
  test.info().annotations.push({ type: 'first-paint', description: JSON.stringify({ times, median: summary }) });
  console.log(`first paint, ms from navigation start (5 runs): ${JSON.stringify(times)}; median ${JSON.stringify(summary)}`);
  // The median of five: this machine's two cores are shared, and one run can lose a slice of CPU.
  expect(summary.fcp).toBeLessThanOrEqual(FIRST_PAINT_MAX_MS);
  expect(summary.box).toBeLessThanOrEqual(FIRST_PAINT_MAX_MS);
});
