import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/backbone/app-service';
import type { GlossaryImportReport, GlossaryStatus } from '../../../electron/contract/glossary-types';
import type { SearchResponse } from '../../../electron/contract/types';
import { AppRegistry } from '../../../electron/server/app-registry';
import { RESPONSE_SCHEMAS } from '../../../electron/server/openapi-responses';
import { bearer, callApi, fixtureService, useKeyedServers } from '../../helpers/keyed-service';
import { ROOT } from '../../helpers/run-cli';
import { useTempDirs } from '../../helpers/temp';

/**
 * The glossary methods over real HTTP on 127.0.0.1 (the service wired as `npm run serve` wires it,
 * the app service over the fixture library): the shipped glossary's counts, a firm's CSV refused
 * whole with each bad line named, then accepted and used by search (a card with a `firm` source),
 * removed again; and the scopes (a search key reads the glossary but cannot change it).
 */
const tempDir = useTempDirs('all');
const serve = useKeyedServers();
let service: AppService;
let open: string; // loopback, keys optional: the local user
let locked: string; // keys required
const keys: Record<string, string> = {};
const ajv = new Ajv2020({ strict: false });

beforeAll(async () => {
  const dir = tempDir();
  const appsDb = join(dir, 'apps.db');
  service = await fixtureService(dir);
  const registry = new AppRegistry(appsDb);
  keys.reader = registry.create({ name: 'reader', scopes: ['search'] }).key;
  keys.admin = registry.create({ name: 'admin', scopes: ['admin'] }).key;
  registry.close();
  open = (await serve(service, { 'apps-db': appsDb })).base;
  locked = (await serve(service, { 'require-keys': true, 'apps-db': appsDb })).base;
}, 60_000);

afterAll(async () => {
  await service?.close();
});

/** The value of a 200 answer, checked against the method's OpenAPI response schema. */
async function value<T>(res: Response, method: keyof typeof RESPONSE_SCHEMAS): Promise<T> {
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(200);
  const validate = ajv.compile(RESPONSE_SCHEMAS[method]!);
  expect(validate(json.value), JSON.stringify(validate.errors)).toBe(true);
  return json.value as T;
}

const status = async (base = open, headers: Record<string, string> = {}) => value<GlossaryStatus>(await callApi(base, 'glossary', {}, headers), 'glossary');
const importCsv = async (fileName: string, text: string) => value<GlossaryImportReport>(await callApi(open, 'importGlossary', { fileName, text }), 'importGlossary');
const search = async (query: string) => value<SearchResponse>(await callApi(open, 'search', { query }), 'search');

/** 顺手牵羊 is no name of the shipped glossary: a card for it can only come from the firm's file. */
const FIRM_TERM = '顺手牵羊';
const THEFT = '《中华人民共和国刑法》第二百六十四条';

