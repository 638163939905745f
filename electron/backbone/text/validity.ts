/**
 * How a provision's validity is written where an assistant or a prompt will quote it: the law
 * version's date and whether that version is in force today.
 */
import type { Validity } from '../../contract/assistant-types';
import type { LawSummary } from '../../contract/types';

export function validityOf(law: Pick<LawSummary, 'versionDate' | 'status'>): Validity {
  return { versionDate: law.versionDate, status: law.status, inForce: law.status === 'current' };
}

/** 2020-12-26 版本，现行有效 — or 已被修订（历史版本）for a superseded version. */
export function validityZh(v: Validity): string {
  const date = v.versionDate ? `${v.versionDate} 版本` : '版本日期不详';
  return `${date}，${v.inForce ? '现行有效' : '已被新版本取代（历史版本）'}`;
}

/** version of 2020-12-26, in force — or superseded (a past version). */
export function validityEn(v: Validity): string {
  const date = v.versionDate ? `version of ${v.versionDate}` : 'version date unknown';
  return `${date}, ${v.inForce ? 'in force' : 'superseded (a past version)'}`;
}
