/** The installed models (role, stage, family, dimension, folder, serving or not) and the folders that could not be used. */
import type { ModelsStatus } from '../../../../electron/contract/types';
import { MODELS_STRINGS as T } from './models-strings';
import { describeProvider } from './provider-text';
import { errorText } from '../../api/api-error';

/** The last two parts of a folder (models/builtin-embedder-stage2); the whole path is the tooltip. */
function shortDir(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : dir;
}

function ProviderLine({ role, status }: { role: 'embedder' | 'reranker'; status: ModelsStatus }) {
  const active = status[role];
  const described = active ? describeProvider(active.provider) : null;
  const indexing = role === 'embedder' && !active ? status.indexing?.modelId : undefined;
  return (
    <div className="provider" data-testid={`provider-${role}`} data-provider={active?.provider.active ?? ''}>
      <span className="provider__role">{T.providerFor(role)}</span>
      {active && described ? (
        <>
          <code className="provider__model">{active.id}</code>
          <span className={described.gpu ? 'provider__text provider__text--gpu' : 'provider__text'} data-testid="provider-text">
            {described.text}
          </span>
          <span className="provider__tried">{described.tried}</span>
        </>
      ) : indexing ? (
        <>
          <code className="provider__model">{indexing}</code>
          <span className="provider__text provider__text--none-inline">{T.providerIndexing}</span>
        </>
      ) : (
        <span className="provider__text provider__text--none">{T.providerNone}</span>
      )}
    </div>
  );
}

export function ModelList({ status }: { status: ModelsStatus }) {
  const serving = new Set([status.embedder?.id, status.reranker?.id].filter(Boolean));
  const missingIds = new Set(status.missingModels.map((m) => m.id));
  // A missing model is explained by the banner above; here only the folders on disk.
  const problems = status.problems.filter((p) => !(p.code === 'NOT_FOUND' && missingIds.has(p.dir)));
  const ordered = [...status.installed].sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id));
  return (
    <section className="models-card" aria-labelledby="models-installed" data-testid="models-installed">
      <h3 id="models-installed">{T.installedTitle}</h3>
      {ordered.length === 0 ? (
        <p className="models-card__hint">{T.noModels}</p>
      ) : (
        <table className="models-table">
          <thead>
            <tr>
              <th>{T.colModel}</th>
              <th>{T.colRole}</th>
              <th>{T.colStage}</th>
              <th>{T.colFamily}</th>
              <th className="num">{T.colDimension}</th>
              <th>{T.colFolder}</th>
              <th>{T.colServing}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((m) => (
              <tr key={m.id} data-testid="model-row" data-model-id={m.id} data-serving={serving.has(m.id)}>
                <td><code>{m.id}</code></td>
                <td data-testid="model-role">{T.roles[m.role] ?? m.role}</td>
                <td data-testid="model-stage">{T.stages[m.stage] ?? m.stage}</td>
                <td className="muted">{m.family}</td>
                <td className="num">{m.dimension ?? '—'}</td>
                <td className="models-table__dir" title={m.dir}>{shortDir(m.dir)}</td>
                <td>
                  {serving.has(m.id) ? (
                    <span className="badge badge--current" data-testid="model-serving">{T.serving}</span>
                  ) : status.indexing?.modelId === m.id ? (
                    <span className="badge badge--superseded" data-testid="model-indexing">{T.indexingBadge}</span>
                  ) : (
                    <span className="muted">{T.notServing}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="providers" data-testid="providers">
        <h4>{T.providerTitle}</h4>
        <ProviderLine role="embedder" status={status} />
        <ProviderLine role="reranker" status={status} />
      </div>

      {problems.length > 0 && (
        <details className="model-problems" data-testid="model-problems" open>
          <summary>{T.problemsTitle(problems.length)}</summary>
          <p className="models-card__hint">{T.problemsHint}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.dir} data-testid="model-problem" data-code={p.code}>
                <code>{p.dir}</code>
                <span>{errorText(p)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
