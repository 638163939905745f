import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/backbone/app-service';
import type { FeedbackItem, FeedbackPage } from '../../../electron/contract/feedback-types';
import type { SearchResponse } from '../../../electron/contract/types';
import { AppRegistry } from '../../../electron/server/app-registry';
import { bearer, callApi, fixtureService, useKeyedServers } from '../../helpers/keyed-service';
import { useTempDirs } from '../../helpers/temp';

/**
 * Feedback over real HTTP on 127.0.0.1 with keys required (the service as `npm run serve` wires
 * it): a key with only the search scope is refused with the command that grants `feedback`; two
 * applications with it each see only their own items; the local user (no key, loopback) sees both.
 */
const tempDir = useTempDirs('all');
const serve = useKeyedServers();
let service: AppService;
let open: string;
let locked: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  const dir = tempDir();
  const appsDb = join(dir, 'apps.db');
  service = await fixtureService(dir);
  const registry = new AppRegistry(appsDb);
  keys.reader = registry.create({ name: 'reader', scopes: ['search'] }).key;
  keys.rag = registry.create({ name: 'firm-rag', scopes: ['search', 'feedback'] }).key;
  keys.assistant = registry.create({ name: 'assistant', scopes: ['feedback'] }).key;
  registry.close();
  open = (await serve(service, { 'apps-db': appsDb })).base;
  locked = (await serve(service, { 'require-keys': true, 'apps-db': appsDb })).base;
}, 60_000);

afterAll(async () => {
  await service?.close();
});

async function ok<T>(res: Response): Promise<T> {
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json.value as T;
}

describe('feedback over HTTP with keys', () => {
  it('refuses a key without the feedback scope, keeps applications apart, and shows the local user everything', async () => {
    const hit = (await ok<SearchResponse>(await callApi(locked, 'search', { query: '违约金' }, bearer(keys.rag!)))).hits[0]!;
    const mark = { query: '违约金', articleId: hit.articleId, mark: 'relevant', rank: 1 };

    const refused = await callApi(locked, 'markResult', mark, bearer(keys.reader!));
    expect(refused.status).toBe(403);
    const err = (await refused.json()).error;
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('apps update reader --scopes search,feedback');
    expect(err.messageZh).toContain('reader');

    const mine = await ok<FeedbackItem>(await callApi(locked, 'markResult', mark, bearer(keys.rag!)));
    expect(mine).toMatchObject({ app: 'firm-rag', mark: 'relevant', article: { citation: hit.citation } });
    await ok(await callApi(locked, 'markNothingHere', { query: '定金罚则' }, bearer(keys.assistant!)));

    const ragPage = await ok<FeedbackPage>(await callApi(locked, 'feedback', {}, bearer(keys.rag!)));
    expect(ragPage.items.map((i) => [i.app, i.query])).toEqual([['firm-rag', '违约金']]);
    const assistantPage = await ok<FeedbackPage>(await callApi(locked, 'feedback', {}, bearer(keys.assistant!)));
    expect(assistantPage.items.map((i) => [i.app, i.query])).toEqual([['assistant', '定金罚则']]);
    // One application cannot delete another's item.
    expect((await callApi(locked, 'deleteFeedback', { id: mine.id }, bearer(keys.assistant!))).status).toBe(404);

    const all = await ok<FeedbackPage>(await callApi(open, 'feedback', {}));
    expect(all.items.map((i) => i.app).sort()).toEqual(['assistant', 'firm-rag']);
  });
});
