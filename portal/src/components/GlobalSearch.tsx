import { useEffect, useId, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";

/** The search box in the header: dealers, contacts, interactions and tickets, on the Search page. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === "/search" ? (params.get("q") ?? "") : "";
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  return (
    <form
      className="global-search"
      role="search"
      aria-label={t("search.title")}
      onSubmit={(e) => {
        e.preventDefault();
        const query = q.trim();
        if (query) navigate(`/search?q=${encodeURIComponent(query)}`);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        value={q}
        maxLength={200}
        placeholder={t("search.placeholder")}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      <button type="submit" className="button">
        {t("search.submit")}
      </button>
    </form>
  );
}
