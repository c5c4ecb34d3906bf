import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../components/usePageTitle";

export function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
