import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import th from './th.json';
import type { Language } from '../lib/format';

/** Thai first; the choice is kept per browser. Every string of the console is in th.json / en.json. */
const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('pcc.language');
export const initialLanguage: Language = saved === 'en' ? 'en' : 'th';

void i18next.use(initReactI18next).init({
  resources: { th: { translation: th }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'th',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language): void {
  localStorage.setItem('pcc.language', language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export default i18next;
