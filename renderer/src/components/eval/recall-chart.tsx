/**
 * Recall against the budget K as an SVG line plot: one line per curve (K = 1…max), a log or linear
 * K axis with ticks, each preset's K as a labelled dashed line, and a legend that doubles as the
 * read-out: hovering the plot, or focusing it and pressing ← → (Home/End, PageUp/PageDown by ten),
 * moves a K cursor and shows every curve's R@K there. The cursor is a slider for assistive
 * technology (aria-valuetext reads K and the recalls). Same geometry as the static HTML report's
 * plot (electron/backbone/eval/report.ts), drawn here as React.
 */
import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Preset, RecallCurve } from '../../../../electron/contract/evaluation-types';
import { PRESET_LABELS } from '../../strings';
import { EVAL_STRINGS as T } from './eval-strings';
import { displayName } from './report-format';

export type KScale = 'log' | 'linear';

const W = 760;
const H = 340;
const M = { top: 14, right: 18, bottom: 46, left: 56 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
/** Calm, distinguishable lines; the keyword baseline is drawn grey. */
const COLORS = ['#1f5f8b', '#b7791f', '#2f7d4f', '#9b2c2c', '#6b4c9a', '#0f766e', '#a3486b'];
const BASELINE = '#8a8f98';

const fmt = (r: number | undefined) => (r === undefined || !Number.isFinite(r) ? '—' : r.toFixed(3));

function linearTicks(max: number): number[] {
  const raw = max / 6;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag);
  const ticks = [1];
  for (let t = step; t <= max; t += step) ticks.push(t);
  return ticks;
}

function logTicks(max: number): number[] {
  const ticks: number[] = [];
  for (let mag = 1; mag <= max; mag *= 10) for (const f of [1, 2, 5]) if (f * mag <= max) ticks.push(f * mag);
  if (ticks[ticks.length - 1] !== max && max / ticks[ticks.length - 1]! > 1.3) ticks.push(max);
  return ticks;
}

function curveColor(curves: readonly RecallCurve[], i: number): string {
  if (/^lexical/.test(curves[i]!.name)) return BASELINE;
  const before = curves.slice(0, i).filter((c) => !/^lexical/.test(c.name)).length;
  return COLORS[before % COLORS.length]!;
}

interface Props {
  curves: readonly RecallCurve[];
  presets: readonly Preset[];
  scale: KScale;
}

