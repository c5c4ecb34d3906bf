import { useEffect, useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { PolicyKind } from "../gql/graphql";
import { PolicyBody } from "../components/LazyMarkdown";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { AudiencePicker, audienceDraft, audienceError, audienceInput, everyone, onAudience, type AudienceDraft } from "../components/AudiencePicker";
import { POLICY_KINDS, } from "./Policies";
import { PolicyQuery } from "./PolicyDetail";
import { describe, fieldOf, problemsOf } from "../errors";

export const PolicyEditorOptionsQuery = graphql(`
  query PolicyEditorOptions {
    settings {
      today
    }
  }
`);

export const PublishPolicyMutation = graphql(`
  mutation PublishPolicy($input: PublishPolicyInput!) {
    publishPolicy(input: $input) {
      id
    }
  }
`);

export const AmendPolicyMutation = graphql(`
  mutation AmendPolicy($id: ID!, $input: PublishPolicyInput!, $material: Boolean!) {
    amendPolicy(id: $id, input: $input, material: $material) {
      id
      version
    }
  }
`);

type Draft = {
  kind: PolicyKind;
  title: string;
  body: string;
  effectiveFrom: string;
  effectiveTo: string;
  audience: AudienceDraft;
};

const emptyDraft: Draft = {
  kind: "GENERAL",
  title: "",
  body: "",
  effectiveFrom: "",
  effectiveTo: "",
  audience: everyone,
};

/** A new policy, or the next version of one (/policies/:id/amend), with its audience and a preview. */
export function PolicyEditor() {
  const { t } = useTranslation();
  const { id } = useParams();
  const amending = !!id;
  const navigate = useNavigate();
  usePageTitle(amending ? t("policies.amendTitle") : t("policies.newTitle"));
  const ids = {
    kind: useId(),
    title: useId(),
    body: useId(),
    from: useId(),
    to: useId(),
  };
  const [{ data: options, error: optionsError }] = useQuery({ query: PolicyEditorOptionsQuery });
  const [{ data: existing }] = useQuery({ query: PolicyQuery, variables: { id: id ?? "" }, pause: !amending });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [loaded, setLoaded] = useState(false);
  const [material, setMaterial] = useState(true);
  const [preview, setPreview] = useState(false);
  const [publishState, publish] = useMutation(PublishPolicyMutation);
  const [amendState, amend] = useMutation(AmendPolicyMutation);
  const state = amending ? amendState : publishState;

  // Start from today, or from the version being amended.
  useEffect(() => {
    if (loaded) return;
    const p = existing?.node?.__typename === "ChannelPolicy" ? existing.node : null;
    if (amending && p) {
      setDraft({
        kind: p.kind,
        title: p.title,
        body: p.body,
        effectiveFrom: p.effectiveFrom,
        effectiveTo: p.effectiveTo ?? "",
        audience: audienceDraft(p.audience),
      });
      setLoaded(true);
    } else if (!amending && options) {
      setDraft((d) => ({ ...d, effectiveFrom: options.settings.today }));
      setLoaded(true);
    }
  }, [amending, existing, options, loaded]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Each refusal next to what it is about: the audience, a field, or the form.
  const problems = problemsOf(state.error).map((p) => ({ ...p, name: fieldOf(p.field).name }));
  const fieldError = (name: string) =>
    problems.filter((p) => p.code === "INVALID_INPUT" && p.name === name).map((p) => describe(t, p))[0];
  const general = problems
    .filter((p) => !onAudience(p) && !(p.code === "INVALID_INPUT" && p.field))
    .map((p) => describe(t, p, "policies.refused"));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = {
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      effectiveFrom: draft.effectiveFrom,
      effectiveTo: draft.effectiveTo || null,
      audience: audienceInput(draft.audience),
    };
    const r = amending ? await amend({ id: id!, input, material }) : await publish({ input });
    const saved = r.data && ("amendPolicy" in r.data ? r.data.amendPolicy : "publishPolicy" in r.data ? r.data.publishPolicy : null);
    if (!r.error && saved) navigate(`/policies/${encodeURIComponent(saved.id)}`);
  };

  if (optionsError && !options) return <ErrorMessage error={optionsError} />;
  if (!options || (amending && !loaded)) return <Loading />;
  const err = (name: string) => {
    const m = fieldError(name);
    return m ? (
      <p className="field-error" role="alert">
        {m}
      </p>
    ) : null;
  };

  return (
    <section aria-labelledby="editor-title">
      <p className="back">
        <Link to={amending ? `/policies/${encodeURIComponent(id!)}` : "/policies"}>← {t("policies.back")}</Link>
      </p>
      <h1 id="editor-title">{amending ? t("policies.amendTitle") : t("policies.newTitle")}</h1>
      <form className="form policy-editor" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.kind}>{t("policies.kind")}</label>
          <select id={ids.kind} name="kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as PolicyKind })}>
            {POLICY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`policyKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.title}>{t("policies.titleField")}</label>
          <input id={ids.title} name="title" value={draft.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
          {err("title")}
        </div>
        <div className="field field-wide">
          <div className="tabs" role="group" aria-label={t("policies.body")}>
            <button type="button" className={`button${preview ? "" : " button-primary"}`} aria-pressed={!preview} onClick={() => setPreview(false)}>
              {t("policies.write")}
            </button>
            <button type="button" className={`button${preview ? " button-primary" : ""}`} aria-pressed={preview} onClick={() => setPreview(true)} data-action="preview">
              {t("policies.preview")}
            </button>
          </div>
          <label htmlFor={ids.body}>{t("policies.bodyField")}</label>
          {preview ? (
            <div className="preview" id={ids.body}>
              {draft.body.trim() ? <PolicyBody source={draft.body} /> : <p className="muted">{t("policies.nothingToPreview")}</p>}
            </div>
          ) : (
            <textarea id={ids.body} name="body" rows={12} value={draft.body} onChange={(e) => set({ body: e.target.value })} />
          )}
          <p className="muted">{t("policies.markdownHint")}</p>
          {err("body")}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.from}>{t("policies.effectiveFromField")}</label>
            <input id={ids.from} name="effectiveFrom" type="date" value={draft.effectiveFrom} onChange={(e) => set({ effectiveFrom: e.target.value })} />
            {err("effectiveFrom")}
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t("policies.effectiveToField")}</label>
            <input id={ids.to} name="effectiveTo" type="date" value={draft.effectiveTo} onChange={(e) => set({ effectiveTo: e.target.value })} />
            {err("effectiveTo")}
          </div>
        </div>

        <AudiencePicker value={draft.audience} onChange={(audience) => set({ audience })} error={audienceError(t, problems)} />

        {amending && (
          <label className="check">
            <input type="checkbox" name="material" checked={material} onChange={(e) => setMaterial(e.target.checked)} />{" "}
            {t("policies.materialField")}
          </label>
        )}
        {general.map((m, i) => (
          <p key={i} className="field-error" role="alert">
            {m}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" data-action="publish" disabled={state.fetching}>
            {amending ? t("policies.publishAmendment") : t("policies.publish")}
          </button>
        </p>
      </form>
    </section>
  );
}
