import type { ComponentType } from 'react';
import type { Screen, ScreenName } from './nav-store';

/** Props every screen gets. */
export interface ScreenProps {
  params: Record<string, string>;
}

/** Shown until a feature registers its screen below. */
function NotYetBuilt({ params: _params }: ScreenProps) {
  return null;
}

/**
 * Screen registry: one line per screen, each feature replaces its own line with its component.
 * (Keep this file to imports + this table, so concurrent edits stay one-line changes.)
 */
export const SCREENS: Record<ScreenName, ComponentType<ScreenProps>> = {
  attract: NotYetBuilt,
  start: NotYetBuilt,
  offers: NotYetBuilt,
  map: NotYetBuilt,
  detail: NotYetBuilt,
  week: NotYetBuilt,
  wish: NotYetBuilt,
  clubs: NotYetBuilt,
  merkliste: NotYetBuilt,
  help: NotYetBuilt,
  staff: NotYetBuilt,
};

export function screenComponent(screen: Screen): ComponentType<ScreenProps> {
  return SCREENS[screen.name];
}
