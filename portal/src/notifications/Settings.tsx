import { useEffect, useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { NotificationEmail, NotificationKind } from "../gql/graphql";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { refusal } from "../errors";
import { chooseLanguage } from "../i18n";
import { NotificationSettingsQuery, UpdateNotificationSettingsMutation } from "./ops";

type Row = { kind: NotificationKind; inbox: boolean; email: NotificationEmail; push: boolean };

const EMAILS: NotificationEmail[] = ["OFF", "IMMEDIATE", "DIGEST"];

/** The portal's language for an API locale. */
function portalLanguage(locale: string): "en" | "zh" {
  return locale === "zh-CN" ? "zh" : "en";
}

/**
 * The viewer's settings: its language (which also switches the portal's),
 * the hour of its e-mail digest, and for each kind of notification its role
 * is sent, the inbox, e-mail and push.
 */
export function Settings() {
  const { t } = useTranslation();
  usePageTitle(t("settings.title"));
  const localeId = useId();
  const hourId = useId();
  const [{ data, error, fetching }, refetch] = useQuery({ query: NotificationSettingsQuery });
  const [saving, save] = useMutation(UpdateNotificationSettingsMutation);
  const [locale, setLocale] = useState("");
  const [hour, setHour] = useState(8);
  const [rows, setRows] = useState<Row[]>([]);
  const [saved, setSaved] = useState(false);
  const s = data?.notificationSettings;
  useEffect(() => {
    if (!s) return;
    setLocale(s.locale ?? "");
    setHour(s.digestHour);
    setRows(s.kinds.map((k) => ({ kind: k.kind, inbox: k.inbox, email: k.email, push: k.push })));
  }, [s]);

  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!s) return null;

  const change = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await save({ input: { locale, digestHour: hour, kinds: rows } });
    if (r.error) return;
    setSaved(true);
    const chosen = r.data?.updateNotificationSettings;
    chooseLanguage(portalLanguage(chosen?.locale ?? chosen?.defaultLocale ?? "en"));
  };

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title">{t("settings.title")}</h1>
      <p>
        <Link to="/settings/push" data-link="push-settings">
          {t("settings.pushLink")}
        </Link>
      </p>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor={localeId}>{t("settings.language")}</label>
          <select id={localeId} name="locale" value={locale} onChange={(e) => { setSaved(false); setLocale(e.target.value); }}>
            <option value="">{t("settings.languageDefault", { language: t(`settings.locale.${s.defaultLocale}`) })}</option>
            <option value="en">{t("settings.locale.en")}</option>
            <option value="zh-CN">{t("settings.locale.zh-CN")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={hourId}>{t("settings.digestHour")}</label>
          <select id={hourId} name="digestHour" value={hour} onChange={(e) => { setSaved(false); setHour(Number(e.target.value)); }}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, "0")}:00
              </option>
            ))}
          </select>
        </div>
        <div className="table-scroll">
          <table className="table settings-kinds">
            <caption>{t("settings.kinds")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("settings.kind")}</th>
                <th scope="col">{t("settings.inbox")}</th>
                <th scope="col">{t("settings.email")}</th>
                <th scope="col">{t("settings.push")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.kind} data-kind={r.kind}>
                  <th scope="row">{t(`notifications.kind.${r.kind}`)}</th>
                  <td data-label={t("settings.inbox")}>
                    <input type="checkbox" name={`inbox-${r.kind}`} aria-label={`${t(`notifications.kind.${r.kind}`)}: ${t("settings.inbox")}`} checked={r.inbox} onChange={(e) => change(i, { inbox: e.target.checked })} />
                  </td>
                  <td data-label={t("settings.email")}>
                    <select name={`email-${r.kind}`} aria-label={`${t(`notifications.kind.${r.kind}`)}: ${t("settings.email")}`} value={r.email} onChange={(e) => change(i, { email: e.target.value as NotificationEmail })}>
                      {EMAILS.map((m) => (
                        <option key={m} value={m}>
                          {t(`settings.emailMode.${m}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t("settings.push")}>
                    <input type="checkbox" name={`push-${r.kind}`} aria-label={`${t(`notifications.kind.${r.kind}`)}: ${t("settings.push")}`} checked={r.push} onChange={(e) => change(i, { push: e.target.checked })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {saving.error && <p className="error" role="alert">{refusal(t, saving.error)}</p>}
        <p role="status" className="saved" data-saved={saved ? "true" : "false"}>
          {saved ? t("settings.saved") : ""}
        </p>
        <button type="submit" className="button button-primary" data-action="save-settings" disabled={saving.fetching}>
          {t("settings.save")}
        </button>
      </form>
    </section>
  );
}
