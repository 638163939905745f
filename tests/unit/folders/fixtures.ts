import type { PinArticle } from '../../../electron/backbone/folders/folder-store';
import { FolderStore, type FolderStoreOptions } from '../../../electron/backbone/folders/folder-store';

/** A clock that starts at 2026-01-02T03:04:05Z and moves one second per reading. */
export function steppingClock(start = Date.UTC(2026, 0, 2, 3, 4, 5)): () => Date {
  let t = start;
  return () => new Date((t += 1000) - 1000);
}

export const openStore = (path: string, opts: FolderStoreOptions = {}) => new FolderStore(path, { now: steppingClock(), ...opts });

export const ART_584: PinArticle = {
  lawTitle: '中华人民共和国民法典',
  lawVersion: '2020-05-28',
  label: '第五百八十四条',
  shortTitle: '民法典',
  path: ['第三编 合同', '第八章 违约责任'],
  text: '当事人一方不履行合同义务或者履行合同义务不符合约定，造成对方损失的，损失赔偿额应当相当于因违约所造成的损失。',
  articleId: 1584,
};

export const ART_585: PinArticle = {
  lawTitle: '中华人民共和国民法典',
  lawVersion: '2020-05-28',
  label: '第五百八十五条',
  shortTitle: '民法典',
  path: ['第三编 合同', '第八章 违约责任'],
  text: '当事人可以约定一方违约时应当根据违约情况向对方支付一定数额的违约金。\n约定的违约金低于造成的损失的，人民法院可以根据当事人的请求予以增加。',
  articleId: 1585,
};

export const ART_LABOUR_39: PinArticle = {
  lawTitle: '中华人民共和国劳动合同法',
  lawVersion: '',
  label: '第三十九条',
  shortTitle: '劳动合同法',
  path: ['第四章 劳动合同的解除和终止'],
  text: '劳动者有下列情形之一的，用人单位可以解除劳动合同。',
};

/** A note with a comma, a double quote and a newline: every CSV quoting rule at once. */
export const TRICKY_NOTE = 'See "可预见规则", cf. 585\nsecond line';

export const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped: ${String(e)}`;
  }
  return 'no error';
};
