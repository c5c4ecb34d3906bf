import { useEffect, useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { AudiencePicker, audienceDraft, audienceError, audienceInput, everyone, onAudience, type AudienceDraft } from "../components/AudiencePicker";
import { describe, fieldOf, problemsOf } from "../errors";
import { basisPoints } from "../promotions/format";
import { localCategory, localName } from "../i18n/localName";

export const PromotionEditorOptionsQuery = graphql(`
  query PromotionEditorOptions {
    settings {
      today
    }
    products(first: 100, where: { active: true }, orderBy: { field: SKU }) {
      edges {
        node {
          id
          sku
          name
          nameZh
          category
          categoryZh
        }
      }
    }
  }
`);

export const PromotionQuery = graphql(`
  query Promotion($id: ID!) {
    node(id: $id) {
      __typename
      ... on Promotion {
        id
        name
        description
        discountBasisPoints
        minQuantity
        validFrom
        validTo
        stacks
        categories
        products {
          id
        }
        audience {
          ...AudienceFields
        }
      }
    }
  }
`);

export const CreatePromotionMutation = graphql(`
  mutation CreatePromotion($input: PromotionInput!) {
    createPromotion(input: $input) {
      id
    }
  }
`);

export const UpdatePromotionMutation = graphql(`
  mutation UpdatePromotion($id: ID!, $input: PromotionInput!) {
    updatePromotion(id: $id, input: $input) {
      id
    }
  }
`);

type Draft = {
  name: string;
  description: string;
  percent: string;
  minQuantity: string;
  validFrom: string;
  validTo: string;
  stacks: boolean;
  productIDs: string[];
  categories: string[];
  audience: AudienceDraft;
};

const emptyDraft: Draft = {
  name: "",
  description: "",
  percent: "",
  minQuantity: "",
  validFrom: "",
  validTo: "",
  stacks: false,
  productIDs: [],
  categories: [],
  audience: everyone,
};

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** A new promotion (/promotions/new) or a change to one (/promotions/:id/edit). */
export function PromotionEditor() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const editing = !!id;
  const navigate = useNavigate();
  usePageTitle(editing ? t("promotions.editTitle") : t("promotions.newTitle"));
  const ids = { name: useId(), description: useId(), percent: useId(), min: useId(), from: useId(), to: useId() };
  const [{ data: options, error: optionsError }] = useQuery({ query: PromotionEditorOptionsQuery });
  const [{ data: existing }] = useQuery({ query: PromotionQuery, variables: { id: id ?? "" }, pause: !editing });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [loaded, setLoaded] = useState(false);
  const [badPercent, setBadPercent] = useState(false);
  const [createState, create] = useMutation(CreatePromotionMutation);
  const [updateState, update] = useMutation(UpdatePromotionMutation);
  const state = editing ? updateState : createState;

  useEffect(() => {
    if (loaded) return;
    const p = existing?.node?.__typename === "Promotion" ? existing.node : null;
    if (editing && p) {
      setDraft({
        name: p.name,
        description: p.description,
        percent: String(p.discountBasisPoints / 100),
        minQuantity: p.minQuantity ? String(p.minQuantity) : "",
        validFrom: p.validFrom,
        validTo: p.validTo,
        stacks: p.stacks,
        productIDs: (p.products ?? []).map((x) => x.id),
        categories: p.categories ?? [],
        audience: audienceDraft(p.audience),
      });
      setLoaded(true);
    } else if (!editing && options) {
      setDraft((d) => ({ ...d, validFrom: options.settings.today, validTo: options.settings.today }));
      setLoaded(true);
    }
  }, [editing, existing, options, loaded]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const problems = problemsOf(state.error).map((p) => ({ ...p, name: fieldOf(p.field).name }));
  const fieldError = (name: string) =>
    problems.filter((p) => (p.code === "INVALID_INPUT" || p.code === "NOT_FOUND") && p.name === name).map((p) => describe(t, p, "promotions"))[0];
  const general = problems
    .filter((p) => !onAudience(p) && !((p.code === "INVALID_INPUT" || p.code === "NOT_FOUND") && p.field))
    .map((p) => describe(t, p, "promotions"));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const bp = basisPoints(draft.percent);
    setBadPercent(bp === null);
    if (bp === null) return;
    const input = {
      name: draft.name,
      description: draft.description || null,
      discountBasisPoints: bp,
      minQuantity: draft.minQuantity ? Number(draft.minQuantity) : null,
      validFrom: draft.validFrom,
      validTo: draft.validTo,
      stacks: draft.stacks,
      productIDs: draft.productIDs,
      categories: draft.categories,
      audience: audienceInput(draft.audience),
    };
    const r = editing ? await update({ id: id!, input }) : await create({ input });
    if (!r.error && r.data) navigate("/promotions");
  };

  if (optionsError && !options) return <ErrorMessage error={optionsError} />;
  if (!options || (editing && !loaded)) return <Loading />;
  const products = (options.products.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const categories = [...new Set(products.map((p) => p.category).filter(Boolean))].sort();
  // The category is the value sent; its name is shown in the reader's language.
  const categoryName = (c: string) => {
    const p = products.find((x) => x.category === c);
    return p ? localCategory(p, i18n.language) : c;
  };
  const err = (name: string) => {
    const m = fieldError(name);
    return m ? (
      <p className="field-error" role="alert">
        {m}
      </p>
    ) : null;
  };

  return (
    <section aria-labelledby="promotion-editor-title">
      <p className="back">
        <Link to="/promotions">← {t("promotions.back")}</Link>
      </p>
      <h1 id="promotion-editor-title">{editing ? t("promotions.editTitle") : t("promotions.newTitle")}</h1>
      <form className="form promotion-editor" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.name}>{t("promotions.name")}</label>
          <input id={ids.name} name="name" value={draft.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
          {err("name")}
        </div>
        <div className="field field-wide">
          <label htmlFor={ids.description}>{t("promotions.description")}</label>
          <textarea id={ids.description} name="description" rows={4} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
          {err("description")}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.percent}>{t("promotions.percentField")}</label>
            <input id={ids.percent} name="percent" inputMode="decimal" value={draft.percent} onChange={(e) => set({ percent: e.target.value })} />
            {badPercent && (
              <p className="field-error" role="alert">
                {t("promotions.field.discountBasisPoints")}
              </p>
            )}
            {err("discountBasisPoints")}
          </div>
          <div className="field">
            <label htmlFor={ids.min}>{t("promotions.minQuantityField")}</label>
            <input id={ids.min} name="minQuantity" type="number" min={1} step={1} value={draft.minQuantity} onChange={(e) => set({ minQuantity: e.target.value })} />
            {err("minQuantity")}
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.from}>{t("promotions.validFrom")}</label>
            <input id={ids.from} name="validFrom" type="date" value={draft.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />
            {err("validFrom")}
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t("promotions.validTo")}</label>
            <input id={ids.to} name="validTo" type="date" value={draft.validTo} onChange={(e) => set({ validTo: e.target.value })} />
            {err("validTo")}
          </div>
        </div>
        <label className="check">
          <input type="checkbox" name="stacks" checked={draft.stacks} onChange={(e) => set({ stacks: e.target.checked })} /> {t("promotions.stacksField")}
        </label>

        <fieldset className="promotion-covers">
          <legend>{t("promotions.covers")}</legend>
          <p className="muted">{t("promotions.coversHint")}</p>
          <fieldset>
            <legend>{t("promotions.categories")}</legend>
            {categories.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" data-category={c} checked={draft.categories.includes(c)} onChange={() => set({ categories: toggle(draft.categories, c) })} /> {categoryName(c)}
              </label>
            ))}
            {err("categories")}
          </fieldset>
          <fieldset>
            <legend>{t("promotions.products")}</legend>
            <div className="product-picks">
              {products.map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" data-product={p.sku} checked={draft.productIDs.includes(p.id)} onChange={() => set({ productIDs: toggle(draft.productIDs, p.id) })} />{" "}
                  <span className="mono">{p.sku}</span> {localName(p, i18n.language)}
                </label>
              ))}
            </div>
            {err("productIDs")}
          </fieldset>
        </fieldset>

        <AudiencePicker
          legend={t("promotions.audience")}
          value={draft.audience}
          onChange={(audience) => set({ audience })}
          error={audienceError(t, problems)}
        />
        {general.map((m, i) => (
          <p key={i} className="field-error" role="alert">
            {m}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" data-action="save-promotion" disabled={state.fetching}>
            {editing ? t("promotions.save") : t("promotions.publish")}
          </button>
        </p>
      </form>
    </section>
  );
}
