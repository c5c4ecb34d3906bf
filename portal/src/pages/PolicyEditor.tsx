import { useEffect, useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { PolicyKind } from "../gql/graphql";
import { PolicyBody } from "../components/LazyMarkdown";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { audienceWords } from "../policy/audience";
import { POLICY_KINDS, } from "./Policies";
import { PolicyQuery } from "./PolicyDetail";
import { describe, fieldOf, problemsOf } from "../errors";

export const PolicyEditorOptionsQuery = graphql(`
  query PolicyEditorOptions {
    settings {
      today
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
  }
`);

export const PolicyDealerSearchQuery = graphql(`
  query PolicyDealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
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

type Named = { id: string; name: string };

type Draft = {
  kind: PolicyKind;
  title: string;
  body: string;
  effectiveFrom: string;
  effectiveTo: string;
  all: boolean;
  channels: Named[];
  tiers: number[];
  territories: Named[];
  dealers: Named[];
};

const emptyDraft: Draft = {
  kind: "GENERAL",
  title: "",
  body: "",
  effectiveFrom: "",
  effectiveTo: "",
  all: true,
  channels: [],
  tiers: [],
  territories: [],
  dealers: [],
};

function toggle<T>(list: T[], item: T, same: (a: T, b: T) => boolean): T[] {
  return list.some((x) => same(x, item)) ? list.filter((x) => !same(x, item)) : [...list, item];
}

/** A new policy, or the next version of one (/policies/:id/amend), with its audience and a preview. */
export function PolicyEditor() {
  const { t, i18n } = useTranslation();
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
    dealer: useId(),
  };
  const [{ data: options, error: optionsError }] = useQuery({ query: PolicyEditorOptionsQuery });
  const [{ data: existing }] = useQuery({ query: PolicyQuery, variables: { id: id ?? "" }, pause: !amending });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [loaded, setLoaded] = useState(false);
  const [material, setMaterial] = useState(true);
  const [preview, setPreview] = useState(false);
  const [q, setQ] = useState("");
  const [{ data: found }] = useQuery({ query: PolicyDealerSearchQuery, variables: { q }, pause: q.trim().length < 2 });
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
        all: p.audience.all,
        channels: p.audience.channels,
        tiers: p.audience.tiers,
        territories: p.audience.territories,
        dealers: p.audience.dealers,
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
  const onAudience = (p: { name: string }) => p.name.split(".")[0] === "audience";
  const fieldError = (name: string) =>
    problems.filter((p) => p.code === "INVALID_INPUT" && p.name === name).map((p) => describe(t, p))[0];
  const audienceError = problems
    .filter(onAudience)
    .map((p) =>
      p.code === "INVALID_INPUT"
        ? t("errors.field.audience")
        : p.code === "FORBIDDEN"
          ? t("policies.audienceForbidden")
          : p.code === "NOT_FOUND"
            ? t("policies.audienceNotFound")
            : describe(t, p),
    )[0];
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
      audience: draft.all
        ? { all: true }
        : {
            all: false,
            channelIDs: draft.channels.map((c) => c.id),
            tiers: draft.tiers,
            territoryIDs: draft.territories.map((x) => x.id),
            dealerIDs: draft.dealers.map((d) => d.id),
          },
    };
    const r = amending ? await amend({ id: id!, input, material }) : await publish({ input });
    const saved = r.data && ("amendPolicy" in r.data ? r.data.amendPolicy : "publishPolicy" in r.data ? r.data.publishPolicy : null);
    if (!r.error && saved) navigate(`/policies/${encodeURIComponent(saved.id)}`);
  };

  if (optionsError && !options) return <ErrorMessage error={optionsError} />;
  if (!options || (amending && !loaded)) return <Loading />;
  const channels = (options.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const territories = (options.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const candidates = (found?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const byId = (a: Named, b: Named) => a.id === b.id;
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

        <fieldset className="audience-picker">
          <legend>{t("policies.audience")}</legend>
          <label className="check">
            <input type="radio" name="audience-mode" value="all" checked={draft.all} onChange={() => set({ all: true })} />{" "}
            {t("audience.all")}
          </label>
          <label className="check">
            <input type="radio" name="audience-mode" value="choose" checked={!draft.all} onChange={() => set({ all: false })} />{" "}
            {t("policies.chooseAudience")}
          </label>
          {!draft.all && (
            <div className="audience-dimensions">
              <fieldset>
                <legend>{t("policies.channels")}</legend>
                {channels.map((c) => (
                  <label key={c.id} className="check">
                    <input
                      type="checkbox"
                      data-channel={c.name}
                      checked={draft.channels.some((x) => x.id === c.id)}
                      onChange={() => set({ channels: toggle(draft.channels, c, byId) })}
                    />{" "}
                    {c.name}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t("policies.tiers")}</legend>
                {[1, 2].map((n) => (
                  <label key={n} className="check">
                    <input
                      type="checkbox"
                      data-tier={n}
                      checked={draft.tiers.includes(n)}
                      onChange={() => set({ tiers: toggle(draft.tiers, n, (a, b) => a === b) })}
                    />{" "}
                    {t(`tier.${n}`)}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t("policies.territories")}</legend>
                {territories.map((x) => (
                  <label key={x.id} className="check">
                    <input
                      type="checkbox"
                      data-territory={x.name}
                      checked={draft.territories.some((y) => y.id === x.id)}
                      onChange={() => set({ territories: toggle(draft.territories, x, byId) })}
                    />{" "}
                    {x.name} <span className="muted">({x.region})</span>
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t("policies.namedDealers")}</legend>
                {draft.dealers.length > 0 && (
                  <ul className="chips">
                    {draft.dealers.map((d) => (
                      <li key={d.id}>
                        {d.name}{" "}
                        <button
                          type="button"
                          className="button button-quiet"
                          aria-label={t("policies.removeDealer", { name: d.name })}
                          onClick={() => set({ dealers: draft.dealers.filter((x) => x.id !== d.id) })}
                        >
                          ×
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                <label htmlFor={ids.dealer}>{t("policies.findDealer")}</label>
                <input id={ids.dealer} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
                {candidates.length > 0 && (
                  <ul className="links dealer-candidates">
                    {candidates
                      .filter((c) => !draft.dealers.some((d) => d.id === c.id))
                      .map((c) => (
                        <li key={c.id}>
                          <button
                            type="button"
                            className="button button-quiet"
                            data-dealer={c.name}
                            onClick={() => set({ dealers: [...draft.dealers, { id: c.id, name: c.name }] })}
                          >
                            + {c.name} <span className="muted mono">{c.code}</span>
                          </button>
                        </li>
                      ))}
                  </ul>
                )}
              </fieldset>
            </div>
          )}
          <p className="audience-summary">
            {t("policies.appliesTo")}{" "}
            <strong>{audienceWords(t, draft, i18n.language === "zh" ? "zh-CN" : "en")}</strong>
          </p>
          {audienceError && (
            <p className="field-error" role="alert">
              {audienceError}
            </p>
          )}
        </fieldset>

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
