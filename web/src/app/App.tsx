import { HealthCard } from '../features/health/components/HealthCard';
import { I18nProvider } from '../i18n/i18n';
import { Shell } from './Shell';

export function App() {
  return (
    <I18nProvider>
      <Shell>
        <HealthCard />
      </Shell>
    </I18nProvider>
  );
}
