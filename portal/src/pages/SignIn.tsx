import { useEffect, useId, useState } from "react";
import { Link, Navigate, useLocation, useNavigate, type Location } from "react-router";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionProvider";
import { clearEndReason, sessionEndReason, signedIn } from "../auth/session";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { usePageTitle } from "../components/usePageTitle";
import { refusal } from "../errors";

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
    }
  }
`);

export function SignIn() {
  const { t } = useTranslation();
  usePageTitle(t("signIn.title"));
  const { token } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: Location } | null)?.from;
  const back = from && from.pathname !== "/signin" ? from.pathname + from.search : "/";

  // Why the last session ended, read once when the page opens.
  const [ended] = useState(sessionEndReason);
  useEffect(clearEndReason, []);

  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [{ fetching, error }, login] = useMutation(LoginMutation);

  if (token) return <Navigate to={back} replace />;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await login({ email: email.trim(), password });
    const newToken = result.data?.login.token;
    if (newToken) {
      signedIn(newToken);
      navigate(back, { replace: true });
    }
  };

  const problem = error ? refusal(t, error, "signIn.refused") : null;

  return (
    <div className="signin-page">
      <header className="signin-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin">
        <h1>{t("signIn.title")}</h1>
        {ended && (
          <p className="notice" role="status">
            {ended === "expired" ? t("signIn.sessionEnded") : t("signIn.signedOut")}
          </p>
        )}
        <p>{t("signIn.intro")}</p>
        <form onSubmit={submit} className="form" noValidate>
          <div className="field">
            <label htmlFor={emailId}>{t("signIn.email")}</label>
            <input
              id={emailId}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t("signIn.password")}</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {problem && (
            <p className="state state-error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={fetching}>
            {fetching ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </form>
        <p>
          <Link to="/forgot-password" data-link="forgot-password">
            {t("signIn.forgot")}
          </Link>
        </p>
      </main>
    </div>
  );
}
