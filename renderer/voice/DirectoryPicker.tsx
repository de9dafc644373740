import { useMemo } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import type { Directory } from '../../shared/contract';

/** One choice of the directory: a colleague (with their activity) or a queue. */
export interface DirectoryEntry {
  key: string;
  kind: 'worker' | 'queue';
  sid: string;
  name: string;
  /** A colleague's `client:` contact, for adding them or calling them. */
  contactUri: string | null;
  detail: string;
  available: boolean;
}

export function directoryEntries(directory: Directory, include: { workers: boolean; queues: boolean }): DirectoryEntry[] {
  const workers = include.workers
    ? directory.workers.map((w) => ({ key: w.sid, kind: 'worker' as const, sid: w.sid, name: w.friendlyName, contactUri: w.contactUri, detail: `${w.activityName}${w.available ? '' : ' · unavailable'}`, available: w.available }))
    : [];
  const queues = include.queues ? directory.queues.map((q) => ({ key: q.sid, kind: 'queue' as const, sid: q.sid, name: q.friendlyName, contactUri: null, detail: 'Queue', available: true })) : [];
  // Available colleagues first, then the rest, then queues; each by name.
  return [...workers.sort((a, b) => Number(b.available) - Number(a.available) || a.name.localeCompare(b.name)), ...queues.sort((a, b) => a.name.localeCompare(b.name))];
}

export interface DirectoryPickerProps {
  label: string;
  entries: DirectoryEntry[];
  /** The typed text (a number may be typed freely when `allowsCustomValue`). */
  inputValue: string;
  onInputChange(value: string): void;
  selectedKey: string | null;
  onSelect(entry: DirectoryEntry | null): void;
  allowsCustomValue?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * A searchable list of colleagues and queues (React Aria's ComboBox: a
 * labelled text field with an ARIA listbox popup, arrows to move, Enter to
 * pick, Escape to close). Loaded lazily: only when the agent opens a transfer,
 * an add-participant or a dial form.
 */
export default function DirectoryPicker(props: DirectoryPickerProps) {
  const { entries, inputValue } = props;
  const filtered = useMemo(() => {
    const needle = inputValue.trim().toLowerCase();
    return needle ? entries.filter((e) => e.name.toLowerCase().includes(needle) || e.detail.toLowerCase().includes(needle)) : entries;
  }, [entries, inputValue]);
  return (
    <ComboBox
      className="directory-picker"
      items={filtered}
      inputValue={inputValue}
      onInputChange={props.onInputChange}
      selectedKey={props.selectedKey}
      onSelectionChange={(key) => props.onSelect(entries.find((e) => e.key === key) ?? null)}
      allowsCustomValue={props.allowsCustomValue ?? false}
      // Typing a number matches nobody: the list then closes instead of covering the form's buttons.
      allowsEmptyCollection={!props.allowsCustomValue}
      menuTrigger="focus"
      autoFocus={props.autoFocus ?? false}
    >
      <Label>{props.label}</Label>
      <Input placeholder={props.placeholder} />
      <Popover className="directory-popover" placement="bottom start">
        <ListBox<DirectoryEntry> className="directory-list" renderEmptyState={() => <p className="empty">No match</p>}>
          {(entry) => (
            <ListBoxItem id={entry.key} textValue={entry.name} className={`directory-item${entry.available ? '' : ' unavailable'}`}>
              <Text slot="label">{entry.name}</Text> <Text slot="description">{entry.detail}</Text>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
