/**
 * Renders an evaluation report — first-stage embedders, rerankers on shared candidates, whole
 * pipelines with latency, and recall-against-budget curves, then the three tables of each other
 * query set (the lawyer-style queries) — as GitHub Markdown or as one self-contained HTML page
 * (inline CSS and an inline SVG plot; no scripts, no external assets).
 */

import type { EvalReport, PipelineRow, Preset, RecallCurve, StageRow } from '../../contract/evaluation-types';

export type { EvalReport, PipelineRow, Preset, RecallCurve, StageRow };

export interface PlotSize {
  width: number;
  height: number;
}

/** Space around the plot area, in SVG user units (axes, tick labels and titles live here). */
export const PLOT_MARGIN = { top: 16, right: 16, bottom: 44, left: 56 } as const;

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** A table before it is written out; `numeric` columns are right-aligned. */
interface Table {
  header: string[];
  numeric: boolean[];
  rows: string[][];
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeMarkdownCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

const fmt3 = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—');
const fmtMs = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '—');
/** SVG coordinate: at most 2 decimals, no trailing zeros. */
const coord = (v: number): string => String(Math.round(v * 100) / 100);

/** Keys of all records, in first-seen order. */
function columnsOf(records: readonly Record<string, number>[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

function stageTable(first: string, rows: readonly StageRow[]): Table {
  const metrics = columnsOf(rows.map((r) => r.metrics));
  const withStage = rows.some((r) => r.stage !== undefined);
  return {
    header: [first, ...(withStage ? ['Stage'] : []), ...metrics],
    numeric: [false, ...(withStage ? [false] : []), ...metrics.map(() => true)],
    rows: rows.map((r) => [r.name, ...(withStage ? [r.stage ?? ''] : []), ...metrics.map((m) => fmt3(r.metrics[m]))]),
  };
}

function pipelineTable(rows: readonly PipelineRow[]): Table {
  const metrics = columnsOf(rows.map((r) => r.metrics));
  const latency = columnsOf(rows.map((r) => r.latencyMs));
  return {
    header: ['Pipeline', 'K', 'N', ...metrics, ...latency.map((l) => `${l} (ms)`)],
    numeric: [false, true, true, ...metrics.map(() => true), ...latency.map(() => true)],
    rows: rows.map((r) => [
      r.name,
      String(r.k),
      String(r.n),
      ...metrics.map((m) => fmt3(r.metrics[m])),
      ...latency.map((l) => fmtMs(r.latencyMs[l])),
    ]),
  };
}

/** Recall of each curve at each preset's budget ('—' where the curve is shorter). */
function presetTable(curves: readonly RecallCurve[], presets: readonly Preset[]): Table {
  return {
    header: ['Curve', ...presets.map((p) => `${p.name} (K=${p.k})`)],
    numeric: [false, ...presets.map(() => true)],
    rows: curves.map((c) => [c.name, ...presets.map((p) => fmt3(c.recall[p.k - 1]))]),
  };
}

function markdownTable(t: Table): string {
  if (t.rows.length === 0) return '_None._';
  const line = (cells: string[]): string => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [line(t.header), `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...t.rows.map(line)].join('\n');
}

function htmlTable(t: Table): string {
  if (t.rows.length === 0) return '<p class="none">None.</p>';
  const cell = (tag: 'th' | 'td', s: string, i: number): string => `<${tag}${t.numeric[i] ? ' class="num"' : ''}>${escapeHtml(s)}</${tag}>`;
  const head = `<tr>${t.header.map((h, i) => cell('th', h, i)).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

interface Section {
  title: string;
  table: Table;
}

/** The three tables of one query set. */
function setSections(t: Pick<EvalReport, 'embedderTable' | 'rerankerTable' | 'pipelineTable'>): Section[] {
  return [
    { title: 'First stage: embedders', table: stageTable('Embedder', t.embedderTable) },
    { title: 'Rerankers on the same candidates', table: stageTable('Reranker', t.rerankerTable) },
    { title: 'Pipelines', table: pipelineTable(t.pipelineTable) },
  ];
}

function sections(r: EvalReport): Section[] {
  const out = setSections(r);
  if (r.presets.length > 0 && r.curves.length > 0) out.push({ title: 'Recall at preset budgets', table: presetTable(r.curves, r.presets) });
  return out;
}

/** Names of the query sets a report may carry beside the main one. */
const QUERY_SET_NAMES: Record<string, string> = { lawyer: 'Lawyer-style queries' };

/** Each other query set: a heading, where its queries came from, and its three tables. */
const querySets = (r: EvalReport): { title: string; summary: string; sections: Section[] }[] =>
  (r.querySets ?? []).map((q) => ({
    title: `Query set: ${QUERY_SET_NAMES[q.id] ?? q.id}`,
    summary: `${q.source} · ${q.queries} queries · split: ${q.split} · same models and budgets`,
    sections: setSections(q),
  }));

const summary = (r: EvalReport): string => `Created ${r.createdAt} · ${r.queries} queries · split: ${r.split}`;

export function toMarkdown(r: EvalReport): string {
  const parts = [`# ${escapeMarkdownCell(r.title)}`, escapeMarkdownCell(summary(r))];
  for (const s of sections(r)) parts.push(`## ${s.title}`, markdownTable(s.table));
  for (const q of querySets(r)) {
    parts.push(`## ${escapeMarkdownCell(q.title)}`, escapeMarkdownCell(q.summary));
    for (const s of q.sections) parts.push(`### ${s.title}`, markdownTable(s.table));
  }
  if (r.notes && r.notes.length > 0) parts.push('## Notes', r.notes.map((n) => `- ${escapeMarkdownCell(n)}`).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** Ticks on the budget axis: 1, then multiples of a 1/2/5×10ⁿ step, at most about 7 in all. */
function budgetTicks(xMax: number): number[] {
  if (xMax <= 1) return [1];
  const raw = xMax / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag);
  const ticks = [1];
  for (let t = step; t <= xMax; t += step) if (t > 1) ticks.push(t);
  return ticks;
}

/**
 * Line plot of recall (y, 0–1) against budget K (x, 1..max K, linear) as inline SVG: one polyline
 * per curve (a point per K), a legend, axis ticks and titles, and each preset as a labelled dashed
 * vertical line. The x range covers the longest curve and the largest preset budget.
 * Coordinates: x(k) = left + (k−1)/(maxK−1)·plotWidth, y(r) = top + (1−r)·plotHeight, with the
 * margins of {@link PLOT_MARGIN}.
 */
export function recallCurveSvg(curves: readonly RecallCurve[], presets: readonly Preset[], size: PlotSize = { width: 720, height: 400 }): string {
  const { top, right, bottom, left } = PLOT_MARGIN;
  const { width, height } = size;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xMax = Math.max(1, ...curves.map((c) => c.recall.length), ...presets.map((p) => p.k));
  const x = (k: number): number => left + (xMax === 1 ? plotW / 2 : ((k - 1) / (xMax - 1)) * plotW);
  const y = (r: number): number => top + (1 - (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0)) * plotH;
  const axisY = top + plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Recall against budget K" font-family="sans-serif" font-size="11">`,
    `<rect x="${left}" y="${top}" width="${coord(plotW)}" height="${coord(plotH)}" fill="#fff" stroke="#bbb"/>`,
    '<g class="y-axis">',
  ];
  for (let i = 0; i <= 5; i++) {
    const yy = coord(y(i / 5));
    out.push(`<line x1="${left}" x2="${coord(left + plotW)}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    out.push(`<text x="${left - 6}" y="${yy}" dy="4" text-anchor="end">${(i / 5).toFixed(1)}</text>`);
  }
  out.push(
    `<text transform="translate(14 ${coord(top + plotH / 2)}) rotate(-90)" text-anchor="middle">recall R@K</text>`,
    '</g>',
    '<g class="x-axis">',
  );
  for (const t of budgetTicks(xMax)) {
    const xx = coord(x(t));
    out.push(`<line x1="${xx}" x2="${xx}" y1="${coord(axisY)}" y2="${coord(axisY + 4)}" stroke="#555"/>`);
    out.push(`<text x="${xx}" y="${coord(axisY + 16)}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<text x="${coord(left + plotW / 2)}" y="${height - 6}" text-anchor="middle">budget K</text>`, '</g>', '<g class="presets">');
  presets.forEach((p, i) => {
    const xx = coord(x(p.k));
    out.push(`<line class="preset" data-k="${p.k}" x1="${xx}" x2="${xx}" y1="${top}" y2="${coord(axisY)}" stroke="#555" stroke-dasharray="4 3"/>`);
    // A label near the right edge is drawn to the left of its line, so it stays inside the plot.
    const rightHalf = x(p.k) > left + plotW / 2;
    out.push(`<text class="preset-label" x="${coord(x(p.k) + (rightHalf ? -3 : 3))}" y="${top + 12 + 12 * i}"${rightHalf ? ' text-anchor="end"' : ''}>${escapeHtml(`${p.name} (K=${p.k})`)}</text>`);
  });
  out.push('</g>', '<g class="curves">');
  curves.forEach((c, i) => {
    const points = Array.from(c.recall, (r, j) => `${coord(x(j + 1))},${coord(y(r))}`).join(' ');
    out.push(
      `<polyline class="curve" points="${points}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"><title>${escapeHtml(c.name)}</title></polyline>`,
    );
  });
  out.push('</g>');
  if (curves.length > 0) {
    // Bottom right of the plot area, which recall curves (rising with K) leave empty.
    const rowH = 16;
    const charW = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.5), 0);
    const legendW = 34 + Math.max(...curves.map((c) => charW(c.name)));
    const legendH = 8 + rowH * curves.length;
    const lx = left + plotW - legendW - 8;
    const ly = axisY - legendH - 8;
    out.push('<g class="legend">', `<rect x="${coord(lx)}" y="${coord(ly)}" width="${coord(legendW)}" height="${legendH}" fill="#fff" fill-opacity="0.9" stroke="#ccc"/>`);
    curves.forEach((c, i) => {
      const ry = ly + 4 + rowH * i + rowH / 2;
      out.push(`<line x1="${coord(lx + 6)}" x2="${coord(lx + 24)}" y1="${coord(ry)}" y2="${coord(ry)}" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`);
      out.push(`<text x="${coord(lx + 28)}" y="${coord(ry)}" dy="4">${escapeHtml(c.name)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem;margin-top:1.5rem}.meta{color:#666}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .6rem}th{background:#f5f5f5}
.num{text-align:right;font-variant-numeric:tabular-nums}.none{color:#888}figure{margin:1rem 0}svg{max-width:100%;height:auto}`;

export function toHtml(r: EvalReport): string {
  const body: string[] = [`<h1>${escapeHtml(r.title)}</h1>`, `<p class="meta">${escapeHtml(summary(r))}</p>`];
  for (const s of sections(r)) body.push(`<h2>${escapeHtml(s.title)}</h2>`, htmlTable(s.table));
  if (r.curves.length > 0) {
    body.push('<h2>Recall against budget</h2>', `<figure>\n${recallCurveSvg(r.curves, r.presets, { width: 720, height: 400 })}\n</figure>`);
  }
  for (const q of querySets(r)) {
    body.push(`<h2>${escapeHtml(q.title)}</h2>`, `<p class="meta">${escapeHtml(q.summary)}</p>`);
    for (const s of q.sections) body.push(`<h3>${escapeHtml(s.title)}</h3>`, htmlTable(s.table));
  }
  if (r.notes && r.notes.length > 0) body.push('<h2>Notes</h2>', `<ul>\n${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
