// The pages a person opens signed out: accepting an invitation, asking for
// a password reset, and setting a new password with the reset link.
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { signedIn } from "../auth/session";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { usePageTitle } from "../components/usePageTitle";
import { refusal } from "../errors";
import { AcceptInvitationMutation, RequestPasswordResetMutation, ResetPasswordMutation } from "./ops";

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div className="signin-page">
      <header className="signin-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

function PasswordField({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name="password" type="password" autoComplete="new-password" required minLength={8} value={value}
        onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="hint">
        {t("account.passwordRule")}
      </p>
    </div>
  );
}

/** /invitation/:token — choose a password (and the name shown), then signed in. */
export function AcceptInvitation() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const nameId = useId();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [{ fetching, error }, accept] = useMutation(AcceptInvitationMutation);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await accept({ token, password, name: name.trim() || null });
    const newToken = r.data?.acceptInvitation.token;
    if (newToken) {
      signedIn(newToken);
      navigate("/", { replace: true });
    }
  };
  return (
    <Frame title={t("account.invitationTitle")}>
      <p>{t("account.invitationIntro")}</p>
      <form onSubmit={submit} className="form" noValidate>
        <div className="field">
          <label htmlFor={nameId}>{t("account.yourName")}</label>
          <input id={nameId} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)}
            placeholder={t("account.keepName")} />
        </div>
        <PasswordField value={password} onChange={setPassword} label={t("account.choosePassword")} />
        {error && (
          <p className="state state-error" role="alert">
            {refusal(t, error, "account.refused")}
          </p>
        )}
        <button type="submit" className="button button-primary" data-action="accept" disabled={fetching}>
          {t("account.acceptSubmit")}
        </button>
      </form>
    </Frame>
  );
}

/** /forgot-password — ask for a reset link; the answer is the same whoever asks. */
export function ForgotPassword() {
  const { t } = useTranslation();
  const emailId = useId();
  const [email, setEmail] = useState("");
  const [done, setDone] = useState(false);
  const [{ fetching, error }, request] = useMutation(RequestPasswordResetMutation);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await request({ email: email.trim() });
    if (r.data) setDone(true);
  };
  return (
    <Frame title={t("account.forgotTitle")}>
      {done ? (
        <p className="notice" role="status" data-state="requested">
          {t("account.forgotDone")}
        </p>
      ) : (
        <>
          <p>{t("account.forgotIntro")}</p>
          <form onSubmit={submit} className="form" noValidate>
            <div className="field">
              <label htmlFor={emailId}>{t("signIn.email")}</label>
              <input id={emailId} name="email" type="email" autoComplete="username" required value={email}
                onChange={(e) => setEmail(e.target.value)} />
            </div>
            {error && (
              <p className="state state-error" role="alert">
                {refusal(t, error, "account.refused")}
              </p>
            )}
            <button type="submit" className="button button-primary" data-action="request-reset" disabled={fetching}>
              {t("account.forgotSubmit")}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/signin">{t("account.backToSignIn")}</Link>
      </p>
    </Frame>
  );
}

/** /reset-password/:token — set a new password, then sign in with it. */
export function ResetPassword() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const [{ fetching, error }, reset] = useMutation(ResetPasswordMutation);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await reset({ token, password });
    if (r.data?.resetPassword) setDone(true);
  };
  return (
    <Frame title={t("account.resetTitle")}>
      {done ? (
        <p className="notice" role="status" data-state="reset">
          {t("account.resetDone")} <Link to="/signin">{t("signIn.submit")}</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="form" noValidate>
          <PasswordField value={password} onChange={setPassword} label={t("account.newPassword")} />
          {error && (
            <p className="state state-error" role="alert">
              {refusal(t, error, "account.refused")}
            </p>
          )}
          <button type="submit" className="button button-primary" data-action="reset" disabled={fetching}>
            {t("account.resetSubmit")}
          </button>
        </form>
      )}
    </Frame>
  );
}
