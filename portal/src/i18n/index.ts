// The portal's languages: English and Simplified Chinese. The browser's
// language chooses at first; a choice made in the header is remembered.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zh from "./zh.json";

export const languages = [
  { code: "en", label: "English", htmlLang: "en" },
  { code: "zh", label: "中文", htmlLang: "zh-CN" },
] as const;

export type Language = (typeof languages)[number]["code"];

const STORAGE_KEY = "dealerline.language";

/** The language to start in: the remembered choice, else the browser's first supported one, else English. */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored === "en" || stored === "zh") return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "zh" || base === "en") return base;
  }
  return "en";
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Switches the language and remembers the choice. */
export function chooseLanguage(lng: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered; still switched
  }
  void i18n.changeLanguage(lng);
}

function markDocument(lng: string) {
  const lang = languages.find((l) => l.code === lng) ?? languages[0];
  document.documentElement.lang = lang.htmlLang;
}

i18n.on("languageChanged", markDocument);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: detectLanguage(stored(), navigator.languages ?? [navigator.language]),
  fallbackLng: "en",
  supportedLngs: ["en", "zh"],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});
markDocument(i18n.language);

export default i18n;
