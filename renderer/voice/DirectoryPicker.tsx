import { Autocomplete, Input, Label, ListBox, ListBoxItem, Text, TextField, useFilter } from 'react-aria-components';
import type { DirectoryEntry } from './directory-entries';
import { useT } from '../i18n/react';

export interface DirectoryPickerProps {
  label: string;
  entries: DirectoryEntry[];
  /** The typed text (a number may be typed freely when `allowsCustomValue`). */
  inputValue: string;
  onInputChange(value: string): void;
  selectedKey: string | null;
  onSelect(entry: DirectoryEntry | null): void;
  /** The field also takes free text (a phone number): the list then only suggests, and hides when nothing matches. */
  allowsCustomValue?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * A searchable list of colleagues and queues: React Aria's Autocomplete, a
 * labelled text field that filters an ARIA listbox shown under it (arrows
 * move through the list while typing, Enter picks). Inline rather than a
 * popover, so nothing else on the page is hidden from assistive technology
 * while it is open. Loaded lazily: only when the agent opens a transfer, an
 * add-participant or a dial form.
 */
export default function DirectoryPicker(props: DirectoryPickerProps) {
  const { contains } = useFilter({ sensitivity: 'base' });
  const t = useT();
  const pick = (key: unknown) => {
    const entry = props.entries.find((e) => e.key === key) ?? null;
    props.onSelect(entry);
  };
  const typed = props.inputValue.trim();
  const anyMatch = props.entries.some((e) => contains(e.name, typed));
  const hideList = props.allowsCustomValue && (typed === '' || !anyMatch || props.entries.some((e) => e.key === props.selectedKey && e.name === props.inputValue));
  return (
    <div className="directory-picker">
      {/* Matched by name: "b" finds Bob, not everyone whose activity reads "unavailable". */}
      <Autocomplete inputValue={props.inputValue} onInputChange={props.onInputChange} filter={contains}>
        <TextField autoFocus={props.autoFocus ?? false}>
          <Label>{props.label}</Label>
          <Input placeholder={props.placeholder} />
        </TextField>
        {!hideList && (
          <ListBox<DirectoryEntry>
            className="directory-list"
            aria-label={t('directory.suggestions', { label: props.label })}
            items={props.entries}
            selectionMode="single"
            selectedKeys={props.selectedKey ? [props.selectedKey] : []}
            onSelectionChange={(keys) => pick(keys === 'all' ? null : [...keys][0])}
            onAction={pick}
            renderEmptyState={() => <p className="empty">{t('directory.noMatch')}</p>}
          >
            {(entry) => (
              <ListBoxItem id={entry.key} textValue={entry.name} className={`directory-item${entry.available ? '' : ' unavailable'}`}>
                <Text slot="label" translate="no">{entry.name}</Text> <Text slot="description">{entry.detail}</Text>
              </ListBoxItem>
            )}
          </ListBox>
        )}
      </Autocomplete>
    </div>
  );
}
