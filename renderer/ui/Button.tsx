import { forwardRef, useState, type ReactNode, type MouseEvent } from 'react';
import { Icon, type IconName } from './Icon';
import { acceptKeyTap, acceptTap, noteTap } from './tap-guard';

export interface ButtonProps {
  children: ReactNode;
  onPress?: () => void;
  /** primary: the main action of a screen (≥ 96 px high); big: large secondary; plain: ≥ 72 px. */
  variant?: 'primary' | 'big' | 'plain';
  icon?: IconName;
  /** Shown disabled (still focusable and readable) — pair with `disabledReason` so people know why. */
  disabled?: boolean;
  /** Visible text under the button that says why it cannot be used right now. */
  disabledReason?: string;
  /** Extra class names for layout (e.g. 'toggle', 'bar-btn'). */
  className?: string;
  ariaLabel?: string;
  ariaPressed?: boolean;
  ariaExpanded?: boolean;
  ariaControls?: string;
  ariaDescribedBy?: string;
  testId?: string;
  /** Ignore accidental double taps (default). Keys of the on-screen keyboard turn this off. */
  guard?: boolean;
  /** A key of the on-screen keyboard: never dropped by the double-tap guard, only a bounce on the same key (tap-guard.ts). */
  keyId?: string;
}

let reasonSeq = 0;

/**
 * The one button of the kiosk: a real <button>, visible pressed state on pointer-down (well under 100 ms),
 * accidental double taps ignored, disabled state that stays readable and explains itself.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    children,
    onPress,
    variant = 'plain',
    icon,
    disabled = false,
    disabledReason,
    className,
    ariaLabel,
    ariaPressed,
    ariaExpanded,
    ariaControls,
    ariaDescribedBy,
    testId,
    guard = true,
    keyId,
  },
  ref,
) {
  const [pressed, setPressed] = useState(false);
  const [reasonId] = useState(() => `btn-reason-${++reasonSeq}`);
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    if (disabled) return;
    // e.detail === 0: activated by keyboard, not by a pointer.
    const pointer = e.detail > 0;
    const x = pointer ? e.clientX : null;
    const y = pointer ? e.clientY : null;
    if (keyId !== undefined) {
      if (!acceptKeyTap(keyId, x, y)) return;
    } else if (!guard) noteTap(x, y);
    else if (!acceptTap(x, y)) return;
    onPress?.();
  };
  const classes = ['btn', variant === 'primary' ? 'btn-primary' : variant === 'big' ? 'btn-big' : '', icon ? 'btn-icon' : '', pressed ? 'is-pressed' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  const describedBy = [disabled && disabledReason ? reasonId : null, ariaDescribedBy].filter(Boolean).join(' ') || undefined;
  const button = (
    <button
      ref={ref}
      type="button"
      className={classes}
      onClick={onClick}
      onPointerDown={() => setPressed(true)}
      onPointerUp={() => setPressed(false)}
      onPointerLeave={() => setPressed(false)}
      onPointerCancel={() => setPressed(false)}
      aria-disabled={disabled || undefined}
      aria-label={ariaLabel}
      aria-pressed={ariaPressed}
      aria-expanded={ariaExpanded}
      aria-controls={ariaControls}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      {icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
  if (disabled && disabledReason) {
    return (
      <span className="btn-with-reason">
        {button}
        <span id={reasonId} className="disabled-reason">
          {disabledReason}
        </span>
      </span>
    );
  }
  return button;
});
