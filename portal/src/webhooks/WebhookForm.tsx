import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { describe, problemsOf } from "../errors";
import { webhookKinds } from "./ops";

export type WebhookKind = (typeof webhookKinds)[number];
export type WebhookFields = { url: string; description: string; eventKinds: WebhookKind[] };

type Props = {
  title: string;
  submitLabel: string;
  initial?: WebhookFields;
  busy: boolean;
  /** Sends the fields; answers the refusal, if any, shown by field. */
  onSubmit: (input: WebhookFields) => Promise<CombinedError | undefined>;
  /** After a submission the server took. */
  onDone?: () => void;
  onCancel?: () => void;
  children?: React.ReactNode;
};

const empty: WebhookFields = { url: "", description: "", eventKinds: [] };

/** An endpoint's URL, kinds and description: registering one, or changing one. */
export function WebhookForm({ title, submitLabel, initial = empty, busy, onSubmit, onDone, onCancel, children }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [kinds, setKinds] = useState<WebhookKind[]>(initial.eventKinds);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const err = await onSubmit({ url: url.trim(), description, eventKinds: kinds });
    if (err) {
      const byField: Record<string, string> = {};
      for (const p of problemsOf(err)) {
        const field = p.field.replace(/^input\./, "") || "form";
        byField[field] = byField[field] || describe(t, p, "webhooks.refused");
      }
      setProblems(byField);
      return;
    }
    setProblems({});
    if (initial === empty) {
      setUrl("");
      setDescription("");
      setKinds([]);
    }
    onDone?.();
  };

  const problem = (field: string) =>
    problems[field] && (
      <p className="field-error" role="alert">
        {problems[field]}
      </p>
    );

  return (
    <form className="card webhook-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t("webhooks.url")}</label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://erp.example.com/hooks/dealerline"
          value={url}
          aria-invalid={!!problems.url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {problem("url")}
      </div>
      <fieldset className="field">
        <legend>{t("webhooks.kinds")}</legend>
        {webhookKinds.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              name="eventKinds"
              value={k}
              checked={kinds.includes(k)}
              onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))}
            />{" "}
            {t(`webhooks.kind.${k}`)}
          </label>
        ))}
        {problem("eventKinds")}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t("webhooks.description")}</label>
        <input
          id={`${id}-description`}
          name="description"
          maxLength={500}
          value={description}
          aria-invalid={!!problems.description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {problem("description")}
      </div>
      {problem("form")}
      <div className="inline-form">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("webhooks.cancel")}
          </button>
        )}
      </div>
      {children}
    </form>
  );
}
