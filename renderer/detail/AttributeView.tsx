import { useMemo } from 'react';
import { useT } from '../i18n/react';

/** How deep and how much of the attributes are drawn: a hostile task cannot make the page hang. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 200;
const MAX_TEXT = 500;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** The attributes cut to size, as plain data: text leaves and nested lists. */
type Node = { key: string; text: string } | { key: string; children: Node[]; hidden: number };

function prune(value: Record<string, unknown> | unknown[], depth: number, budget: { left: number }): { nodes: Node[]; hidden: number } {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const shown = entries.slice(0, Math.max(0, budget.left));
  budget.left -= shown.length;
  const nodes = shown.map(([key, v]): Node => {
    if (v !== null && typeof v === 'object' && depth < MAX_DEPTH) {
      const inner = prune(v as Record<string, unknown>, depth + 1, budget);
      return { key: clip(key), children: inner.nodes, hidden: inner.hidden };
    }
    return { key: clip(key), text: v === null ? 'null' : typeof v === 'object' ? clip(safeJson(v)) : clip(String(v)) };
  });
  return { nodes, hidden: entries.length - shown.length };
}

/**
 * Every task attribute as nested lists of text. Nothing is interpreted as
 * markup (React escapes text), depth and size are capped, and the whole view
 * sits in a collapsed <details> until the agent opens it.
 */
export function AttributeView({ attributes }: { attributes: Record<string, unknown> }) {
  const tree = useMemo(() => prune(attributes, 0, { left: MAX_ENTRIES }), [attributes]);
  const count = Object.keys(attributes).length;
  const t = useT();
  return (
    <details className="attributes">
      <summary>{t('attributes.title', { count })}</summary>
      {count === 0 ? <p className="empty">{t('attributes.none')}</p> : <Entries nodes={tree.nodes} hidden={tree.hidden} />}
    </details>
  );
}

function Entries({ nodes, hidden }: { nodes: Node[]; hidden: number }) {
  const t = useT();
  return (
    <dl className="attribute-list" translate="no">
      {nodes.map((n) => (
        <div key={n.key} className="attribute">
          <dt>{n.key}</dt>
          <dd>{'text' in n ? n.text : <Entries nodes={n.children} hidden={n.hidden} />}</dd>
        </div>
      ))}
      {hidden > 0 && (
        <div className="attribute">
          <dt>…</dt>
          <dd translate="yes">{t('attributes.hidden', { count: hidden })}</dd>
        </div>
      )}
    </dl>
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
