import { useId, useState } from 'react';
import type { InstructionPreset } from '../../shared/desk';
import type { InstructionName } from '../../shared/instructions';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { useT } from '../i18n/react';
import { toOptions, type FieldSpec, type FormValues } from './fields';

interface Props {
  instruction: InstructionName;
  values: FormValues;
  fields: FieldSpec[];
  onUse(preset: InstructionPreset): void;
}

/** Saved instructions of this workspace: use one to fill the form, or save what is filled in under a name. */
export function PresetBar({ instruction, values, fields, onUse }: Props) {
  const { actions } = useServices();
  const desk = useSelect((s) => s.settings?.desk ?? null);
  const workspaceSid = useSelect((s) => s.workspace?.sid ?? null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const id = useId();
  const t = useT();
  if (!desk || !workspaceSid) return null;
  const presets = desk.instructionPresets.filter((p) => p.workspaceSid === workspaceSid);
  const save = async () => {
    const options = toOptions(fields, values) as InstructionPreset['options'];
    const preset: InstructionPreset = { workspaceSid, name: name.trim(), instruction, options };
    const others = desk.instructionPresets.filter((p) => !(p.workspaceSid === workspaceSid && p.name === preset.name));
    const result = await actions.saveDeskSettings({ ...desk, instructionPresets: [...others, preset] });
    if (result.ok) {
      setSaving(false);
      setName('');
    }
  };
  return (
    <div className="preset-bar">
      {presets.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-preset`}>{t('preset.label')}</label>
          <select
            id={`${id}-preset`}
            value=""
            onChange={(e) => {
              const preset = presets.find((p) => p.name === e.target.value);
              if (preset) onUse(preset);
            }}
          >
            <option value="">{t('preset.fill')}</option>
            {presets.map((p) => (
              <option key={p.name} value={p.name} translate="no">
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {saving ? (
        <div className="field preset-save">
          <label htmlFor={`${id}-name`}>{t('preset.name')}</label>
          <input id={`${id}-name`} value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          <button type="button" disabled={!name.trim()} onClick={() => void save()}>
            {t('preset.save')}
          </button>
          <ErrorText target={errorTarget.deskSettings} />
        </div>
      ) : (
        <button type="button" className="link-button" onClick={() => setSaving(true)}>
          {t('preset.saveAs')}
        </button>
      )}
    </div>
  );
}
