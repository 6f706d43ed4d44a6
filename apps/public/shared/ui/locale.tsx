/**
 * The apps speak Chinese (zh-CN, the convention of government software) with an English switch: antd's
 * own texts follow its locale; the apps' labels go through {@link useText}. The choice is kept per browser.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/** The two languages of the apps. */
export type Language = 'zh' | 'en';

const STORAGE_KEY = 'onego.language';

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState>({ language: 'zh', setLanguage: () => undefined });

function storedLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** antd's ConfigProvider in the chosen locale (and dayjs with it), with the language in context. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const state = useMemo<LanguageState>(
    () => ({
      language,
      setLanguage(next) {
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private mode: the switch still works for this page.
        }
        setLanguageState(next);
      },
    }),
    [language],
  );
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return (
    <LanguageContext.Provider value={state}>
      <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#0b5cad' } }} button={{ autoInsertSpace: false }}>
        {children}
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}

/** The current language and its setter. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** `t(zh, en)`: the label in the current language (Chinese is the source text, English its translation). */
export function useText(): (zh: string, en: string) => string {
  const { language } = useLanguage();
  return (zh, en) => (language === 'zh' ? zh : en);
}
