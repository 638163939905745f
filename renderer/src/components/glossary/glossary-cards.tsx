/**
 * Direct-hit cards above the search results: each glossary name the query holds (a crime, a
 * doctrine, a defined term, or a firm's own term), the articles it names as links with a short
 * snippet, and where the entry came from. A name that is the whole query answers it and is shown
 * large; names inside a longer query are compact.
 */
import type { GlossaryCard } from '../../../../electron/contract/glossary-types';
import { href } from '../../hooks/use-route';
import { GLOSSARY_STRINGS as T } from './glossary-strings';
import { provenanceLine, shortSnippet } from './glossary-source';
import './glossary.css';

const SNIPPET_CHARS = { whole: 120, compact: 48 } as const;

function Card({ card, index }: { card: GlossaryCard; index: number }) {
  const size = card.whole ? 'whole' : 'compact';
  const headingId = `glossary-card-${index}`;
  return (
    <article
      className={`glossary-card glossary-card--${size}`}
      aria-labelledby={headingId}
      data-testid="glossary-card"
      data-term={card.term}
      data-whole={card.whole}
    >
      <header className="glossary-card__head">
        <h3 id={headingId} className="glossary-card__term" data-testid="glossary-card-term">
          {card.term}
        </h3>
        {card.matched !== card.term && (
          <span className="glossary-card__matched" data-testid="glossary-card-matched">
            {T.matchedAs(card.matched)}
          </span>
        )}
        <span className="badge badge--glossary" data-testid="glossary-card-kind" data-kind={card.kind}>
          {T.kindNames[card.kind] ?? card.kind}
        </span>
      </header>
      <ul className="glossary-card__articles" aria-label={T.articlesLabel(card.term)}>
        {card.articles.map((a) => (
          <li key={a.articleId} className="glossary-card__article">
            <a href={href('article', [a.articleId])} data-testid="glossary-card-article" data-article-id={a.articleId}>
              {a.citation}
            </a>
            <span className="glossary-card__snippet" data-testid="glossary-card-snippet">
              {shortSnippet(a.snippet, SNIPPET_CHARS[size]).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
            </span>
          </li>
        ))}
      </ul>
      <p className="glossary-card__source" data-testid="glossary-card-source">
        {provenanceLine(card.sources)}
      </p>
    </article>
  );
}

export function GlossaryCards({ cards, stale = false }: { cards: readonly GlossaryCard[] | undefined; stale?: boolean }) {
  const shown = (cards ?? []).filter((c) => c.articles.length > 0);
  if (shown.length === 0) return null;
  // The direct hit first: it answers the query.
  const ordered = [...shown.filter((c) => c.whole), ...shown.filter((c) => !c.whole)];
  return (
    <section
      className={stale ? 'glossary-cards glossary-cards--stale' : 'glossary-cards'}
      aria-labelledby="glossary-cards-title"
      aria-busy={stale}
      data-testid="glossary-cards"
    >
      <h2 id="glossary-cards-title" className="glossary-cards__title">
        {T.cardsTitle}
      </h2>
      {ordered.map((card, i) => (
        <Card key={`${card.term}-${card.matched}`} card={card} index={i} />
      ))}
    </section>
  );
}
