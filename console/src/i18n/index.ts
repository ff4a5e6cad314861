// Japanese first (the default and the fallback), English second. The language is
// chosen in the header and kept in localStorage.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { ja } from "./ja";
import { en } from "./en";

export const LANGUAGES = ["ja", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

function saved(): Language {
  try {
    const v = localStorage.getItem("otodoke.lang");
    return v === "en" ? "en" : "ja";
  } catch {
    return "ja";
  }
}

const initial = saved();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initial,
  fallbackLng: "ja",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Language) {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem("otodoke.lang", lang);
  } catch {
    /* private mode */
  }
}

export default i18n;
