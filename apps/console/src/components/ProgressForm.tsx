import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ReportProgressMutation } from '../graphql/operations';
import { bangkokToday } from '../lib/format';
import { validateProgress, type FieldErrors, type ProgressContext, type ProgressForm } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

/** A dated progress report of a project in progress: percent complete and the amount disbursed with it. */
export function ProgressReportForm({
  projectId,
  project,
  onReported,
}: {
  projectId: string;
  project: Omit<ProgressContext, 'today'>;
  onReported: () => void;
}) {
  const { t } = useTranslation();
  const empty: ProgressForm = { reportedOn: bangkokToday(), percent: '', amountDisbursed: '', note: '' };
  const [form, setForm] = useState<ProgressForm>(empty);
  const [errors, setErrors] = useState<FieldErrors<keyof ProgressForm>>({});
  const [reported, report] = useMutation(ReportProgressMutation);
  const set = (field: keyof ProgressForm) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validateProgress(form, { ...project, today: bangkokToday() });
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await report({
      id: projectId,
      input: {
        reportedOn: form.reportedOn,
        percent: Number(form.percent),
        amountDisbursed: form.amountDisbursed.trim(),
        note: form.note.trim() || null,
      },
    });
    if (!result.error) {
      setForm(empty);
      onReported();
    }
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="progress-form">
      <h3>{t('progress.title')}</h3>
      <label>
        {t('progress.reportedOn')}
        <input
          type="date"
          name="reportedOn"
          value={form.reportedOn}
          onChange={set('reportedOn')}
          aria-describedby="reportedOn-error"
        />
        <FieldError id="reportedOn-error" error={errors.reportedOn} />
      </label>
      <label>
        {t('progress.percent')}
        <input
          name="percent"
          inputMode="numeric"
          value={form.percent}
          onChange={set('percent')}
          aria-describedby="percent-error"
        />
        <FieldError id="percent-error" error={errors.percent} />
      </label>
      <label>
        {t('progress.amountDisbursed')}
        <input
          name="amountDisbursed"
          inputMode="decimal"
          value={form.amountDisbursed}
          onChange={set('amountDisbursed')}
          aria-describedby="amountDisbursed-error"
        />
        <FieldError id="amountDisbursed-error" error={errors.amountDisbursed} />
      </label>
      <label>
        {t('progress.note')}
        <textarea name="note" rows={2} value={form.note} onChange={set('note')} aria-describedby="note-error" />
        <FieldError id="note-error" error={errors.note} />
      </label>
      <button type="submit" disabled={reported.fetching}>
        {t('progress.submit')}
      </button>
      <ApiError error={reported.error} />
    </form>
  );
}
