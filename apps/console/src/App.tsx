import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { createGraphQLClient } from './graphql/client';
import { setLanguage } from './i18n';
import { mayOpen, mayOpenOrganization, pagesFor, type Page } from './lib/permissions';
import { useSession } from './session';
import { Follow } from './pages/Follow';
import { Inbox } from './pages/Inbox';
import { Meetings } from './pages/Meetings';
import { Notifications } from './pages/Notifications';
import { Organization } from './pages/Organization';
import { Projects } from './pages/Projects';
import { Province } from './pages/Province';
import { Report } from './pages/Report';
import { SignIn } from './pages/SignIn';
import { Triage } from './pages/Triage';
import { Waste } from './pages/Waste';

const PAGES: Record<Page, () => React.JSX.Element> = {
  report: Report,
  follow: Follow,
  province: Province,
  triage: Triage,
  inbox: Inbox,
  projects: Projects,
  waste: Waste,
  meetings: Meetings,
  notifications: Notifications,
};

export function App() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const client = useMemo(() => createGraphQLClient(session.token), [session.token]);
  const pages = pagesFor(session.role);
  return (
    <Provider value={client}>
      <BrowserRouter>
        <a href="#main" className="skip">
          {t('nav.skip')}
        </a>
        <header className="top">
          <p className="brand">{t('app.name')}</p>
          <nav aria-label={t('nav.label')}>
            <ul>
              {pages.map((page) => (
                <li key={page}>
                  <NavLink to={`/${page}`}>{t(`nav.${page}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="session">
            <button
              type="button"
              className="link"
              lang={i18n.language === 'th' ? 'en' : 'th'}
              onClick={() => setLanguage(i18n.language === 'th' ? 'en' : 'th')}
            >
              {t('nav.otherLanguage')}
            </button>
            {session.role === 'PUBLIC' ? (
              <NavLink to="/signin">{t('nav.signIn')}</NavLink>
            ) : (
              <>
                <span data-testid="who">
                  {t(`role.${session.role}`)}
                  {session.org ? ` · ${session.org}` : ''}
                </span>
                <button type="button" className="link" onClick={signOut}>
                  {t('nav.signOut')}
                </button>
              </>
            )}
          </div>
        </header>
        <main id="main">
          <Routes>
            <Route path="/" element={<Navigate to={`/${pages[0]}`} replace />} />
            <Route path="/signin" element={<SignIn />} />
            {(Object.keys(PAGES) as Page[]).map((page) => {
              const Component = PAGES[page];
              return (
                <Route
                  key={page}
                  path={`/${page}`}
                  element={mayOpen(session.role, page) ? <Component /> : <Forbidden />}
                />
              );
            })}
            <Route
              path="/organizations/:code"
              element={mayOpenOrganization(session.role) ? <Organization /> : <Forbidden />}
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </main>
      </BrowserRouter>
    </Provider>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('errors.pageForbiddenTitle')}</h1>
      <p role="alert">{t('errors.pageForbidden')}</p>
      <NavLink to="/signin">{t('nav.signIn')}</NavLink>
    </section>
  );
}
