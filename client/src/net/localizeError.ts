/**
 * Errors in the reader's language. The server's messages are English and precise ("Join a group
 * before asking for help"): English readers get them as sent; others get their code's message.
 */
import type { AppError } from '../../../shared/result';
import { i18n } from '../i18n';

export function localizeError(error: AppError): AppError {
  if (i18n.language === 'en') return error;
  return { ...error, message: i18n.t(`errors:codes.${error.code}`) };
}

/** An error made here (no server answer), in the reader's language. */
export function clientError(key: 'offline' | 'importOffline' | 'notConnected' | 'noAnswer'): AppError {
  return { code: 'internal', message: i18n.t(`errors:${key}`) };
}
