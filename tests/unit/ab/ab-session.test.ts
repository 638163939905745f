import { describe, expect, it } from 'vitest';
import { compareLists } from '../../../electron/backbone/ab/ab-compare';
import {
  createAbSession,
  parseAbSession,
  recordVerdict,
  serializeAbSession,
  sessionTally,
  type AbSession,
} from '../../../electron/backbone/ab/ab-session';

function session(): AbSession {
  const comparison = compareLists(
    [
      { queryId: 'q1', query: '劳动合同解除', a: [10, 11], b: [11, 10] },
      { queryId: 'q2', query: '违约金过高', a: [20, 21], b: [20, 21] }, // identical
      { queryId: 'q3', query: '定金罚则', a: [30, 31], b: [32, 30] },
      { queryId: 'q4', query: '诉讼时效', a: [40], b: [41] },
    ],
    { seed: 5 },
  );
  return createAbSession({
    versionA: { id: 'bm25', label: 'Keyword only' },
    versionB: { id: 'hybrid-v2', label: 'Hybrid + reranker' },
    querySet: 'stard-dev',
    comparison,
    createdAt: '2025-01-02T03:04:05.000Z',
  });
}

/** The judgment that prefers `side` for an item, whichever side of the screen it is on. */
function prefer(s: AbSession, itemId: string, side: 'A' | 'B'): 'left' | 'right' {
  return s.items.find((i) => i.itemId === itemId)!.left === side ? 'left' : 'right';
}

describe('A/B session file', () => {
  it('round-trips through JSON with its verdicts', () => {
    let s = session();
    expect(s.identical).toEqual(['q2']);
    expect(s.items).toHaveLength(3);
    s = recordVerdict(s, 'item-1', prefer(s, 'item-1', 'B'));
    s = recordVerdict(s, 'item-2', 'tie');
    const back = parseAbSession(serializeAbSession(s), 'ab.json');
    expect(back).toEqual(s);
    expect(sessionTally(back)).toMatchObject({ a: 0, b: 1, ties: 1, identical: 1, judged: 2, preferenceA: 0 });
  });

  it('records a verdict in a new session and replaces an earlier one', () => {
    const s0 = session();
    const s1 = recordVerdict(s0, 'item-3', 'left');
    expect(s0.judgments).toEqual({});
    expect(s1.judgments).toEqual({ 'item-3': 'left' });
    expect(recordVerdict(s1, 'item-3', 'right').judgments).toEqual({ 'item-3': 'right' });
    const s3 = ['item-1', 'item-2', 'item-3'].reduce((acc, id) => recordVerdict(acc, id, prefer(acc, id, 'A')), s0);
    expect(sessionTally(s3)).toMatchObject({ a: 3, b: 0, ties: 0, preferenceA: 1, pValue: expect.closeTo(0.25, 12) }); // 2 · (1/2)³
  });

  it('refuses a verdict for an unknown item', () => {
    expect(() => recordVerdict(session(), 'item-99', 'left')).toThrow(/item-99/);
  });

  it('names the source and the first problem of a bad file', () => {
    const good = JSON.parse(serializeAbSession(session())) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    expect(() => parseAbSession('{not json', 'a.json')).toThrow(/^a\.json: .*not valid JSON/);
    expect(() => parseAbSession(bad({ format: 'other' }), 'b.json')).toThrow(/^b\.json: .*format/);
    expect(() => parseAbSession(bad({ version: 2 }), 'c.json')).toThrow(/^c\.json: .*version/);
    expect(() => parseAbSession(bad({ createdAt: 'yesterday' }), 'd.json')).toThrow(/^d\.json: .*createdAt/);
    const items = good.items as Record<string, unknown>[];
    expect(() => parseAbSession(bad({ items: [{ ...items[0], left: 'C' }] }), 'e.json')).toThrow(/^e\.json: .*items\.0\.left/);
    expect(() => parseAbSession(bad({ items: [items[0], items[0]] }), 'f.json')).toThrow(/^f\.json: .*duplicate item id/);
    expect(() => parseAbSession(bad({ judgments: { 'item-1': 'maybe' } }), 'g.json')).toThrow(/^g\.json: .*judgments\.item-1/);
    expect(() => parseAbSession(bad({ judgments: { ghost: 'tie' } }), 'h.json')).toThrow(/^h\.json: .*no item has the id "ghost"/);
    const { versionB: _dropped, ...noB } = good;
    expect(() => parseAbSession(JSON.stringify(noB), 'i.json')).toThrow(/^i\.json: .*versionB/);
  });
});
