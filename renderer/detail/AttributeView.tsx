import type { ReactNode } from 'react';

/** How deep and how much of the attributes are drawn: a hostile task cannot make the page hang. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 200;
const MAX_TEXT = 500;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * Every task attribute as nested lists of text. Nothing is interpreted as
 * markup (React escapes text), depth and size are capped, and the whole view
 * sits in a collapsed <details> until the agent opens it.
 */
export function AttributeView({ attributes }: { attributes: Record<string, unknown> }) {
  const count = Object.keys(attributes).length;
  return (
    <details className="attributes">
      <summary>All task attributes ({count})</summary>
      {count === 0 ? <p className="empty">This task has no attributes.</p> : <Entries value={attributes} depth={0} budget={{ left: MAX_ENTRIES }} />}
    </details>
  );
}

function Entries({ value, depth, budget }: { value: Record<string, unknown> | unknown[]; depth: number; budget: { left: number } }): ReactNode {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const shown = entries.slice(0, Math.max(0, budget.left));
  budget.left -= shown.length;
  return (
    <dl className="attribute-list">
      {shown.map(([key, v]) => (
        <div key={key} className="attribute">
          <dt>{clip(key)}</dt>
          <dd>{render(v, depth, budget)}</dd>
        </div>
      ))}
      {shown.length < entries.length && (
        <div className="attribute">
          <dt>…</dt>
          <dd>{entries.length - shown.length} more not shown</dd>
        </div>
      )}
    </dl>
  );
}

function render(value: unknown, depth: number, budget: { left: number }): ReactNode {
  if (value === null) return <span className="muted">null</span>;
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return <span className="muted">{clip(safeJson(value))}</span>;
    return <Entries value={value as Record<string, unknown>} depth={depth + 1} budget={budget} />;
  }
  return clip(String(value));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
