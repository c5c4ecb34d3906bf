import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { useMutation } from "urql";
import type { AttachmentFieldsFragment } from "../gql/graphql";
import { refusal } from "../errors";
import { formatTime } from "../format";
import { downloadFile, progressFetch, useLocalPreview, useObjectURL } from "./fetchFile";
import { ACCEPT, ACCEPT_PHOTO, fileKind, formatSize, likelyAccepted, uploadRefusal } from "./files";
import { DeleteAttachmentMutation, UploadAttachmentMutation } from "./ops";
import "./attachments.css";

export type Attachment = AttachmentFieldsFragment;

type Props = {
  /** What the files belong to: a ticket, a reply, a report, a case, a comment, a return, an agreement, a claim. */
  parentID: string;
  attachments: readonly Attachment[] | null | undefined;
  /** Whether the viewer may add files here (the server decides in the end). */
  canAttach?: boolean;
  /** Called after a file was added or deleted, e.g. to reload the page's query. */
  onChange?: () => void;
  /** A reply's or comment's files: no heading, nothing shown while empty. */
  compact?: boolean;
};

type Staged = { key: string; file: File; error: string };

/**
 * The files of one thing: image thumbnails (opened in a viewer) and chips for
 * other files (downloaded), each with its size, who added it and when, and
 * delete where the server allows it; then a place to add files: drop them
 * on a desktop, take a photo or choose a file on a phone, see what was
 * chosen, and send.
 */
