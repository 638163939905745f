/**
 * The page runs under the strict CSP (the same policy Electron's main process sends as a header)
 * without violating it, and exposes nothing beyond the API bridge.
 */
import { CONTENT_SECURITY_POLICY } from '../../electron/contract/csp';
import { expect, test, waitForReady } from './fixtures';

test('the page carries the strict CSP and loads without violating it', async ({ page, lexbone }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));

  await page.goto(lexbone.url);
  await waitForReady(page);
  const input = page.getByTestId('search-input');
  await input.fill('抚养费');
  await input.press('Enter');
  await expect(page.getByTestId('result').first()).toBeVisible();

  expect(violations).toEqual([]);
  // The tab's icon (the app icon, 64×64) is served from the app itself, within img-src 'self'.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const served = await page.request.get(new URL(icon!, page.url()).href);
  expect([served.status(), served.headers()['content-type'], (await served.body()).readUInt32BE(16)]).toEqual([200, 'image/png', 64]);

  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY);
  // Inline script is refused: the policy is in force, not just present.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
});
