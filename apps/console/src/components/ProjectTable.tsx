import { useTranslation } from 'react-i18next';
import type { ProjectRowFragment } from '../generated/graphql';
import { formatBaht, formatDate, type Language } from '../lib/format';

/** Projects with progress, money, delays and coordination; a project's code selects it when `onSelect` is given. */
export function ProjectTable({
  projects,
  caption,
  selected,
  onSelect,
}: {
  projects: readonly ProjectRowFragment[];
  caption: string;
  selected?: string | null;
  onSelect?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="project-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projects.project')}</th>
            <th scope="col">{t('projects.status')}</th>
            <th scope="col">{t('projects.progress')}</th>
            <th scope="col">{t('projects.disbursed')}</th>
            <th scope="col">{t('projects.approved')}</th>
            <th scope="col">{t('projects.plannedEnd')}</th>
            <th scope="col">{t('projects.delay')}</th>
            <th scope="col">{t('projects.coordination')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => (
            <tr
              key={project.id}
              data-testid="project-row"
              data-code={project.code}
              aria-current={selected === project.id ? 'true' : undefined}
            >
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="link" onClick={() => onSelect(project.id)}>
                    {project.code}
                  </button>
                ) : (
                  project.code
                )}{' '}
                <span className="muted">{project.title}</span>
              </th>
              <td>{t(`projectStatus.${project.status}`)}</td>
              <td className="number" data-testid="progress">
                <progress max={100} value={project.progressPercent} aria-hidden="true" /> {project.progressPercent} %
              </td>
              <td className="number">{formatBaht(project.disbursed, language)}</td>
              <td className="number">{formatBaht(project.approvedBudget, language)}</td>
              <td>{formatDate(project.plannedEnd, language)}</td>
              <td>
                {project.delayed ? (
                  <span className="badge danger">{t(`delay.${project.delayReason ?? 'BEHIND_SCHEDULE'}`)}</span>
                ) : (
                  '—'
                )}
              </td>
              <td>{t(`coordinationStatus.${project.coordination.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
