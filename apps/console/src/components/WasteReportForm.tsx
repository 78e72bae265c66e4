import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CorrectWasteReportMutation, SubmitWasteReportMutation } from '../graphql/operations';
import { bangkokToday } from '../lib/format';
import {
  DESTINATIONS,
  STREAMS,
  validateWasteReport,
  type FieldErrors,
  type WasteField,
  type WasteForm,
} from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

export const EMPTY_WASTE_REPORT: WasteForm = {
  month: '',
  general: '',
  organic: '',
  recyclable: '',
  hazardous: '',
  incinerated: '',
  landfilled: '',
  recycled: '',
  composted: '',
  note: '',
};

/**
 * A month's report: submitted when the month is new, a correction (a new revision; the previous one
 * stays readable) when it is already reported. The page holds the form's state, so a reported
 * month's row can fill it for a correction.
 */
export function WasteReportForm({
  organizationId,
  reportedMonths,
  form,
  errors,
  onChange,
  onErrors,
  onSaved,
}: {
  organizationId: string;
  reportedMonths: ReadonlySet<string>;
  form: WasteForm;
  errors: FieldErrors<keyof WasteForm>;
  onChange: (form: WasteForm) => void;
  onErrors: (errors: FieldErrors<keyof WasteForm>) => void;
  onSaved: (month: string, revision: number) => void;
}) {
  const { t } = useTranslation();
  const [submitted, submitReport] = useMutation(SubmitWasteReportMutation);
  const [corrected, correctReport] = useMutation(CorrectWasteReportMutation);
  const correction = reportedMonths.has(form.month);
  const set = (field: keyof WasteForm) => (event: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...form, [field]: event.target.value });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validateWasteReport(form, bangkokToday().slice(0, 7));
    onErrors(found);
    if (Object.keys(found).length) return;
    const tonnes = (field: WasteField) => form[field].trim();
    const input = {
      organizationId,
      month: form.month,
      byStream: {
        general: tonnes('general'),
        organic: tonnes('organic'),
        recyclable: tonnes('recyclable'),
        hazardous: tonnes('hazardous'),
      },
      byDestination: {
        incinerated: tonnes('incinerated'),
        landfilled: tonnes('landfilled'),
        recycled: tonnes('recycled'),
        composted: tonnes('composted'),
      },
      note: form.note.trim() || null,
    };
    if (correction) {
      const result = await correctReport({ input });
      if (result.data) onSaved(result.data.correctWasteReport.month, result.data.correctWasteReport.revision);
    } else {
      const result = await submitReport({ input });
      if (result.data) onSaved(result.data.submitWasteReport.month, result.data.submitWasteReport.revision);
    }
  };
  const tonnesField = (field: WasteField) => (
    <label key={field}>
      {t(`waste.${field}`)}
      <input
        name={field}
        inputMode="decimal"
        value={form[field]}
        onChange={set(field)}
        aria-describedby={`${field}-error`}
      />
      <FieldError id={`${field}-error`} error={errors[field]} />
    </label>
  );
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="waste-form">
      <h2>{t(correction ? 'waste.correctTitle' : 'waste.submitTitle')}</h2>
      <label>
        {t('waste.month')}
        <input type="month" name="month" value={form.month} onChange={set('month')} aria-describedby="month-error" />
        <FieldError id="month-error" error={errors.month} />
      </label>
      <fieldset>
        <legend>{t('waste.byStream')}</legend>
        <div className="row wrap">{STREAMS.map(tonnesField)}</div>
      </fieldset>
      <fieldset>
        <legend>{t('waste.byDestination')}</legend>
        <div className="row wrap">{DESTINATIONS.map(tonnesField)}</div>
      </fieldset>
      <label>
        {t('waste.note')}
        <input name="note" value={form.note} onChange={set('note')} aria-describedby="note-error" />
        <FieldError id="note-error" error={errors.note} />
      </label>
      <button type="submit" disabled={submitted.fetching || corrected.fetching}>
        {t(correction ? 'waste.correct' : 'waste.submit')}
      </button>
      <ApiError error={submitted.error ?? corrected.error} />
    </form>
  );
}