describe('the glossary methods over HTTP', () => {
  it('glossary: the shipped file\'s version and counts, as glossary.json has them; no firm files yet', async () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'resources', 'glossary', 'glossary.json'), 'utf8')) as {
      version: number; entries: { kind: string; provenance: { source: string }[] }[];
    };
    const s = await status();
    expect(s.version).toBe(file.version);
    expect(s.builtin.entries).toBe(file.entries.length);
    for (const kind of ['crime', 'doctrine', 'defined-term', 'term'] as const) {
      expect(s.builtin.byKind[kind], kind).toBe(file.entries.filter((e) => e.kind === kind).length);
    }
    expect(s.builtin.mined).toBe(file.entries.filter((e) => e.provenance.some((p) => p.source === 'mined')).length);
    expect(s.builtin.handWritten).toBe(file.entries.filter((e) => e.provenance.some((p) => p.source === 'hand-written')).length);
    // The fixture library has a handful of laws: some entries (盗窃罪 → 刑法第二百六十四条) are usable, most are not.
    expect(s.usable).toBeGreaterThan(0);
    expect(s.usable).toBeLessThan(s.builtin.entries);
    expect(s.firm).toEqual([]);
  });

  it('importGlossary refuses a CSV with bad lines whole, naming each line; then takes a good one, which search uses', async () => {
    const bad = [
      'term,citation', // a header row is allowed
      `${FIRM_TERM},刑法第二百六十四条`, // good, but the file is refused whole
      '坏行,不是引用', // 3: not a citation
      '不存在,刑法第九千条', // 4: no such article in this library
      '三列,刑法第二百六十四条,多余', // 5: a third column
    ].join('\n');
    const refused = await importCsv('firm.csv', bad);
    expect(refused).toMatchObject({ file: 'firm.csv', rows: 0, terms: 0, replaced: 0 });
    expect(refused.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    for (const e of refused.errors) expect(e.message.length, JSON.stringify(e)).toBeGreaterThan(10);
    expect(refused.errors[0]!.message).toContain('不是引用');
    expect(refused.errors.map((e) => [e.code, e.detail])).toEqual([['NOT_A_CITATION', '不是引用'], ['NOT_IN_LIBRARY', '刑法第九千条'], ['COLUMNS', '3']]);
    // Nothing stored: no firm file, and search knows no such name.
    expect((await status()).firm).toEqual([]);
    expect((await search(FIRM_TERM)).glossary ?? []).toEqual([]);

    const good = await importCsv('firm.csv', `term,citation\n${FIRM_TERM},刑法第二百六十四条\n`);
    expect(good).toEqual({ file: 'firm.csv', rows: 1, terms: 1, replaced: 0, errors: [] });
    const after = await status();
    expect(after.firm).toEqual([{ file: 'firm.csv', rows: 1, terms: 1, importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);

    // The query is the firm's name itself: a whole (direct-hit) card naming 刑法第二百六十四条, from firm.csv line 2.
    const res = await search(FIRM_TERM);
    expect(res.glossary).toHaveLength(1);
    const card = res.glossary![0]!;
    expect(card).toMatchObject({ term: FIRM_TERM, matched: FIRM_TERM, whole: true, sources: [{ source: 'firm', detail: 'firm.csv:2' }] });
    expect(card.articles.map((a) => a.citation)).toEqual([THEFT]);
    expect(res.hits.find((h) => h.citation === THEFT)?.glossaryTerm).toBe(FIRM_TERM);

    // Importing the same file name again replaces its rows.
    expect(await importCsv('firm.csv', `${FIRM_TERM},刑法第二百六十四条\n`)).toMatchObject({ rows: 1, replaced: 1, errors: [] });
  });

  it('removeGlossaryFile takes a file\'s rows away (and says 0 for a file that is not there)', async () => {
    await importCsv('other.csv', `${FIRM_TERM}二,刑法第二百六十四条\n`);
    expect((await status()).firm.map((f) => f.file)).toEqual(['firm.csv', 'other.csv']);
    expect(await value(await callApi(open, 'removeGlossaryFile', { fileName: 'firm.csv' }), 'removeGlossaryFile')).toEqual({ removed: 1 });
    expect((await status()).firm.map((f) => f.file)).toEqual(['other.csv']);
    expect((await search(FIRM_TERM)).glossary?.some((c) => c.term === FIRM_TERM)).toBe(false);
    expect(await value(await callApi(open, 'removeGlossaryFile', { fileName: 'firm.csv' }), 'removeGlossaryFile')).toEqual({ removed: 0 });
  });

  it('refuses requests outside the contract with 400 INVALID_REQUEST', async () => {
    for (const body of [{ fileName: '', text: 'a,b' }, { fileName: 'x'.repeat(201), text: 'a,b' }, { fileName: 'a.csv' }, { fileName: 'a.csv', text: 5 }, { fileName: 'a.csv', text: '', extra: 1 }]) {
      const res = await callApi(open, 'importGlossary', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).error.code).toBe('INVALID_REQUEST');
    }
    expect((await callApi(open, 'removeGlossaryFile', {})).status).toBe(400);
  });

  it('scopes: a search key reads the glossary but gets 403 importing or removing; an admin key may', async () => {
    expect((await status(locked, bearer(keys.reader!))).builtin.entries).toBeGreaterThan(0);
    for (const [method, body] of [['importGlossary', { fileName: 'x.csv', text: `${FIRM_TERM},刑法第二百六十四条\n` }], ['removeGlossaryFile', { fileName: 'other.csv' }]] as const) {
      const res = await callApi(locked, method, body, bearer(keys.reader!));
      expect(res.status, method).toBe(403);
      const json = await res.json();
      expect(json.error.code).toBe('FORBIDDEN');
      expect(json.error.message).toContain('admin scope');
    }
    expect((await status()).firm.map((f) => f.file)).toEqual(['other.csv']); // nothing changed
    expect((await callApi(locked, 'glossary', {})).status).toBe(401);
    const removed = await callApi(locked, 'removeGlossaryFile', { fileName: 'other.csv' }, bearer(keys.admin!));
    expect(await value(removed, 'removeGlossaryFile')).toEqual({ removed: 1 });
  });
});
