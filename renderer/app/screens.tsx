import type { ComponentType } from 'react';
import type { Screen, ScreenName } from './nav-store';
import { AttractScreen } from '../features/attract/AttractScreen';
import { StartScreen } from '../features/start/StartScreen';
import { HelpScreen } from '../features/help/HelpScreen';
import { WishScreen } from '../features/wish/WishScreen';
import { ClubsScreen } from '../features/clubs/ClubsScreen';
import { MerklisteScreen } from '../features/merkliste/MerklisteScreen';
import { OffersScreen } from '../features/offers/OffersScreen';
import { DetailScreen } from '../features/offers/DetailScreen';
import { WeekScreen } from '../features/week/WeekScreen';
import { MapScreen } from '../features/map/MapScreen';
import { StaffScreen } from '../features/staff/StaffScreen';

/** Props every screen gets. */
export interface ScreenProps {
  params: Record<string, string>;
}

/**
 * Screen registry: one line per screen, each feature replaces its own line with its component.
 * (Keep this file to imports + this table, so concurrent edits stay one-line changes.)
 */
export const SCREENS: Record<ScreenName, ComponentType<ScreenProps>> = {
  attract: AttractScreen,
  start: StartScreen,
  offers: OffersScreen,
  map: MapScreen,
  detail: DetailScreen,
  week: WeekScreen,
  wish: WishScreen,
  clubs: ClubsScreen,
  merkliste: MerklisteScreen,
  help: HelpScreen,
  staff: StaffScreen,
};

export function screenComponent(screen: Screen): ComponentType<ScreenProps> {
  return SCREENS[screen.name];
}
