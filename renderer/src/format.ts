/** Small formatting helpers for the UI. */
import { lang, locale } from './i18n/lang';

/** "约 40 秒", "约 3 分钟", "约 1 小时 5 分钟" (English: "40 s", "3 min", "1 h 5 min"). */
export function formatEta(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (lang() === 'en') {
    if (seconds < 60) return `${seconds} s`;
    const m = Math.round(seconds / 60);
    return m < 60 ? `${m} min` : m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
  }
  if (seconds < 60) return `约 ${seconds} 秒`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `约 ${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `约 ${hours} 小时 ${rest} 分钟` : `约 ${hours} 小时`;
}

/** Whole percent, clamped to 0–100; null when the total is unknown. */
export function percent(done: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** True for errors about the database file itself (corrupt, foreign, too new). */
export function isDatabaseError(code: string): boolean {
  return code.startsWith('DB_');
}

/** A date and time in the UI language, e.g. 2026年12月1日 10:30 / 1 Dec 2026, 10:30. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** A count with the UI language's digit grouping. */
export function formatCount(n: number): string {
  return n.toLocaleString(locale());
}
