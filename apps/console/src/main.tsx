import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLanguage } from './i18n';
import { SessionProvider } from './session';
import { App } from './App';
// Thai script shipped with the page (Noto Sans Thai, OFL): offices without internet, and machines
// without a Thai font, still read it.
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-thai/700.css';
import './styles.css';

document.documentElement.lang = initialLanguage;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
