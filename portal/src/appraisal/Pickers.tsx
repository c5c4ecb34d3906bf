import { useId } from "react";
import { useTranslation } from "react-i18next";
import { buildPeriod, periodOf, splitPeriod, type PeriodKind, type SubjectKind } from "./appraisal";
import { localName } from "../i18n/localName";

/**
 * A calendar period chosen as a kind (month, quarter, year), a year and a
 * month or quarter; built as the API's period string. Years reach back from
 * today's business date.
 */
export function PeriodPicker({ value, today, onChange }: { value: string; today: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const kindId = useId();
  const yearId = useId();
  const partId = useId();
  const parts = splitPeriod(value) ?? { kind: "MONTH" as PeriodKind, year: Number(today.slice(0, 4)), n: 1 };
  const thisYear = Number(today.slice(0, 4));
  const years = [0, 1, 2, 3].map((d) => thisYear - d);
  // Changing the kind keeps the year and takes the part today's date falls in.
  const setKind = (kind: PeriodKind) => onChange(periodOf(kind, `${parts.year}${today.slice(4)}`));
  return (
    <div className="filter period-picker">
      <label htmlFor={kindId}>{t("appraisal.periodKind")}</label>
      <select id={kindId} name="periodKind" value={parts.kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
        {(["MONTH", "QUARTER", "YEAR"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`appraisal.kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={yearId}>{t("appraisal.year")}</label>
      <select id={yearId} name="year" value={parts.year} onChange={(e) => onChange(buildPeriod(parts.kind, Number(e.target.value), parts.n))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      {parts.kind !== "YEAR" && (
        <>
          <label htmlFor={partId}>{t(parts.kind === "MONTH" ? "appraisal.month" : "appraisal.quarter")}</label>
          <select id={partId} name="part" value={parts.n} onChange={(e) => onChange(buildPeriod(parts.kind, parts.year, Number(e.target.value)))}>
            {Array.from({ length: parts.kind === "MONTH" ? 12 : 4 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {parts.kind === "MONTH" ? t(`quotas.month.${String(n).padStart(2, "0")}`) : `Q${n}`}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

export type Named = { id: string; code: string; name: string; nameZh?: string | null };

/** Which dealer, channel or territory to appraise, among those the viewer may see. */
export function SubjectPicker({
  kind,
  id,
  options,
  onChange,
}: {
  kind: SubjectKind;
  id: string;
  options: Record<SubjectKind, Named[]>;
  onChange: (kind: SubjectKind, id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const kindId = useId();
  const subjectId = useId();
  const list = options[kind];
  return (
    <div className="filter subject-picker">
      <label htmlFor={kindId}>{t("appraisal.subjectKind")}</label>
      <select id={kindId} name="subjectKind" value={kind} onChange={(e) => onChange(e.target.value as SubjectKind, options[e.target.value as SubjectKind][0]?.id ?? "")}>
        {(["dealer", "channel", "territory"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`appraisal.subject.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={subjectId} className="visually-hidden">
        {t(`appraisal.subject.${kind}`)}
      </label>
      <select id={subjectId} name="subject" value={id} onChange={(e) => onChange(kind, e.target.value)}>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {localName(s, i18n.language)} ({s.code})
          </option>
        ))}
      </select>
    </div>
  );
}
