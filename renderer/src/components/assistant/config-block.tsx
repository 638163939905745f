/** A configuration to paste, in a <pre>, with a Copy button that says for two seconds whether it copied. */
import { useCopy } from '../../hooks/use-copy';
import { ASSISTANT_STRINGS as T } from './assistant-strings';

interface Props {
  text: string;
  /** data-testid of the block; the <pre> is `${testId}-json`, the button `${testId}-copy`. */
  testId: string;
  label: string;
}

export function ConfigBlock({ text, testId, label }: Props) {
  const { copied, copy } = useCopy();
  return (
    <div className="assistant-config" data-testid={testId}>
      <pre className="assistant-config__json" data-testid={`${testId}-json`} aria-label={label} tabIndex={0}>
        {text}
      </pre>
      <div className="assistant-config__actions">
        <button
          type="button"
          className="versions__button"
          data-testid={`${testId}-copy`}
          onClick={() => copy(text)}
        >
          {copied === 'yes' ? T.copied : T.copy}
        </button>
        {copied === 'no' && <span className="assistant-config__note">{T.copyFailed}</span>}
      </div>
    </div>
  );
}
