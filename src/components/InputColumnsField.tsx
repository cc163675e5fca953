import { useShallow } from 'zustand/react/shallow';
import { CONFIG_FIELDS } from '../model/core/config';
import { setConfigValue } from '../store/configActions';
import { useStore } from '../store/store';

/**
 * One checkbox per numeric column: the columns the network reads at each step. The target is
 * always read (checked and disabled); names from a link that the file lacks are listed so the user
 * can drop them (training refuses them with the same names).
 */
export function InputColumnsField({
  columns,
  target,
  disabled,
}: {
  columns: string[];
  target: string;
  disabled: boolean;
}) {
  const chosen = useStore(useShallow((s) => s.config.inputColumns));
  const spec = CONFIG_FIELDS.inputColumns;
  const unknown = chosen.filter((name) => !columns.includes(name));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen.filter((n) => n !== target && columns.includes(n)));
    if (on) next.add(name);
    else next.delete(name);
    // Kept in the file's column order, so a link names the same inputs in the same order.
    setConfigValue(
      'inputColumns',
      columns.filter((c) => next.has(c)),
    );
  };
  return (
    <fieldset className="input-columns" title={spec.help}>
      <legend>{spec.label}</legend>
      <div className="checks">
        {columns.map((name) => (
          <label key={name} className="toggle">
            <input
              type="checkbox"
              checked={name === target || chosen.includes(name)}
              disabled={disabled || name === target}
              onChange={(e) => toggle(name, e.target.checked)}
            />{' '}
            {name}
            {name === target ? ' (target)' : ''}
          </label>
        ))}
      </div>
      {unknown.length > 0 && (
        <p role="alert" className="field-error">
          Not in this file: {unknown.join(', ')}.{' '}
          <button type="button" className="secondary" onClick={() => toggle('', false)}>
            Drop them
          </button>
        </p>
      )}
    </fieldset>
  );
}
