import { Button } from './Button';
import { Icon } from './Icon';

export interface ToggleProps {
  label: string;
  on: boolean;
  onChange: (on: boolean) => void;
  /** How many offers would match with this toggle on; shown as a number, 0 is shown too. */
  count?: number;
  /** Accessible wording for the count, e.g. "12 Angebote". */
  countLabel?: string;
  testId?: string;
}

/**
 * A big on/off switch: a box with a check mark (state is never shown by colour alone), the label,
 * and the number of matching offers.
 */
export function Toggle({ label, on, onChange, count, countLabel, testId }: ToggleProps) {
  return (
    <Button className="toggle" ariaPressed={on} onPress={() => onChange(!on)} testId={testId}>
      <span className="toggle-box" aria-hidden="true">
        {on ? <Icon name="check" /> : null}
      </span>
      <span className="toggle-text">{label}</span>
      {count !== undefined ? (
        <span className="toggle-count">
          <span aria-hidden="true">{count}</span>
          <span className="visually-hidden">{countLabel ?? String(count)}</span>
        </span>
      ) : null}
    </Button>
  );
}
