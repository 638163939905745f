/** Chinese numerals as used in article labels (第一千零八十五条): parse to and format from integers. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** Parses 五十四 → 54, 一千零八十五 → 1085, 十 → 10, 0-9 digits too. Returns null when not a number. */
export function parseChineseNumber(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (/^[０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
  let total = 0;
  let section = 0; // value below 万
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[ch] !== 0) {
        // two digits in a row without a unit (e.g. 一九): positional reading is not used in labels
        return null;
      }
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      if (unit === 10000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        section += (digit === null ? 1 : digit) * unit;
      }
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Formats 54 → 五十四, 1085 → 一千零八十五, 10 → 十, 110 → 一百一十 (statute style). */
export function formatChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100000) throw new RangeError(`cannot format ${n}`);
  if (n === 0) return '零';
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    const rest = low === 0 ? '' : (low < 1000 ? '零' : '') + formatBelow10000(low, true);
    return formatBelow10000(high, false) + '万' + rest;
  }
  return formatBelow10000(n, false);
}

function formatBelow10000(n: number, inner: boolean): string {
  const units = ['千', '百', '十', ''];
  const values = [1000, 100, 10, 1];
  let out = '';
  let pendingZero = false;
  let started = false;
  for (let i = 0; i < 4; i++) {
    const d = Math.floor(n / values[i]!) % 10;
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    // 十五 rather than 一十五 at the very start; 一百一十 keeps its 一.
    if (!(d === 1 && values[i] === 10 && !started && !inner)) out += DIGIT_CHARS[d];
    out += units[i];
    started = true;
  }
  return out;
}
