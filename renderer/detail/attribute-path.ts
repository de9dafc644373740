/** The value at a dotted path in the task attributes ("customer.account_id"), or undefined. */
export function valueAt(attributes: Record<string, unknown>, path: string): unknown {
  let current: unknown = attributes;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A scalar as text; objects and arrays are not shown as a field value. */
export const scalarText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/**
 * Fills `{path}` placeholders of an https template from the attributes, each
 * value URL-encoded so it cannot change the address's shape. Answers null when
 * a placeholder has no value.
 */
export function fillTemplate(template: string, attributes: Record<string, unknown>): { url: string } | { missing: string } {
  let missing: string | null = null;
  const url = template.replace(/\{([^{}]*)\}/g, (_m, path: string) => {
    const text = scalarText(valueAt(attributes, path.trim()));
    if (text === null || text === '') {
      missing ??= path.trim();
      return '';
    }
    return encodeURIComponent(text);
  });
  return missing !== null ? { missing } : { url };
}
