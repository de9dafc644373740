import twilio from 'twilio';
import { spawnEmulator } from './support/spawn-emulator';
const emu = await spawnEmulator({ args: ['--port', '0', '--traffic', 'off', '--workers', '500'] });
const { ready } = emu;
const errors = new Map<string, number>();
const t0 = Date.now();
await Promise.all(ready.workers.map(async (w) => {
  const c = twilio(ready.apiKeySid, ready.apiKeySecret, { accountSid: ready.accountSid });
  c.taskrouter.baseUrl = ready.url;
  const ws = c.taskrouter.v1.workspaces(ready.workspaceSid);
  try {
    await Promise.all([ws.activities.list({ pageSize: 1000 }), ws.workers(w.sid).fetch(), ws.workers(w.sid).reservations.list({ reservationStatus: 'pending' }), ws.workers(w.sid).reservations.list({ reservationStatus: 'accepted' })]);
  } catch (e) {
    const k = String((e as Error).message ?? e).slice(0, 200) + ' ' + ((e as { code?: string }).code ?? '');
    errors.set(k, (errors.get(k) ?? 0) + 1);
  }
}));
console.error('took', Date.now() - t0, 'ms', [...errors]);
await emu.stop();
process.exit(0);
