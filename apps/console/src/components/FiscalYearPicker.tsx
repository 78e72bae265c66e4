import { useTranslation } from 'react-i18next';
import { FISCAL_YEARS } from '../lib/format';

/** The fiscal year a page shows: the same labelled choice on the province, organization and projects pages. */
export function FiscalYearPicker({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('province.fiscalYear')}
      <select name="fiscalYear" value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {FISCAL_YEARS.map((year) => (
          <option key={year} value={year}>
            {t('province.fiscalYearLabel', { year })}
          </option>
        ))}
      </select>
    </label>
  );
}
