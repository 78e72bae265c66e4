import { useTranslation } from 'react-i18next';
import type { FundsLedgerFragment } from '../generated/graphql';
import { formatBaht, formatDate, type Language } from '../lib/format';
import { Empty } from './States';

/**
 * An organization's accumulated-funds ledger (จ่ายขาดเงินสะสม): the balance as reported, the reserves that
 * must remain, what approved projects committed and disbursed, and what a new approval may still spend.
 * Public finance: the planning service shows it to every role; the network admin reads it on the
 * organization's page, an officer their own organization's on the projects page.
 */
export function FundsLedger({ funds }: { funds: FundsLedgerFragment | null | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <section className="card" aria-labelledby="organization-funds">
      <h2 id="organization-funds">{t('organization.funds')}</h2>
      {funds ? (
        <dl className="facts" data-testid="organization-funds">
          <dt>{t('organization.fundsReportedOn')}</dt>
          <dd>{formatDate(funds.reportedOn, language)}</dd>
          <dt>{t('organization.fundsBalance')}</dt>
          <dd>{formatBaht(funds.reportedBalance, language)}</dd>
          <dt>{t('organization.fundsPersonnelReserve')}</dt>
          <dd>{formatBaht(funds.personnelReserve, language)}</dd>
          <dt>{t('organization.fundsAnnualReserve')}</dt>
          <dd>{formatBaht(funds.annualBudgetReserve, language)}</dd>
          <dt>{t('organization.fundsCommitted')}</dt>
          <dd>{formatBaht(funds.committed, language)}</dd>
          <dt>{t('organization.fundsDisbursed')}</dt>
          <dd>{formatBaht(funds.disbursed, language)}</dd>
          <dt>{t('organization.fundsAvailable')}</dt>
          <dd data-testid="funds-available">{formatBaht(funds.available, language)}</dd>
        </dl>
      ) : (
        <Empty message={t('organization.fundsNotReported')} />
      )}
    </section>
  );
}
