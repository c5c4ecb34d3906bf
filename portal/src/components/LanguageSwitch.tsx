import { useTranslation } from "react-i18next";
import { chooseLanguage, languages } from "../i18n";

/** The two languages as a pair of toggle buttons, each named in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language" role="group" aria-label={t("app.language")}>
      {languages.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.htmlLang}
          className="language-option"
          aria-pressed={i18n.resolvedLanguage === l.code}
          onClick={() => chooseLanguage(l.code)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
