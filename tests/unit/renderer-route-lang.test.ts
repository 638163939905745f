import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../renderer/src/hooks/use-route';
import { lang, localized, setLang } from '../../renderer/src/i18n/lang';

describe('hash routes', () => {
  it('parses page, params and query, and falls back to the search', () => {
    const r = parseRoute('#/article/123?from=search');
    expect(r.page).toBe('article');
    expect(r.params).toEqual(['123']);
    expect(r.query.get('from')).toBe('search');
    expect(parseRoute('').page).toBe('search');
    expect(parseRoute('#/nowhere/1')).toMatchObject({ page: 'search', params: [] });
  });

  it('href and parseRoute round-trip, Chinese included', () => {
    const h = href('search', [], { q: '民法典第584条' });
    const r = parseRoute(h);
    expect(r.page).toBe('search');
    expect(r.query.get('q')).toBe('民法典第584条');
    expect(parseRoute(href('folders', [7])).params).toEqual(['7']);
  });
});

describe('localized string tables', () => {
  it('reads the current language on every access', () => {
    const T = localized({ zh: { hello: '你好', n: (k: number) => `${k} 条` }, en: { hello: 'Hello', n: (k: number) => `${k} items` } });
    setLang('zh');
    expect(T.hello).toBe('你好');
    setLang('en');
    expect(lang()).toBe('en');
    expect(T.hello).toBe('Hello');
    expect(T.n(3)).toBe('3 items');
    setLang('zh');
    expect(Object.keys(T)).toEqual(['hello', 'n']);
  });
});
