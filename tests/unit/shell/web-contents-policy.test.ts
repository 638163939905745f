import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRendererGuard } from '../../../electron/main/renderer-guard';
import { appWindowOptions, externalLinkTarget, navigationAllowed, permissionAllowed, SECURE_WEB_PREFERENCES, windowOpenDecision } from '../../../electron/main/web-contents-policy';
import { guardedDispatch } from '../../../electron/main/ipc-guard';
import type { ApiHandlers } from '../../../electron/contract/api';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const RENDERER = 'file:///opt/Lexbone/resources/app.asar/out/renderer/index.html';
const own = createRendererGuard(RENDERER);

describe('desktop web contents policy', () => {
  it('grants the app\'s own pages clipboard writes only; every other permission and page is refused', () => {
    expect(permissionAllowed(own, 'clipboard-sanitized-write', `${RENDERER}#/eval`)).toBe(true);
    expect(permissionAllowed(own, 'clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(permissionAllowed(own, 'clipboard-sanitized-write', undefined)).toBe(false);
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fileSystem']) {
      expect(permissionAllowed(own, p, RENDERER), p).toBe(false);
    }
  });

  it('on Windows, knows its own renderer whatever the case of the drive letter (Chromium upper-cases it)', () => {
    const typed = 'file:///c:/Users/lawyer/lexbone/out/renderer/index.html';
    const win = createRendererGuard(typed, 'win32');
    expect(win('file:///C:/Users/lawyer/lexbone/out/renderer/index.html#/search')).toBe(true);
    expect(win('file:///C:/Users/lawyer/lexbone/out/renderer/other.html')).toBe(false);
    expect(win('file:///D:/Users/lawyer/lexbone/out/renderer/index.html')).toBe(false);
    // Elsewhere paths are case-sensitive.
    expect(createRendererGuard(typed, 'linux')('file:///C:/Users/lawyer/lexbone/out/renderer/index.html')).toBe(false);
  });

  it('opens only plain http(s) links in the system browser, normalised, never other schemes or embedded credentials', () => {
    expect(externalLinkTarget('https://flk.npc.gov.cn/detail?id=1')).toBe('https://flk.npc.gov.cn/detail?id=1');
    expect(externalLinkTarget('HTTP://Example.com')).toBe('http://example.com/');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'ms-msdt:/id PCWDiagnostic', 'smb://host/share',
      'vbscript:msgbox', 'https://user:pw@example.com/', 'not a url', '', `${RENDERER}#/search`]) {
      expect(externalLinkTarget(bad), bad).toBeNull();
    }
  });

  it('opens the app\'s own pages in a second app window; denies every other window, a web link going to the system browser', () => {
    expect(windowOpenDecision(`${RENDERER}#/article/1`, own)).toEqual({ action: 'app-window', url: `${RENDERER}#/article/1` });
    expect(windowOpenDecision('https://example.com/a', own)).toEqual({ action: 'deny', openExternally: 'https://example.com/a' });
    expect(windowOpenDecision('file:///C:/Windows/System32/calc.exe', own)).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('file:///opt/Lexbone/resources/app.asar/out/renderer/other.html#/article/1', own)).toEqual({ action: 'deny', openExternally: null });
    // The second window is hardened like the main one and gets the same preload (the API bridge).
    const options = appWindowOptions('/opt/Lexbone/resources/app.asar/out/preload/index.cjs');
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/opt/Lexbone/resources/app.asar/out/preload/index.cjs' });
  });

  it('lets a window navigate only within the app\'s own renderer (no remote content)', () => {
    expect(navigationAllowed(own, `${RENDERER}#/models`)).toBe(true);
    for (const away of ['https://example.com/', 'http://127.0.0.1:4870/', 'file:///opt/Lexbone/resources/app.asar/out/renderer/other.html', 'file:///tmp/evil.html', 'about:blank', 'chrome://gpu']) {
      expect(navigationAllowed(own, away), away).toBe(false);
    }
  });

  it('windows get no Node, a sandbox, context isolation, web security and no webviews, and window.ts uses exactly these', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
    const windowTs = readFileSync(join(ROOT, 'electron', 'main', 'window.ts'), 'utf8');
    expect(windowTs).toMatch(/webPreferences: \{ \.\.\.SECURE_WEB_PREFERENCES, preload: paths\.preloadPath \}/);
    // Every BrowserWindow in the shell is made there.
    const mainFiles = ['index.ts', 'menu.ts', 'service.ts', 'security.ts', 'ipc.ts', 'shell-ipc.ts'].map((f) => readFileSync(join(ROOT, 'electron', 'main', f), 'utf8'));
    for (const text of mainFiles) expect(text).not.toMatch(/new BrowserWindow\(/);
  });

  it('security.ts applies the policy to navigation, sub-frame navigation, redirects, webviews and new windows', () => {
    const text = readFileSync(join(ROOT, 'electron', 'main', 'security.ts'), 'utf8');
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) expect(text).toContain(`'${event}'`);
    expect(text).toContain('setWindowOpenHandler');
    expect(text).not.toMatch(/openExternal\(url\)/); // only the checked target is opened
    const index = readFileSync(join(ROOT, 'electron', 'main', 'index.ts'), 'utf8');
    expect(index).toContain("app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnRenderer, paths.preloadPath))");
    expect(text).toContain("decision.action === 'app-window'");
  });
});

describe('IPC callers', () => {
  const handlers = { stats: () => ({ laws: 1 }) } as unknown as ApiHandlers;

  it('answers the app\'s own renderer through the contract (validated)', async () => {
    expect(await guardedDispatch(handlers, own, 'stats', `${RENDERER}#/search`, {}, () => {})).toEqual({ ok: true, value: { laws: 1 } });
    expect(await guardedDispatch(handlers, own, 'stats', RENDERER, { unexpected: 1 }, () => {})).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses any other sender with FORBIDDEN and never calls the backbone', async () => {
    let called = 0;
    const counting = { stats: () => ++called } as unknown as ApiHandlers;
    const warnings: string[] = [];
    for (const sender of ['https://example.com/', 'file:///tmp/evil.html', 'about:blank', undefined, null]) {
      const r = await guardedDispatch(counting, own, 'stats', sender, {}, (m) => warnings.push(m));
      expect(r, String(sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(called).toBe(0);
    expect(warnings).toHaveLength(5);
    // ipc.ts goes through the guard for every method.
    expect(readFileSync(join(ROOT, 'electron', 'main', 'ipc.ts'), 'utf8')).toContain('guardedDispatch(handlers, isOwnRenderer, method, event.senderFrame?.url, req)');
  });
});
