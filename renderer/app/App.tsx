import { useTranslation } from 'react-i18next';

/** Shell: fixed bar, current screen, idle handling. (Filled in by the UI work.) */
export function App() {
  const { t } = useTranslation();
  return <main><h1>{t('appName')}</h1></main>;
}
