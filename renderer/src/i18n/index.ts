// i18next with both locales bundled (they are small), zh-CN by default.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../../../resources/locales/zh-CN.json';
import en from '../../../resources/locales/en.json';
import type { Locale } from '@shared/api/contract';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

export async function initI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  return i18next;
}

export async function changeLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}
