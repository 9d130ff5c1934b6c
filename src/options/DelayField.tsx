import { useEffect, useState } from 'preact/hooks';
import { DELAY_RANGE } from '../core/settings';
import { t } from '../ui/i18n';

export interface Props {
  /** Element id of the input. */
  id: string;
  label: string;
  /** The stored value, in ms. */
  value: number;
  /** Called with a valid new value; invalid input is shown as such and not saved. */
  onChange: (ms: number) => void;
}

/** A delay in milliseconds, checked against the range the settings accept. */
/** The delay typed, or null when it is not a whole number of ms in range. */
export function parseDelay(text: string): number | null {
  const ms = Number(text);
  return text.trim() !== '' && Number.isInteger(ms) && ms >= DELAY_RANGE.min && ms <= DELAY_RANGE.max ? ms : null;
}

export function DelayField({ id, label, value, onChange }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const valid = parseDelay(text) !== null;
  const errorId = `${id}-error`;
  return (
    <>
      <label for={id}>{label}</label>
      <span>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={DELAY_RANGE.min}
          max={DELAY_RANGE.max}
          step={50}
          value={text}
          aria-invalid={valid ? 'false' : 'true'}
          aria-describedby={valid ? undefined : errorId}
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => {
            const ms = parseDelay(e.currentTarget.value);
            if (ms !== null && ms !== value) onChange(ms);
          }}
        />
        {!valid && (
          <span id={errorId} class="hint error">
            {t('optionsDelayInvalid', [String(DELAY_RANGE.min), String(DELAY_RANGE.max)])}
          </span>
        )}
      </span>
    </>
  );
}
