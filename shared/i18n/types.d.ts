/** Types i18next's keys from the English catalogue: `t('room:unknown')` fails the type check. */
import 'i18next';
import type en from './locales/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}
