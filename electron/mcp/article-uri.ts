/**
 * Article resources: `lexbone://article/<articleId>`. An article keeps its id while its text is
 * unchanged (an import updates articles in place; a new version of a law adds new articles beside
 * the old), so a URI an assistant saved reads the same provision later.
 */
export const ARTICLE_URI_TEMPLATE = 'lexbone://article/{articleId}';

export const articleUri = (id: number): string => `lexbone://article/${id}`;

/** The article id a URI names, or null when it is not an article URI. */
export function articleIdOfUri(uri: string): number | null {
  const m = /^lexbone:\/\/article\/([1-9]\d{0,11})$/.exec(uri);
  return m ? Number(m[1]) : null;
}
