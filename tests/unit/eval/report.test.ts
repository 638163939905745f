import { describe, expect, it } from 'vitest';
import { PLOT_MARGIN, recallCurveSvg, toHtml, toMarkdown, type EvalReport } from '../../../electron/backbone/eval/report';

const EVIL = '<script>alert("x")</script>';

const report: EvalReport = {
  title: 'STARD validation',
  createdAt: '2025-01-02T03:04:05Z',
  queries: 310,
  split: 'validation',
  embedderTable: [
    { name: 'bge-small', stage: 'dense', metrics: { 'R@20': 0.61234, 'R@100': 0.8, 'nDCG@10': 0.4 } },
    { name: EVIL, metrics: { 'R@20': 0.5, 'R@100': 0.75 } },
  ],
  rerankerTable: [{ name: 'cross|encoder', metrics: { 'RR@10': 0.66666, 'nDCG@10': 0.5556 } }],
  pipelineTable: [{ name: 'balanced', k: 100, n: 20, metrics: { 'RR@10': 0.7 }, latencyMs: { p50: 12.34, p95: 40.06 } }],
  curves: [
    { name: 'bge-small', recall: [0.5, 0.75, 1] },
    { name: EVIL, recall: [0.25, 0.5] },
  ],
  presets: [{ name: 'fast', k: 2 }],
  notes: ['R@K counts <b>hits</b> & misses'],
};

describe('toMarkdown', () => {
  const md = toMarkdown(report);

  it('writes GitHub tables with numbers to 3 decimals and latency to 1', () => {
    expect(md).toContain(
      [
        '| Embedder | Stage | R@20 | R@100 | nDCG@10 |',
        '| --- | --- | ---: | ---: | ---: |',
        '| bge-small | dense | 0.612 | 0.800 | 0.400 |',
        '| &lt;script&gt;alert("x")&lt;/script&gt; |  | 0.500 | 0.750 | — |',
      ].join('\n'),
    );
    expect(md).toContain('| Reranker | RR@10 | nDCG@10 |\n| --- | ---: | ---: |\n| cross\\|encoder | 0.667 | 0.556 |');
    expect(md).toContain('| Pipeline | K | N | RR@10 | p50 (ms) | p95 (ms) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| balanced | 100 | 20 | 0.700 | 12.3 | 40.1 |');
    expect(md).toContain('| Curve | fast (K=2) |\n| --- | ---: |\n| bge-small | 0.750 |\n| &lt;script&gt;alert("x")&lt;/script&gt; | 0.500 |');
  });

  it('has the title, summary and notes', () => {
    expect(md.startsWith('# STARD validation\n\nCreated 2025-01-02T03:04:05Z · 310 queries · split: validation\n')).toBe(true);
    expect(md).toContain('## Notes\n\n- R@K counts &lt;b&gt;hits&lt;/b&gt; & misses\n');
    expect(md).not.toContain('<script>');
  });

  it('says so when a table is empty', () => {
    expect(toMarkdown({ ...report, rerankerTable: [] })).toContain('## Rerankers on the same candidates\n\n_None._');
  });
});

describe('toHtml', () => {
  const html = toHtml(report);

  it('is one self-contained UTF-8 page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\(|@import/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it('escapes every piece of text', () => {
    expect(html).toContain('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>');
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>');
    expect(html).toContain('<li>R@K counts &lt;b&gt;hits&lt;/b&gt; &amp; misses</li>');
  });

  it('renders the table rows with formatted numbers', () => {
    expect(html).toContain(
      '<tr><td>bge-small</td><td>dense</td><td class="num">0.612</td><td class="num">0.800</td><td class="num">0.400</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>balanced</td><td class="num">100</td><td class="num">20</td><td class="num">0.700</td><td class="num">12.3</td><td class="num">40.1</td></tr>',
    );
    expect(html).toContain('<th class="num">p95 (ms)</th>');
  });
});

