/** The UI language as React state: components that call this re-render when it changes. */
import { useEffect, useState } from 'react';
import { lang, onLangChange, type Lang } from '../i18n/lang';

export function useLang(): Lang {
  const [current, setCurrent] = useState(lang);
  useEffect(() => onLangChange(setCurrent), []);
  return current;
}
