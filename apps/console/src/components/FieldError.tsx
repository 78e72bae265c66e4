import { useTranslation } from 'react-i18next';

/** A form field's problem (a message key), beside the field that `aria-describedby` names by `id`. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="field-error" id={id}>
      {t(error)}
    </span>
  );
}
