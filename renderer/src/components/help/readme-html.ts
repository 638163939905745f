/**
 * The README as the Help page shows it: HTML from `marked`, built once at first use, with an id on
 * every level-2 and level-3 heading and their list for the contents. The text is the project's own
 * README, bundled at build time, so nothing outside the app reaches this HTML. Its screenshots
 * (docs/screenshots, 2 MB, not shipped) are left out; the app itself shows what they show.
 */
import { Marked, type Tokens } from 'marked';
import readme from '../../../../README.md?raw';

export interface HelpHeading {
  id: string;
  depth: 2 | 3;
  text: string;
}

export interface HelpDocument {
  html: string;
  headings: HelpHeading[];
}

let built: HelpDocument | null = null;

/** A heading's id: its words in lowercase joined by '-', numbered when two are the same. */
function slugger() {
  const seen = new Map<string, number>();
  return (text: string): string => {
    const base = `help-${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'section'}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

export function helpDocument(): HelpDocument {
  if (built) return built;
  const headings: HelpHeading[] = [];
  const slug = slugger();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const id = slug(token.text);
        if (token.depth === 2 || token.depth === 3) headings.push({ id, depth: token.depth, text: token.text.replace(/`/g, '') });
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
      image: () => '',
    },
  });
  built = { html: marked.parse(readme, { async: false }), headings };
  return built;
}