describe('another query set (the lawyer-style queries)', () => {
  const withSet: EvalReport = {
    ...report,
    querySets: [{
      id: 'lawyer', source: 'resources/evaluation/lawyer-queries.json', queries: 288, split: 'all',
      embedderTable: [{ name: 'bge-small', stage: 'dense', metrics: { 'R@20': 0.41234 } }],
      rerankerTable: [],
      pipelineTable: [{ name: 'balanced', k: 100, n: 20, metrics: { 'RR@10': 0.5 }, latencyMs: { p50: 10, p95: 30 } }],
    }],
  };

  it('Markdown: its three tables after the main ones (and before the notes), under its own heading', () => {
    const md = toMarkdown(withSet);
    const at = md.indexOf('## Query set: Lawyer-style queries');
    expect(at).toBeGreaterThan(md.indexOf('## Recall at preset budgets'));
    expect(at).toBeLessThan(md.indexOf('## Notes'));
    expect(md.slice(at)).toContain(
      [
        '## Query set: Lawyer-style queries',
        'resources/evaluation/lawyer-queries.json · 288 queries · split: all · same models and budgets',
        '### First stage: embedders',
        '| Embedder | Stage | R@20 |\n| --- | --- | ---: |\n| bge-small | dense | 0.412 |',
        '### Rerankers on the same candidates',
        '_None._',
        '### Pipelines',
        '| Pipeline | K | N | RR@10 | p50 (ms) | p95 (ms) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| balanced | 100 | 20 | 0.500 | 10.0 | 30.0 |',
      ].join('\n\n'),
    );
    // Without query sets the Markdown is as before.
    expect(toMarkdown(report)).not.toContain('Query set');
  });

  it('HTML: the same, after the curve', () => {
    const html = toHtml(withSet);
    const at = html.indexOf('<h2>Query set: Lawyer-style queries</h2>');
    expect(at).toBeGreaterThan(html.indexOf('<svg '));
    expect(html.slice(at)).toContain('<h3>First stage: embedders</h3>');
    expect(html.slice(at)).toContain('<tr><td>bge-small</td><td>dense</td><td class="num">0.412</td></tr>');
    expect(html.match(/<svg /g)).toHaveLength(1); // curves are for the main set only
  });
});

describe('recallCurveSvg', () => {
  // 400×300 with margins left 56, right 16, top 16, bottom 44 → plot 328 wide, 240 high.
  // x(k) = 56 + (k-1)/(maxK-1)·328 ; y(r) = 16 + (1-r)·240.
  const size = { width: 400, height: 300 };
  const polylines = (svg: string): string[][] =>
    [...svg.matchAll(/<polyline class="curve" points="([^"]*)"/g)].map((m) => m[1]!.split(' '));

  it('uses the margins the coordinates below assume', () => {
    expect(PLOT_MARGIN).toEqual({ top: 16, right: 16, bottom: 44, left: 56 });
  });

  it('draws one polyline per curve with one point per budget, at hand-computed coordinates', () => {
    const svg = recallCurveSvg(report.curves, [], size);
    const lines = polylines(svg);
    expect(lines).toHaveLength(2);
    // maxK = 3: x = 56, 220, 384 ; y(0.5) = 136, y(0.75) = 76, y(1) = 16, y(0.25) = 196.
    expect(lines[0]).toEqual(['56,136', '220,76', '384,16']);
    expect(lines[1]).toEqual(['56,196', '220,136']);
  });

  it('marks presets as dashed, labelled lines at their budget, stretching the axis to reach them', () => {
    const svg = recallCurveSvg([{ name: 'c', recall: [0.5, 1] }], [{ name: 'fast', k: 2 }, { name: 'deep<>', k: 5 }], size);
    // maxK = 5 (the deepest preset): x(2) = 56 + 328/4 = 138, x(5) = 384.
    expect(polylines(svg)[0]).toEqual(['56,136', '138,16']);
    const presets = [...svg.matchAll(/<line class="preset" data-k="(\d+)" x1="([\d.]+)" x2="([\d.]+)"[^>]*stroke-dasharray/g)];
    expect(presets.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['2', '138', '138'],
      ['5', '384', '384'],
    ]);
    expect(svg).toContain('>fast (K=2)</text>');
    expect(svg).toContain('>deep&lt;&gt; (K=5)</text>');
  });

  it('has axis ticks, axis titles and a legend naming each curve', () => {
    const svg = recallCurveSvg([{ name: '基线', recall: Array.from({ length: 300 }, (_, i) => (i + 1) / 300) }], [], size);
    const xTicks = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(xTicks).toEqual([1, 50, 100, 150, 200, 250, 300]);
    expect(svg).toContain('text-anchor="end">0.0</text>');
    expect(svg).toContain('text-anchor="end">1.0</text>');
    expect(svg).toContain('>budget K</text>');
    expect(svg).toContain('>recall R@K</text>');
    expect(svg).toMatch(/<g class="legend">[\s\S]*>基线<\/text>/);
    expect(polylines(svg)[0]).toHaveLength(300);
  });
});
