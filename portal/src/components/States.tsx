import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import { describe, problemsOf } from "../errors";

// Loading, error and empty states, alike on every page.

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status">
      {t("state.loading")}
    </p>
  );
}

/** What went wrong, composed from the errors' codes and fields (DESIGN.md §7), and a retry. */
export function ErrorMessage({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const messages = [...new Set(problemsOf(error).map((p) => describe(t, p)))];
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{t("state.errorTitle")}</p>
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}
