/**
 * The desktop shell's IPC messages: who may send them (the app's own renderer only) and what they
 * may carry (the known pages, folders and languages only), on both sides of the bridge.
 */
import { describe, expect, it } from 'vitest';
import { menuEventHash, parseMenuEvent, SHELL_CHANNELS, SHELL_PAGES, type RevealTarget, type ShellLang } from '../../../electron/contract/shell-types';
import { API_METHODS, ipcChannel } from '../../../electron/contract/methods';
import { createRendererGuard } from '../../../electron/main/renderer-guard';
import { createShellMessageHandlers } from '../../../electron/main/shell-messages';

const RENDERER = 'file:///opt/Lexbone/resources/app.asar/out/renderer/index.html';

function setup() {
  const revealed: RevealTarget[] = [];
  const langs: ShellLang[] = [];
  const warnings: string[] = [];
  const handlers = createShellMessageHandlers(
    createRendererGuard(RENDERER),
    {
      reveal: async (t) => {
        revealed.push(t);
        return true;
      },
      setLanguage: (l) => langs.push(l),
    },
    (m) => warnings.push(m),
  );
  return { handlers, revealed, langs, warnings };
}

describe('renderer → main shell messages', () => {
  it('the app renderer may reveal the data and models folders', async () => {
    const { handlers, revealed } = setup();
    expect(await handlers.reveal(`${RENDERER}#/search`, 'data-folder')).toBe(true);
    expect(await handlers.reveal(RENDERER, 'models-folder')).toBe(true);
    expect(revealed).toEqual(['data-folder', 'models-folder']);
  });

  it('refuses other senders: a web page, another local file, a destroyed frame', async () => {
    const { handlers, revealed, langs, warnings } = setup();
    for (const url of ['https://evil.example/index.html', 'file:///tmp/index.html', undefined, 'not a url']) {
      expect(await handlers.reveal(url, 'data-folder')).toBe(false);
      expect(handlers.language(url, 'en')).toBe(false);
    }
    expect(revealed).toEqual([]);
    expect(langs).toEqual([]);
    expect(warnings).toHaveLength(8);
  });

  it('refuses payloads that are not a known folder or language (no paths from the page)', async () => {
    const { handlers, revealed, langs } = setup();
    for (const payload of ['/etc', '../..', { target: 'data-folder' }, null, 42, 'DATA-FOLDER']) {
      expect(await handlers.reveal(RENDERER, payload)).toBe(false);
    }
    expect(handlers.language(RENDERER, 'fr')).toBe(false);
    expect(handlers.language(RENDERER, 'en')).toBe(true);
    expect(revealed).toEqual([]);
    expect(langs).toEqual(['en']);
  });
});

describe('main → renderer menu events', () => {
  it('accept only the known pages and the import command, nothing extra', () => {
    for (const page of SHELL_PAGES) expect(parseMenuEvent({ type: 'navigate', page })).toEqual({ type: 'navigate', page });
    expect(parseMenuEvent({ type: 'import-statutes' })).toEqual({ type: 'import-statutes' });
    for (const bad of [
      { type: 'navigate', page: 'article' },
      { type: 'navigate', page: 'javascript:alert(1)' },
      { type: 'navigate', page: 'search', url: 'https://evil.example' },
      { type: 'import-statutes', page: 'search' },
      { type: 'run', code: 'x' },
      'navigate',
      null,
    ]) {
      expect(parseMenuEvent(bad)).toBeNull();
    }
  });

  it('map to the renderer routes', () => {
    expect(SHELL_PAGES.map((page) => menuEventHash({ type: 'navigate', page }))).toEqual(['#/search', '#/research', '#/folders', '#/models', '#/eval']);
    expect(menuEventHash({ type: 'import-statutes' })).toBe('#/models?action=import');
  });

  it('use channels that no API method can take', () => {
    const api = new Set(API_METHODS.map(ipcChannel));
    for (const channel of Object.values(SHELL_CHANNELS)) expect(api.has(channel)).toBe(false);
  });
});

describe('the renderer guard', () => {
  it('knows the dev server by origin and the built renderer by file', () => {
    const dev = createRendererGuard('http://localhost:5173/');
    expect(dev('http://localhost:5173/#/models')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    const built = createRendererGuard(RENDERER);
    expect(built(`${RENDERER}?x=1#/eval`)).toBe(true);
    expect(built('file:///opt/Lexbone/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(built(null)).toBe(false);
  });
});
