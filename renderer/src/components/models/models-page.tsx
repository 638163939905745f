/**
 * The models & index page (#/models): a missing model first, then the installed models and how
 * they run, the vector index with its indexing progress (pause / resume), importing the user's
 * own statutes, the legal glossary (with the firm's own CSV), and the backbone versions.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import { useModelsStatus } from '../../hooks/use-models-status';
import type { Route } from '../../hooks/use-route';
import { BackbonePanel } from '../backbone-panel';
import { FeedbackTraining } from '../feedback/feedback-training';
import { GlossarySection } from '../glossary/glossary-section';
import { IndexPanel } from './index-panel';
import { MissingModelsBanner } from './missing-models-banner';
import { ModelList } from './model-list';
import { MODELS_STRINGS as T } from './models-strings';
import { StatuteImport } from './statute-import';
import './models.css';
import { errorText } from '../../api/api-error';

/**
 * `#/models?action=import` (the desktop menu's File › Import statutes…, with `n` counting its
 * clicks) brings the import into view, each time it is asked.
 */
function useImportAction(route: Route | undefined): void {
  const request = route?.query.get('action') === 'import' ? (route.query.get('n') ?? '') : null;
  useEffect(() => {
    if (request === null) return;
    const section = document.querySelector<HTMLElement>('[data-testid="statute-import"]');
    section?.scrollIntoView({ block: 'start' });
    section?.querySelector<HTMLButtonElement>('[data-testid="import-pick-file"]')?.focus();
  }, [request]);
}

export function ModelsPage({ api, route }: { api: Api; route?: Route }) {
  const { status, failure, refresh } = useModelsStatus(api);
  useImportAction(route);
  // Remounts the versions panel after the banner changed the active version.
  const [versionsEpoch, setVersionsEpoch] = useState(0);

  return (
    <div className="page models-page" data-testid="models-page">
      <div>
        <h2 className="page__title">{T.pageTitle}</h2>
        <p className="page__lead">{T.pageLead}</p>
      </div>
      {failure && (
        <div className="error-banner" role="alert" data-testid="models-error" data-code={failure.code}>
          <strong>{T.loadFailed}</strong>
          <span>{errorText(failure)}</span>
        </div>
      )}
      {!status && !failure && <p className="notice">{T.loading}</p>}
      {status && (
        <>
          <MissingModelsBanner
            api={api}
            missing={status.missingModels}
            onChanged={() => {
              setVersionsEpoch((n) => n + 1);
              setTimeout(refresh, 300);
            }}
          />
          {status.error && (
            <div className="error-banner" role="alert" data-testid="models-runtime-error" data-code={status.error.code}>
              <span>{errorText(status.error)}</span>
            </div>
          )}
          <ModelList status={status} />
          <IndexPanel api={api} status={status} onChanged={refresh} />
        </>
      )}
      <StatuteImport api={api} onImported={() => setTimeout(refresh, 200)} />
      <GlossarySection api={api} />
      <BackbonePanel key={versionsEpoch} api={api} />
      <FeedbackTraining api={api} onTrained={() => setVersionsEpoch((n) => n + 1)} />
    </div>
  );
}
