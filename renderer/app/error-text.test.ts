import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale, t } from '../i18n/i18n';
import { errorText } from './error-text';

afterEach(() => activateLocale('en'));

describe('error wording', () => {
  it('a canceled task is explained with what the host learned, not with a guess that the caller hung up', () => {
    const learned = { code: 'reservation_canceled' as const, message: 'Too late to accept: the task was canceled (Task TTL Exceeded).', reason: 'canceled_because', params: { action: 'accept', taskReason: 'Task TTL Exceeded' } };
    expect(errorText(learned, t)).toBe('This task was canceled (Task TTL Exceeded), so there is nothing to answer.');
    expect(errorText({ code: 'reservation_canceled', message: '' }, t)).toBe('This task was canceled, so there is nothing to answer.');
  });

  it("words a host error from its code and reason in the agent's language, never the host's English", async () => {
    await activateLocale('es');
    expect(errorText({ code: 'not_configured', message: 'Enter the token URL in Settings.', reason: 'token_url_missing' }, t)).toBe('Ingrese la URL de tokens en Configuración.');
    expect(errorText({ code: 'unauthorized', message: 'TaskRouter refused the credentials: check the account SID' }, t)).toBe('TaskRouter rechazó las credenciales. Revíselas en Configuración.');
    expect(errorText({ code: 'invalid_input', message: 'Invalid input: timeout: seconds_min {"min":1}', field: 'timeout', fields: { timeout: { key: 'seconds_min', params: { min: 1 } } } }, t)).toBe(
      'Tiempo de espera (segundos sonando): Debe ser de al menos 1 segundo.',
    );
  });

  it('keeps the English message when the host names a case this UI does not know yet', () => {
    expect(errorText({ code: 'not_found', message: 'The widget left.', reason: 'a_reason_from_a_newer_host' }, t)).toBe('The widget left.');
  });
});
