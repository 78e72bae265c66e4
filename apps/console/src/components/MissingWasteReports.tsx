import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { MissingWasteReportsQuery } from '../graphql/operations';
import { formatDateTime, formatMonth, type Language } from '../lib/format';
import { ApiError, Empty, Loading } from './States';

/**
 * Months due and not in: one organization's (an officer's, with "report it" filling the form's month)
 * or, without `organizationId`, the province's per organization (the coordinator's).
 */
export function MissingWasteReports({
  organizationId,
  onReport,
}: {
  organizationId?: string;
  onReport?: (month: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // A month reported (a WasteReport saved) leaves this list: refetch it after any such mutation.
  const context = useMemo(() => ({ additionalTypenames: ['WasteReport'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: MissingWasteReportsQuery,
    variables: { organizationId: organizationId ?? null },
    requestPolicy: 'cache-and-network',
    context,
  });
  const missing = data?.missingWasteReports ?? [];
  const province = !organizationId;
  return (
    <section aria-labelledby="missing-title" data-testid="missing-reports">
      <h2 id="missing-title">{t(province ? 'waste.missingProvince' : 'waste.missing')}</h2>
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {data && !missing.length && <Empty message={t('waste.noneMissing')} />}
      {missing.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              {province && <th scope="col">{t('waste.organization')}</th>}
              <th scope="col">{t('waste.month')}</th>
              <th scope="col">{t('waste.deadline')}</th>
              <th scope="col">{t('waste.flagged')}</th>
              {onReport && (
                <th scope="col">
                  <span className="visually-hidden">{t('waste.reportIt')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {missing.map((row) => (
              <tr
                key={`${row.organization.id}-${row.month}`}
                data-testid="missing-row"
                data-org={row.organization.code}
                data-month={row.month}
              >
                {province && <td>{language === 'en' ? row.organization.nameEn : row.organization.nameTh}</td>}
                <td>{formatMonth(row.month, language)}</td>
                <td>{formatDateTime(row.deadline, language)}</td>
                <td>{row.flaggedAt ? formatDateTime(row.flaggedAt, language) : '—'}</td>
                {onReport && (
                  <td>
                    <button type="button" className="link" onClick={() => onReport(row.month)}>
                      {t('waste.reportIt')}
                      <span className="visually-hidden"> {formatMonth(row.month, language)}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
