import { lazy, type ComponentType } from 'react';
import type { Screen, ScreenName } from './nav-store';
import { AttractScreen } from '../features/attract/AttractScreen';
import { StartScreen } from '../features/start/StartScreen';
import { HelpScreen } from '../features/help/HelpScreen';
import { WishScreen } from '../features/wish/WishScreen';
import { MerklisteScreen } from '../features/merkliste/MerklisteScreen';
import { OffersScreen } from '../features/offers/OffersScreen';
import { DetailScreen } from '../features/offers/DetailScreen';
import { WeekScreen } from '../features/week/WeekScreen';

// Loaded on demand (issue 20): the map brings Leaflet and supercluster, the staff and club screens are rarely
// opened by visitors. App.tsx wraps screens in <Suspense>; the chunks come from local disk, so the wait is a frame.
const MapScreen = lazy(() => import('../features/map/MapScreen').then((m) => ({ default: m.MapScreen })));
const StaffScreen = lazy(() => import('../features/staff/StaffScreen').then((m) => ({ default: m.StaffScreen })));
const ClubsScreen = lazy(() => import('../features/clubs/ClubsScreen').then((m) => ({ default: m.ClubsScreen })));

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
