import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLanguage } from './i18n';
import { SessionProvider } from './session';
import { App } from './App';
import './styles.css';

document.documentElement.lang = initialLanguage;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
