/**
 * The documentation inside the app (#/help; Help › Documentation opens it in an app window): the
 * README with its contents beside it (readme-html.ts).
 */
import { useMemo } from 'react';
import { STRINGS } from '../../strings';
import { helpDocument } from './readme-html';
import './help.css';

function scrollToHeading(id: string): void {
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
}

export function HelpPage() {
  const doc = useMemo(helpDocument, []);
  return (
    <section className="panel help" data-testid="help-page">
      <nav className="help__contents" aria-label={STRINGS.helpContents}>
        <h2>{STRINGS.helpTitle}</h2>
        <p className="help__note">{STRINGS.helpEnglishOnly}</p>
        <ol>
          {doc.headings.map((h) => (
            <li key={h.id} className={`help__toc help__toc--${h.depth}`}>
              <a href={`#/help`} data-testid="help-toc-link" onClick={(e) => { e.preventDefault(); scrollToHeading(h.id); }}>
                {h.text}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="help__document" data-testid="help-document" lang="en" dangerouslySetInnerHTML={{ __html: doc.html }} />
    </section>
  );
}
