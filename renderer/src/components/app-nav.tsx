/** The header's page tabs and the language switch (中文 / English). */
import { LANGS, setLang, type Lang } from '../i18n/lang';
import { href, type Page } from '../hooks/use-route';
import { STRINGS } from '../strings';
import { ASSISTANT_STRINGS } from './assistant/assistant-strings';
import { FEEDBACK_STRINGS } from './feedback/feedback-strings';

const TABS: { page: Page; label: () => string }[] = [
  { page: 'search', label: () => STRINGS.navSearch },
  { page: 'research', label: () => STRINGS.navResearch },
  { page: 'folders', label: () => STRINGS.navFolders },
  { page: 'feedback', label: () => FEEDBACK_STRINGS.navFeedback },
  { page: 'assistant', label: () => ASSISTANT_STRINGS.navAssistant },
  { page: 'models', label: () => STRINGS.navModels },
  { page: 'eval', label: () => STRINGS.navEval },
];

interface Props {
  /** The page shown; an article counts as the search it was opened from. */
  page: Page;
  lang: Lang;
  /** False until the library is ready: only the language switch is shown. */
  tabs: boolean;
}

export function AppNav({ page, lang, tabs }: Props) {
  const active = page === 'article' ? 'search' : page;
  return (
    <div className="app-nav">
      {tabs && (
      <nav className="app-nav__tabs" aria-label={STRINGS.navLabel}>
        {TABS.map((tab) => (
          <a
            key={tab.page}
            href={href(tab.page)}
            className={tab.page === active ? 'app-nav__tab app-nav__tab--active' : 'app-nav__tab'}
            aria-current={tab.page === active ? 'page' : undefined}
            data-testid={`nav-${tab.page}`}
          >
            {tab.label()}
          </a>
        ))}
      </nav>
      )}
      <a href={href('help')} className={page === 'help' ? 'app-nav__help app-nav__help--active' : 'app-nav__help'} data-testid="nav-help">
        {STRINGS.navHelp}
      </a>
      <div className="app-nav__lang" role="group" aria-label={STRINGS.langLabel} data-testid="lang-switch">
        {LANGS.map((l) => (
          <button
            key={l}
            type="button"
            className={l === lang ? 'app-nav__lang-button app-nav__lang-button--active' : 'app-nav__lang-button'}
            aria-pressed={l === lang}
            data-testid={`lang-${l}`}
            onClick={() => setLang(l)}
          >
            {STRINGS.langNames[l]}
          </button>
        ))}
      </div>
    </div>
  );
}
