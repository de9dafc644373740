/**
 * Believable, fictional inbound callers for demo traffic. Numbers are from the
 * +1 555 01xx range reserved for fiction; reasons map to the seeded queues.
 */

export const CALLER_NAMES = [
  'Maria Gonzalez', 'James Whitfield', 'Priya Natarajan', 'Tom Becker', 'Aiko Tanaka', 'Samuel Osei',
  'Olivia Martin', 'Lukas Novak', 'Fatima Al-Sayed', 'Noah Fischer', 'Chloe Dubois', 'Ravi Shankar',
  'Emma Johansson', 'Diego Herrera', 'Hannah Schmidt', 'Kwame Mensah', 'Sofia Rossi', 'Liam O\'Connor',
] as const;

export const REASONS = [
  { reason: 'Billing question', queue: 'Billing' },
  { reason: 'Card lost', queue: 'Support' },
  { reason: 'Refund request', queue: 'Billing' },
  { reason: 'Password reset', queue: 'Support' },
  { reason: 'Upgrade plan', queue: 'Sales' },
  { reason: 'Delivery delayed', queue: 'Support' },
  { reason: 'New account', queue: 'Sales' },
  { reason: 'Double charge', queue: 'Billing' },
  { reason: 'Cancel subscription', queue: 'Sales' },
  { reason: 'Device not working', queue: 'Support' },
] as const;

/** The contact center's own number the customers dial. */
export const CONTACT_CENTER_NUMBER = '+15555550100';

export interface DemoCaller {
  callerName: string;
  from: string;
  reason: string;
  queue: string;
}

export function pickCaller(random: () => number): DemoCaller {
  const name = CALLER_NAMES[Math.floor(random() * CALLER_NAMES.length)]!;
  const topic = REASONS[Math.floor(random() * REASONS.length)]!;
  const line = String(101 + Math.floor(random() * 98)).padStart(4, '0');
  return { callerName: name, from: `+1555555${line}`, reason: topic.reason, queue: topic.queue };
}
