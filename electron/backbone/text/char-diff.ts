/**
 * A character diff for statute text (Chinese has no spaces, so words cannot be the unit): Myers'
 * O(ND) greedy algorithm over code points, after trimming the common prefix and suffix, then
 * grouped into runs — within a change, deletions before insertions — and lightly cleaned up so
 * that a one- or two-character coincidence inside a rewritten sentence does not chop it into
 * confetti. Pure text work, no store.
 */
import type { DiffSegment } from '../../contract/law-types';

/**
 * Above this many edits the greedy trace would need O(D²) memory: the texts are then shown as
 * one deletion and one insertion (a rewrite), which is what such a change is to a reader.
 */
const MAX_EDITS = 2000;

export type Edit = 'equal' | 'insert' | 'delete';

/** Myers' shortest edit script between `a` and `b` (one entry per element), or null past MAX_EDITS. */
export function shortestEditScript(a: readonly string[], b: readonly string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDITS); d++) {
    // Keep only the diagonals reachable at this d: -d…d.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;

  // Walk back from (n, m); trace[d] holds the furthest x per diagonal before step d.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push('equal');
      x--;
      y--;
    }
    edits.push(down ? 'insert' : 'delete');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    edits.push('equal');
    x--;
    y--;
  }
  return edits.reverse();
}

function push(out: DiffSegment[], op: Edit, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/** Runs of one op; between two equal runs, the deletion first, then the insertion. */
function group(a: string[], b: string[], edits: Edit[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  let del = '';
  let ins = '';
  const flush = () => {
    push(out, 'delete', del);
    push(out, 'insert', ins);
    del = ins = '';
  };
  for (const e of edits) {
    if (e === 'equal') {
      flush();
      push(out, 'equal', a[i]!);
      i++;
      j++;
    } else if (e === 'delete') del += a[i++]!;
    else ins += b[j++]!;
  }
  flush();
  return out;
}

/** Merges adjacent changes into one deletion then one insertion. */
function normalize(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let del = '';
  let ins = '';
  for (const s of segments) {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      push(out, 'delete', del);
      push(out, 'insert', ins);
      del = ins = '';
      push(out, 'equal', s.text);
    }
  }
  push(out, 'delete', del);
  push(out, 'insert', ins);
  return out;
}

/** The change run that ends at `from` (step -1) or starts there (step 1): its op if it has only one, and its length. */
function changeRun(segs: DiffSegment[], from: number, step: 1 | -1): { op: Edit | 'mixed'; length: number } | null {
  let op: Edit | 'mixed' | null = null;
  let length = 0;
  for (let i = from; i >= 0 && i < segs.length && segs[i]!.op !== 'equal'; i += step) {
    op = op === null || op === segs[i]!.op ? segs[i]!.op : 'mixed';
    length += segs[i]!.text.length;
  }
  return op ? { op, length } : null;
}

/**
 * Clean-up of coincidences: an equal run that splits what is really one replacement — a pure
 * deletion on one side, a pure insertion on the other, neither shorter than it (三|十|五 in
 * 三十日 → 十五日) — is folded into one deletion and one insertion. Equal runs next to a mixed
 * change stay, so the clean-up never cascades over a rewritten sentence.
 */
function cleanup(segments: DiffSegment[]): DiffSegment[] {
  let segs = normalize(segments);
  for (let i = 1; i < segs.length - 1; i++) {
    const s = segs[i]!;
    if (s.op !== 'equal') continue;
    const before = changeRun(segs, i - 1, -1);
    const after = changeRun(segs, i + 1, 1);
    if (!before || !after || before.op === 'mixed' || after.op === 'mixed' || before.op === after.op) continue;
    if (s.text.length > before.length || s.text.length > after.length) continue;
    segs = normalize([...segs.slice(0, i), { op: 'delete', text: s.text }, { op: 'insert', text: s.text }, ...segs.slice(i + 1)]);
  }
  return segs;
}

/** How well a position between two characters suits an edit's edge: after punctuation or a line break is best. */
const BREAK = /[\n，。；：、！？,.;:!?）)]/u;
function edgeScore(before: string | undefined, after: string | undefined): number {
  if (before === undefined || after === undefined) return 2;
  return (before === '\n' || after === '\n' ? 2 : 0) + (BREAK.test(before) ? 1 : 0);
}

/**
 * Slides each pure insertion or deletion between two equal runs sideways, as far as the texts
 * allow without changing the result, to where its edges fall on sentence and line boundaries:
 * `…的；` + `\n（三）…损害的；` rather than `…` + `的；\n（三）…损害` + `的；`.
 */
function alignToBoundaries(segments: DiffSegment[]): DiffSegment[] {
  const segs = segments.map((s) => ({ ...s }));
  for (let i = 1; i < segs.length - 1; i++) {
    const [left, edit, right] = [segs[i - 1]!, segs[i]!, segs[i + 1]!];
    if (left.op !== 'equal' || right.op !== 'equal' || edit.op === 'equal') continue;
    // Slide fully left, then try every position going right.
    let [l, e, r] = [Array.from(left.text), Array.from(edit.text), Array.from(right.text)];
    while (l.length && l[l.length - 1] === e[e.length - 1]) [l, e, r] = [l.slice(0, -1), [l[l.length - 1]!, ...e.slice(0, -1)], [e[e.length - 1]!, ...r]];
    let best = { score: -1, l, e, r };
    for (;;) {
      const score = edgeScore(l[l.length - 1], e[0]) + edgeScore(e[e.length - 1], r[0]);
      if (score > best.score) best = { score, l, e, r };
      if (!r.length || r[0] !== e[0]) break;
      [l, e, r] = [[...l, e[0]!], [...e.slice(1), r[0]!], r.slice(1)];
    }
    [left.text, edit.text, right.text] = [best.l.join(''), best.e.join(''), best.r.join('')];
  }
  return segs.filter((s) => s.text !== '');
}

/**
 * The segments that turn `older` into `newer`: equal runs, deletions (only in `older`) and
 * insertions (only in `newer`). Joining the equal and delete texts gives `older`; the equal and
 * insert texts give `newer`.
 */
export function diffChars(older: string, newer: string): DiffSegment[] {
  if (older === newer) return older ? [{ op: 'equal', text: older }] : [];
  const a = Array.from(older);
  const b = Array.from(newer);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const edits = shortestEditScript(midA, midB);
  const middle = edits
    ? cleanup(group(midA, midB, edits))
    : normalize([{ op: 'delete', text: midA.join('') }, { op: 'insert', text: midB.join('') }]);
  const out: DiffSegment[] = [];
  push(out, 'equal', a.slice(0, pre).join(''));
  for (const s of middle) push(out, s.op, s.text);
  push(out, 'equal', a.slice(a.length - suf).join(''));
  return normalize(alignToBoundaries(out));
}

/** Characters (code points) inserted and deleted. */
export function diffSize(segments: readonly DiffSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const s of segments) {
    const len = Array.from(s.text).length;
    if (s.op === 'insert') inserted += len;
    else if (s.op === 'delete') deleted += len;
  }
  return { inserted, deleted };
}