export function Attachments({ parentID, attachments, canAttach = true, onChange, compact = false }: Props) {
  const { t } = useTranslation();
  const headingID = useId();
  // What this page added or deleted, shown at once until the page's own
  // data has it.
  const [added, setAdded] = useState<Attachment[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const given = attachments ?? [];
  const known = new Set(given.map((a) => a.id));
  const shown = [...given, ...added.filter((a) => !known.has(a.id))].filter((a) => !removed.has(a.id));
  const [viewing, setViewing] = useState<Attachment | null>(null);
  // A row's or reply's attach area opens on demand.
  const [adding, setAdding] = useState(false);

  if (compact && !shown.length && !canAttach) return null;
  const images = shown.filter((a) => a.isImage);
  const files = shown.filter((a) => !a.isImage);

  return (
    <section className={`attachments${compact ? " attachments-compact" : ""}`} aria-labelledby={headingID} data-attachments={parentID}>
      <h3 id={headingID} className={compact ? "visually-hidden" : "attachments-title"}>
        {t("attachments.title")}
        {shown.length > 0 && <span className="muted"> ({shown.length})</span>}
      </h3>
      {!shown.length && !compact && <p className="muted attachments-none">{t("attachments.none")}</p>}
      {images.length > 0 && (
        <ul className="attachment-thumbs">
          {images.map((a) => (
            <li key={a.id}>
              <Thumbnail attachment={a} onOpen={() => setViewing(a)} />
              <AttachmentMeta attachment={a} onDeleted={() => {
                setRemoved((r) => new Set(r).add(a.id));
                onChange?.();
              }} />
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="attachment-files">
          {files.map((a) => (
            <li key={a.id}>
              <FileChip attachment={a} />
              <AttachmentMeta attachment={a} onDeleted={() => {
                setRemoved((r) => new Set(r).add(a.id));
                onChange?.();
              }} />
            </li>
          ))}
        </ul>
      )}
      {canAttach && compact && !adding && (
        <button type="button" className="attachment-text-button attachment-add" onClick={() => setAdding(true)} data-action="add-attachment">
          {t("attachments.add")}
        </button>
      )}
      {canAttach && (!compact || adding) && (
        <AttachArea
          parentID={parentID}
          compact={compact}
          onUploaded={(a) => {
            setAdded((list) => [...list, a]);
            onChange?.();
          }}
        />
      )}
      {viewing && <Viewer attachment={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

function Thumbnail({ attachment: a, onOpen }: { attachment: Attachment; onOpen: () => void }) {
  const { t } = useTranslation();
  const { src, failed } = useObjectURL(a.thumbnailURL ?? a.url);
  return (
    <button type="button" className="attachment-thumb" onClick={onOpen} aria-label={t("attachments.open", { name: a.fileName })} data-attachment={a.id}>
      {src ? (
        <img src={src} alt={a.fileName} loading="lazy" />
      ) : (
        <span className="attachment-thumb-wait" aria-hidden="true">
          {failed ? "!" : ""}
        </span>
      )}
    </button>
  );
}

function FileChip({ attachment: a }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const kind = fileKind(a.contentType, a.fileName);
  return (
    <button
      type="button"
      className="attachment-chip"
      data-attachment={a.id}
      disabled={state === "busy"}
      aria-label={t("attachments.download", { name: a.fileName })}
      onClick={async () => {
        setState("busy");
        try {
          await downloadFile(a.url, a.fileName);
          setState("idle");
        } catch {
          setState("failed");
        }
      }}
    >
      <span className="attachment-kind" data-kind={kind}>
        {t(`attachments.kind.${kind}`)}
      </span>
      <span className="attachment-name">{a.fileName}</span>
      {state === "failed" && (
        <span className="field-error" role="alert">
          {t("attachments.downloadFailed")}
        </span>
      )}
    </button>
  );
}

/** Size, who added it and when; and delete, asked twice. */
function AttachmentMeta({ attachment: a, onDeleted }: { attachment: Attachment; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [deleting, remove] = useMutation(DeleteAttachmentMutation);
  const [error, setError] = useState<CombinedError | null>(null);
  return (
    <div className="attachment-meta">
      {a.isImage && <span className="attachment-name">{a.fileName}</span>}
      <span className="muted">
        {formatSize(a.size, i18n.language)} · {a.uploaderName} ·{" "}
        <time dateTime={a.createdAt}>{formatTime(a.createdAt, i18n.language)}</time>
      </span>
      {a.canDelete && !confirming && (
        <button type="button" className="attachment-text-button attachment-delete" onClick={() => setConfirming(true)} data-action="delete-attachment">
          {t("attachments.delete")}
        </button>
      )}
      {a.canDelete && confirming && (
        <span className="attachment-confirm" role="group" aria-label={t("attachments.confirmDelete", { name: a.fileName })}>
          <span>{t("attachments.confirmDelete", { name: a.fileName })}</span>
          <button
            type="button"
            className="button attachment-danger"
            disabled={deleting.fetching}
            data-action="confirm-delete-attachment"
            onClick={async () => {
              const res = await remove({ id: a.id });
              if (res.error) setError(res.error);
              else {
                setConfirming(false);
                onDeleted();
              }
            }}
          >
            {t("attachments.deleteYes")}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} disabled={deleting.fetching}>
            {t("attachments.deleteNo")}
          </button>
        </span>
      )}
      {error && (
        <p className="field-error" role="alert">
          {refusal(t, error, "attachments.refused")}
        </p>
      )}
    </div>
  );
}

/** The full image, over the page; Escape or the close button returns. */
function Viewer({ attachment: a, onClose }: { attachment: Attachment; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const { src, failed } = useObjectURL(a.url);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === "function") d.showModal();
      else d.setAttribute("open", "");
    }
  }, []);
  return (
    <dialog ref={ref} className="attachment-viewer" onClose={onClose} aria-label={a.fileName} data-viewer={a.id}>
      <div className="attachment-viewer-head">
        <span className="attachment-name">{a.fileName}</span>
        <button type="button" className="button" onClick={() => void downloadFile(a.url, a.fileName).catch(() => undefined)}>
          {t("attachments.save")}
        </button>
        <button type="button" className="button" onClick={() => ref.current?.close()} autoFocus>
          {t("attachments.close")}
        </button>
      </div>
      {src ? <img src={src} alt={a.fileName} /> : <p className="state">{failed ? t("attachments.downloadFailed") : t("state.loading")}</p>}
    </dialog>
  );
}

/** Sends staged files to parentID one by one, with the progress of the one on its way. */
function useUploader() {
  const { t } = useTranslation();
  const [sending, setSending] = useState<{ name: string; progress: number } | null>(null);
  const [, upload] = useMutation(UploadAttachmentMutation);
  /** Sends each file; returns those refused, each with its reason, and calls onUploaded for the others. */
  const send = async (parentID: string, staged: Staged[], onUploaded?: (a: Attachment) => void): Promise<Staged[]> => {
    const left: Staged[] = [];
    for (const s of staged) {
      setSending({ name: s.file.name, progress: 0 });
      const res = await upload(
        { parentID, file: s.file },
        { fetch: progressFetch((progress) => setSending({ name: s.file.name, progress })), requestPolicy: "network-only" },
      );
      if (res.data?.uploadAttachment) {
        onUploaded?.(res.data.uploadAttachment);
        continue;
      }
      const why = uploadRefusal(res.error);
      const error =
        why && why !== "other"
          ? t(`attachments.refused.${why}`, { name: s.file.name })
          : refusal(t, res.error, "attachments.refused") || t("errors.code.other");
      left.push({ ...s, error });
    }
    setSending(null);
    return left;
  };
  return { sending, send };
}

let seq = 0;
const toStaged = (list: FileList | null | undefined): Staged[] => [...(list ?? [])].map((file) => ({ key: String(++seq), file, error: "" }));

/** The two ways in: the camera (shown on a phone) and the file picker. */
function Pickers({ onFiles, disabled }: { onFiles: (files: Staged[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const chosen = (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = toStaged(e.currentTarget.files);
    e.currentTarget.value = "";
    if (files.length) onFiles(files);
  };
  return (
    <>
      <div className="attach-buttons">
        <button type="button" className="button attach-camera" onClick={() => camera.current?.click()} disabled={disabled}>
          {t("attachments.takePhoto")}
        </button>
        <button type="button" className="button" onClick={() => picker.current?.click()} disabled={disabled}>
          {t("attachments.choose")}
        </button>
      </div>
      <input
        ref={camera}
        id={`${id}-camera`}
        type="file"
        accept={ACCEPT_PHOTO}
        capture="environment"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-attach-input="camera"
        onChange={chosen}
      />
      <input
        ref={picker}
        id={`${id}-file`}
        type="file"
        accept={ACCEPT}
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-attach-input="file"
        onChange={chosen}
      />
    </>
  );
}

/** The files chosen, with previews, and the progress of the one being sent. */
function StagedList({
  staged,
  sending,
  onRemove,
}: {
  staged: Staged[];
  sending: { name: string; progress: number } | null;
  onRemove: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (!staged.length) return null;
  return (
    <div className="attach-staged" aria-label={t("attachments.chosen")} role="group">
      <ul>
        {staged.map((s) => (
          <StagedFile key={s.key} staged={s} locale={i18n.language} busy={!!sending} onRemove={() => onRemove(s.key)} />
        ))}
      </ul>
      {sending && (
        <div className="attach-progress" role="status">
          <span>{t("attachments.sending", { name: sending.name })}</span>
          <progress max={1} value={sending.progress} aria-label={t("attachments.sending", { name: sending.name })} />
        </div>
      )}
    </div>
  );
}

/** Adding files: drop or choose (or take a photo), see them, send. */
function AttachArea({ parentID, compact, onUploaded }: { parentID: string; compact: boolean; onUploaded: (a: Attachment) => void }) {
  const { t } = useTranslation();
  const [staged, setStaged] = useState<Staged[]>([]);
  const [dragging, setDragging] = useState(false);
  const { sending, send } = useUploader();

  return (
    <div
      className={`attach${dragging ? " attach-dragging" : ""}${compact ? " attach-compact" : ""}`}
      data-attach-area={parentID}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes("Files")) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setDragging(false);
        const files = toStaged(e.dataTransfer.files);
        setStaged((s) => [...s, ...files]);
      }}
    >
      <p className="attach-drop">{t("attachments.drop")}</p>
      <Pickers disabled={!!sending} onFiles={(files) => setStaged((s) => [...s, ...files])} />
      {!compact && <p className="muted attach-hint">{t("attachments.hint")}</p>}
      <StagedList staged={staged} sending={sending} onRemove={(key) => setStaged((list) => list.filter((x) => x.key !== key))} />
      {staged.length > 0 && !sending && (
        <div className="actions-row attach-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={async () => setStaged(await send(parentID, staged, onUploaded))}
            data-action="send-attachments"
          >
            {t("attachments.send", { count: staged.length })}
          </button>
          <button type="button" className="button" onClick={() => setStaged([])}>
            {t("attachments.cancel")}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Files to send with something being written (a reply, a comment): chosen
 * now, sent by send(parentID) once what they belong to exists.
 */
export function useFilesToSend() {
  const [staged, setStaged] = useState<Staged[]>([]);
  const { sending, send } = useUploader();
  return {
    staged,
    setStaged,
    sending,
    /** Sends the chosen files to parentID; true when every one was taken (the refused stay, with their reasons). */
    send: async (parentID: string): Promise<boolean> => {
      if (!staged.length) return true;
      const left = await send(parentID, staged);
      setStaged(left);
      return left.length === 0;
    },
  };
}

/** The picker and chosen files of a reply or comment form. */
export function FilesToSend({ files }: { files: ReturnType<typeof useFilesToSend> }) {
  const { t } = useTranslation();
  return (
    <div className="attach attach-compact attach-with-message" data-attach-area="message">
      <p className="muted attach-label">{t("attachments.withMessage")}</p>
      <Pickers disabled={!!files.sending} onFiles={(more) => files.setStaged((s) => [...s, ...more])} />
      <StagedList
        staged={files.staged}
        sending={files.sending}
        onRemove={(key) => files.setStaged((list) => list.filter((x) => x.key !== key))}
      />
    </div>
  );
}

function StagedFile({ staged: s, locale, busy, onRemove }: { staged: Staged; locale: string; busy: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  const image = s.file.type.startsWith("image/");
  const preview = useLocalPreview(image ? s.file : null);
  const kind = fileKind(s.file.type, s.file.name);
  return (
    <li className="attach-chosen" data-staged={s.file.name}>
      {image ? (
        preview ? <img src={preview} alt={t("attachments.preview", { name: s.file.name })} className="attach-preview" /> : <span className="attach-preview" />
      ) : (
        <span className="attachment-kind" data-kind={kind}>
          {t(`attachments.kind.${kind}`)}
        </span>
      )}
      <span className="attach-chosen-text">
        <span className="attachment-name">{s.file.name}</span>
        <span className="muted">{formatSize(s.file.size, locale)}</span>
        {!likelyAccepted(s.file) && !s.error && <span className="muted">{t("attachments.unusualType")}</span>}
        {s.error && (
          <span className="field-error" role="alert">
            {s.error}
          </span>
        )}
      </span>
      <button type="button" className="attachment-text-button" onClick={onRemove} disabled={busy} aria-label={t("attachments.remove", { name: s.file.name })}>
        ×
      </button>
    </li>
  );
}
