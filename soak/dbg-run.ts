import { buildRenderer } from '/work/main/e2e/support/renderer-build';
import { runShift } from '/work/main/soak/shift';
buildRenderer();
const r = await runShift({ offers: 16, reservationTimeoutSeconds: 6, tokenTtlSeconds: 30, capacity: 3, faults: true, faultScale: 0.5, log: (l) => console.error('LOG', l) });
console.log(JSON.stringify({ d: r.durationSeconds, o: r.offersCreated, problems: r.problems, goals: r.goals, shown: r.shownWithinMs, ring: r.ringingWithoutPendingSeconds, lag: r.maxPendingLagMs }, null, 1));
process.exit(0);
