/**
 * Retrieval measures, declared apart from their computation. A name such as `R@100`, `RR@10` or
 * `nDCG@10` parses to a measure and prints back the same.
 */
export type MeasureKind = 'R' | 'RR' | 'nDCG' | 'P';

export interface Measure {
  kind: MeasureKind;
  cutoff: number;
}

const NAME_RE = /^(R|RR|nDCG|P)@(\d+)$/;

export function parseMeasure(name: string): Measure {
  const m = NAME_RE.exec(name.trim());
  if (!m) throw new Error(`unknown measure "${name}" (expected e.g. R@100, RR@10, nDCG@10, P@5)`);
  return { kind: m[1] as MeasureKind, cutoff: Number(m[2]) };
}

export function measureName(m: Measure): string {
  return `${m.kind}@${m.cutoff}`;
}

/** Per-query value of a measure; `ranked` is best first, `relevant` the relevant ids (binary). */
export function computeMeasure(m: Measure, ranked: readonly (string | number)[], relevant: ReadonlySet<string | number>): number {
  if (relevant.size === 0) return 0;
  const top = ranked.slice(0, m.cutoff);
  switch (m.kind) {
    case 'R':
      return top.filter((d) => relevant.has(d)).length / relevant.size;
    case 'P':
      return top.filter((d) => relevant.has(d)).length / m.cutoff;
    case 'RR': {
      const i = top.findIndex((d) => relevant.has(d));
      return i < 0 ? 0 : 1 / (i + 1);
    }
    case 'nDCG': {
      let dcg = 0;
      top.forEach((d, i) => {
        if (relevant.has(d)) dcg += 1 / Math.log2(i + 2);
      });
      let ideal = 0;
      for (let i = 0; i < Math.min(relevant.size, m.cutoff); i++) ideal += 1 / Math.log2(i + 2);
      return dcg / ideal;
    }
  }
}

/** Mean over queries of each measure. */
export function meanMeasures(
  measures: Measure[],
  runs: { ranked: readonly (string | number)[]; relevant: ReadonlySet<string | number> }[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of measures) {
    const sum = runs.reduce((s, r) => s + computeMeasure(m, r.ranked, r.relevant), 0);
    out[measureName(m)] = runs.length ? sum / runs.length : 0;
  }
  return out;
}
