import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latencyPercentiles } from '../../electron/backbone/eval/percentile';
import { Library } from '../../electron/backbone/library';
import { SearchRequest } from '../../electron/contract/schemas';
import { runCli } from '../helpers/run-cli';
import { BUNDLED_CORPUS, useTempDirs } from '../helpers/temp';
import { BUNDLED_IMPORT_MAX_MS, BUNDLED_SEARCH_P95_MAX_MS, MCP_STDIO_OVERHEAD_P95_MAX_MS } from './thresholds';
import { benchMcpStdio } from '../../electron/cli/bench-mcp';
import { startRuntime } from '../../electron/cli/start-runtime';
import { ROOT } from '../helpers/run-cli';

/**
 * The bundled statutes' speed: a first import through the CLI (a process of its own, as a user
 * runs it), then lexical searches of lawyers' and laypeople's words through the library's own
 * search, as the app answers them before any model is installed.
 */
const tempDir = useTempDirs('all');
let db: string;
let importMs: number;
let lib: Library;

const QUERIES = [
  '离婚后孩子抚养费怎么算', '正当防卫', '盗窃罪 数额较大', '劳动合同 经济补偿', '违约金 过高 调整',
  '房屋租赁合同 解除', '诉讼时效 中断', '交通事故 赔偿 责任', '股东 知情权', '职务侵占',
  '商品房 逾期交房', '工伤 认定', '遗嘱 继承 顺序', '民间借贷 利息', '行政复议 期限',
  '表见代理', '善意取得', '不安抗辩权', '缓刑 考验期', '建设工程 价款 优先受偿',
];

beforeAll(() => {
  db = join(tempDir(), 'speed.db');
  const r = runCli(['import', BUNDLED_CORPUS, '--db', db, '--json']);
  expect(r.status, r.stderr).toBe(0);
  importMs = r.ms;
  lib = new Library(db);
}, 180_000);

afterAll(() => lib?.close());

describe('the bundled statutes', () => {
  it(`import in under ${BUNDLED_IMPORT_MAX_MS / 1000} s`, () => {
    console.log(`bundled corpus: first import ${(importMs / 1000).toFixed(1)} s (bar ${BUNDLED_IMPORT_MAX_MS / 1000} s)`);
    expect(importMs).toBeLessThan(BUNDLED_IMPORT_MAX_MS);
  });

  it(`answer a lexical search in under ${BUNDLED_SEARCH_P95_MAX_MS} ms at p95`, async () => {
    await lib.warmLexical();
    const took: number[] = [];
    for (const round of [0, 1, 2]) {
      for (const query of QUERIES) {
        const res = await lib.search(SearchRequest.parse({ query, preset: 'standard' }));
        expect(res.hits.length, query).toBeGreaterThan(0);
        if (round > 0) took.push(res.tookMs); // the first round warms the caches
      }
    }
    const p = latencyPercentiles(took);
    console.log(`bundled corpus: lexical search over ${took.length} searches p50 ${p.p50.toFixed(1)} / p95 ${p.p95.toFixed(1)} / max ${p.max.toFixed(1)} ms (bar p95 ${BUNDLED_SEARCH_P95_MAX_MS} ms)`);
    expect(p.p95).toBeLessThan(BUNDLED_SEARCH_P95_MAX_MS);
  });

  it(`answer search_statutes over stdio MCP adding at most ${MCP_STDIO_OVERHEAD_P95_MAX_MS} ms to the search at p95`, async () => {
    // The built-in models and their index, as the desktop app serves them; then the real stdio server over that library.
    const models = join(ROOT, 'models');
    const rt = await startRuntime(lib, { modelDirs: [models] });
    await rt.close();
    const texts = Array.from({ length: 10 }, () => QUERIES).flat();
    const measure = async () => {
      const r = await benchMcpStdio(db, [models], texts);
      console.log(`bundled corpus: search_statutes over stdio MCP, ${r.queries} calls: round trip p50 ${r.roundTripMs.p50} / p95 ${r.roundTripMs.p95} ms, search p95 ${r.searchMs.p95} ms, added p50 ${r.overheadMs.p50} / p95 ${r.overheadMs.p95} ms (bar ${MCP_STDIO_OVERHEAD_P95_MAX_MS} ms)`);
      return r.overheadMs.p95;
    };
    // A shared CI machine has noisy moments: a run over the bar is measured once more, as the load test does.
    let p95 = await measure();
    if (p95 > MCP_STDIO_OVERHEAD_P95_MAX_MS) p95 = await measure();
    expect(p95).toBeLessThanOrEqual(MCP_STDIO_OVERHEAD_P95_MAX_MS);
  });
});
