/** The context pack's plain text: one block per provision, each whole, headed by its citation and validity. */
import type { PackedArticle, PackedCitedProvision } from '../../contract/assistant-types';
import { validityZh } from '../text/validity';

/** Between two articles' blocks. */
export const PACK_SEPARATOR = '\n\n';

/** [1] 《中华人民共和国刑法》第二十条（2020-12-26 版本，现行有效）, then the text. */
export function articleBlock(a: PackedArticle): string {
  return `[${a.rank}] ${a.citation}（${validityZh(a)}）\n${a.text}`;
}

/** A provision the article cites, under it: 所引 《…》第X条（…）, then the text. */
export function citedBlock(c: PackedCitedProvision): string {
  return `  所引 ${c.citation}（${validityZh(c)}）\n  ${c.text.replace(/\n/g, '\n  ')}`;
}
