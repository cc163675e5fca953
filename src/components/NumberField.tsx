import { useState } from 'react';
import { CONFIG_FIELDS, type NumericKey } from '../model/core/config';
import { setConfigValue, setFieldError } from '../store/configActions';
import { useStore } from '../store/store';
import { checkNumber } from './fields';

/**
 * A labelled number input for one numeric config field. A refused value stays visible in the box
 * with an inline alert; the configuration keeps its last valid value until the text is fixed.
 */
export function NumberField({
  field,
  disabled,
  extraError,
}: {
  field: NumericKey;
  disabled: boolean;
  extraError?: string | null;
}) {
  const spec = CONFIG_FIELDS[field];
  const value = useStore((s) => s.config[field]);
  const error = useStore((s) => s.fieldErrors[field]);
  const [draft, setDraft] = useState<string | null>(null);
  const id = `cfg-${field}`;
  // Show what the user typed while it is refused or still means the stored value ("0." → 0).
  const shown = draft !== null && (error || Number(draft) === value) ? draft : String(value);
  const message = error ?? extraError ?? null;
  // The browser counts steps from `min`; when min is off the step grid (learning rate 1e-5, step
  // 1e-4) leaving min out makes the arrows land on round values (0.001 → 0.0011).
  const stepBase = Number.isInteger(Math.round((spec.min / spec.step) * 1e6) / 1e6);
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{spec.label}</label>
        <span className="range" id={`${id}-range`}>
          {spec.min}–{spec.max}
        </span>
      </div>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={stepBase ? spec.min : undefined}
        max={spec.max}
        step={spec.step}
        value={shown}
        disabled={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-range${message ? ` ${id}-msg` : ''}`}
        title={spec.help}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          const r = checkNumber(field, raw);
          if ('error' in r) setFieldError(field, r.error);
          else setConfigValue(field, r.value);
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {message && (
        <p role="alert" id={`${id}-msg`} className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}
