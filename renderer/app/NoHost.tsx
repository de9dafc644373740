import { T, useT } from '../i18n/react';

/**
 * The page cannot reach a desktop host, and retrying would not help: its address
 * carried no secret, or the host refuses the one it has (the app was restarted
 * and has a new secret). Says what to do, since nothing happens by itself.
 */
export function NoHost({ reason }: { reason: 'missing' | 'refused' }) {
  const t = useT();
  const code = <code translate="no" />;
  return (
    <main className="no-host">
      <h1 translate="no">{t('app.name')}</h1>
      {reason === 'missing' ? (
        <p>{t('noHost.missing')}</p>
      ) : (
        <div role="alert">
          <p>
            <T id="noHost.refused" components={{ 0: <strong /> }} />
          </p>
          <p>
            <T id="noHost.refusedWhat" components={{ 0: code, 1: code }} />
          </p>
        </div>
      )}
    </main>
  );
}
