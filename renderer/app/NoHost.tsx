/**
 * The page cannot reach a desktop host, and retrying would not help: its address
 * carried no secret, or the host refuses the one it has (the app was restarted
 * and has a new secret). Says what to do, since nothing happens by itself.
 */
export function NoHost({ reason }: { reason: 'missing' | 'refused' }) {
  return (
    <main className="no-host">
      <h1>Agent Desktop</h1>
      {reason === 'missing' ? (
        <p>This page needs the address the desktop host printed (it ends with #secret=…). Open that address again.</p>
      ) : (
        <div role="alert">
          <p>
            <strong>This window is no longer connected to Agent Desktop.</strong> The app was restarted, and this page still holds the key of
            the previous start, so the app refuses it. It will not retry by itself.
          </p>
          <p>
            Open the address the app printed when it last started (the <code>&quot;ui&quot;</code> address in the line <code>npm start</code>{' '}
            printed, ending with #secret=…), or start the app again with <code>npm start</code> and use the window it opens. Then close this
            tab.
          </p>
        </div>
      )}
    </main>
  );
}
