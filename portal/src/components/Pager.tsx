import { useTranslation } from "react-i18next";

export type PageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
};

/** Previous and next for a Relay connection; the page is kept in the URL. */
export function Pager({
  pageInfo,
  onPage,
}: {
  pageInfo: PageInfo;
  onPage: (page: { after?: string; before?: string }) => void;
}) {
  const { t } = useTranslation();
  if (!pageInfo.hasNextPage && !pageInfo.hasPreviousPage) return null;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button
        type="button"
        className="button"
        disabled={!pageInfo.hasPreviousPage || !pageInfo.startCursor}
        onClick={() => onPage({ before: pageInfo.startCursor ?? undefined })}
      >
        {t("pager.previous")}
      </button>
      <button
        type="button"
        className="button"
        disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
        onClick={() => onPage({ after: pageInfo.endCursor ?? undefined })}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
