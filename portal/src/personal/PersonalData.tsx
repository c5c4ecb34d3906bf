import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation } from "urql";
import { refusal } from "../errors";
import { ErasePersonalDataMutation, ExportPersonalDataQuery } from "./ops";

type Subject = { userID: string; contactID?: undefined } | { contactID: string; userID?: undefined };

/**
 * Export and erase a person's personal data (a user's or a contact's). The
 * API says who may (canExport, canErase); erasing asks why (the note kept
 * in the audit) and for the person's name typed again.
 */
export function PersonalDataActions({
  subject,
  name,
  canExport,
  canErase,
  onErased,
}: {
  subject: Subject;
  name: string;
  canExport: boolean;
  canErase: boolean;
  onErased?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const [file, setFile] = useState<{ href: string; name: string; bytes: number } | null>(null);
  const [exporting, setExporting] = useState<{ fetching: boolean; error?: string }>({ fetching: false });
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const [typed, setTyped] = useState("");
  const [erased, setErased] = useState<string | null>(null);
  const [erasing, erase] = useMutation(ErasePersonalDataMutation);
  if (!canExport && !canErase) return null;

  const kind = subject.userID ? "user" : "contact";
  const subjectID = subject.userID ?? subject.contactID;
  const onExport = async () => {
    setExporting({ fetching: true });
    const r = await client.query(ExportPersonalDataQuery, subject, { requestPolicy: "network-only" }).toPromise();
    if (r.error || !r.data) {
      setExporting({ fetching: false, error: refusal(t, r.error, "personalData.refused") || t("personalData.exportFailed") });
      return;
    }
    const blob = new Blob([r.data.exportPersonalData], { type: "application/json" });
    const href = URL.createObjectURL(blob);
    const fileName = `personal-data-${kind}-${subjectID}.json`;
    setFile({ href, name: fileName, bytes: blob.size });
    setExporting({ fetching: false });
    const a = document.createElement("a");
    a.href = href;
    a.download = fileName;
    a.click();
  };
  const ready = note.trim() !== "" && typed.trim() === name.trim();
  const onErase = async () => {
    const r = await erase({ ...subject, note: note.trim() });
    if (!r.error && r.data) {
      setErased(r.data.erasePersonalData.placeholder);
      setConfirming(false);
      setNote("");
      setTyped("");
      onErased?.();
    }
  };

  return (
    <div className="personal-data" data-personal={kind} data-subject={subjectID}>
      <p className="actions-row">
        {canExport && (
          <button type="button" className="button button-quiet" data-action="export-personal-data" disabled={exporting.fetching} onClick={onExport}>
            {t("personalData.export")}
          </button>
        )}
        {canErase && !confirming && !erased && (
          <button type="button" className="button button-quiet button-danger" data-action="erase-personal-data" onClick={() => setConfirming(true)}>
            {t("personalData.erase")}
          </button>
        )}
      </p>
      {file && (
        <p className="hint" role="status">
          <a href={file.href} download={file.name} data-personal-file={file.name} data-bytes={file.bytes}>
            {t("personalData.downloaded", { file: file.name })}
          </a>
        </p>
      )}
      {exporting.error && (
        <p className="field-error" role="alert">
          {exporting.error}
        </p>
      )}
      {confirming && (
        <div className="notice confirm-erase" role="alertdialog" aria-labelledby={`${id}-warn`}>
          <p id={`${id}-warn`}>{t("personalData.confirm", { name })}</p>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t("personalData.note")}</label>
            <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
            <p className="hint">{t("personalData.noteHint")}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("personalData.typeName", { name })}</label>
            <input id={`${id}-name`} name="confirmName" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          {erasing.error && (
            <p className="field-error" role="alert">
              {refusal(t, erasing.error, "personalData.refused")}
            </p>
          )}
          <p className="actions-row">
            <button type="button" className="button button-primary button-danger" data-action="confirm-erase" disabled={!ready || erasing.fetching} onClick={onErase}>
              {t("personalData.confirmErase")}
            </button>{" "}
            <button type="button" className="button" data-action="cancel-erase" onClick={() => setConfirming(false)}>
              {t("personalData.cancel")}
            </button>
          </p>
        </div>
      )}
      {erased && (
        <p className="notice notice-ok" role="status" data-erased={erased}>
          {t("personalData.erased", { placeholder: erased })}
        </p>
      )}
    </div>
  );
}
