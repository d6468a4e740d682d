import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  theme: Theme;
  /** IANA zone, or '' for the browser's own. */
  timeZone: string;
  /** seconds between refetches of non-live data; 0 = never */
  refreshSeconds: number;
}

const DEFAULTS: Settings = { theme: 'system', timeZone: '', refreshSeconds: 30 };
const KEY = 'aiops.settings';

interface SettingsState extends Settings {
  update: (patch: Partial<Settings>) => void;
}

const SettingsContext = createContext<SettingsState>({ ...DEFAULTS, update: () => {} });

function load(): Settings {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return DEFAULTS;
  }
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(load);

  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(settings));
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = settings.theme === 'dark' || (settings.theme === 'system' && Boolean(media?.matches));
      document.documentElement.classList.toggle('dark', dark);
    };
    apply();
    media?.addEventListener?.('change', apply);
    return () => media?.removeEventListener?.('change', apply);
  }, [settings]);

  const value = useMemo(
    () => ({ ...settings, update: (patch: Partial<Settings>) => setSettings((s) => ({ ...s, ...patch })) }),
    [settings],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings() {
  return useContext(SettingsContext);
}

export function useFormatTime() {
  const { timeZone } = useSettings();
  return (iso: string | null | undefined) => {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(undefined, { timeZone: timeZone || undefined, hour12: false });
  };
}

/** refetchInterval for TanStack Query from the user's refresh setting. */
export function useRefetchInterval(): number | false {
  const { refreshSeconds } = useSettings();
  return refreshSeconds > 0 ? refreshSeconds * 1000 : false;
}
