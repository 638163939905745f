/** A failed folder action, in the search's error-banner style, titled by what was being done. */
import type { FolderFailure } from '../hooks/use-folders';
import { STRINGS } from '../strings';
import { errorText } from '../api/api-error';

const TITLES: Record<FolderFailure['during'], string> = {
  load: STRINGS.foldersLoadFailed,
  pin: STRINGS.pinFailed,
  change: STRINGS.folderChangeFailed,
  export: STRINGS.exportFailed,
};

export function FoldersError({ failure }: { failure: FolderFailure }) {
  return (
    <div className="error-banner" role="alert" data-testid="folders-error" data-code={failure.error.code} data-during={failure.during}>
      <strong>{TITLES[failure.during]}</strong>
      <span data-testid="folders-error-message">{errorText(failure.error)}</span>
    </div>
  );
}
