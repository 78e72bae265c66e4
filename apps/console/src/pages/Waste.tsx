import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ImportWasteMutation, InboxQuery, WasteReportsQuery } from '../graphql/operations';
import { formatDateTime, formatMonth, formatTonnes, type Language } from '../lib/format';
import { validateCsvFile, type FieldErrors, type WasteForm } from '../lib/validation';
import { useSession } from '../session';
import { ApiError, Empty, Loading } from '../components/States';
import { EMPTY_WASTE_REPORT, WasteReportForm } from '../components/WasteReportForm';
import { MissingWasteReports } from '../components/MissingWasteReports';
import { WasteReview } from '../components/WasteReview';

/** The coordinator reviews the organizations' reports and sees the province's missing ones; an officer reports. */
export function Waste() {
  const { session } = useSession();
  return session.role === 'NETWORK_ADMIN' ? <ProvinceWaste /> : <OrganizationWaste />;
}

function ProvinceWaste() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('waste.reviewPageTitle')}</h1>
      <WasteReview />
      <MissingWasteReports />
    </section>
  );
}

/**
 * An officer's months due and not in, its monthly waste reports with the PAO's review, the
 * submit/correct form, and the CSV import with each bad row explained.
 */
function OrganizationWaste() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [{ data: org }] = useQuery({ query: InboxQuery, variables: { code: session.org ?? '' }, pause: !session.org });
  const organizationId = org?.organizationByCode?.id;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WasteReportsQuery,
    variables: { organizationId: organizationId ?? '' },
    pause: !organizationId,
  });
  const [imported, importCsv] = useMutation(ImportWasteMutation);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [form, setForm] = useState<WasteForm>(EMPTY_WASTE_REPORT);
  const [formErrors, setFormErrors] = useState<FieldErrors<keyof WasteForm>>({});
  const [saved, setSaved] = useState<{ month: string; revision: number } | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problem = validateCsvFile(file);
    setFileError(problem);
    if (problem || !file || !organizationId) return;
    const result = await importCsv({ organizationId, csv: await file.text() });
    if (result.data?.importWasteReports.imported) refetch({ requestPolicy: 'network-only' });
  };
  const result = imported.data?.importWasteReports;
  const reports = data?.wasteReports.edges.map((edge) => edge.node) ?? [];
  const correct = (report: (typeof reports)[number]) => {
    setSaved(null);
    setFormErrors({});
    setForm({ month: report.month, ...report.byStream, ...report.byDestination, note: report.note ?? '' });
  };
  return (
    <section>
      <h1>{t('waste.title')}</h1>
      {organizationId && (
        <MissingWasteReports
          organizationId={organizationId}
          onReport={(month) => {
            setSaved(null);
            setFormErrors({});
            setForm({ ...EMPTY_WASTE_REPORT, month });
          }}
        />
      )}
      {organizationId && (
        <WasteReportForm
          organizationId={organizationId}
          reportedMonths={new Set(reports.map((report) => report.month))}
          form={form}
          errors={formErrors}
          onChange={(next) => {
            setSaved(null);
            setForm(next);
          }}
          onErrors={setFormErrors}
          onSaved={(month, revision) => {
            setSaved({ month, revision });
            setForm(EMPTY_WASTE_REPORT);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {saved && (
        <p role="status" className="success" data-testid="waste-saved">
          {t(saved.revision > 1 ? 'waste.corrected' : 'waste.submitted', {
            month: formatMonth(saved.month, language),
            revision: saved.revision,
          })}
        </p>
      )}
      <h2>{t('waste.importTitle')}</h2>
      <form onSubmit={(event) => void submit(event)} className="form">
        <label>
          {t('waste.csv')}
          <input
            type="file"
            name="csv"
            accept=".csv,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            aria-describedby="csv-help"
          />
        </label>
        <p className="muted" id="csv-help">
          {t('waste.columns')}
        </p>
        {fileError && <span className="field-error">{t(fileError)}</span>}
        <button type="submit" disabled={imported.fetching}>
          {imported.fetching ? t('waste.importing') : t('waste.import')}
        </button>
      </form>
      {imported.fetching && (
        <p role="status">
          <progress aria-label={t('waste.importing')} /> {t('waste.importing')}
        </p>
      )}
      <ApiError error={imported.error} />
      {result && result.totalErrors === 0 && (
        <p role="status" className="success">
          {t('waste.imported', { count: result.imported })}
        </p>
      )}
      {result && result.totalErrors > 0 && (
        <div role="alert" className="error" data-testid="import-errors">
          <p>{t('waste.rejected', { count: result.totalErrors })}</p>
          <ul>
            {result.errors.map((rowError) => (
              <li key={`${rowError.row}-${rowError.message}`}>
                {t('waste.rowError', { row: rowError.row, line: rowError.line })}: {rowError.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>{t('waste.reports')}</h2>
      {fetching && <Loading />}
      <ApiError error={error} />
      {data && !reports.length && <Empty message={t('waste.empty')} />}
      {reports.length > 0 && (
        <table className="table" data-testid="waste-reports">
          <thead>
            <tr>
              <th scope="col">{t('waste.month')}</th>
              <th scope="col">{t('waste.total')}</th>
              <th scope="col">{t('waste.revision')}</th>
              <th scope="col">{t('waste.submittedAt')}</th>
              <th scope="col">{t('waste.reviewStatus')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('waste.correct')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.id} data-testid="waste-row" data-month={report.month}>
                <td>{formatMonth(report.month, language)}</td>
                <td className="number" data-testid="total">
                  {formatTonnes(report.totalTonnes, language)}
                </td>
                <td className="number" data-testid="revision">
                  {report.revision}
                </td>
                <td>{formatDateTime(report.submittedAt, language)}</td>
                <td data-testid="review-status" data-status={report.reviewStatus}>
                  {t(`waste.status.${report.reviewStatus}`)}
                  {report.returnReason && (
                    <span className="muted" data-testid="return-reason">
                      {' '}
                      — {report.returnReason}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={t('waste.correctMonth', { month: formatMonth(report.month, language) })}
                    onClick={() => correct(report)}
                  >
                    {t('waste.correct')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
