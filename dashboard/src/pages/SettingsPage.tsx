import { Card, Field, inputClass } from '../components/ui';
import { useSettings, type Theme } from '../settings';

const ZONES = ['', 'UTC', 'Europe/Paris', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata'];

export default function SettingsPage() {
  const settings = useSettings();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <Card>
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Theme">
            <select className={inputClass} value={settings.theme} onChange={(e) => settings.update({ theme: e.target.value as Theme })}>
              <option value="system">Follow the system</option><option value="light">Light</option><option value="dark">Dark</option>
            </select>
          </Field>
          <Field label="Time zone">
            <select className={inputClass} value={settings.timeZone} onChange={(e) => settings.update({ timeZone: e.target.value })}>
              {ZONES.map((z) => <option key={z} value={z}>{z || 'Browser default'}</option>)}
            </select>
          </Field>
          <Field label="Refresh interval">
            <select className={inputClass} value={settings.refreshSeconds} onChange={(e) => settings.update({ refreshSeconds: Number(e.target.value) })}>
              <option value={0}>Live events only</option><option value={10}>10 s</option><option value={30}>30 s</option><option value={60}>1 min</option><option value={300}>5 min</option>
            </select>
          </Field>
        </div>
        <p className="mt-3 text-sm">Settings are kept in this browser.</p>
      </Card>
    </div>
  );
}
