import { CONFIG_FIELDS, type ChoiceKey, type TrainConfig } from '../model/core/config';
import { setConfigValue } from '../store/configActions';
import { useStore } from '../store/store';

/** A labelled select for one choice config field (options from CONFIG_FIELDS). */
export function ChoiceField({ field, disabled }: { field: ChoiceKey; disabled: boolean }) {
  const spec = CONFIG_FIELDS[field];
  const value = useStore((s) => s.config[field]);
  const id = `cfg-${field}`;
  const options: readonly { value: string; label: string }[] = spec.options;
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        title={spec.help}
        onChange={(e) => setConfigValue(field, e.target.value as TrainConfig[ChoiceKey])}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
