import type { Segment } from '../../contract/types';

/**
 * A highlighted excerpt of `text` around the densest cluster of query terms. Matching is done on
 * the original text (not the indexed bigrams), so highlights cover whole matched words.
 */
export function makeSnippet(text: string, terms: string[], maxChars = 160): Segment[] {
  const hits = new Array<boolean>(text.length).fill(false);
  const lower = text.toLowerCase();
  for (const term of terms) {
    if (!term) continue;
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + 1)) {
      for (let k = i; k < i + term.length; k++) hits[k] = true;
    }
  }
  let start = 0;
  if (text.length > maxChars) {
    // Slide a window, keeping the one with the most highlighted characters.
    let count = 0;
    for (let i = 0; i < maxChars; i++) if (hits[i]) count++;
    let best = count;
    for (let i = maxChars; i < text.length; i++) {
      if (hits[i]) count++;
      if (hits[i - maxChars]) count--;
      if (count > best) {
        best = count;
        start = i - maxChars + 1;
      }
    }
    // Start a little before the first hit in the window, at a sentence break when one is near.
    const firstHit = hits.indexOf(true, start);
    if (firstHit > start + 20) start = firstHit - 20;
    const brk = Math.max(text.lastIndexOf('。', start), text.lastIndexOf('\n', start));
    if (brk >= 0 && start - brk < 30) start = brk + 1;
  }
  const end = Math.min(text.length, start + maxChars);
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: '…', hit: false });
  for (let i = start; i < end; ) {
    const hit = hits[i]!;
    let j = i;
    while (j < end && hits[j] === hit) j++;
    segments.push({ text: text.slice(i, j), hit });
    i = j;
  }
  if (end < text.length) segments.push({ text: '…', hit: false });
  return segments;
}

/**
 * An excerpt of `text` showing the span `[start, end)` highlighted (a cross-reference): from the
 * start of its sentence when that is near, else a little before it; `maxChars` long at most.
 */
export function makeSpanSnippet(text: string, start: number, end: number, maxChars = 100): Segment[] {
  let from = 0;
  if (text.length > maxChars) {
    const sentence = Math.max(text.lastIndexOf('。', start - 1), text.lastIndexOf('；', start - 1), text.lastIndexOf('\n', start - 1)) + 1;
    from = start - sentence <= maxChars / 2 ? sentence : start - Math.floor(maxChars / 3);
    from = Math.max(0, Math.min(from, text.length - maxChars, start));
  }
  const to = Math.max(Math.min(text.length, from + maxChars), Math.min(text.length, end));
  const segments: Segment[] = [];
  if (from > 0) segments.push({ text: '…', hit: false });
  if (start > from) segments.push({ text: text.slice(from, start), hit: false });
  segments.push({ text: text.slice(start, end), hit: true });
  if (to > end) segments.push({ text: text.slice(end, to), hit: false });
  if (to < text.length) segments.push({ text: '…', hit: false });
  return segments;
}
