import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { RecordMediationSessionMutation } from '../graphql/operations';
import { attendeeList, validateMediationSession, type FieldErrors, type MediationForm } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

const EMPTY: MediationForm = { heldAt: '', mediator: '', attendees: '', notes: '' };

/** Records a mediation session of a conflict in mediation: when, who mediated, who attended, notes. */
export function MediationSessionForm({ caseId, onRecorded }: { caseId: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<MediationForm>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<keyof MediationForm>>({});
  const [recorded, record] = useMutation(RecordMediationSessionMutation);
  const set = (field: keyof MediationForm) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validateMediationSession(form, new Date());
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await record({
      id: caseId,
      input: {
        // The browser's local time, sent with its offset (RFC 3339).
        heldAt: new Date(form.heldAt).toISOString(),
        mediator: form.mediator.trim(),
        attendees: attendeeList(form.attendees),
        notes: form.notes.trim() || null,
      },
    });
    if (!result.error) {
      setForm(EMPTY);
      onRecorded();
    }
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="mediation-form">
      <h3>{t('mediation.title')}</h3>
      <label>
        {t('mediation.heldAt')}
        <input
          type="datetime-local"
          name="heldAt"
          value={form.heldAt}
          onChange={set('heldAt')}
          aria-describedby="heldAt-error"
        />
        <FieldError id="heldAt-error" error={errors.heldAt} />
      </label>
      <label>
        {t('mediation.mediator')}
        <input name="mediator" value={form.mediator} onChange={set('mediator')} aria-describedby="mediator-error" />
        <FieldError id="mediator-error" error={errors.mediator} />
      </label>
      <label>
        {t('mediation.attendees')}
        <textarea
          name="attendees"
          rows={3}
          value={form.attendees}
          onChange={set('attendees')}
          aria-describedby="attendees-help attendees-error"
        />
        <span className="muted" id="attendees-help">
          {t('mediation.attendeesHelp')}
        </span>
        <FieldError id="attendees-error" error={errors.attendees} />
      </label>
      <label>
        {t('mediation.notes')}
        <textarea name="notes" rows={3} value={form.notes} onChange={set('notes')} aria-describedby="notes-error" />
        <FieldError id="notes-error" error={errors.notes} />
      </label>
      <button type="submit" disabled={recorded.fetching}>
        {t('mediation.record')}
      </button>
      <ApiError error={recorded.error} />
    </form>
  );
}
