import { hasMessage, t } from '../i18n/i18n';

/**
 * The Voice SDK's call-quality warnings (Call `warning` events), in words an
 * agent can act on: the catalogue's `voice.warning.<name>`; a warning the
 * catalogue does not know is named as the SDK names it.
 */
export function describeWarning(name: string): string {
  const id = `voice.warning.${name}`;
  return hasMessage(id) ? t(id) : t('voice.warning.other', { name: name.replace(/-/g, ' ') });
}
