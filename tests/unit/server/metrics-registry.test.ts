import { describe, expect, it } from 'vitest';
import { MetricsRegistry, escapeLabelValue } from '../../../electron/server/metrics-registry';
import { parseExposition, samplesOf, valueOf } from '../../helpers/prometheus-text';

describe('metrics registry (Prometheus text exposition)', () => {
  it('writes counters, gauges and cumulative histogram buckets that parse back to what was recorded', () => {
    const r = new MetricsRegistry();
    const c = r.counter('t_requests_total', 'Requests.', ['method']);
    const g = r.gauge('t_depth', 'Depth.');
    const h = r.histogram('t_seconds', 'Latency.', ['method'], [0.01, 0.1, 1]);
    c.inc({ method: 'search' });
    c.inc({ method: 'search' }, 2);
    c.inc({ method: 'article' });
    g.set({}, 7);
    for (const v of [0.005, 0.01, 0.05, 0.5, 3]) h.observe({ method: 'search' }, v);
    const e = parseExposition(r.render());
    expect(e.types.get('t_requests_total')).toBe('counter');
    expect(e.types.get('t_seconds')).toBe('histogram');
    expect(valueOf(e, 't_requests_total', { method: 'search' })).toBe(3);
    expect(valueOf(e, 't_requests_total', { method: 'article' })).toBe(1);
    expect(valueOf(e, 't_depth')).toBe(7);
    // le is inclusive (0.01 falls in the 0.01 bucket) and buckets are cumulative, +Inf = count.
    const buckets = samplesOf(e, 't_seconds_bucket', { method: 'search' }).map((s) => [s.labels.le, s.value]);
    expect(buckets).toEqual([['0.01', 2], ['0.1', 3], ['1', 4], ['+Inf', 5]]);
    expect(valueOf(e, 't_seconds_count', { method: 'search' })).toBe(5);
    expect(valueOf(e, 't_seconds_sum', { method: 'search' })).toBeCloseTo(3.565, 9);
  });

  it('escapes label values (backslash, quote, newline) and HELP text so any application name round-trips', () => {
    const r = new MetricsRegistry();
    const c = r.counter('t_total', 'Help with a \\ backslash\nand a newline.', ['application']);
    const nasty = 'a"b\\c\nd} e,f="g"';
    c.inc({ application: nasty });
    const text = r.render();
    expect(text).toContain('# HELP t_total Help with a \\\\ backslash\\nand a newline.');
    expect(text.split('\n').filter((l) => l.startsWith('t_total{'))).toHaveLength(1);
    expect(escapeLabelValue('x"y')).toBe('x\\"y');
    expect(parseExposition(text).samples[0]!.labels.application).toBe(nasty);
  });

  it('refuses what Prometheus would reject: bad names, a missing label, a counter going down, unsorted buckets, a name twice', () => {
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow(/bad metric name/);
    expect(() => r.counter('ok_total', 'x', ['__reserved'])).toThrow(/bad label/);
    expect(() => r.histogram('h', 'x', ['le'], [1])).toThrow(/reserved/);
    expect(() => r.histogram('h2', 'x', [], [1, 1])).toThrow(/increase/);
    const c = r.counter('c_total', 'x', ['method']);
    expect(() => c.inc({})).toThrow(/label method is missing/);
    expect(() => c.inc({ method: 'a' }, -1)).toThrow(/only goes up/);
    expect(() => r.gauge('c_total', 'again')).toThrow(/declared twice/);
  });

  it('reads gauges from their owners at scrape time, and a total kept elsewhere never goes down', () => {
    const r = new MetricsRegistry();
    let depth = 3;
    let restarts = 2;
    const g = r.gauge('t_queue', 'Q.');
    const c = r.counter('t_restarts_total', 'R.');
    r.onCollect(() => {
      g.set({}, depth);
      c.setTotal({}, restarts);
    });
    expect(valueOf(parseExposition(r.render()), 't_queue')).toBe(3);
    depth = 0;
    restarts = 1; // an owner that was reset: the counter keeps its total
    const e = parseExposition(r.render());
    expect(valueOf(e, 't_queue')).toBe(0);
    expect(valueOf(e, 't_restarts_total')).toBe(2);
  });
});
