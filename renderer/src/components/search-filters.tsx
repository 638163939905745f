/**
 * The filters beside the results: category (from the library's statistics), one law (typed, with
 * law-name suggestions) and validity — current law only, every version, or the law as in force on
 * a date. Each change goes to the URL, which reruns the search.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { CategoryStats, LawSummary } from '../../../electron/contract/types';
import { isIsoDate, type SearchParams } from '../hooks/search-params';
import { useApiQuery } from '../hooks/use-api-query';
import { useLawSuggestions } from '../hooks/use-law-suggestions';
import { LawSuggestList, useCombobox } from './search-law-suggest';
import { categoryName, SEARCH_STRINGS as S } from './search-strings';

/** The branches of national law (laws-cn's folders for laws passed by the NPC and its committee). */
const LAW_BRANCHES = ['宪法', '宪法相关法', '民法典', '民法商法', '行政法', '经济法', '社会法', '刑法', '诉讼与非诉讼程序法'];

interface Props {
  api: Api;
  params: SearchParams;
  onChange: (next: Partial<SearchParams>) => void;
}

const NO_CATEGORIES: CategoryStats[] = [];

function useCategories(api: Api): CategoryStats[] {
  return useApiQuery((o) => api.stats({}, o), [api]).data?.categories ?? NO_CATEGORIES;
}

function CategoryFilter({ api, value, onChange }: { api: Api; value: string | null; onChange: (c: string | null) => void }) {
  const categories = useCategories(api);
  const laws = LAW_BRANCHES.flatMap((b) => categories.filter((c) => c.name === b));
  const others = categories.filter((c) => !LAW_BRANCHES.includes(c.name));
  const option = (c: CategoryStats) => (
    <option key={c.name} value={c.name}>
      {categoryName(c.name)}（{c.articles.toLocaleString()}）
    </option>
  );
  return (
    <label className="side-group">
      <span className="side-group__title">{S.categoryLabel}</span>
      <select data-testid="filter-category" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{S.categoryAll}</option>
        {laws.length > 0 && <optgroup label={S.categoryLawGroup}>{laws.map(option)}</optgroup>}
        {others.length > 0 && <optgroup label={S.categoryOtherGroup}>{others.map(option)}</optgroup>}
        {value && !categories.some((c) => c.name === value) && <option value={value}>{categoryName(value)}</option>}
      </select>
    </label>
  );
}

function LawFilter({ api, value, onChange }: { api: Api; value: string | null; onChange: (law: string | null) => void }) {
  const [text, setText] = useState(value ?? '');
  const [typed, setTyped] = useState(false);
  useEffect(() => {
    setText(value ?? '');
    setTyped(false);
  }, [value]);
  const found = useLawSuggestions(api, typed && text.trim().length >= 1 ? text.trim() : null);
  const items = useMemo(() => found, [found]);
  const pick = (law: LawSummary) => {
    setText(law.shortTitle);
    setTyped(false);
    onChange(law.shortTitle);
  };
  const commit = () => onChange(text.trim() || null);
  const box = useCombobox('filter-law', items, pick, { onEnter: commit });
  return (
    <div className="side-group">
      <label className="side-group__title" htmlFor="filter-law-input">
        {S.lawLabel}
      </label>
      <span className="law-filter">
        <input
          id="filter-law-input"
          data-testid="filter-law"
          type="text"
          value={text}
          placeholder={S.lawPlaceholder}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          onChange={(e) => {
            setText(e.target.value);
            setTyped(true);
          }}
          {...box.inputProps}
          onBlur={() => {
            box.inputProps.onBlur();
            if ((text.trim() || null) !== value) commit();
          }}
        />
        {value && (
          <button type="button" className="law-filter__clear" aria-label={S.lawClear} title={S.lawClear} data-testid="filter-law-clear" onClick={() => onChange(null)}>
            ×
          </button>
        )}
        <LawSuggestList id="filter-law" items={items} box={box} onPick={pick} />
      </span>
    </div>
  );
}

type Validity = 'current' | 'all' | 'asOf';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function ValidityFilter({ params, onChange }: { params: SearchParams; onChange: Props['onChange'] }) {
  const inRoute: Validity = params.asOf ? 'asOf' : params.versions === 'all' ? 'all' : 'current';
  // The choice shows at once: the route (the hash) follows a turn later, and until then a radio
  // bound to it alone would spring back to the old value.
  const [validity, setValidity] = useState(inRoute);
  useEffect(() => setValidity(inRoute), [inRoute]);
  const [date, setDate] = useState(params.asOf ?? '');
  useEffect(() => {
    if (params.asOf) setDate(params.asOf);
  }, [params.asOf]);
  const choose = (v: Validity) => {
    setValidity(v);
    if (v === 'asOf') onChange({ asOf: isIsoDate(date) ? date : today(), versions: 'current' });
    else onChange({ asOf: null, versions: v });
  };
  const options: [Validity, string][] = [
    ['current', S.validityCurrent],
    ['all', S.validityAll],
    ['asOf', S.validityAsOf],
  ];
  return (
    <fieldset className="side-group" data-testid="filter-validity" data-validity={validity}>
      <legend className="side-group__title">{S.validityLabel}</legend>
      {options.map(([v, label]) => (
        <label key={v} className="side-radio">
          <input type="radio" name="validity" value={v} checked={validity === v} data-testid={`validity-${v}`} onChange={() => choose(v)} />
          <span>{label}</span>
        </label>
      ))}
      {validity === 'asOf' && (
        <label className="as-of">
          <span className="visually-hidden">{S.asOfLabel}</span>
          <input
            type="date"
            data-testid="filter-as-of"
            value={date}
            max="9999-12-31"
            onChange={(e) => {
              setDate(e.target.value);
              if (isIsoDate(e.target.value)) onChange({ asOf: e.target.value, versions: 'current' });
            }}
          />
          <span className="side-group__hint">{S.asOfHint}</span>
        </label>
      )}
    </fieldset>
  );
}

export function SearchFilters({ api, params, onChange }: Props) {
  return (
    <div className="search-filters" data-testid="filters">
      <CategoryFilter api={api} value={params.category} onChange={(category) => onChange({ category })} />
      <LawFilter api={api} value={params.law} onChange={(law) => onChange({ law })} />
      <ValidityFilter params={params} onChange={onChange} />
    </div>
  );
}
