import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ProjectQuery, SubmitForCoordinationMutation } from '../graphql/operations';
import { formatBaht, formatDate, formatDateTime, type Language } from '../lib/format';
import { projectActions } from '../lib/permissions';
import { useSession } from '../session';
import { ProgressReportForm } from './ProgressForm';
import { ApiError, Empty, Loading } from './States';

/** One project: its figures, progress reports, coordination with the PAO and the owner's forms. */
export function ProjectDetail({
  id,
  myOrganizationId,
  onChanged,
}: {
  id: string;
  myOrganizationId: string;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProjectQuery,
    variables: { id },
    requestPolicy: 'network-only',
  });
  const [submitted, submitForCoordination] = useMutation(SubmitForCoordinationMutation);
  const project = data?.project;
  if (fetching && !project) return <Loading />;
  if (!project) return <ApiError error={error} />;
  const changed = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  const actions = projectActions(project.status, project.coordination.status, {
    role: session.role,
    owns: project.owner.id === myOrganizationId,
  });
  const reports = [...project.progressReports].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
  return (
    <article className="card" data-testid="project-detail" aria-labelledby="project-title">
      <h2 id="project-title">
        {project.code} — {project.title}
      </h2>
      <p>{project.objective}</p>
      <dl className="facts">
        <dt>{t('projects.status')}</dt>
        <dd data-testid="project-status">{t(`projectStatus.${project.status}`)}</dd>
        <dt>{t('projects.progress')}</dt>
        <dd data-testid="project-progress">{project.progressPercent} %</dd>
        <dt>{t('projects.budget')}</dt>
        <dd>{formatBaht(project.budget, language)}</dd>
        <dt>{t('projects.approved')}</dt>
        <dd>{formatBaht(project.approvedBudget, language)}</dd>
        <dt>{t('projects.disbursed')}</dt>
        <dd data-testid="project-disbursed">{formatBaht(project.disbursed, language)}</dd>
        <dt>{t('projects.planned')}</dt>
        <dd>
          {formatDate(project.plannedStart, language)} – {formatDate(project.plannedEnd, language)}
        </dd>
        <dt>{t('projects.delay')}</dt>
        <dd>{project.delayed ? t(`delay.${project.delayReason ?? 'BEHIND_SCHEDULE'}`) : '—'}</dd>
        <dt>{t('projects.coordination')}</dt>
        <dd data-testid="project-coordination">
          {t(`coordinationStatus.${project.coordination.status}`)}
          {project.coordination.note ? ` · ${project.coordination.note}` : ''}
        </dd>
      </dl>
      {actions.includes('submitForCoordination') && (
        <button type="button" onClick={() => void submitForCoordination({ id, note: null }).then(changed)}>
          {t('projects.submitForCoordination')}
        </button>
      )}
      <ApiError error={submitted.error} />
      <h3>{t('progress.reports')}</h3>
      {reports.length === 0 ? (
        <Empty message={t('progress.empty')} />
      ) : (
        <ol className="timeline" data-testid="progress-reports">
          {reports.map((report) => (
            <li key={report.id}>
              <time dateTime={report.reportedOn}>{formatDate(report.reportedOn, language)}</time>{' '}
              <strong>{report.percent} %</strong> · {formatBaht(report.amountDisbursed, language)}{' '}
              <span className="muted">
                {t('progress.reportedAt', { at: formatDateTime(report.reportedAt, language) })}
              </span>
              {report.note && <p>{report.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {actions.includes('reportProgress') && (
        <ProgressReportForm
          projectId={id}
          project={{
            approvedBudget: project.approvedBudget ?? null,
            disbursed: project.disbursed,
            lastReportedOn: reports.at(-1)?.reportedOn ?? null,
          }}
          onReported={changed}
        />
      )}
    </article>
  );
}
