import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { OpenCaseMutation, SubdistrictsQuery } from '../graphql/operations';
import { subdistrictGroups } from '../lib/areas';
import type { Language } from '../lib/format';
import { validateReport, type FieldErrors, type ReportForm } from '../lib/validation';
import { PhuketMap } from '../components/PhuketMap';
import { ApiError } from '../components/States';

const CATEGORIES = [
  'WASTE',
  'WATER',
  'ROAD',
  'FLOODING',
  'ENVIRONMENT',
  'PUBLIC_NUISANCE',
  'LAND_DISPUTE',
  'SOCIAL_WELFARE',
  'OTHER',
] as const;
const EMPTY: ReportForm = {
  category: '',
  title: '',
  description: '',
  lat: '',
  lng: '',
  name: '',
  phone: '',
  email: '',
};

/** A citizen reports a problem: no login; the tracking code and the secret are shown once. */
export function Report() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<ReportForm>(EMPTY);
  // Optional: without a tambon the case waits for the network centre's triage.
  const [subdistrict, setSubdistrict] = useState('');
  const [{ data: areas }] = useQuery({ query: SubdistrictsQuery });
  const [errors, setErrors] = useState<FieldErrors<keyof ReportForm>>({});
  const [result, openCase] = useMutation(OpenCaseMutation);
  const set =
    (field: keyof ReportForm) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setForm({ ...form, [field]: event.target.value });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validateReport(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    await openCase({
      input: {
        kind: 'GRIEVANCE',
        category: form.category as (typeof CATEGORIES)[number],
        channel: 'WEB',
        title: form.title.trim(),
        description: form.description.trim(),
        location: { lat: Number(form.lat), lng: Number(form.lng), ...(subdistrict ? { subdistrict } : {}) },
        reporter: {
          name: form.name.trim() || t('report.anonymous'),
          ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
          ...(form.email.trim() ? { email: form.email.trim() } : {}),
        },
      },
    });
  };
  const opened = result.data?.openCase;
  if (opened)
    return (
      <section>
        <h1>{t('report.thanks')}</h1>
        <p>{t('report.trackingCode')}</p>
        <p className="code" data-testid="tracking-code">
          {opened.trackingCode}
        </p>
        <p>{t('report.secret')}</p>
        <p className="code" data-testid="reporter-secret">
          {opened.reporterSecret}
        </p>
        <p role="alert" className="warning">
          {t('report.keepSecret')}
        </p>
      </section>
    );
  const fieldError = (field: keyof ReportForm) =>
    errors[field] ? (
      <span className="field-error" id={`${field}-error`}>
        {t(errors[field])}
      </span>
    ) : null;
  return (
    <section>
      <h1>{t('report.title')}</h1>
      <form onSubmit={(event) => void submit(event)} className="form" noValidate>
        <label>
          {t('report.category')}
          <select name="category" value={form.category} onChange={set('category')} aria-describedby="category-error">
            <option value="">{t('report.chooseCategory')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`category.${category}`)}
              </option>
            ))}
          </select>
          {fieldError('category')}
        </label>
        <label>
          {t('report.subject')}
          <input name="title" value={form.title} onChange={set('title')} aria-describedby="title-error" />
          {fieldError('title')}
        </label>
        <label>
          {t('report.description')}
          <textarea
            name="description"
            value={form.description}
            onChange={set('description')}
            rows={4}
            aria-describedby="description-error"
          />
          {fieldError('description')}
        </label>
        <fieldset>
          <legend>{t('report.location')}</legend>
          <p className="muted">{t('report.locationHelp')}</p>
          <PhuketMap
            points={[]}
            picked={form.lat && form.lng ? { lat: Number(form.lat), lng: Number(form.lng) } : null}
            onPick={({ lat, lng }) => setForm({ ...form, lat: String(lat), lng: String(lng) })}
            label={t('report.mapLabel')}
          />
          <div className="row">
            <label>
              {t('report.lat')}
              <input
                name="lat"
                inputMode="decimal"
                value={form.lat}
                onChange={set('lat')}
                aria-describedby="lat-error"
              />
            </label>
            <label>
              {t('report.lng')}
              <input name="lng" inputMode="decimal" value={form.lng} onChange={set('lng')} />
            </label>
          </div>
          {fieldError('lat')}
          <label>
            {t('report.subdistrict')}
            <select
              name="subdistrict"
              value={subdistrict}
              onChange={(event) => setSubdistrict(event.target.value)}
              aria-describedby="subdistrict-help"
            >
              <option value="">{t('report.subdistrictUnknown')}</option>
              {subdistrictGroups(areas?.subdistricts ?? [], i18n.language as Language).map((group) => (
                <optgroup key={group.district} label={t(`district.${group.district}`)}>
                  {group.options.map((option) => (
                    <option key={option.code} value={option.code}>
                      {option.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <span className="muted" id="subdistrict-help">
              {t('report.subdistrictHelp')}
            </span>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('report.contact')}</legend>
          <label>
            {t('report.name')}
            <input name="name" value={form.name} onChange={set('name')} autoComplete="name" />
          </label>
          <label>
            {t('report.phone')}
            <input
              name="phone"
              value={form.phone}
              onChange={set('phone')}
              autoComplete="tel"
              aria-describedby="phone-error"
            />
            {fieldError('phone')}
          </label>
          <label>
            {t('report.email')}
            <input
              name="email"
              value={form.email}
              onChange={set('email')}
              autoComplete="email"
              aria-describedby="email-error"
            />
            {fieldError('email')}
          </label>
        </fieldset>
        <ApiError error={result.error} />
        <button type="submit" disabled={result.fetching}>
          {t('report.submit')}
        </button>
      </form>
    </section>
  );
}
