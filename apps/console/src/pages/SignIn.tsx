import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { OrganizationsQuery } from '../graphql/operations';
import { pagesFor, type Role } from '../lib/permissions';
import { developmentToken, useSession } from '../session';
import { ApiError, Loading } from '../components/States';

/** Development sign-in: pick a role (and an officer's organization); the gateway signs the token. */
export function SignIn() {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [role, setRole] = useState<Role>('NETWORK_ADMIN');
  const [org, setOrg] = useState('PATONG');
  const [failed, setFailed] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: OrganizationsQuery });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailed(false);
    try {
      const officerOrg = role === 'LGO_OFFICER' ? org : null;
      const token = await developmentToken(role, officerOrg);
      signIn({ role, org: officerOrg, token });
      await navigate(`/${pagesFor(role)[0]}`);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.development')}</p>
      <form onSubmit={(event) => void submit(event)} className="form">
        <label>
          {t('signIn.role')}
          <select value={role} onChange={(event) => setRole(event.target.value as Role)} name="role">
            {(['NETWORK_ADMIN', 'LGO_OFFICER', 'ANALYST'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {role === 'LGO_OFFICER' && (
          <label>
            {t('signIn.organization')}
            {fetching ? (
              <Loading />
            ) : (
              <select value={org} onChange={(event) => setOrg(event.target.value)} name="org">
                {data?.organizations.edges.map(({ node }) => (
                  <option key={node.id} value={node.code}>
                    {i18n.language === 'en' ? node.nameEn : node.nameTh} ({node.code})
                  </option>
                ))}
              </select>
            )}
          </label>
        )}
        <ApiError error={error} />
        {failed && (
          <p role="alert" className="error">
            {t('errors.NETWORK')}
          </p>
        )}
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </section>
  );
}
