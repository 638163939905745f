/** Copy to the clipboard, and whether the last copy worked ('yes' / 'no'), shown for two seconds. */
import { useCallback, useEffect, useState } from 'react';
import { copyText } from '../clipboard';

export function useCopy(): { copied: 'yes' | 'no' | null; copy: (text: string) => void } {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = useCallback((text: string) => void copyText(text).then((ok) => setCopied(ok ? 'yes' : 'no')), []);
  return { copied, copy };
}
