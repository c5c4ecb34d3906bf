import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { AnnouncementCategory } from "../gql/graphql";
import { PolicyBody } from "../components/LazyMarkdown";
import { usePageTitle } from "../components/usePageTitle";
import { AudiencePicker, audienceError, everyone, onAudience, type AudienceDraft } from "../components/AudiencePicker";
import { describe, fieldOf, problemsOf } from "../errors";
import { useViewer } from "../auth/viewer";
import { NotFound } from "../pages/NotFound";

export const ANNOUNCEMENT_CATEGORIES: AnnouncementCategory[] = ["NEWS", "MARKET", "PROMOTION", "OPERATIONS"];

export const PublishAnnouncementMutation = graphql(`
  mutation PublishAnnouncement($input: PublishAnnouncementInput!) {
    publishAnnouncement(input: $input) {
      id
      title
    }
  }
`);

/**
 * An announcement's audience as the API takes it: channels, tiers and
 * territories (every one given must match); none is every dealer. Single
 * dealers are not an announcement's audience.
 */
export function announcementAudience(a: AudienceDraft) {
  if (a.all) return {};
  return {
    channelIDs: a.channels.map((c) => c.id),
    tiers: a.tiers,
    territoryIDs: a.territories.map((x) => x.id),
  };
}

/** Staff write an announcement in Markdown, preview it, and publish it to an audience. */
export function AnnouncementPublish() {
  const { t } = useTranslation();
  usePageTitle(t("inbox.publishTitle"));
  const navigate = useNavigate();
  const ids = { title: useId(), body: useId(), category: useId() };
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [category, setCategory] = useState<AnnouncementCategory>("NEWS");
  const [pinned, setPinned] = useState(false);
  const [audience, setAudience] = useState<AudienceDraft>(everyone);
  const [preview, setPreview] = useState(false);
  const [state, publish] = useMutation(PublishAnnouncementMutation);
  const [local, setLocal] = useState<string | null>(null);
  const problems = problemsOf(state.error);
  const on = (name: string) => problems.find((p) => fieldOf(p.field).name === `input.${name}` || fieldOf(p.field).name === name);
  const err = (name: string) => {
    const p = on(name);
    return p ? <p className="field-error">{describe(t, p)}</p> : null;
  };
  const general = problems.filter((p) => !["title", "body", "category"].some((n) => on(n) === p) && !onAudience(p)).map((p) => describe(t, p));
  const dealersChosen = !audience.all && audience.dealers.length > 0;
  const [{ data: viewer }] = useViewer();
  if (viewer?.me.role === "DEALER") return <NotFound />;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !body.trim()) {
      setLocal(t("inbox.titleAndBody"));
      return;
    }
    if (dealersChosen) {
      setLocal(t("inbox.noDealers"));
      return;
    }
    setLocal(null);
    const r = await publish({ input: { title: title.trim(), body, category, pinned, ...announcementAudience(audience) } });
    if (r.data?.publishAnnouncement) navigate("/announcements");
  };

  return (
    <section aria-labelledby="publish-title">
      <p>
        <Link to="/announcements">← {t("inbox.title")}</Link>
      </p>
      <h1 id="publish-title">{t("inbox.publishTitle")}</h1>
      <form className="form announcement-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.title}>{t("inbox.titleField")}</label>
          <input id={ids.title} name="title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          {err("title")}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.category}>{t("inbox.categoryField")}</label>
            <select id={ids.category} name="category" value={category} onChange={(e) => setCategory(e.target.value as AnnouncementCategory)}>
              {ANNOUNCEMENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`announcementCategory.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" name="pinned" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> {t("inbox.pinnedField")}
          </label>
        </div>
        <div className="field field-wide">
          <div className="tabs" role="group" aria-label={t("inbox.bodyField")}>
            <button type="button" className={`button${preview ? "" : " button-primary"}`} aria-pressed={!preview} onClick={() => setPreview(false)}>
              {t("inbox.write")}
            </button>
            <button
              type="button"
              className={`button${preview ? " button-primary" : ""}`}
              aria-pressed={preview}
              onClick={() => setPreview(true)}
              data-action="preview"
            >
              {t("inbox.preview")}
            </button>
          </div>
          <label htmlFor={ids.body}>{t("inbox.bodyField")}</label>
          {preview ? (
            <div className="preview" id={ids.body}>
              {body.trim() ? <PolicyBody source={body} /> : <p className="muted">{t("inbox.nothingToPreview")}</p>}
            </div>
          ) : (
            <textarea id={ids.body} name="body" rows={10} maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)} />
          )}
          <p className="muted">{t("inbox.markdownHint")}</p>
          {err("body")}
        </div>
        <AudiencePicker value={audience} onChange={setAudience} error={audienceError(t, problems)} />
        {dealersChosen && <p className="field-error">{t("inbox.noDealers")}</p>}
        {[local, ...general].filter(Boolean).map((m, i) => (
          <p key={i} className="field-error" role="alert">
            {m}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" data-action="publish" disabled={state.fetching}>
            {t("inbox.publishSubmit")}
          </button>
        </p>
      </form>
    </section>
  );
}
