// The translated sentence for any error that reaches the UI.
import type { TFunction } from 'i18next';
import { HostError } from '@shared/api/errors';

export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof HostError) {
    return t(`errors.${err.code}`, { ...(err.details ?? {}), defaultValue: t('errors.internal') });
  }
  return t('errors.internal');
}
