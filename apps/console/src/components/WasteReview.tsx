import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  OrganizationsQuery,
  ReturnWasteReportMutation,
  ReviewWasteReportsQuery,
  VerifyWasteReportMutation,
} from '../graphql/operations';
import { formatDateTime, formatMonth, formatTonnes, type Language } from '../lib/format';
import { validateReturnReason } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError, Empty, Loading } from './States';

/**
 * The PAO's review of the organizations' latest reports: verify, or return with a reason, which the
 * organization answers with a correction (a new revision, to be reviewed again).
 */
export function WasteReview() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [organizationId, setOrganizationId] = useState('');
  const [{ data: organizations }] = useQuery({ query: OrganizationsQuery });
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ReviewWasteReportsQuery,
    variables: { organizationId: organizationId || null },
  });
  const [verified, verify] = useMutation(VerifyWasteReportMutation);
  const [returned, returnReport] = useMutation(ReturnWasteReportMutation);
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reports = data?.wasteReports.edges.map((edge) => edge.node) ?? [];
  const target = reports.find((report) => report.id === returning);
  const label = (report: (typeof reports)[number]) =>
    `${language === 'en' ? report.organization.nameEn : report.organization.nameTh} · ${formatMonth(report.month, language)}`;
  const sendReturn = async (event: React.FormEvent) => {
    event.preventDefault();
    const problem = validateReturnReason(reason);
    setReasonError(problem);
    if (problem || !returning) return;
    const result = await returnReport({ id: returning, reason: reason.trim() });
    if (result.data) {
      setReturning(null);
      setReason('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <section aria-labelledby="review-title" data-testid="waste-review">
      <h2 id="review-title">{t('waste.reviewTitle')}</h2>
      <label>
        {t('waste.organization')}
        <select
          name="organization"
          value={organizationId}
          onChange={(event) => {
            setOrganizationId(event.target.value);
            setReturning(null);
          }}
        >
          <option value="">{t('waste.allOrganizations')}</option>
          {organizations?.organizations.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {language === 'en' ? node.nameEn : node.nameTh} ({node.code})
            </option>
          ))}
        </select>
      </label>
      {fetching && !data && <Loading />}
      <ApiError error={error ?? verified.error} />
      {data && !reports.length && <Empty message={t('waste.empty')} />}
      {reports.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('waste.organization')}</th>
              <th scope="col">{t('waste.month')}</th>
              <th scope="col">{t('waste.total')}</th>
              <th scope="col">{t('waste.revision')}</th>
              <th scope="col">{t('waste.reviewStatus')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('waste.reviewActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr
                key={report.id}
                data-testid="review-row"
                data-org={report.organization.code}
                data-month={report.month}
              >
                <td>{language === 'en' ? report.organization.nameEn : report.organization.nameTh}</td>
                <td>{formatMonth(report.month, language)}</td>
                <td className="number">{formatTonnes(report.totalTonnes, language)}</td>
                <td className="number">{report.revision}</td>
                <td data-testid="review-status" data-status={report.reviewStatus}>
                  {t(`waste.status.${report.reviewStatus}`)}
                  {report.reviewedAt ? ` (${formatDateTime(report.reviewedAt, language)})` : ''}
                  {report.returnReason && <span className="muted"> — {report.returnReason}</span>}
                </td>
                <td>
                  {report.reviewStatus === 'SUBMITTED' && (
                    <span className="row">
                      <button
                        type="button"
                        className="link"
                        disabled={verified.fetching}
                        onClick={() => void verify({ id: report.id })}
                      >
                        {t('waste.verify')}
                        <span className="visually-hidden"> {label(report)}</span>
                      </button>
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setReturning(report.id);
                          setReasonError(null);
                        }}
                      >
                        {t('waste.return')}
                        <span className="visually-hidden"> {label(report)}</span>
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {target && (
        <form className="form" onSubmit={(event) => void sendReturn(event)} noValidate data-testid="return-form">
          <h3>{t('waste.returnTitle', { report: label(target) })}</h3>
          <label>
            {t('waste.returnReason')}
            <textarea
              name="reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby="reason-help reason-error"
            />
            <span className="muted" id="reason-help">
              {t('waste.returnReasonHelp')}
            </span>
            <FieldError id="reason-error" error={reasonError ?? undefined} />
          </label>
          <div className="row">
            <button type="submit" disabled={returned.fetching}>
              {t('waste.return')}
            </button>
            <button type="button" className="link" onClick={() => setReturning(null)}>
              {t('waste.cancel')}
            </button>
          </div>
          <ApiError error={returned.error} />
        </form>
      )}
    </section>
  );
}
