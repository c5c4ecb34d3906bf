import { useState } from "react";
import { useTranslation } from "react-i18next";

/** A signing secret, shown once, with a button that copies it. */
export function Secret({ secret }: { secret: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="card webhook-secret" role="status">
      <p>{t("webhooks.secretOnce")}</p>
      <p>
        <code data-secret>{secret}</code>
      </p>
      <button
        type="button"
        className="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? t("webhooks.copied") : t("webhooks.copy")}
      </button>
    </div>
  );
}
