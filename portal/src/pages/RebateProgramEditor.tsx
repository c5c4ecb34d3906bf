import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { PeriodKind, RebateTierMode } from "../gql/graphql";
import { usePageTitle } from "../components/usePageTitle";
import { describe, problemsOf, type Problem } from "../errors";
import { AudiencePicker, audienceError, audienceInput, everyone, type AudienceDraft } from "../components/AudiencePicker";
import { fieldPath, percentToBasisPoints, periodOf } from "../incentive/incentive";

export const RebateEditorOptionsQuery = graphql(`
  query RebateEditorOptions {
    settings {
      today
      currency
    }
    products(first: 100) {
      edges {
        node {
          id
          sku
          name
          category
        }
      }
    }
  }
`);

export const CreateRebateProgramMutation = graphql(`
  mutation CreateRebateProgram($input: RebateProgramInput!) {
    createRebateProgram(input: $input) {
      id
    }
  }
`);

const KINDS: PeriodKind[] = ["MONTH", "QUARTER", "YEAR"];
const MODES: RebateTierMode[] = ["RETROACTIVE", "INCREMENTAL"];

type TierDraft = { threshold: string; rate: string };

/** A new rebate program: who it is for, when it runs, what it covers and its ladder. Admins. */
export function RebateProgramEditor() {
  const { t } = useTranslation();
  usePageTitle(t("incentives.newProgramTitle"));
  const navigate = useNavigate();
  const ids = { name: useId(), description: useId(), kind: useId(), first: useId(), last: useId(), mode: useId(), product: useId() };
  const [{ data: options }] = useQuery({ query: RebateEditorOptionsQuery });
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [audience, setAudience] = useState<AudienceDraft>(everyone);
  const [kind, setKind] = useState<PeriodKind>("QUARTER");
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const [mode, setMode] = useState<RebateTierMode>("RETROACTIVE");
  const [productIDs, setProductIDs] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [productQ, setProductQ] = useState("");
  const [tiers, setTiers] = useState<TierDraft[]>([{ threshold: "0", rate: "" }]);
  const [localRate, setLocalRate] = useState<number[]>([]);
  const [state, create] = useMutation(CreateRebateProgramMutation);

  const today = options?.settings.today;
  const firstValue = first || (today ? periodOf(kind, today) : "");
  const products = (options?.products.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const allCategories = [...new Set(products.map((p) => p.category))].sort();
  const q = productQ.trim().toLowerCase();
  const matches = q.length < 2 ? [] : products.filter((p) => !productIDs.includes(p.id) && (p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q))).slice(0, 8);

  // Each refusal next to its field; a tier's next to its row.
  const problems = problemsOf(state.error).map((p) => ({ ...p, at: fieldPath(p.field) }));
  const message = (p: Problem & { at: ReturnType<typeof fieldPath> }) => {
    if (p.code !== "INVALID_INPUT" || !p.field) return describe(t, p, "incentives.refused");
    if (p.at.root === "tiers" && p.at.index !== undefined) return t([`incentives.refused.tierField.${p.at.leaf ?? "threshold"}`, "errors.field.other"]);
    return t([`incentives.refused.field.${p.at.root}`, `errors.field.${p.at.root}`, "errors.field.other"], { field: p.at.root });
  };
  const on = (root: string) => problems.filter((p) => p.field && p.at.root === root).map(message)[0];
  const onTier = (i: number, leaf: string) =>
    problems.filter((p) => p.at.root === "tiers" && p.at.index === i && (p.at.leaf ?? "threshold") === leaf).map(message)[0];
  const shown = ["name", "description", "audience", "periodKind", "firstPeriod", "lastPeriod", "categories", "productIDs", "tiers", "tierMode"];
  const general = problems.filter((p) => !p.field || !shown.includes(p.at.root)).map(message);
  const err = (m: string | undefined) =>
    m ? (
      <p className="field-error" role="alert">
        {m}
      </p>
    ) : null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const rates = tiers.map((x) => percentToBasisPoints(x.rate));
    const bad = rates.flatMap((r, i) => (r === null ? [i] : []));
    setLocalRate(bad);
    if (bad.length) return;
    const input = {
      name,
      description: description || null,
      audience: audienceInput(audience),
      periodKind: kind,
      firstPeriod: firstValue,
      lastPeriod: last.trim() || null,
      productIDs: productIDs.length ? productIDs : null,
      categories: categories.length ? categories : null,
      tiers: tiers.map((x, i) => ({ threshold: x.threshold.trim(), rateBasisPoints: rates[i]! })),
      tierMode: mode,
    };
    const r = await create({ input });
    if (!r.error && r.data) navigate(`/rebates/${encodeURIComponent(r.data.createRebateProgram.id)}`);
  };

  const setTier = (i: number, patch: Partial<TierDraft>) => setTiers((ts) => ts.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const productName = (id: string) => products.find((p) => p.id === id)?.name ?? id;

  return (
    <section aria-labelledby="program-editor-title">
      <p className="back">
        <Link to="/rebates">← {t("incentives.backToPrograms")}</Link>
      </p>
      <h1 id="program-editor-title">{t("incentives.newProgramTitle")}</h1>
      <form className="form program-editor" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.name}>{t("incentives.name")}</label>
          <input id={ids.name} name="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          {err(on("name"))}
        </div>
        <div className="field field-wide">
          <label htmlFor={ids.description}>{t("incentives.description")}</label>
          <textarea id={ids.description} name="description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
          {err(on("description"))}
        </div>
        <AudiencePicker value={audience} onChange={setAudience} error={audienceError(t, problems, t("incentives.refused.field.audience"))} />
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.kind}>{t("incentives.periodKindField")}</label>
            <select id={ids.kind} name="periodKind" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`incentives.periodKind.${k}`)}
                </option>
              ))}
            </select>
            {err(on("periodKind"))}
          </div>
          <div className="field">
            <label htmlFor={ids.first}>{t("incentives.firstPeriod")}</label>
            <input id={ids.first} name="firstPeriod" value={firstValue} placeholder={t(`incentives.periodExample.${kind}`)} onChange={(e) => setFirst(e.target.value)} />
            {err(on("firstPeriod"))}
          </div>
          <div className="field">
            <label htmlFor={ids.last}>{t("incentives.lastPeriod")}</label>
            <input id={ids.last} name="lastPeriod" value={last} placeholder={t("incentives.untilEnded")} onChange={(e) => setLast(e.target.value)} />
            {err(on("lastPeriod"))}
          </div>
        </div>
        <fieldset className="program-coverage">
          <legend>{t("incentives.coverage")}</legend>
          <p className="muted">{t("incentives.coverageHint")}</p>
          <fieldset>
            <legend>{t("incentives.categories")}</legend>
            {allCategories.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  data-category={c}
                  checked={categories.includes(c)}
                  onChange={() => setCategories((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]))}
                />{" "}
                {c}
              </label>
            ))}
            {err(on("categories"))}
          </fieldset>
          <fieldset>
            <legend>{t("incentives.products")}</legend>
            {productIDs.length > 0 && (
              <ul className="chips">
                {productIDs.map((id) => (
                  <li key={id}>
                    {productName(id)}{" "}
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t("incentives.remove", { name: productName(id) })}
                      onClick={() => setProductIDs((ps) => ps.filter((x) => x !== id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label htmlFor={ids.product}>{t("incentives.findProduct")}</label>
            <input id={ids.product} type="search" value={productQ} onChange={(e) => setProductQ(e.target.value)} />
            {matches.length > 0 && (
              <ul className="links product-candidates">
                {matches.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="button button-quiet" data-product={p.sku} onClick={() => setProductIDs((ps) => [...ps, p.id])}>
                      + {p.name} <span className="muted mono">{p.sku}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {err(on("productIDs"))}
          </fieldset>
        </fieldset>
        <fieldset className="tiers-editor">
          <legend>{t("incentives.tiersField")}</legend>
          <p className="muted">{t("incentives.tiersHint", { currency: options?.settings.currency ?? "" })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("incentives.threshold")}</th>
                <th scope="col">{t("incentives.ratePercent")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("incentives.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((x, i) => (
                <tr key={i} data-tier-row={i}>
                  <td data-label={t("incentives.threshold")}>
                    <input
                      name={`tiers.${i}.threshold`}
                      inputMode="decimal"
                      aria-label={t("incentives.tierThreshold", { n: i + 1 })}
                      value={x.threshold}
                      onChange={(e) => setTier(i, { threshold: e.target.value })}
                    />
                    {err(onTier(i, "threshold"))}
                  </td>
                  <td data-label={t("incentives.ratePercent")}>
                    <input
                      name={`tiers.${i}.rate`}
                      inputMode="decimal"
                      aria-label={t("incentives.tierRate", { n: i + 1 })}
                      value={x.rate}
                      onChange={(e) => setTier(i, { rate: e.target.value })}
                    />
                    {localRate.includes(i) ? err(t("incentives.rateFormat")) : err(onTier(i, "rateBasisPoints"))}
                  </td>
                  <td>
                    {tiers.length > 1 && (
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={t("incentives.removeTier", { n: i + 1 })}
                        onClick={() => setTiers((ts) => ts.filter((_, j) => j !== i))}
                      >
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {err(problems.filter((p) => p.at.root === "tiers" && p.at.index === undefined).map(message)[0])}
          <p>
            <button type="button" className="button" data-action="add-tier" onClick={() => setTiers((ts) => [...ts, { threshold: "", rate: "" }])}>
              {t("incentives.addTier")}
            </button>
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.mode}>{t("incentives.tierModeField")}</label>
          <select id={ids.mode} name="tierMode" value={mode} onChange={(e) => setMode(e.target.value as RebateTierMode)}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`incentives.tierMode.${m}`)}
              </option>
            ))}
          </select>
          <p className="muted">{t(`incentives.tierModeHint.${mode}`)}</p>
          {err(on("tierMode"))}
        </div>
        {general.map((m, i) => (
          <p key={i} className="field-error" role="alert">
            {m}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" data-action="create" disabled={state.fetching}>
            {t("incentives.create")}
          </button>
        </p>
      </form>
    </section>
  );
}
