export interface Option<V extends string> {
  value: V;
  label: string;
  /** A line under the label saying what the choice does. */
  hint?: string;
}

export interface Props<V extends string> {
  /** The fieldset's legend: what is being chosen. */
  legend: string;
  /** The radio buttons' shared name. */
  name: string;
  options: Option<V>[];
  value: V;
  onChange: (value: V) => void;
}

/** One setting with a few exclusive values, as native radio buttons (arrow keys move between them). */
export function RadioGroup<V extends string>({ legend, name, options, value, onChange }: Props<V>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          <span>
            {o.label}
            {o.hint && <span class="hint">{o.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
