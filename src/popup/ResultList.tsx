import type { ComponentChild } from 'preact';

/** One thing the user can choose in the popup's list. */
export interface Choice {
  /** A unique, stable element id (used for aria-activedescendant). */
  id: string;
  content: ComponentChild;
  choose: () => void;
}

export interface ChoiceGroup {
  key: string;
  label: string;
  choices: Choice[];
}

export interface Props {
  /** The listbox's element id, which the search box controls. */
  id: string;
  /** Accessible name of the list. */
  label: string;
  groups: ChoiceGroup[];
  /** The option the arrow keys are on, if any. */
  activeId: string | null;
}

/**
 * The popup's results: one listbox of labelled groups. Focus stays in the search box, which
 * points at the active option with aria-activedescendant (the ARIA combobox pattern).
 */
export function ResultList({ id, label, groups, activeId }: Props) {
  return (
    <div id={id} role="listbox" aria-label={label} class="results">
      {groups.map((group) => (
        <ul key={group.key} role="group" aria-labelledby={`${id}-${group.key}`}>
          <li id={`${id}-${group.key}`} role="presentation" class="group-label">
            {group.label}
          </li>
          {group.choices.map((choice) => (
            <li
              key={choice.id}
              id={choice.id}
              role="option"
              aria-selected={choice.id === activeId ? 'true' : 'false'}
              class="option"
              // Keep focus in the search box; the click still chooses.
              onMouseDown={(e) => e.preventDefault()}
              onClick={choice.choose}
            >
              {choice.content}
            </li>
          ))}
        </ul>
      ))}
    </div>
  );
}
