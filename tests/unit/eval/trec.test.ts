import { describe, expect, it } from 'vitest';
import { parseMeasure } from '../../../electron/backbone/eval/measures';
import {
  RUN_TSV_HEADER,
  formatRunTsv,
  parseAnyRun,
  parseQrels,
  parseRunTsv,
  parseTrecRun,
  scoreRun,
  type RunRow,
} from '../../../electron/backbone/eval/trec';

/** The error a call throws (fails the test when it throws none). */
function thrown(f: () => unknown): Error & { code?: string } {
  try {
    f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe('parseQrels', () => {
  it('reads grades per query, skipping blank lines and comments, CRLF or LF', () => {
    const text = '# judged by hand\r\nq1 0 d1 1\r\n\r\nq1 0 d2 0\n  q1\t0\td3 2  \nq2 0 民法典第五十四条 -1\n   # indented comment\n';
    const qrels = parseQrels(text, 'qrels.txt');
    expect([...qrels.keys()]).toEqual(['q1', 'q2']);
    expect([...qrels.get('q1')!]).toEqual([
      ['d1', 1],
      ['d2', 0],
      ['d3', 2],
    ]);
    expect([...qrels.get('q2')!]).toEqual([['民法典第五十四条', -1]]);
  });

  it('names the source, the line and what was expected', () => {
    const short = thrown(() => parseQrels('q1 0 d1 1\n\nq1 0 d2\n', 'qrels.txt'));
    expect(short.code).toBe('MALFORMED_RECORD');
    expect(short.message).toBe('qrels.txt, line 3: expected 4 columns "qid iter docid rel", found 3.');
    expect(thrown(() => parseQrels('# c\nq1 0 d1 high\n', 'a.qrels')).message).toBe(
      'a.qrels, line 2: expected an integer relevance grade, found "high".',
    );
    expect(thrown(() => parseQrels('q1 0 d1 1.5\n', 'a.qrels')).message).toMatch(/line 1: expected an integer relevance grade/);
    expect(thrown(() => parseQrels('q1 0 d1 1\nq1 0 d1 0\n', 'a.qrels')).message).toBe(
      'a.qrels, line 2: document "d1" is judged twice for query "q1".',
    );
  });
});

describe('parseTrecRun', () => {
  const text = [
    'q1 Q0 d3 3 0.2 run',
    'q2 Q0 x 1 9 run',
    'q1 Q0 d1 1 0.9 run',
    'q1 Q0 d2 2 0.5 run',
    'q1 Q0 d4 2 0.7 run', // same rank as d2, higher score: first
    'q1 Q0 a 4 0.1 run',
    'q1 Q0 b 4 0.1 run', // same rank and score as a: docid descending, b before a
  ].join('\n');

  it('sorts by rank, then score descending, then docid descending', () => {
    const run = parseTrecRun(text, 'run.trec');
    expect(run.get('q1')!.map((e) => e.docid)).toEqual(['d1', 'd4', 'd2', 'd3', 'b', 'a']);
    expect(run.get('q1')![1]).toEqual({ docid: 'd4', rank: 2, score: 0.7 });
    expect(run.get('q2')).toEqual([{ docid: 'x', rank: 1, score: 9 }]);
  });

  it("follows trec_eval's rule (score descending, rank ignored) when asked", () => {
    const run = parseTrecRun('q Q0 a 1 0.1 t\nq Q0 b 2 0.9 t\nq Q0 c 3 0.9 t\nq Q0 d 0 -1e-3 t\n', 'r', 'score');
    expect(run.get('q')!.map((e) => e.docid)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('rejects malformed lines with their line numbers', () => {
    expect(thrown(() => parseTrecRun('q Q0 a 1 0.5 t\nq Q0 b 2 0.4\n', 'r.trec')).message).toBe(
      'r.trec, line 2: expected 6 columns "qid Q0 docid rank score tag", found 5.',
    );
    expect(thrown(() => parseTrecRun('\nq Q0 a one 0.5 t\n', 'r.trec')).message).toBe('r.trec, line 2: expected an integer rank, found "one".');
    expect(thrown(() => parseTrecRun('q Q0 a 1 NaN t\n', 'r.trec')).message).toBe('r.trec, line 1: expected a numeric score, found "NaN".');
    expect(thrown(() => parseTrecRun('q Q0 a 1 1 t\nq Q0 a 2 0 t\n', 'r.trec')).message).toBe(
      'r.trec, line 2: document "a" is listed twice for query "q".',
    );
  });
});

describe('Lexbone run TSV', () => {
  const rows: RunRow[] = [
    { queryId: '17', rank: 1, citation: '中华人民共和国民法典第五十四条', score: 12.5 },
    { queryId: '17', rank: 2, citation: '中华人民共和国刑法第二百六十四条', score: -2.5e-7 },
    { queryId: 'q 2', rank: 1, citation: '中华人民共和国公司法第一条', score: 0.1 + 0.2 },
  ];

  it('writes a header and one line per row', () => {
    expect(formatRunTsv(rows)).toBe(
      'query_id\trank\tcitation\tscore\n' +
        '17\t1\t中华人民共和国民法典第五十四条\t12.5\n' +
        '17\t2\t中华人民共和国刑法第二百六十四条\t-2.5e-7\n' +
        'q 2\t1\t中华人民共和国公司法第一条\t0.30000000000000004\n',
    );
  });

  it('round-trips rows exactly, and reads files without the header', () => {
    expect(parseRunTsv(formatRunTsv(rows), 'run.tsv')).toEqual(rows);
    expect(parseRunTsv('17\t1\t民法典第一条\t3\n', 'run.tsv')).toEqual([{ queryId: '17', rank: 1, citation: '民法典第一条', score: 3 }]);
  });

  it('refuses values it could not read back', () => {
    expect(() => formatRunTsv([{ queryId: 'q', rank: 1, citation: 'a\tb', score: 1 }])).toThrow(/cannot be written/);
    expect(() => formatRunTsv([{ queryId: 'q', rank: 1.5, citation: 'a', score: 1 }])).toThrow(/integer rank/);
    expect(() => formatRunTsv([{ queryId: 'q', rank: 1, citation: 'a', score: Number.NaN }])).toThrow(/finite score/);
  });

  it('counts the header and blank lines in error line numbers', () => {
    const e = thrown(() => parseRunTsv(`${RUN_TSV_HEADER}\n1\t1\ta\t0.5\n\n1\t2\tb\n`, 'run.tsv'));
    expect(e.code).toBe('MALFORMED_RECORD');
    expect(e.message).toBe('run.tsv, line 4: expected 4 tab-separated columns "query_id, rank, citation, score", found 3.');
    expect(thrown(() => parseRunTsv('1\tfirst\ta\t0.5\n', 'run.tsv')).message).toBe('run.tsv, line 1: expected an integer rank, found "first".');
  });
});

describe('parseAnyRun', () => {
  const expected = new Map([
    ['1', ['民法典第二条', '民法典第一条']],
    ['2', ['刑法第三条']],
  ]);

  it('reads the TSV (with or without header) and the TREC format to the same ranking', () => {
    const tsv = formatRunTsv([
      { queryId: '1', rank: 2, citation: '民法典第一条', score: 0.5 },
      { queryId: '1', rank: 1, citation: '民法典第二条', score: 0.9 },
      { queryId: '2', rank: 1, citation: '刑法第三条', score: 0.1 },
    ]);
    expect(parseAnyRun(tsv, 'run.tsv')).toEqual(expected);
    expect(parseAnyRun(tsv.split('\n').slice(1).join('\n'), 'run.tsv')).toEqual(expected);
    const trec = '1 Q0 民法典第一条 2 0.5 lexbone\n1 Q0 民法典第二条 1 0.9 lexbone\n2 Q0 刑法第三条 1 0.1 lexbone\n';
    expect(parseAnyRun(trec, 'run.trec')).toEqual(expected);
    // A TREC run written with tabs is still six columns, not the four of the TSV.
    expect(parseAnyRun(trec.replace(/ /g, '\t'), 'run.trec')).toEqual(expected);
  });

  it('holds every line to the format of the first', () => {
    expect(thrown(() => parseAnyRun('1\t1\ta\t0.5\n1 Q0 b 2 0.4 t\n', 'mixed')).message).toMatch(/^mixed, line 2: expected 4 tab-separated columns/);
    expect(thrown(() => parseAnyRun('1 Q0 b 2 0.4 t\n1\t1\ta\t0.5\n', 'mixed')).message).toMatch(/^mixed, line 2: expected 6 columns/);
    expect(parseAnyRun('# nothing\n', 'empty')).toEqual(new Map());
  });
});

describe('scoreRun', () => {
  // q1 relevant {d1, d3} (d2 judged 0); q2 relevant {x}; q3 relevant {y} but absent from the run;
  // q4 is in the run but not judged.
  const qrels = parseQrels('q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 2\nq2 0 x 1\nq3 0 y 1\n', 'qrels');
  const run = new Map([
    ['q1', ['d2', 'd1', 'd5', 'd3']],
    ['q2', ['a', 'b']],
    ['q4', ['y']],
  ]);

  it('averages over the judged queries with binary relevance', () => {
    const s = scoreRun(run, qrels, ['R@2', 'RR@10', 'P@2', 'nDCG@3', parseMeasure('R@4')]);
    // q1: R@2 = 1/2, RR = 1/2 (d2 is judged 0, so d1 at rank 2 is the first hit), P@2 = 1/2,
    //     nDCG@3 = (1/log2 3) / (1 + 1/log2 3), R@4 = 1; q2 and q3 score 0 on everything.
    expect(s.metrics['R@2']).toBeCloseTo(1 / 6, 12);
    expect(s.metrics['RR@10']).toBeCloseTo(1 / 6, 12);
    expect(s.metrics['P@2']).toBeCloseTo(1 / 6, 12);
    expect(s.metrics['nDCG@3']).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)) / 3, 12);
    expect(s.metrics['R@4']).toBeCloseTo(1 / 3, 12);
    expect(Object.keys(s.metrics)).toEqual(['R@2', 'RR@10', 'P@2', 'nDCG@3', 'R@4']);
    expect({ queries: s.queries, missingFromRun: s.missingFromRun, notInQrels: s.notInQrels }).toEqual({
      queries: 3,
      missingFromRun: 1,
      notInQrels: 1,
    });
  });

  it('scores a parsed TREC run end to end', () => {
    const parsed = parseAnyRun('q1 Q0 d3 1 2 t\nq1 Q0 d1 2 1 t\nq2 Q0 x 1 5 t\nq3 Q0 y 3 1 t\n', 'r');
    const s = scoreRun(parsed, qrels, ['RR@10']);
    // q1: 1, q2: 1, q3: y at rank 1 of its list → 1.
    expect(s.metrics['RR@10']).toBe(1);
    expect(s.missingFromRun).toBe(0);
    expect(s.notInQrels).toBe(0);
  });
});