export function RecallChart({ curves, presets, scale }: Props) {
  const xMax = Math.max(2, ...curves.map((c) => c.recall.length), ...presets.map((p) => p.k));
  const defaultK = presets.find((p) => p.name === 'standard')?.k ?? presets[0]?.k ?? 1;
  const [k, setK] = useState<number>(Math.min(defaultK, xMax));

  const x = useMemo(
    () => (kk: number) => M.left + (scale === 'log' ? Math.log(kk) / Math.log(xMax) : (kk - 1) / (xMax - 1)) * PW,
    [scale, xMax],
  );
  const kAt = (px: number): number => {
    const f = Math.min(1, Math.max(0, (px - M.left) / PW));
    const raw = scale === 'log' ? Math.exp(f * Math.log(xMax)) : 1 + f * (xMax - 1);
    return Math.min(xMax, Math.max(1, Math.round(raw)));
  };
  const y = (r: number) => M.top + (1 - Math.min(1, Math.max(0, Number.isFinite(r) ? r : 0))) * PH;
  const ticks = scale === 'log' ? logTicks(xMax) : linearTicks(xMax);
  const at = (c: RecallCurve) => c.recall[k - 1];
  const valueText = `K = ${k}: ${curves.map((c) => `${displayName(c.name)} ${fmt(at(c))}`).join(', ')}`;

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setK(kAt(((e.clientX - box.left) / box.width) * W));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };
    let next: number | null = null;
    if (e.key in step) next = k + step[e.key]!;
    else if (e.key === 'Home') next = 1;
    else if (e.key === 'End') next = xMax;
    if (next === null) return;
    e.preventDefault();
    setK(Math.min(xMax, Math.max(1, next)));
  };

  return (
    <div className="recall-chart" data-testid="recall-chart" data-scale={scale} data-k={k}>
      <div
        className="recall-chart__plot"
        tabIndex={0}
        role="slider"
        aria-label={T.curveLabel(k)}
        aria-valuemin={1}
        aria-valuemax={xMax}
        aria-valuenow={k}
        aria-valuetext={valueText}
        onKeyDown={onKey}
        data-testid="recall-chart-plot"
      >
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={T.curveTitle} onPointerMove={onPointer} onPointerDown={onPointer}>
          <rect x={M.left} y={M.top} width={PW} height={PH} className="recall-chart__frame" />
          {[0, 0.2, 0.4, 0.6, 0.8, 1].map((r) => (
            <g key={r}>
              <line x1={M.left} x2={M.left + PW} y1={y(r)} y2={y(r)} className="recall-chart__grid" />
              <text x={M.left - 8} y={y(r)} dy={4} textAnchor="end" className="recall-chart__tick">{r.toFixed(1)}</text>
            </g>
          ))}
          {ticks.map((t) => (
            <g key={t} data-testid="recall-chart-xtick">
              <line x1={x(t)} x2={x(t)} y1={M.top + PH} y2={M.top + PH + 5} className="recall-chart__axis" />
              <text x={x(t)} y={M.top + PH + 18} textAnchor="middle" className="recall-chart__tick">{t}</text>
            </g>
          ))}
          <text x={M.left + PW / 2} y={H - 6} textAnchor="middle" className="recall-chart__title">{T.axisK}</text>
          <text transform={`translate(14 ${M.top + PH / 2}) rotate(-90)`} textAnchor="middle" className="recall-chart__title">{T.axisRecall}</text>
          {presets.map((p, i) => {
            const px = x(Math.min(p.k, xMax));
            const right = px > M.left + PW * 0.7;
            return (
              <g key={p.name} className="recall-chart__preset" data-testid="recall-chart-preset" data-k={p.k}>
                <line x1={px} x2={px} y1={M.top} y2={M.top + PH} strokeDasharray="5 4" />
                <text x={px + (right ? -5 : 5)} y={M.top + 14 + 15 * (i % 3)} textAnchor={right ? 'end' : 'start'}>
                  {`${PRESET_LABELS[p.name] ?? p.name} K=${p.k}`}
                </text>
              </g>
            );
          })}
          {curves.map((c, i) => (
            <polyline
              key={c.name}
              data-testid="recall-chart-line"
              data-name={c.name}
              points={Array.from(c.recall, (r, j) => `${x(j + 1).toFixed(1)},${y(r).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={curveColor(curves, i)}
              strokeWidth={/^lexical/.test(c.name) ? 1.6 : 2}
              strokeDasharray={/^lexical/.test(c.name) ? '2 3' : undefined}
            />
          ))}
          <line x1={x(k)} x2={x(k)} y1={M.top} y2={M.top + PH} className="recall-chart__cursor" />
          {curves.map((c, i) =>
            at(c) === undefined ? null : <circle key={c.name} cx={x(k)} cy={y(at(c)!)} r={3.5} fill={curveColor(curves, i)} stroke="#fff" strokeWidth={1.5} />,
          )}
        </svg>
      </div>
      <div className="recall-chart__legend" aria-hidden="true">
        <p className="recall-chart__k" data-testid="recall-chart-k">{T.curveReadout(k)}</p>
        <ul>
          {curves.map((c, i) => (
            <li key={c.name} data-testid="recall-chart-legend-item" data-name={c.name}>
              <span className="recall-chart__swatch" style={{ background: curveColor(curves, i) }} />
              <span className="recall-chart__name">{displayName(c.name)}</span>
              <span className="recall-chart__value" data-testid="recall-chart-value">{fmt(at(c))}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
