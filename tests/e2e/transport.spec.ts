/**
 * The renderer talks to the backbone through whichever transport it finds: `window.lexbone`
 * (the Electron preload) when present, HTTP otherwise. Electron cannot be launched here, so this
 * test stands in for the preload with a bridge of the same shape (one function per API method,
 * resolving to the wire Result) and checks that the app uses it and never falls back to HTTP.
 */
import { API_METHODS, httpRoute } from '../../electron/contract/methods';
import { expect, test, waitForReady } from './fixtures';

test('with a window.lexbone bridge the app uses it instead of HTTP', async ({ page, lexbone }) => {
  const routes = Object.fromEntries(API_METHODS.map((m) => [m, `${lexbone.url}${httpRoute(m)}`]));
  await page.addInitScript((routes: Record<string, string>) => {
    const calls: string[] = [];
    const bridge: Record<string, (req: unknown) => Promise<unknown>> = {};
    // The fake bridge reaches the server with an X-Bridge header, so the test can tell its
    // requests from the app's own HTTP client's.
    for (const [method, url] of Object.entries(routes)) {
      bridge[method] = async (req) => {
        calls.push(method);
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Bridge': '1' },
          body: JSON.stringify(req ?? {}),
        });
        return response.json();
      };
    }
    Object.defineProperty(window, 'lexbone', { value: Object.freeze(bridge) });
    Object.defineProperty(window, '__bridgeCalls', { value: calls });
  }, routes);

  const direct: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/') && !request.headers()['x-bridge']) direct.push(request.url());
  });

  await page.goto(lexbone.url);
  await waitForReady(page);
  const input = page.getByTestId('search-input');
  await input.fill('民法典第1085条');
  await input.press('Enter');
  await expect(page.getByTestId('result-citation').first()).toHaveText('《中华人民共和国民法典》第一千零八十五条');

  const calls = await page.evaluate(() => (window as unknown as { __bridgeCalls: string[] }).__bridgeCalls);
  expect(calls).toContain('status');
  expect(calls).toContain('search');
  expect(direct).toEqual([]);
});
